import Foundation

/// One entry of a checkpoint: a float32 or float64 matrix, or an opaque blob (e.g. JSON with a
/// model's configuration or training history).
public enum CheckpointEntry: Equatable, Sendable {
    case float32(Matrix<Float>)
    case float64(Matrix<Double>)
    case blob(Data)

    var kindName: String {
        switch self {
        case let .float32(m): return "a float32 \(m.shapeDescription) tensor"
        case let .float64(m): return "a float64 \(m.shapeDescription) tensor"
        case let .blob(d): return "a \(d.count)-byte blob"
        }
    }
}

/// A named collection of tensors and blobs, saved in the versioned, checksummed mfsh checkpoint
/// format (see `CheckpointFormat`) and written atomically. Entry order is kept.
public struct Checkpoint: Equatable, Sendable {
    public private(set) var names: [String] = []
    public private(set) var entries: [String: CheckpointEntry] = [:]

    public init() {}

    /// Adds or replaces an entry.
    public mutating func set(_ name: String, _ entry: CheckpointEntry) {
        precondition(!name.isEmpty, "checkpoint entry names must not be empty")
        if entries.updateValue(entry, forKey: name) == nil { names.append(name) }
    }

    public mutating func set(_ name: String, _ matrix: Matrix<Float>) { set(name, .float32(matrix)) }
    public mutating func set(_ name: String, _ matrix: Matrix<Double>) { set(name, .float64(matrix)) }
    public mutating func set(_ name: String, blob: Data) { set(name, .blob(blob)) }

    /// Stores a Codable value as a JSON blob.
    public mutating func set<Value: Encodable>(_ name: String, json value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        set(name, blob: try encoder.encode(value))
    }

    public func entry(_ name: String) throws(CheckpointError) -> CheckpointEntry {
        guard let entry = entries[name] else { throw .missingEntry(name: name, available: names) }
        return entry
    }

    /// The float32 tensor `name`; a float64 tensor is converted.
    public func floatMatrix(_ name: String) throws(CheckpointError) -> Matrix<Float> {
        switch try entry(name) {
        case let .float32(m): return m
        case let .float64(m): return m.converted()
        case let other: throw .typeMismatch(name: name, expected: "a tensor", found: other.kindName)
        }
    }

    /// The float64 tensor `name`; a float32 tensor is converted.
    public func doubleMatrix(_ name: String) throws(CheckpointError) -> Matrix<Double> {
        switch try entry(name) {
        case let .float64(m): return m
        case let .float32(m): return m.converted()
        case let other: throw .typeMismatch(name: name, expected: "a tensor", found: other.kindName)
        }
    }

    public func blob(_ name: String) throws(CheckpointError) -> Data {
        guard case let .blob(data) = try entry(name) else {
            throw .typeMismatch(name: name, expected: "a blob", found: try entry(name).kindName)
        }
        return data
    }

    /// Decodes the JSON blob `name`.
    public func json<Value: Decodable>(_ name: String, as _: Value.Type = Value.self) throws -> Value {
        try JSONDecoder().decode(Value.self, from: blob(name))
    }

    /// Writes the checkpoint atomically (temporary file + rename).
    public func write(to path: String) throws(CheckpointError) {
        do { try AtomicFile.write(CheckpointFormat.encode(self), to: path) } catch { throw .cannotWrite(error) }
    }

    /// Reads and verifies a checkpoint file.
    /// Errors name the file `shown` (the path as the user wrote it), else `path`.
    public static func read(from path: String, shownAs shown: String? = nil) throws(CheckpointError) -> Checkpoint {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "\(error.localizedDescription)" : "no such file"
            throw .cannotRead(path: shown ?? path, reason: reason)
        }
        return try CheckpointFormat.decode(data, source: shown ?? path)
    }
}
