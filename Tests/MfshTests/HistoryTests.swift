import Foundation
import XCTest
@testable import mfsh

/// The REPL history file: appends from concurrent sessions, trimming, and bad files.
final class HistoryTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Collects warnings from a History (which keeps its callback).
    private final class Warnings {
        var messages: [String] = []
    }

    private func history(_ name: String, warnings: Warnings = Warnings()) -> History {
        History(environment: ["MFSH_HISTORY": directory.appendingPathComponent(name).path]) { warnings.messages.append($0) }
    }

    private func lines(_ name: String) throws -> [String] {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func testTwoSessionsInterleaveWithoutLosingLines() throws {
        let first = history("h")
        let second = history("h")
        XCTAssertEqual(first.load(), [])
        XCTAssertEqual(second.load(), [])
        first.append("a = 1")
        second.append("b = 2")
        first.append("print a")
        second.append("fn f(x) {\n    return x\n}")
        XCTAssertEqual(try lines("h"), ["a = 1", "b = 2", "print a", "fn f(x) {", "    return x", "}"])
        XCTAssertEqual(history("h").load().first, "a = 1", "a new session sees both sessions' lines")
    }

    func testLoadTrimsAFileThatGrewTooLong() throws {
        let count = 2 * History.maxEntries + 1
        try (0..<count).map { "x = \($0)\n" }.joined().write(to: directory.appendingPathComponent("h"), atomically: true, encoding: .utf8)
        let loaded = history("h").load()
        XCTAssertEqual(loaded.count, History.maxEntries)
        XCTAssertEqual(loaded.last, "x = \(count - 1)")
        XCTAssertEqual(try lines("h").count, History.maxEntries, "the file itself was trimmed")
    }

    func testCorruptLinesAreSkippedWithOneWarning() throws {
        var bytes = Array("good = 1\n".utf8) + [0xFF, 0xFE, 0x0A] + Array("also_good = 2\n".utf8) + [0xC3, 0x0A]
        bytes += Array("x\0y\n".utf8)
        try Data(bytes).write(to: directory.appendingPathComponent("h"))
        let warnings = Warnings()
        let loaded = history("h", warnings: warnings).load()
        XCTAssertEqual(loaded, ["good = 1", "also_good = 2"])
        XCTAssertEqual(warnings.messages.count, 1)
        XCTAssertTrue(warnings.messages.first?.contains("3 unreadable line(s)") ?? false, "\(warnings.messages)")
    }

    func testUnwritableHistoryWarnsOnceAndKeepsGoing() throws {
        let warnings = Warnings()
        let missing = History(environment: ["MFSH_HISTORY": directory.appendingPathComponent("no/such/dir/h").path]) {
            warnings.messages.append($0)
        }
        XCTAssertEqual(missing.load(), [])
        missing.append("x = 1")
        missing.append("y = 2")
        XCTAssertEqual(warnings.messages.count, 1)
        XCTAssertTrue(warnings.messages.first?.hasSuffix("history will not be saved") ?? false, "\(warnings.messages)")
        XCTAssertNil(missing.path)
    }

    func testEmptyOverrideDisablesHistory() {
        let disabled = History(environment: ["MFSH_HISTORY": "", "HOME": directory.path]) { _ in XCTFail("no warning expected") }
        XCTAssertNil(disabled.path)
        XCTAssertEqual(History(environment: ["HOME": "/home/u"]) { _ in }.path, "/home/u/.mfsh_history")
    }
}

/// Command-line parsing, without running anything.
final class CommandLineOptionsTests: XCTestCase {
    func testModes() throws {
        XCTAssertEqual(try CommandLineOptions.parse([], stdinIsTerminal: true), .repl)
        XCTAssertEqual(try CommandLineOptions.parse([], stdinIsTerminal: false), .script(path: nil, arguments: []))
        XCTAssertEqual(try CommandLineOptions.parse(["a.mf", "-e", "x"], stdinIsTerminal: true), .script(path: "a.mf", arguments: ["-e", "x"]))
        XCTAssertEqual(try CommandLineOptions.parse(["-e", "1", "z"], stdinIsTerminal: true), .evaluate(code: "1", arguments: ["z"]))
        XCTAssertEqual(try CommandLineOptions.parse(["notebook", "-o", "r.html", "n.mf"], stdinIsTerminal: true),
                       .notebook(path: "n.mf", output: "r.html", arguments: [], echo: false))
        XCTAssertEqual(try CommandLineOptions.parse(["notebook", "n.mf", "-o", "r.html", "quick", "-x"], stdinIsTerminal: true),
                       .notebook(path: "n.mf", output: "r.html", arguments: ["quick", "-x"], echo: false), "words after the script are its arguments")
        XCTAssertEqual(try CommandLineOptions.parse(["notebook", "--echo", "n.mf", "-o", "r.html"], stdinIsTerminal: true),
                       .notebook(path: "n.mf", output: "r.html", arguments: [], echo: true))
        XCTAssertEqual(try CommandLineOptions.parse(["--version"], stdinIsTerminal: true), .version)
    }

    func testUsageErrors() {
        XCTAssertThrowsError(try CommandLineOptions.parse(["-x"], stdinIsTerminal: true)) {
            XCTAssertEqual($0 as? UsageError, UsageError(message: "unknown option '-x'"))
        }
        XCTAssertThrowsError(try CommandLineOptions.parse(["notebook", "--bogus", "a.mf", "-o", "r"], stdinIsTerminal: true))
        XCTAssertThrowsError(try CommandLineOptions.parse(["notebook", "a.mf", "quick"], stdinIsTerminal: true), "no -o")
        XCTAssertThrowsError(try CommandLineOptions.parse(["notebook", "a.mf", "-o"], stdinIsTerminal: true))
    }
}
