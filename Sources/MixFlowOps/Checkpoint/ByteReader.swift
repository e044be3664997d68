import Foundation

/// Bounds-checked little-endian reading of a checkpoint; running past the end is reported as
/// a malformed file naming what was being read.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int
    let source: String
    var end: Int

    init(bytes: [UInt8], offset: Int, source: String, end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.source = source
        self.end = end ?? bytes.count
    }

    mutating func read<I: FixedWidthInteger>(_: I.Type, what: String) throws(CheckpointError) -> I {
        let size = MemoryLayout<I>.size
        guard offset + size <= end else {
            throw .malformed(source: source, detail: "ends while reading \(what) at byte \(offset)")
        }
        var value: I = 0
        for i in 0..<size { value |= I(bytes[offset + i]) << (8 * i) }
        offset += size
        return value
    }

    mutating func readBytes(_ count: Int, what: String) throws(CheckpointError) -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= end else {
            throw .malformed(source: source, detail: "ends while reading \(what) (\(count) bytes at byte \(offset))")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func readCheckpoint() throws(CheckpointError) -> Checkpoint {
        var checkpoint = Checkpoint()
        let count = try read(UInt32.self, what: "the entry count")
        for index in 0..<Int(count) {
            let kind = try read(UInt8.self, what: "the kind of entry \(index)")
            let nameLength = try read(UInt32.self, what: "the name length of entry \(index)")
            let nameBytes = try readBytes(Int(nameLength), what: "the name of entry \(index)")
            guard let name = String(validating: nameBytes, as: UTF8.self), !name.isEmpty else {
                throw .malformed(source: source, detail: "entry \(index) has an invalid name")
            }
            guard checkpoint.entries[name] == nil else { throw .malformed(source: source, detail: "entry '\(name)' appears twice") }
            checkpoint.set(name, try readEntry(kind: kind, name: name))
        }
        guard offset == end else { throw .malformed(source: source, detail: "\(end - offset) unread bytes after the last entry") }
        return checkpoint
    }

    private mutating func readEntry(kind: UInt8, name: String) throws(CheckpointError) -> CheckpointEntry {
        switch kind {
        case 1:
            let (rows, cols) = try readShape(name)
            let raw = try readBytes(rows * cols * 4, what: "the values of '\(name)'")
            return .float32(Matrix(rows: rows, cols: cols, storage: decodeValues(raw, width: 4) { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }))
        case 2:
            let (rows, cols) = try readShape(name)
            let raw = try readBytes(rows * cols * 8, what: "the values of '\(name)'")
            return .float64(Matrix(rows: rows, cols: cols, storage: decodeValues(raw, width: 8) { Double(bitPattern: $0) }))
        case 3:
            let length = try read(UInt64.self, what: "the length of blob '\(name)'")
            guard length <= UInt64(end - offset) else {
                throw .malformed(source: source, detail: "blob '\(name)' claims \(length) bytes, only \(end - offset) remain")
            }
            return .blob(Data(try readBytes(Int(length), what: "blob '\(name)'")))
        default:
            throw .malformed(source: source, detail: "entry '\(name)' has unknown kind \(kind)")
        }
    }

    private mutating func readShape(_ name: String) throws(CheckpointError) -> (Int, Int) {
        let rank = try read(UInt32.self, what: "the rank of '\(name)'")
        guard rank == 2 else { throw .malformed(source: source, detail: "tensor '\(name)' has rank \(rank); only rank 2 is supported") }
        let rows = try read(UInt64.self, what: "the shape of '\(name)'"), cols = try read(UInt64.self, what: "the shape of '\(name)'")
        let remaining = UInt64(end - offset)
        // Each side is bounded first so the product cannot overflow; an empty tensor (0 x k) is
        // legal even as the last entry, where no bytes remain.
        let sideLimit = UInt64(Int32.max)
        guard rows <= sideLimit, cols <= sideLimit, rows * cols <= remaining else {
            throw .malformed(source: source, detail: "tensor '\(name)' claims shape \(rows)x\(cols), more than the \(remaining) bytes left")
        }
        return (Int(rows), Int(cols))
    }

    private func decodeValues<V>(_ raw: ArraySlice<UInt8>, width: Int, _ make: (UInt64) -> V) -> [V] {
        var values: [V] = []
        values.reserveCapacity(raw.count / width)
        var i = raw.startIndex
        while i < raw.endIndex {
            var bits: UInt64 = 0
            for b in 0..<width { bits |= UInt64(raw[i + b]) << (8 * b) }
            values.append(make(bits))
            i += width
        }
        return values
    }
}
