import Foundation

extension AtomicFile {
    /// Atomic replacement for files that a library writes itself (HDF5 through libhdf5): `produce`
    /// writes the file at the temporary path it is given, in the destination's directory; the
    /// file is then flushed to disk and renamed over `path`. The destination is checked as for
    /// every write (only a regular, unprotected file is replaced); on any failure the temporary
    /// file is removed and the previous version of `path` stays as it was.
    public static func write<E: Error>(to path: String, producing produce: (_ temporaryPath: String) throws(E) -> Void) throws(AtomicProduceError<E>) {
        let directory: String
        do { directory = try checkTarget(path) } catch { throw .file(error) }
        removeStaleTemporaries(of: path, in: directory)
        let temporary = temporaryPath(for: path, in: directory)
        do {
            try produce(temporary)
        } catch {
            unlink(temporary)
            throw .producer(error)
        }
        let fd = open(temporary, O_RDONLY | O_CLOEXEC)
        let flushed = fd >= 0 && fsync(fd) == 0
        let code = errno
        if fd >= 0 { close(fd) }
        guard flushed else {
            unlink(temporary)
            throw .file(failure(path, code, doing: "flush it to disk"))
        }
        do { try moveIntoPlace(temporary, path, directory: directory) } catch { throw .file(error) }
    }
}

/// Why an atomic write through a producer failed: the file system, or the producer itself.
public enum AtomicProduceError<E: Error>: Error {
    case file(FileWriteError)
    case producer(E)
}
