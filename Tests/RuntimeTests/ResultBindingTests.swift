import Lang
import XCTest
@testable import Runtime

/// result(name, value): shown as `name = value`, handed to the output sink (which records it in
/// a sweep), and names checked because they become table columns.
final class ResultBindingTests: XCTestCase {
    /// Keeps what `result` hands over, as a sweep's child process would.
    private final class ResultCollector: OutputSink {
        var text = ""
        var results: [(String, Value)] = []
        func write(_ text: String) { self.text += text }
        func warning(_ message: String) {}
        func result(_ name: String, _ value: Value) throws {
            results.append((name, value))
            write("recorded " + name + "\n")
        }
    }

    func testAPlainRunPrintsNameEqualsValue() {
        let session = BindingSession()
        session.run("""
            result("w2", 0.125)
            result "label" "MixFlow"
            result("better", 1 < 2)
            """)
        XCTAssertEqual(session.output.text, "w2 = 0.125\nlabel = MixFlow\nbetter = true\n")
    }

    func testTheValueReachesTheSinkUnrounded() {
        let collector = ResultCollector()
        let session = BindingSession(output: collector)
        session.run("result(\"third\", 1 / 3)")
        XCTAssertEqual(collector.results.count, 1)
        XCTAssertEqual(collector.results.first?.0, "third")
        guard case .number(let value)? = collector.results.first?.1 else { return XCTFail("expected a number") }
        XCTAssertEqual(value, 1.0 / 3.0)
        XCTAssertEqual(collector.text, "recorded third\n")
    }

    func testBadNamesAndValuesAreErrorsWithAFix() {
        let session = BindingSession()
        let spaced = session.error("result(\"held out w2\", 1)")
        XCTAssertEqual(spaced?.message, "'held out w2' is not a result name")
        XCTAssertTrue(spaced?.hint?.contains("letters, digits and _") == true, spaced?.hint ?? "")
        XCTAssertEqual(session.error("result(\"2nd\", 1)")?.message, "'2nd' is not a result name")
        XCTAssertEqual(session.error("result(\"status\", 1)")?.message, "'status' is a column of every sweep table")
        XCTAssertNotNil(session.error("result(\"w2\", [1, 2])"), "a list is not a result")
        let long = String(repeating: "x", count: 5000)
        XCTAssertEqual(session.error("result(\"note\", \"\(long)\")")?.message,
                       "a text result is limited to 4096 characters, got 5000")
    }
}
