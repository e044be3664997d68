import Foundation

extension AtomicFile {
    /// Atomic replacement for files that a library writes itself (HDF5 through libhdf5): `produce`
    /// writes the file at the temporary path it is given, in the destination's directory, which is
    /// then renamed over `path`. On any failure the temporary file is removed and the previous
    /// version of `path` stays as it was.
    public static func write<E: Error>(to path: String, producing produce: (_ temporaryPath: String) throws(E) -> Void) throws(AtomicProduceError<E>) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .file(.missingDirectory(path: path, directory: directory))
        }
        guard FileManager.default.isWritableFile(atPath: directory) else { throw .file(.permissionDenied(path: path)) }
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try produce(temporary)
        } catch {
            unlink(temporary)
            throw .producer(error)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw .file(code == EACCES ? .permissionDenied(path: path) : .failed(path: path, reason: String(cString: strerror(code))))
        }
    }
}

/// Why an atomic write through a producer failed: the file system, or the producer itself.
public enum AtomicProduceError<E: Error>: Error {
    case file(FileWriteError)
    case producer(E)
}
