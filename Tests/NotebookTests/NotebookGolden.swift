import Foundation
import XCTest

/// Byte-exact comparison with a golden file under Tests/Fixtures/golden-html.
/// MFSH_UPDATE_GOLDENS=1 rewrites the golden after a deliberate change instead of comparing.
enum NotebookGolden {
    static func check(_ actual: String, name: String, file: StaticString = #filePath, line: UInt = #line) {
        var tests = URL(fileURLWithPath: #filePath)
        while tests.lastPathComponent != "Tests" { tests.deleteLastPathComponent() }
        let url = tests.appendingPathComponent("Fixtures/golden-html").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["MFSH_UPDATE_GOLDENS"] == "1" {
            XCTAssertNoThrow(try Data(actual.utf8).write(to: url), file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return XCTFail("golden \(name) is missing; run with MFSH_UPDATE_GOLDENS=1 to create it", file: file, line: line)
        }
        guard expected != actual else { return }
        let pairs = zip(expected.split(separator: "\n", omittingEmptySubsequences: false), actual.split(separator: "\n", omittingEmptySubsequences: false))
        let first = pairs.enumerated().first { $0.element.0 != $0.element.1 }
        let place = first.map { "line \($0.offset + 1):\n  expected: \($0.element.0.prefix(200))\n  actual:   \($0.element.1.prefix(200))" } ?? "lengths differ"
        XCTFail("output differs from golden \(name) at \(place)\n(MFSH_UPDATE_GOLDENS=1 rewrites it after a deliberate change)", file: file, line: line)
    }
}
