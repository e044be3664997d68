import Foundation
import Synchronization

/// Errors from writing output files, phrased for the person who asked for the file.
public enum FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingDirectory(path: String, directory: String)
    case permissionDenied(path: String)
    case failed(path: String, reason: String)
    /// Something other than a regular file is at the path (a directory, device, FIFO, socket
    /// or symbolic link); `kind` says which and `hint` how to go on.
    case notARegularFile(path: String, kind: String, hint: String)
    /// The path is a file this run reads (the running script).
    case protectedFile(path: String, role: String)

    public var description: String {
        switch self {
        case let .missingDirectory(path, directory):
            return "cannot write '\(path)': directory '\(directory)' does not exist"
        case let .permissionDenied(path):
            return "cannot write '\(path)': permission denied"
        case let .failed(path, reason):
            return "cannot write '\(path)': \(reason)"
        case let .notARegularFile(path, kind, hint):
            return "cannot write '\(path)': it is \(kind), not a regular file; \(hint)"
        case let .protectedFile(path, role):
            return "cannot write '\(path)': it is \(role); choose another output path"
        }
    }
}

/// Writes files atomically and only over regular files.
///
/// The bytes go to a temporary file of ours (`.<name>.mfsh-tmp-<pid>-<random>`) in the
/// destination's directory, are flushed to disk (fsync), and the temporary is renamed over the
/// destination; the directory is synced after. A reader never sees a half-written file, a crash
/// or Ctrl-C mid-write leaves the previous version intact, and every failure removes the
/// temporary. Temporaries left by a process that was killed (`kill -9`) are removed by the
/// next write to the same path.
///
/// Refused before anything is written: a directory, device, FIFO, socket or symbolic link at the
/// path (writing would replace it with a regular file; for a link the error names its target,
/// which can be written instead), and any file registered with `protect` (the running script).
public enum AtomicFile {
    /// Protected files, held open so their inode cannot be reused by another file.
    private static let protected = Mutex<[(descriptor: Int32, role: String)]>([])

    /// Registers `path` as a file no write may replace, e.g. the running script ("the running script").
    public static func protect(_ path: String, role: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        protected.withLock { $0.append((fd, role)) }
    }

    /// The role of the protected file with this device and inode, if any.
    private static func protectedRole(device: UInt64, inode: UInt64) -> String? {
        protected.withLock { files in
            files.first { file in
                var info = stat()
                return fstat(file.descriptor, &info) == 0 && UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
            }?.role
        }
    }

    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        let directory = try checkTarget(path)
        removeStaleTemporaries(of: path, in: directory)
        let temporary = temporaryPath(for: path, in: directory)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(path, errno, doing: "create a temporary file in '\(directory)'") }
        do throws(FileWriteError) {
            try writeAll(data, to: fd, path: path)
            var existing = stat()
            if stat(path, &existing) == 0 { fchmod(fd, existing.st_mode & 0o7777) }
            guard fsync(fd) == 0 else { throw failure(path, errno, doing: "flush it to disk") }
            guard close(fd) == 0 else { throw failure(path, errno, doing: "close it") }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        try moveIntoPlace(temporary, path, directory: directory)
    }

    /// Renames the finished, flushed `temporary` over `path` and syncs the directory; removes the
    /// temporary when the rename fails.
    static func moveIntoPlace(_ temporary: String, _ path: String, directory: String) throws(FileWriteError) {
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure(path, code, doing: "replace it")
        }
        syncDirectory(directory)
    }

    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Data(text.utf8), to: path)
    }

    /// The refusal for writing `path`, if any, without writing (a front end checks its output
    /// path before long work).
    public static func problem(writing path: String) -> FileWriteError? {
        do { _ = try checkTarget(path); return nil } catch { return error }
    }

    /// The destination's directory, after checking the directory exists and that nothing but a
    /// regular, unprotected file is at `path`.
    static func checkTarget(_ path: String) throws(FileWriteError) -> String {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingDirectory(path: path, directory: directory)
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return directory }   // nothing there yet
        let type = info.st_mode & S_IFMT
        if type == S_IFLNK {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            var pointed = stat()
            let regular = stat(path, &pointed) == 0 && pointed.st_mode & S_IFMT == S_IFREG
            throw .notARegularFile(path: path, kind: "a symbolic link to '\(target)'",
                                   hint: regular ? "write to '\(target)' to replace the file it points to" : "choose a file name")
        }
        guard type == S_IFREG else {
            let kind = [S_IFDIR: "a directory", S_IFCHR: "a character device", S_IFBLK: "a block device",
                        S_IFIFO: "a FIFO (named pipe)", S_IFSOCK: "a socket"][type] ?? "a special file"
            throw .notARegularFile(path: path, kind: kind, hint: "choose a file name")
        }
        let device = UInt64(info.st_dev), inode = UInt64(info.st_ino)
        if let role = protectedRole(device: device, inode: inode) {
            throw .protectedFile(path: path, role: role)
        }
        return directory
    }

    private static func temporaryPrefix(for path: String) -> String {
        "." + URL(fileURLWithPath: path).lastPathComponent + ".mfsh-tmp-"
    }

    static func temporaryPath(for path: String, in directory: String) -> String {
        directory + "/" + temporaryPrefix(for: path) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Removes temporaries for `path` whose writing process no longer exists.
    static func removeStaleTemporaries(of path: String, in directory: String) {
        let prefix = temporaryPrefix(for: path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            let fields = name.dropFirst(prefix.count).split(separator: "-")
            guard fields.count == 2, let pid = Int32(fields[0]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(directory + "/" + name)
        }
    }

    private static func writeAll(_ data: Data, to fd: Int32, path: String) throws(FileWriteError) {
        let failed: Int32? = data.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failed { throw failure(path, failed, doing: "write it") }
    }

    /// Makes the rename itself durable (best effort: some file systems refuse fsync on directories).
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// An error naming the errno (`ENOSPC`, `EROFS`, ...) with its meaning.
    static func failure(_ path: String, _ code: Int32, doing action: String) -> FileWriteError {
        if code == EACCES || code == EPERM { return .permissionDenied(path: path) }
        return .failed(path: path, reason: "could not \(action): \(ErrnoName.describe(code))")
    }
}

/// "no space left on device (ENOSPC)": the text and the symbolic name of an errno value.
public enum ErrnoName {
    static let names: [Int32: String] = [
        EACCES: "EACCES", EPERM: "EPERM", ENOENT: "ENOENT", ENOSPC: "ENOSPC", EROFS: "EROFS", EDQUOT: "EDQUOT",
        EIO: "EIO", EISDIR: "EISDIR", ENOTDIR: "ENOTDIR", EEXIST: "EEXIST", EMFILE: "EMFILE", ENFILE: "ENFILE",
        ENAMETOOLONG: "ENAMETOOLONG", ELOOP: "ELOOP", EXDEV: "EXDEV", EBUSY: "EBUSY", ETXTBSY: "ETXTBSY",
        EFBIG: "EFBIG", EINVAL: "EINVAL", ENXIO: "ENXIO", ENODEV: "ENODEV",
    ]

    public static func describe(_ code: Int32) -> String {
        let text = String(cString: strerror(code)).lowercased()
        return names[code].map { "\(text) (\($0))" } ?? "\(text) (errno \(code))"
    }
}
