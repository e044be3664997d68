import Foundation
import XCTest

/// mfsh as a non-interactive program: modes, exit statuses, standard streams.
final class CommandLineTests: XCTestCase {
    private func mfsh(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil) throws -> MfshProcess.Result {
        try MfshProcess.run(arguments, stdin: stdin.map { Data($0.utf8) }, in: directory)
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testTrainWithoutStepsAnnouncesTheDefaultBudget() throws {
        let script = """
            d = load "gaussians" radii=[1, 2, 3] points=40 seed=1
            m = cfm hidden=[4] encoder_hidden=[4] embedding=2 seed=1
            train m d batch=6 conditions=3
            print m.steps
            """
        let result = try mfsh(["-e", script])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "5000\n", "three conditions: the minimum budget")
        XCTAssertTrue(result.stderr.contains("train m: 5000 steps, the default budget (250 per training condition x 3 conditions"),
                      result.stderr)
    }

    func testEvaluateOption() throws {
        let result = try mfsh(["-e", "print 1 + 1"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "2\n")
        XCTAssertEqual(result.stderr, "")
    }

    func testPipedStandardInputRunsAsAScriptWithoutPrompts() throws {
        let result = try mfsh([], stdin: "x = 20\nprint x + 1\n1 + 1\n")
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "21\n", "no prompt, no banner, bare expressions not echoed")
        let dash = try mfsh(["-", "a"], stdin: "print args\n")
        XCTAssertEqual(dash.stdout, "[\"a\"]\n")
    }

    func testScriptArgumentsAreTheListArgs() throws {
        let directory = try temporaryDirectory()
        try "print args len(args)\n".write(to: directory.appendingPathComponent("a.mf"), atomically: true, encoding: .utf8)
        let result = try mfsh(["a.mf", "one", "-x", "--flag"], in: directory)
        XCTAssertEqual(result.stdout, "[\"one\", \"-x\", \"--flag\"] 3\n", "options after the script belong to it")
        XCTAssertEqual(try mfsh(["-e", "print args", "p", "q"]).stdout, "[\"p\", \"q\"]\n")
    }

    func testArgReadsTypedScriptParameters() throws {
        let directory = try temporaryDirectory()
        let script = """
            print arg("steps", 10) arg("quick", false) arg("name", "x") arg("lr", 0.1) arg("missing")
            """
        try script.write(to: directory.appendingPathComponent("p.mf"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try mfsh(["p.mf"], in: directory).stdout, "10 false x 0.1 nil\n")
        let given = try mfsh(["p.mf", "steps=500", "quick", "name=letters", "lr=1e-3", "steps=7"], in: directory)
        XCTAssertEqual(given.stdout, "7 true letters 0.001 nil\n", "typed by the default; the last steps= wins")
        let bad = try mfsh(["p.mf", "steps=many"], in: directory)
        XCTAssertEqual(bad.status, 70)
        XCTAssertTrue(bad.stderr.contains("script argument 'steps=many' is not a number"), bad.stderr)
        XCTAssertEqual(try mfsh(["-e", "print num(\"-2.5e1\") + 1"]).stdout, "-24\n")
        XCTAssertTrue(try mfsh(["-e", "num(\"0x10\")"]).stderr.contains("'0x10' is not a number"))
    }

    func testExitStatuses() throws {
        XCTAssertEqual(try mfsh(["-e", "x = (1 +"]).status, 65, "syntax error")
        XCTAssertEqual(try mfsh(["-e", "print nope"]).status, 70, "runtime error")
        XCTAssertEqual(try mfsh(["-e", "exit 7"]).status, 7, "exit N")
        XCTAssertEqual(try mfsh(["missing-file.mf"]).status, 66, "file not found")
        XCTAssertEqual(try mfsh([FileManager.default.temporaryDirectory.path]).status, 66, "a directory")
        XCTAssertEqual(try mfsh(["--bogus"]).status, 64, "unknown option")
        XCTAssertEqual(try mfsh(["-e"]).status, 64, "-e without code")
    }

    func testRuntimeErrorsAreRenderedWithLineAndColumnWithoutColourOffATerminal() throws {
        let result = try mfsh(["-e", "x = 1\ny = x + \"s\""])
        XCTAssertEqual(result.status, 70)
        XCTAssertTrue(result.stderr.hasPrefix("<-e>:2:5: error: cannot add number and string"), result.stderr)
        XCTAssertFalse(result.stderr.contains("\u{1B}["), "no colour when stderr is not a terminal")
    }

    func testDiagnosticsLookLikeTheDesign() throws {
        let result = try mfsh(["-e", "value = 3\nx = round(2.567, digts=1)"])
        XCTAssertEqual(result.stderr, """
            <-e>:2:18: error: unknown keyword 'digts' for round
            2 | x = round(2.567, digts=1)
              |                  ^~~~~ did you mean 'digits'?

            """)
    }

    func testHelpAndVersion() throws {
        let help = try mfsh(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.hasPrefix("usage: mfsh"))
        XCTAssertTrue(help.stdout.contains("130 interrupted"))
        let version = try mfsh(["--version"])
        let lines = version.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "mfsh 0.1.0")
        XCTAssertEqual(lines.count, 3, version.stdout)
        XCTAssertTrue(lines.dropFirst().first?.hasPrefix("BLAS: OpenBLAS 0.") ?? false, version.stdout)
        XCTAssertTrue(version.stdout.contains(", core "), version.stdout)
        XCTAssertTrue(version.stdout.contains(" thread"), version.stdout)
        XCTAssertTrue(lines.last?.hasPrefix("CPU: ") ?? false, version.stdout)
        XCTAssertEqual(try mfsh(["-h"]).status, 0)
        let reference = try mfsh(["--reference"])
        XCTAssertTrue(reference.stdout.hasPrefix("# mfsh command reference"))
        XCTAssertTrue(reference.stdout.contains("### `seed`"))
    }

    func testUsageErrorsPrintTheUsage() throws {
        let result = try mfsh(["-q"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.hasPrefix("mfsh: unknown option '-q'\nusage: mfsh"), result.stderr)
    }

    func testNotebookArgumentsAreChecked() throws {
        let directory = try temporaryDirectory()
        try "print 1\n".write(to: directory.appendingPathComponent("n.mf"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try mfsh(["notebook", "n.mf"], in: directory).status, 64, "missing -o")
        XCTAssertEqual(try mfsh(["notebook", "-o", "r.html"], in: directory).status, 64, "missing script")
        XCTAssertEqual(try mfsh(["notebook", "nope.mf", "-o", "r.html"], in: directory).status, 66)
        let report = try mfsh(["notebook", "n.mf", "-o", "r.html"], in: directory)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("r.html").path))
    }

    func testInterruptStopsAScriptWithStatus130() throws {
        let script = "n = 0\nfor i in 0:1e12 {\n    n = n + 1\n}\n"
        // A SIGINT raised by mfsh itself at its 1000th interrupt poll: inside the loop, at any speed.
        let result = try MfshProcess.run(["-e", script], environment: ["MFSH_TEST_INTERRUPT_AFTER_POLLS": "1000"], timeout: 60)
        XCTAssertFalse(result.timedOut)
        XCTAssertEqual(result.status, 130)
        // The stop lands at the next safe point: the loop's next iteration (2:10) or the next
        // statement in its body (3:5).
        XCTAssertTrue(result.stderr.hasPrefix("<-e>:2:10: error: interrupted") || result.stderr.hasPrefix("<-e>:3:5: error: interrupted"),
                      result.stderr)
    }

    func testInvalidUTF8IsASyntaxErrorAtItsPosition() throws {
        let directory = try temporaryDirectory()
        var bytes = Array("print 1\nprint \"caf".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"\n".utf8)
        try Data(bytes).write(to: directory.appendingPathComponent("bad.mf"))
        let result = try mfsh(["bad.mf"], in: directory)
        XCTAssertEqual(result.status, 65)
        XCTAssertEqual(result.stdout, "", "nothing runs")
        XCTAssertTrue(result.stderr.hasPrefix("bad.mf:2:11: error: the file is not valid UTF-8"), result.stderr)
    }
}
