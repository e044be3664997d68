import Foundation

/// The on-disk layout of a checkpoint (all integers little-endian):
///
///     offset 0   8 bytes   signature "MFCKPT\r\n" (the CR LF catches text-mode mangling)
///     offset 8   UInt32    format version (currently 1)
///     offset 12  UInt64    body length B
///     offset 20  B bytes   body: UInt32 entry count, then the entries
///     offset 20+B UInt32   CRC-32 of bytes [0, 20 + B)
///
/// An entry is: UInt8 kind (1 float32 tensor, 2 float64 tensor, 3 blob), UInt32 name length,
/// the UTF-8 name; a tensor then has UInt32 rank (2), UInt64 per dimension, and the values in
/// row-major order (IEEE 754 little-endian); a blob has UInt64 length and its bytes.
public enum CheckpointFormat {
    public static let signature: [UInt8] = Array("MFCKPT\r\n".utf8)
    public static let version: UInt32 = 1
    static let headerSize = 20

    public static func encode(_ checkpoint: Checkpoint) -> Data {
        var body = ByteWriter()
        body.append(UInt32(checkpoint.names.count))
        for name in checkpoint.names { body.appendEntry(name, checkpoint.entries[name]!) }
        var out = ByteWriter()
        out.bytes.reserveCapacity(body.bytes.count + headerSize + 4)
        out.bytes += signature
        out.append(version)
        out.append(UInt64(body.bytes.count))
        out.bytes += body.bytes
        out.append(CRC32.checksum(out.bytes))
        return Data(out.bytes)
    }

    /// Verifies signature, version, length and checksum, then parses the entries. `source`
    /// names the file in error messages.
    public static func decode(_ data: Data, source: String) throws(CheckpointError) -> Checkpoint {
        let bytes = [UInt8](data)
        guard bytes.starts(with: signature.prefix(min(bytes.count, signature.count))), !bytes.isEmpty else {
            throw .notACheckpoint(source: source)
        }
        guard bytes.count >= headerSize else {
            throw .truncated(source: source, expectedBytes: headerSize + 4, foundBytes: bytes.count)
        }
        var header = ByteReader(bytes: bytes, offset: signature.count, source: source)
        let found = try header.read(UInt32.self, what: "the format version")
        guard found == version else { throw .unsupportedVersion(source: source, found: found, supported: version) }
        let bodyLength = try header.read(UInt64.self, what: "the body length")
        guard bodyLength <= UInt64(Int.max / 2) else { throw .malformed(source: source, detail: "impossible body length \(bodyLength)") }
        let expected = headerSize + Int(bodyLength) + 4
        guard bytes.count >= expected else { throw .truncated(source: source, expectedBytes: expected, foundBytes: bytes.count) }
        guard bytes.count == expected else {
            throw .malformed(source: source, detail: "\(bytes.count - expected) unexpected bytes after the checksum")
        }
        var trailer = ByteReader(bytes: bytes, offset: expected - 4, source: source)
        let stored = try trailer.read(UInt32.self, what: "the checksum")
        let computed = CRC32.checksum(bytes[0..<(expected - 4)])
        guard stored == computed else { throw .checksumMismatch(source: source, stored: stored, computed: computed) }
        var body = ByteReader(bytes: bytes, offset: headerSize, source: source, end: expected - 4)
        return try body.readCheckpoint()
    }
}

/// Little-endian serialisation into a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append<I: FixedWidthInteger>(_ value: I) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    mutating func appendEntry(_ name: String, _ entry: CheckpointEntry) {
        let kind: UInt8
        switch entry {
        case .float32: kind = 1
        case .float64: kind = 2
        case .blob: kind = 3
        }
        append(kind)
        let utf8 = Array(name.utf8)
        append(UInt32(utf8.count))
        bytes += utf8
        switch entry {
        case let .float32(m):
            appendShape(m.rows, m.cols)
            for v in m.storage { append(v.bitPattern) }
        case let .float64(m):
            appendShape(m.rows, m.cols)
            for v in m.storage { append(v.bitPattern) }
        case let .blob(data):
            append(UInt64(data.count))
            bytes += data
        }
    }

    private mutating func appendShape(_ rows: Int, _ cols: Int) {
        append(UInt32(2))
        append(UInt64(rows))
        append(UInt64(cols))
    }
}
