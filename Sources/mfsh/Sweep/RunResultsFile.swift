import Foundation
import MixFlowOps
import Runtime

/// One sweep run's record: a JSON-lines file the run's own mfsh process appends to (its path is
/// in the environment variable `MFSH_RESULTS`). Each `result(name, value)` adds a line
///
///     {"result":"w2","type":"number","value":"0.1473"}
///
/// (the value as text, so NaN and infinities survive), and the end of the run adds
///
///     {"exit":0,"seconds":12.31}
///
/// Each line goes out in one `write` on a file opened for appending, so a line is never torn
/// and lines from a crashed run are still whole. When a process dies before writing its exit
/// line, whoever started it (the local sweep, or the SLURM task script) adds one.
struct RunResultsFile {
    static let environmentKey = "MFSH_RESULTS"
    /// Read limit: a run's record is a few lines; anything larger is not one.
    static let maxBytes = 16 << 20

    let path: String

    /// A result as it is recorded.
    struct Line: Codable, Equatable {
        var result: String?
        var type: String?
        var value: String?
        var exit: Int32?
        var seconds: Double?
    }

    func appendResult(_ name: String, _ value: Value) throws {
        let (type, text): (String, String)
        switch value {
        case .number(let number): (type, text) = ("number", CSV.number(number))
        case .bool(let flag): (type, text) = ("bool", flag ? "true" : "false")
        case .string(let string): (type, text) = ("string", string)
        default: throw RecordError("only numbers, strings and bools can be results")
        }
        try append(Line(result: name, type: type, value: text))
    }

    func appendExit(_ status: Int32, seconds: Double?) throws {
        try append(Line(exit: status, seconds: seconds.map { ($0 * 1000).rounded() / 1000 }))
    }

    /// Appends one JSON line with a single `write` (O_APPEND), only to a regular file.
    private func append(_ line: Line) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(line)
        data.append(UInt8(ascii: "\n"))
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw RecordError("cannot open '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw RecordError("'\(path)' is not a regular file")
        }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count else { throw RecordError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
    }

    /// The record read back; nil when the file does not exist. Lines that do not parse (a file
    /// edited by hand) are skipped and counted.
    func read() throws -> RunRecord? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: Self.maxBytes + 1) ?? Data()
        guard data.count <= Self.maxBytes else { throw RecordError("'\(path)' is larger than \(Self.maxBytes >> 20) MiB") }
        var record = RunRecord()
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let entry = try? decoder.decode(Line.self, from: Data(line)) else {
                record.unreadableLines += 1
                continue
            }
            if let name = entry.result, let type = entry.type, let text = entry.value {
                record.setResult(name, RunRecord.Result(type: type, text: text))
            } else if let status = entry.exit {
                record.exitStatus = status
                record.seconds = entry.seconds
            } else {
                record.unreadableLines += 1
            }
        }
        return record
    }
}
