import Foundation
import XCTest
@testable import Runtime

/// Tab completion rules, on text (readline only passes the line and cursor).
final class CompletionTests: XCTestCase {
    private func complete(_ line: String, _ interpreter: Interpreter) -> CompletionResult {
        interpreter.completions(line: line, cursor: line.utf8.count)
    }

    func testCommandsVariablesAndKeywordsByPrefix() {
        let interpreter = Interpreter(output: RecordingOutput())
        interpreter.setVariable("printer", 1)
        XCTAssertEqual(complete("pri", interpreter).candidates, ["printer", "print"])
        XCTAssertEqual(complete("fo", interpreter).candidates, ["for"])
        XCTAssertEqual(complete("x = fo", interpreter).candidates, [], "keywords only where a statement starts")
    }

    func testKeywordNamesOfTheCommandBeingTyped() {
        let interpreter = Interpreter(output: RecordingOutput())
        XCTAssertEqual(complete("round 3.14159 di", interpreter), CompletionResult(word: "di", candidates: ["digits="]))
        XCTAssertEqual(complete("y = round(2.5, d", interpreter).candidates, ["digits="])
        XCTAssertEqual(complete("print 1 se", interpreter).candidates, ["sep=", "seed"], "keywords first, then names")
        XCTAssertEqual(complete("print 1 sep=\",\" se", interpreter).candidates, ["seed"], "a keyword is not offered twice")
    }

    func testTheNamesOfAChoiceInsideItsString() {
        let interpreter = Interpreter(output: RecordingOutput())
        XCTAssertEqual(complete("c = cfm pairing=\"", interpreter), CompletionResult(word: "", candidates: ["ot", "independent"]))
        XCTAssertEqual(complete("c = cfm(pairing=\"in", interpreter).candidates, ["independent"])
        XCTAssertEqual(complete("plot x legend=\"t", interpreter).candidates, ["top"])
    }

    func testMembersAfterADot() {
        let interpreter = Interpreter(output: RecordingOutput())
        interpreter.setVariable("r", .record(Record([("alpha", 1), ("beta", .record(Record([("gamma", 2)])))])))
        XCTAssertEqual(complete("print r.al", interpreter), CompletionResult(word: "r.al", candidates: ["r.alpha"]))
        XCTAssertEqual(complete("r.beta.", interpreter).candidates, ["r.beta.gamma"])
        XCTAssertEqual(complete("nothing.x", interpreter).candidates, [])
    }

    func testFileNamesInsideStrings() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-completion-\(getpid())")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("letters.csv").path, contents: Data())
        let interpreter = Interpreter(output: RecordingOutput())
        let prefix = directory.path + "/"
        XCTAssertEqual(complete("source \"\(prefix)le", interpreter),
                       CompletionResult(word: prefix + "le", candidates: [prefix + "letters.csv"]))
        XCTAssertEqual(complete("x = \"\(prefix)s", interpreter).candidates, [prefix + "sub/"])
        XCTAssertEqual(complete("x = \"done\" + le", interpreter).candidates, ["len"], "a closed string is not a file name")
    }
}
