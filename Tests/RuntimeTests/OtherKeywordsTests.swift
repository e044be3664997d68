import Lang
import XCTest
@testable import Runtime

/// Builtins that take `name=value` arguments whose names are data (holdout's field names).
final class OtherKeywordsTests: XCTestCase {
    private func session() -> BindingSession {
        var registry = BuiltinRegistry()
        registry.add(
            "pick", category: .data,
            parameters: [
                .positional("x", .number, doc: "a number"),
                .keyword("limit", .int, default: 3, doc: "a keyword"),
                .otherKeywords("field", .union([.string, .number]), doc: "named values"),
            ],
            summary: "Records its other keywords.", help: "    pick 1 letter=\"A\"", returns: "a record"
        ) { _, args in
            .record(Record(args.otherKeywords.map { ($0.name, $0.value) } + [("limit", args["limit"])]))
        }
        return BindingSession(registry: registry)
    }

    func testOtherNamesAreCollectedInOrderAndDeclaredOnesStillBind() {
        let session = session()
        session.run("r = pick 1 letter=\"A\" limit=5 angle=90")
        XCTAssertEqual(session["r"], .record(Record([("letter", "A"), ("angle", 90), ("limit", 5)])))
    }

    func testTheyAreTypeCheckedAndMayNotRepeat() {
        let session = session()
        XCTAssertEqual(session.error("r = pick 1 letter=[1]")?.message, "argument 'letter' of pick must be a string or a number, got a list")
        XCTAssertEqual(session.error("r = pick 1 a=1 a=2")?.message, "argument 'a' of pick is given twice")
        XCTAssertEqual(session.error("r = pick(1, 2)")?.message, "too many arguments: pick takes 1 positional argument")
    }

    func testHelpAndCompletionShowTheDeclaredNamesOnly() throws {
        let pick = try XCTUnwrap(session().interpreter.registry["pick"])
        XCTAssertEqual(pick.signature, "pick x limit=3 FIELD=…")
        XCTAssertEqual(pick.keywordNames, ["x", "limit"])
        XCTAssertTrue(HelpText.page(for: pick).contains("FIELD=…"))
    }
}
