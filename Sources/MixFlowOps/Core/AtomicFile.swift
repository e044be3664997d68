import Foundation

/// Errors from writing output files, phrased for the person who asked for the file.
public enum FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingDirectory(path: String, directory: String)
    case permissionDenied(path: String)
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .missingDirectory(path, directory):
            return "cannot write '\(path)': directory '\(directory)' does not exist"
        case let .permissionDenied(path):
            return "cannot write '\(path)': permission denied"
        case let .failed(path, reason):
            return "cannot write '\(path)': \(reason)"
        }
    }
}

/// Writes files atomically: the bytes go to a temporary file in the destination directory, which
/// is then renamed over the destination. A reader never sees a half-written file, and a crash or
/// Ctrl-C mid-write leaves the previous version intact.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingDirectory(path: path, directory: directory)
        }
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw FileManager.default.isWritableFile(atPath: directory)
                ? .failed(path: path, reason: "could not create a temporary file in '\(directory)'")
                : .permissionDenied(path: path)
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw errno == EACCES ? .permissionDenied(path: path) : .failed(path: path, reason: reason)
        }
    }

    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Data(text.utf8), to: path)
    }
}
