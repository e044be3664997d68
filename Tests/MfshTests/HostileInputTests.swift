import Foundation
import XCTest

/// Requests and files crafted to abort the process or replace what they should not: each must
/// end with a clear error (status < 128, the message checked) and leave every file as it was.
/// The budget is fixed with MFSH_MEMORY so the outcome does not depend on the machine.
final class HostileInputTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func run(_ script: String, memory: String = "256M") throws -> MfshProcess.Result {
        let result = try MfshProcess.run(["-e", script], in: directory, environment: ["MFSH_MEMORY": memory], timeout: 60)
        XCTAssertFalse(result.timedOut, script)
        XCTAssertFalse(result.crashed, "\(script)\n\(result.stderr.suffix(1500))")
        return result
    }

    /// Runs `script`, expecting status 70 and an error at `location` whose message contains `message`.
    private func assertRefused(_ script: String, at location: String, _ message: String, memory: String = "256M",
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try run(script, memory: memory)
        XCTAssertEqual(result.status, 70, result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix("<-e>:\(location): error: "), result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(message), result.stderr, file: file, line: line)
    }

    private let toy = "d = load \"gaussians\" radii=[1, 2] points=20 seed=1\n"

    func testHugeGeneratedDataIsRefusedByTheBudget() throws {
        try assertRefused("x = load \"letters\" points=1000000000", at: "1:5",
                          "load \"letters\" with 168 conditions x points=1000000000 in dim=2 needs 4.9 TiB, over the memory budget of 256 MiB;"
                          + " ask for less, or set MFSH_MEMORY")
        try assertRefused("x = load \"letters\" dim=1000000000", at: "1:5", "in dim=1000000000 needs")
        try assertRefused("x = load \"moons\" points=10000000000", at: "1:5", "over the memory budget of 256 MiB")
    }

    func testHugeNetworksBatchesAndSamplesAreRefusedByTheBudget() throws {
        let train = "train m d steps=1 progress=false"
        try assertRefused(toy + "m = cfm hidden=[999999, 999999] seed=1\n" + train, at: "3:1",
                          "train m d (network parameters: 1000108999972; 8 conditions x 128 points per step) needs")
        try assertRefused(toy + "m = cfm embedding=1000000000 seed=1\n" + train, at: "3:1", "network parameters: 1157000035330;")
        try assertRefused(toy + "m = mixflow base=gmm_base(components=100000000) seed=1\n" + train, at: "3:1",
                          "over the memory budget")
        try assertRefused(toy + "m = cfm hidden=[4] seed=1\n" + train + " batch=1000000000", at: "3:1",
                          "8 conditions x 500000000 points per step")
        try assertRefused(toy + "m = cfm hidden=[4] seed=1\n" + train + "\ns = sample m d n=10000000000", at: "4:18",
                          "sample m with n=10000000000 for 2 conditions needs")
    }

    func testDoublingAStringStopsAtTheBudget() throws {
        try assertRefused("s = \"ab\"\nfor i in 0:40 { s = s + s }", at: "2:21",
                          "joining strings of 16777216 and 16777216 bytes needs 32 MiB, over the memory budget of 16 MiB", memory: "16M")
    }

    func testCSVThatIsADeviceIsRefusedByTheBudget() throws {
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("zero.csv").path,
                                                   withDestinationPath: "/dev/zero")
        try assertRefused("x = load \"zero.csv\"", at: "1:10", "over the memory budget; is this a text CSV file?", memory: "16M")
    }

    func testDegenerateNumbersGiveHonestResults() throws {
        try "g,x,y\na,1,1\na,1,1\nb,1,1\nb,1,1\n".write(to: directory.appendingPathComponent("same.csv"), atomically: true, encoding: .utf8)
        let result = try run("""
            d = load "same.csv" condition="g"
            print(sinkhorn(d, d))
            print(len(range(1e300)))
            print(round(1.5, digits=1000000000))
            print(round(1.5, digits=-1000000000))
            """)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "metric table: 2 conditions, mean sinkhorn 0\n1e+300\n1.5\n0\n")
    }

    func testNotebookRefusesToOverwriteItsOwnScript() throws {
        let script = directory.appendingPathComponent("run.mf")
        try "print 1\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try MfshProcess.run(["notebook", "run.mf", "-o", "run.mf"], in: directory)
        XCTAssertEqual(result.status, 73, result.stderr)
        XCTAssertEqual(result.stderr, "mfsh: cannot write 'run.mf': it is the running script; choose another output path\n")
        XCTAssertEqual(try String(contentsOf: script, encoding: .utf8), "print 1\n")
    }

    func testPlotAndSaveLeaveFIFOsDirectoriesAndLinksAlone() throws {
        XCTAssertEqual(mkfifo(directory.appendingPathComponent("pipe.svg").path, 0o644), 0)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("folder.csv"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("null.csv").path, withDestinationPath: "/dev/null")
        let before = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        try assertRefused(toy + "plot d to=\"pipe.svg\"", at: "2:11", "cannot write 'pipe.svg': it is a FIFO (named pipe), not a regular file")
        try assertRefused(toy + "save d \"folder.csv\"", at: "2:8", "cannot write 'folder.csv': it is a directory, not a regular file")
        try assertRefused(toy + "save d \"null.csv\"", at: "2:8", "cannot write 'null.csv': it is a symbolic link to '/dev/null'")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), before, "no file added or replaced")
        var info = stat()
        XCTAssertEqual(lstat(directory.appendingPathComponent("pipe.svg").path, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
    }

    /// Makes the FIFO `name` in the test folder and starts `command` (sh) there to write to it.
    private func fifoWriter(_ name: String, _ command: String) throws -> Process {
        XCTAssertEqual(mkfifo(directory.appendingPathComponent(name).path, 0o644), 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", command]
        writer.currentDirectoryURL = directory
        try writer.run()
        return writer
    }

    func testEndlessCSVFromAFIFOStopsAtTheBudget() throws {
        // The writer: a header, then the same row forever. It blocks until mfsh opens the FIFO
        // and ends (SIGPIPE or EPIPE) once mfsh closes it after the refusal.
        let writer = try fifoWriter("endless.csv", "exec > endless.csv; echo g,x,y; exec yes a,1,2")
        defer { if writer.isRunning { writer.terminate() } }
        try assertRefused("x = load \"endless.csv\" condition=\"g\"", at: "1:10", "load \"endless.csv\" with more than ", memory: "16M")
        writer.waitUntilExit()
        XCTAssertNotEqual(writer.terminationStatus, 0, "the writer was stopped by the closed FIFO, not done")
    }

    /// A descriptors file that is a FIFO is opened once. The writer sends the table, then opens
    /// the FIFO again and sends nothing: a loader that opened it twice (once to sniff the
    /// separator) would read that empty second stream and report an empty file.
    func testDescriptorsFromAFIFOAreReadInOneOpen() throws {
        try "g,x,y\na,1,2\na,2,3\nb,5,6\nb,6,7\n".write(to: directory.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
        let writer = try fifoWriter("groups.csv", "printf 'g,d1,d2\\na,0.5,1\\nb,-2,3\\n' > groups.csv; : > groups.csv")
        defer { if writer.isRunning { writer.terminate() } }
        let result = try run("t = load \"points.csv\" condition=\"g\" descriptors=\"groups.csv\"\nprint t.descriptors")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("0.5") && result.stdout.contains("-2"), result.stdout)
    }

    func testSparseTerabyteCSVIsRefusedNotReserved() throws {
        // A short header and row, then a hole: 1 TB by its size, a few bytes on disk. The row
        // count estimated from the size once reserved 1.5 TB and aborted.
        let path = directory.appendingPathComponent("sparse.csv").path
        try "g,x,y\na,1,2\n".write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertEqual(truncate(path, 1 << 40), 0)
        try assertRefused("x = load \"sparse.csv\" condition=\"g\"", at: "1:10", "over the memory budget; is this a text CSV file?")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, 1 << 40, "the file is unchanged")
    }

    // MARK: Interrupts inside long operations, append, messages

    func testLoadStuckOnAFIFOWithNoWriterStopsOnCtrlC() throws {
        XCTAssertEqual(mkfifo(directory.appendingPathComponent("pipe.csv").path, 0o644), 0)
        // open() of a FIFO without a writer never returns; the SIGINT comes from inside mfsh's
        // wait for the load (its 20th interrupt poll), not from a timer.
        let result = try MfshProcess.run(["-e", "x = load \"pipe.csv\"\nprint \"never\""], in: directory,
                                         environment: ["MFSH_TEST_INTERRUPT_AFTER_POLLS": "20"], timeout: 60)
        XCTAssertFalse(result.timedOut)
        XCTAssertEqual(result.status, 130, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.hasPrefix("<-e>:1:5: error: interrupted while loading; nothing was loaded"), result.stderr)
    }

    func testAppendAssignedBackGrowsTheListWithTheSameResults() throws {
        let result = try run("""
            xs = []
            for i in 0:100000 { xs = append(xs, i) }
            print(len(xs), xs[0], xs[99999])
            ys = [1]
            ys = append(ys, ys)
            zs = ys
            ys = append(ys, 3)
            print(ys, zs)
            fn grow(n) {
                return append(xs, n)
            }
            print(len(grow(1)), len(xs))
            """)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "100000 0 99999\n[1, [1], 3] [1, [1]]\n100001 100000\n")
    }

    func testMissingFilesExit66WhereverTheyAreOpened() throws {
        let load = try run("x = load \"nope.csv\"")
        XCTAssertEqual(load.status, 66, load.stderr)
        XCTAssertTrue(load.stderr.hasPrefix("<-e>:1:10: error: no such file: 'nope.csv'"), load.stderr)
        let source = try run("source \"nope.mf\"")
        XCTAssertEqual(source.status, 66, source.stderr)
        XCTAssertTrue(source.stderr.contains("cannot source 'nope.mf': the file does not exist\n"), source.stderr)
        XCTAssertTrue(source.stderr.contains("paths are relative to the working directory"), source.stderr)
    }

    func testControlCharactersFromFilesAreShownEscaped() throws {
        try Data("g,x\na,1\nb,\u{1B}[31mred\u{0}z\n".utf8).write(to: directory.appendingPathComponent("esc.csv"))
        let result = try run("x = load \"esc.csv\" condition=\"g\"")
        XCTAssertEqual(result.status, 70, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("<-e>:1:10: error: esc.csv:3:2 (column 'x'): expected a number, found '\\u{1B}[31mred\\u{0}z'\n"),
                      result.stderr)
        XCTAssertFalse(result.stderr.contains("\u{1B}"), "no raw escape reaches the terminal")
    }

    func testSourcingABinaryFileIsOneError() throws {
        var bytes = Array("print 1\n".utf8) + [0, 0xFF, 0x7F]
        bytes += Array(repeating: 0x0A, count: 300)
        try Data(bytes).write(to: directory.appendingPathComponent("binary.mf"))
        let result = try run("source \"binary.mf\"")
        XCTAssertEqual(result.status, 70, result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 3, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("<-e>:1:8: error: cannot source 'binary.mf': it is not a UTF-8 text file (it holds NUL bytes)"),
                      result.stderr)
    }

    func testSavingWithoutAnExtensionSaysSo() throws {
        try assertRefused("m = cfm hidden=[4]\nsave m \"model\"", at: "2:8",
                          "cannot save a model to 'model' (no file extension); it saves as .mfm")
    }
}
