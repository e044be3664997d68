/// Why a checkpoint could not be read or applied. Each message names the file (or entry) and
/// what was wrong with it.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case notACheckpoint(source: String)
    case unsupportedVersion(source: String, found: UInt32, supported: UInt32)
    case truncated(source: String, expectedBytes: Int, foundBytes: Int)
    case checksumMismatch(source: String, stored: UInt32, computed: UInt32)
    case malformed(source: String, detail: String)
    case missingEntry(name: String, available: [String])
    case shapeMismatch(name: String, expected: String, found: String)
    case typeMismatch(name: String, expected: String, found: String)
    case cannotWrite(FileWriteError)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            return "cannot read checkpoint '\(path)': \(reason)"
        case let .notACheckpoint(source):
            return "'\(source)' is not an mfsh checkpoint (its first bytes are not the MFCKPT signature)"
        case let .unsupportedVersion(source, found, supported):
            return "'\(source)' uses checkpoint format version \(found); this build reads version \(supported)"
                + (found > supported ? " (written by a newer mfsh: upgrade to read it)" : "")
        case let .truncated(source, expected, found):
            return "'\(source)' is truncated: the header announces \(expected) bytes, the file has \(found)"
        case let .checksumMismatch(source, stored, computed):
            return "'\(source)' is corrupted: checksum \(hex(computed)) does not match the stored \(hex(stored))"
        case let .malformed(source, detail):
            return "'\(source)' is malformed: \(detail)"
        case let .missingEntry(name, available):
            return "checkpoint has no entry '\(name)' (it has: \(available.joined(separator: ", ")))"
        case let .shapeMismatch(name, expected, found):
            return "checkpoint entry '\(name)' is \(found), expected \(expected)"
        case let .typeMismatch(name, expected, found):
            return "checkpoint entry '\(name)' holds \(found), expected \(expected)"
        case let .cannotWrite(error):
            return error.description
        }
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
