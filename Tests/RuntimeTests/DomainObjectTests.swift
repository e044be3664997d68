import Lang
import XCTest
@testable import Runtime

/// A stand-in domain value: points per condition.
private final class FakeSamples: DomainObject {
    let counts: [String: Int]
    init(_ counts: [String: Int]) { self.counts = counts }
    var typeName: String { "samples" }
    var summary: String { "samples \(counts.values.reduce(0, +))x2, \(counts.count) conditions" }
    var memberNames: [String] { ["n", "conditions"] }
    func member(_ name: String) throws -> Value? {
        switch name {
        case "n": return .number(Double(counts.values.reduce(0, +)))
        case "conditions": return .list(counts.keys.sorted().map { .string($0) })
        default: return nil
        }
    }
    func select(_ labels: [(String, Value)]) throws -> Value {
        guard labels.count == 1, labels[0].0 == "letter", case .string(let letter) = labels[0].1, let count = counts[letter] else {
            throw RuntimeError("no condition matches")
        }
        return .object(FakeSamples([letter: count]))
    }
    var elements: [Value]? { counts.keys.sorted().map { .string($0) } }
}

final class DomainObjectTests: XCTestCase {
    private func harness() -> Harness {
        var registry = BuiltinRegistry.standard()
        registry.add("fake", category: .data, summary: "Makes fake samples.", help: "    s = fake", returns: "samples") { _, _ in
            .object(FakeSamples(["A": 3, "B": 4]))
        }
        registry.add("count", category: .data, parameters: [.positional("s", .object("samples"), doc: "samples")],
                     summary: "Counts samples.", help: "    count s", returns: "a number") { _, args in
            .number(Double(try args.object("s", as: FakeSamples.self).counts.values.reduce(0, +)))
        }
        return Harness(registry: registry)
    }

    func testMembersSelectionIterationAndEcho() {
        let src = Source("s = fake\ns.n\ns[letter=\"B\"]\nfor c in s { last = c }\ncount s")
        let harness = harness()
        let selection = Expr(.select(src.id("s", 3), [src.kw("letter", src.str("B"))]), src.at("s[letter=\"B\"]"))
        let outcome = harness.run(src, [
            src.assign("s", src.cmd("fake")),
            src.expr(Expr(.member(src.id("s", 2), name: "n", nameSpan: src.at("n", 1)), src.at("s.n"))),
            src.expr(selection),
            src.forIn("c", src.id("s", 5), [src.assign("last", src.id("c", 3))]),
            src.expr(src.cmd("count", [src.arg(src.id("s", 6))])),
        ], echo: true)
        guard case .ok = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(harness.output.text, "7\nsamples 4x2, 1 conditions\n7\n")
        XCTAssertEqual(harness.value("last"), "B")
    }

    func testObjectTypesAreCheckedByName() {
        let src = Source("count 3")
        let diagnostic = harness().error(src, [src.expr(src.cmd("count", [src.arg(src.num("3"))]))])
        XCTAssertEqual(diagnostic?.message, "argument 's' of count must be samples, got a number")
    }

    func testUnknownMemberListsTheMembers() {
        let src = Source("s = fake\ns.zzz")
        let harness = harness()
        let diagnostic = harness.error(src, [
            src.assign("s", src.cmd("fake")),
            src.expr(Expr(.member(src.id("s", 2), name: "zzz", nameSpan: src.at("zzz")), src.at("s.zzz"))),
        ])
        XCTAssertEqual(diagnostic?.message, "samples has no member 'zzz'")
        XCTAssertEqual(diagnostic?.hint, "its members are: n, conditions")
    }
}
