import Lang
import MixFlowOps
import XCTest
@testable import Runtime

/// Argument checking driven by the registry, and the registry's help and reference output.
final class RegistryTests: XCTestCase {
    /// A registry with the standard builtins plus `toy_base data components=8 sigma=0.1`.
    private func registry(recording: @escaping (Arguments) -> Void = { _ in }) -> BuiltinRegistry {
        var registry = BuiltinRegistry.standard()
        registry.add(
            "toy_base", category: .models,
            parameters: [
                .positional("data", .any, doc: "training data"),
                .keyword("components", .int, default: 8, doc: "mixture components"),
                .keyword("sigma", .number, default: 0.1, doc: "component standard deviation"),
            ],
            summary: "A test builtin.", help: "    toy_base data sigma=0.2"
        ) { _, args in
            recording(args)
            return .nil
        }
        return registry
    }

    private func check(_ text: String, _ arguments: (Source) -> [Argument]) -> Diagnostic? {
        let src = Source(text)
        let harness = Harness(registry: registry())
        return harness.error(src, [src.expr(src.cmd("toy_base", arguments(src)))])
    }

    func testUnknownKeywordPointsAtTheLabel() {
        let diagnostic = check("toy_base 1 sigam=0.2") { [$0.arg($0.num("1")), $0.kw("sigam", $0.num("0.2"))] }
        XCTAssertEqual(diagnostic?.message, "unknown keyword 'sigam' for toy_base")
        XCTAssertEqual(pointedText(diagnostic), "sigam")
        XCTAssertEqual(diagnostic?.location?.start, SourceLocation(line: 1, column: 12))
        XCTAssertEqual(diagnostic?.hint, "did you mean 'sigma'?")
        let far = check("toy_base 1 zzzzzz=1") { [$0.arg($0.num("1")), $0.kw("zzzzzz", $0.num("1", 2))] }
        XCTAssertEqual(far?.hint, "toy_base takes: data, components, sigma", "no close match: list the keywords")
    }

    func testMissingArgumentPointsAtTheCallWithUsage() {
        let diagnostic = check("toy_base sigma=0.2") { [$0.kw("sigma", $0.num("0.2"))] }
        XCTAssertEqual(diagnostic?.message, "missing argument 'data' for toy_base")
        XCTAssertEqual(diagnostic?.hint, "usage: toy_base data components=8 sigma=0.1")
        XCTAssertEqual(pointedText(diagnostic), "toy_base sigma=0.2")
    }

    func testArgumentGivenTwicePointsAtTheSecond() {
        let diagnostic = check("toy_base 1 data=2") { [$0.arg($0.num("1")), $0.kw("data", $0.num("2"))] }
        XCTAssertEqual(diagnostic?.message, "argument 'data' of toy_base is given twice")
        XCTAssertEqual(pointedText(diagnostic), "data")
    }

    func testTooManyPositionalsPointsAtTheExtraOne() {
        let diagnostic = check("toy_base 1 2") { [$0.arg($0.num("1")), $0.arg($0.num("2"))] }
        XCTAssertEqual(diagnostic?.message, "too many arguments: toy_base takes 1 positional argument")
        XCTAssertEqual(pointedText(diagnostic), "2")
    }

    func testWrongTypePointsAtTheValue() {
        let diagnostic = check("toy_base 1 components=2.5") { [$0.arg($0.num("1")), $0.kw("components", $0.num("2.5"))] }
        XCTAssertEqual(diagnostic?.message, "argument 'components' of toy_base must be an integer, got a number")
        XCTAssertEqual(pointedText(diagnostic), "2.5")
        let text = check("toy_base 1 sigma=\"big\"") { [$0.arg($0.num("1")), $0.kw("sigma", $0.str("big"))] }
        XCTAssertEqual(text?.message, "argument 'sigma' of toy_base must be a number, got a string")
        XCTAssertEqual(pointedText(text), "\"big\"")
    }

    func testNamesAreCheckedBeforeArgumentsAreEvaluated() {
        // The unknown keyword is reported even though the first argument would fail to evaluate.
        let diagnostic = check("toy_base nope sigam=1") { [$0.arg($0.id("nope")), $0.kw("sigam", $0.num("1"))] }
        XCTAssertEqual(diagnostic?.message, "unknown keyword 'sigam' for toy_base")
    }

    func testDefaultsFillInAndGivenArgumentsAreMarked() {
        var seen: Arguments?
        let src = Source("toy_base 1 sigma=0.5")
        let harness = Harness(registry: registry { seen = $0 })
        harness.run(src, [src.expr(src.cmd("toy_base", [src.arg(src.num("1")), src.kw("sigma", src.num("0.5"))]))])
        XCTAssertEqual(try seen?.int("components"), 8)
        XCTAssertEqual(try seen?.number("sigma"), 0.5)
        XCTAssertEqual(seen?.isGiven("sigma"), true)
        XCTAssertEqual(seen?.isGiven("components"), false)
        XCTAssertEqual(seen.map { src.file.text(of: $0.span(of: "sigma")) }, "0.5")
    }

    func testVariadicElementTypeErrorsNameThePosition() {
        let src = Source("sum 1 \"two\"")
        let diagnostic = Harness().error(src, [src.expr(src.cmd("sum", [src.arg(src.num("1")), src.arg(src.str("two"))]))])
        XCTAssertEqual(diagnostic?.message, "argument 2 of sum must be a number or a list of numbers, got a string")
        XCTAssertEqual(pointedText(diagnostic), "\"two\"")
    }

    func testBindingErrorsPointAtTheirArgument() {
        let src = Source("sqrt -4")
        let negative = Expr(.unary(.negate, src.num("4")), src.at("-4"))
        let diagnostic = Harness().error(src, [src.expr(src.cmd("sqrt", [src.arg(negative)]))])
        XCTAssertEqual(diagnostic?.message, "sqrt of a negative number (-4)")
        XCTAssertEqual(pointedText(diagnostic), "-4")
    }

    func testCancelledFromABindingBecomesAnInterruption() {
        var registry = BuiltinRegistry.standard()
        registry.add("train_stub", category: .models, summary: "Stops like a cancelled kernel.", help: "    train_stub") { _, _ in
            throw Cancelled("training step 12 of 300")
        }
        let src = Source("train_stub")
        let harness = Harness(registry: registry)
        guard case .interrupted(let diagnostic) = harness.run(src, [src.expr(src.id("train_stub"))]) else {
            return XCTFail("expected an interruption")
        }
        XCTAssertEqual(diagnostic.message, "interrupted at training step 12 of 300")
        XCTAssertEqual(pointedText(diagnostic), "train_stub")
    }

    func testInterruptStopsAtTheNextStatement() {
        var registry = BuiltinRegistry.standard()
        registry.add("press_ctrl_c", category: .session, summary: "Requests an interrupt.", help: "    press_ctrl_c") { _, _ in
            Interrupt.request()
            return .nil
        }
        let src = Source("for i in 0:1000000 { press_ctrl_c; last = i }")
        let range = Expr(.range(start: src.num("0"), stop: src.num("1000000"), step: nil), src.at("0:1000000"))
        let harness = Harness(registry: registry)
        let outcome = harness.run(src, [src.forIn("i", range, [src.expr(src.id("press_ctrl_c")), src.assign("last", src.id("i", 2))])])
        guard case .interrupted = outcome else { return XCTFail("expected an interruption, got \(outcome)") }
        XCTAssertNil(harness.value("last"), "statement boundaries are safe points: the next statement does not run")
        Interrupt.clear()
    }

    func testEveryBuiltinHasHelpWithAnExample() {
        for builtin in BuiltinRegistry.standard().all {
            XCTAssertFalse(builtin.summary.isEmpty, builtin.name)
            let exampleLines = builtin.help.split(separator: "\n").filter { $0.hasPrefix("    ") }
            XCTAssertFalse(exampleLines.isEmpty, "\(builtin.name) has no indented example line in its help")
        }
    }

    func testHelpPageAndMarkdownReferenceComeFromTheDeclaration() {
        let registry = registry()
        let page = HelpText.page(for: registry["toy_base"]!)
        XCTAssertTrue(page.hasPrefix("toy_base data components=8 sigma=0.1\n  A test builtin.\n"))
        XCTAssertTrue(page.contains("    sigma=0.1     number  component standard deviation (keyword)"), page)
        let reference = registry.markdownReference()
        for name in registry.names { XCTAssertTrue(reference.contains("### `\(name)`"), name) }
        XCTAssertTrue(reference.contains("| `x` | number\\|list[number] | required | a number, or a list of numbers |"))
    }
}
