import XCTest
@testable import MixFlowOps

/// Writes replace regular files only, never the running script, and leave no temporaries.
final class AtomicFileTargetTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws { dir = try temporaryDirectory(for: self) }

    private func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    private func refusal(_ name: String) -> String {
        do { try AtomicFile.write("new", to: dir + "/" + name); return "written" } catch { return error.description }
    }

    func testNonRegularTargetsAreRefusedAndLeftAsTheyWere() throws {
        XCTAssertEqual(mkfifo(dir + "/pipe.svg", 0o644), 0)
        try FileManager.default.createDirectory(atPath: dir + "/folder.svg", withIntermediateDirectories: false)
        try "old".write(toFile: dir + "/real.txt", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.svg", withDestinationPath: "real.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/null.csv", withDestinationPath: "/dev/null")
        let before = try entries()

        XCTAssertEqual(refusal("pipe.svg"), "cannot write '\(dir)/pipe.svg': it is a FIFO (named pipe), not a regular file; choose a file name")
        XCTAssertEqual(refusal("folder.svg"), "cannot write '\(dir)/folder.svg': it is a directory, not a regular file; choose a file name")
        XCTAssertEqual(refusal("link.svg"), "cannot write '\(dir)/link.svg': it is a symbolic link to 'real.txt', not a regular file;"
                       + " write to 'real.txt' to replace the file it points to")
        XCTAssertEqual(refusal("null.csv"), "cannot write '\(dir)/null.csv': it is a symbolic link to '/dev/null', not a regular file; choose a file name")
        XCTAssertEqual(AtomicFile.problem(writing: "/dev/null")?.description,
                       "cannot write '/dev/null': it is a character device, not a regular file; choose a file name")

        XCTAssertEqual(try entries(), before, "nothing created, nothing replaced, no temporaries")
        XCTAssertEqual(try String(contentsOfFile: dir + "/real.txt", encoding: .utf8), "old")
        var info = stat()
        XCTAssertEqual(lstat(dir + "/pipe.svg", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "the FIFO is still a FIFO")
    }

    func testProtectedFileIsRefused() throws {
        let script = dir + "/run.mf"
        try "print 1\n".write(toFile: script, atomically: false, encoding: .utf8)
        AtomicFile.protect(script, role: "the running script")
        XCTAssertEqual(refusal("run.mf"), "cannot write '\(script)': it is the running script; choose another output path")
        XCTAssertEqual(try String(contentsOfFile: script, encoding: .utf8), "print 1\n")
    }

    func testRegularFileIsReplacedKeepingItsModeAndStaleTemporariesGo() throws {
        let path = dir + "/out.csv"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(path, 0o600), 0)
        // A temporary left by a writer killed with kill -9 (a pid that cannot exist) and one of a live process.
        let stale = dir + "/.out.csv.mfsh-tmp-2147483646-7", live = dir + "/.out.csv.mfsh-tmp-1-7"
        try "partial".write(toFile: stale, atomically: false, encoding: .utf8)
        try "other".write(toFile: live, atomically: false, encoding: .utf8)
        try AtomicFile.write("new", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
        XCTAssertEqual(try entries(), [".out.csv.mfsh-tmp-1-7", "out.csv"], "the dead writer's temporary is removed, the live one's kept")
    }

    func testErrnoIsNamed() {
        XCTAssertEqual(ErrnoName.describe(ENOSPC), "no space left on device (ENOSPC)")
        XCTAssertEqual(ErrnoName.describe(EROFS), "read-only file system (EROFS)")
    }
}
