import Lang
import XCTest
@testable import Runtime

/// The evaluator on hand-built trees: semantics, and where each error points.
final class EvaluatorTests: XCTestCase {
    func testArithmeticFollowsTheTree() {
        let src = Source("x = 1 + 2 * 3\ny = -7 % 3\nz = 2 ^ 10 / 4")
        let harness = Harness()
        harness.run(src, [
            src.assign("x", src.bin(.add, src.num("1"), src.bin(.multiply, src.num("2"), src.num("3")))),
            src.assign("y", src.bin(.remainder, Expr(.unary(.negate, src.num("7")), src.at("-7")), src.num("3", 2))),
            src.assign("z", src.bin(.divide, src.bin(.power, src.num("2", 2), src.num("10")), src.num("4"))),
        ])
        XCTAssertEqual(harness.value("x"), 7)
        XCTAssertEqual(harness.value("y"), 2, "floored remainder takes the sign of the divisor")
        XCTAssertEqual(harness.value("z"), 256)
    }

    func testDivisionByZeroPointsAtTheDivisor() {
        let src = Source("x = 10 / (5 - 5)")
        let divisor = Expr(.binary(.subtract, src.num("5"), src.num("5", 2)), src.at("(5 - 5)"))
        let diagnostic = Harness().error(src, [src.assign("x", src.bin(.divide, src.num("10"), divisor))])
        XCTAssertEqual(diagnostic?.message, "division by zero")
        XCTAssertEqual(pointedText(diagnostic), "(5 - 5)")
    }

    func testAddingStringAndNumberIsATypeErrorWithAHint() {
        let src = Source("s = \"n=\" + 3")
        let diagnostic = Harness().error(src, [src.assign("s", src.bin(.add, src.str("n="), src.num("3")))])
        XCTAssertEqual(diagnostic?.message, "cannot add string and number")
        XCTAssertEqual(diagnostic?.hint, "turn the number into text first: str(x)")
        XCTAssertEqual(pointedText(diagnostic), "\"n=\" + 3")
    }

    func testPlusJoinsStringsAndLists() {
        let src = Source("a = \"ab\" + \"cd\"\nb = [1] + [2]")
        let harness = Harness()
        harness.run(src, [
            src.assign("a", src.bin(.add, src.str("ab"), src.str("cd"))),
            src.assign("b", src.bin(.add, src.list([src.num("1")], "[1]"), src.list([src.num("2")], "[2]"))),
        ])
        XCTAssertEqual(harness.value("a"), "abcd")
        XCTAssertEqual(harness.value("b"), [1, 2])
    }

    func testComparisonsOfMixedTypesAreErrors() {
        let src = Source("x = 1 < \"a\"")
        let diagnostic = Harness().error(src, [src.assign("x", src.bin(.less, src.num("1"), src.str("a")))])
        XCTAssertEqual(diagnostic?.message, "cannot compare number and string with '<'")
    }

    func testAndOrShortCircuit() {
        let src = Source("a = false and nope\nb = true or nope")
        let harness = Harness()
        let outcome = harness.run(src, [
            src.assign("a", src.bin(.and, src.bool(false), src.id("nope"))),
            src.assign("b", src.bin(.or, src.bool(true), src.id("nope", 2))),
        ])
        guard case .ok = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(harness.value("a"), false)
        XCTAssertEqual(harness.value("b"), true)
    }

    func testConditionsMustBeBooleans() {
        let src = Source("if 1 { }")
        let statement = Stmt(.ifElse(condition: src.num("1"), then: Block([], src.at("{ }")), else: nil), src.at("if 1 { }"))
        let diagnostic = Harness().error(src, [statement])
        XCTAssertEqual(diagnostic?.message, "condition must be true or false, got a number")
        XCTAssertEqual(pointedText(diagnostic), "1")
    }

    func testForOverRangeKeepsLoopVariableAndBlockAssignments() {
        let src = Source("total = 0\nfor i in 0:5 { total = total + i }")
        let range = Expr(.range(start: src.num("0", 2), stop: src.num("5"), step: nil), src.at("0:5"))
        let harness = Harness()
        harness.run(src, [
            src.assign("total", src.num("0")),
            src.forIn("i", range, [src.assign("total", src.bin(.add, src.id("total", 3), src.id("i", 3)), 2)], 2),
        ])
        XCTAssertEqual(harness.value("total"), 10)
        XCTAssertEqual(harness.value("i"), 4, "blocks share the enclosing scope, so the loop variable stays bound")
    }

    func testForOverANumberIsAnError() {
        let src = Source("for i in 3 { }")
        let diagnostic = Harness().error(src, [src.forIn("i", src.num("3"), [])])
        XCTAssertEqual(diagnostic?.message, "cannot iterate over a number")
        XCTAssertEqual(pointedText(diagnostic), "3")
    }

    func testFunctionsWithDefaultsRecursionAndLocalAssignment() {
        // fn fact(n, acc=1) { if n <= 1 { return acc }  return fact(n - 1, acc * n) }
        let src = Source("""
            fn fact(n, acc=1) { if n <= 1 { return acc } local = 5 return fact(n - 1, acc * n) }
            r = fact(5)
            local = 0
            """)
        let base = Stmt(.ifElse(condition: src.bin(.lessEqual, src.id("n", 2), src.num("1")),
                                then: src.block([src.ret(src.id("acc", 2))]), else: nil), src.at("if"))
        let recurse = src.call(src.id("fact", 2), [src.arg(src.bin(.subtract, src.id("n", 3), src.num("1", 3))),
                                                   src.arg(src.bin(.multiply, src.id("acc", 3), src.id("n", 4)))],
                               "fact(n - 1, acc * n)")
        let harness = Harness()
        let outcome = harness.run(src, [
            src.fn("fact", [src.param("n"), src.param("acc", src.num("1"))],
                   [base, src.assign("local", src.num("5")), src.ret(recurse)]),
            src.assign("local", src.num("0", 1), 2),
            src.assign("r", src.call(src.id("fact", 3), [src.arg(src.num("5", 2))], "fact(5)")),
        ])
        guard case .ok = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(harness.value("r"), 120)
        XCTAssertEqual(harness.value("local"), 0, "assignment inside a function binds a local")
    }

    func testClosuresSeeTheirDefiningScope() {
        let src = Source("k = 10\nfn addk(x) { return x + k }\nk = 20\ny = addk(1)")
        let harness = Harness()
        harness.run(src, [
            src.assign("k", src.num("10")),
            src.fn("addk", [src.param("x")], [src.ret(src.bin(.add, src.id("x", 2), src.id("k", 2)))]),
            src.assign("k", src.num("20"), 3),
            src.assign("y", src.call(src.id("addk", 2), [src.arg(src.num("1", 2))], "addk(1)")),
        ])
        XCTAssertEqual(harness.value("y"), 21, "functions read the defining scope at call time")
    }

    func testRuntimeErrorsCarryTheUserCallChain() {
        let src = Source("fn inner() { return 1 / 0 }\nfn outer() { return inner() }\nx = outer()")
        let harness = Harness()
        let diagnostic = harness.error(src, [
            src.fn("inner", [], [src.ret(src.bin(.divide, src.num("1"), src.num("0")))]),
            src.fn("outer", [], [src.ret(src.call(src.id("inner", 2), [], "inner()", 2))]),
            src.assign("x", src.call(src.id("outer", 2), [], "outer()", 2)),
        ])
        XCTAssertEqual(diagnostic?.message, "division by zero")
        XCTAssertEqual(diagnostic?.notes.map(\.message), ["in call to 'inner'", "in call to 'outer'"])
        XCTAssertEqual(diagnostic?.notes.map { $0.location.map { $0.file.text(of: $0.span) } }, ["inner()", "outer()"])
        XCTAssertEqual(diagnostic?.notes.first?.location?.start, SourceLocation(line: 2, column: 21))
    }

    func testRunawayRecursionIsAnErrorNotACrash() {
        let src = Source("fn f(n) { return f(n + 1) }\nf(0)")
        let harness = Harness()
        let diagnostic = harness.error(src, [
            src.fn("f", [src.param("n")], [src.ret(src.call(src.id("f", 2), [src.arg(src.bin(.add, src.id("n", 2), src.num("1")))], "f(n + 1)"))]),
            src.expr(src.call(src.id("f", 3), [src.arg(src.num("0"))], "f(0)")),
        ])
        XCTAssertEqual(diagnostic?.message, "too many nested calls (more than 1000)")
        XCTAssertEqual(diagnostic?.notes.count, RuntimeError.maxCallNotes + 1)
        XCTAssertEqual(diagnostic?.notes.last?.message, "… and \(1000 - RuntimeError.maxCallNotes) more calls")
    }

    func testReturnOutsideAFunctionIsAnError() {
        let src = Source("return 3")
        let diagnostic = Harness().error(src, [Stmt(.return(src.num("3")), src.at("return 3"))])
        XCTAssertEqual(diagnostic?.message, "'return' outside a function")
    }

    func testIndexingListsFromBothEnds() {
        let src = Source("xs = [10, 20, 30]\na = xs[-1]\nb = xs[3]")
        let list = src.list([src.num("10"), src.num("20"), src.num("30")], "[10, 20, 30]")
        let harness = Harness()
        harness.run(src, [
            src.assign("xs", list),
            src.assign("a", Expr(.index(src.id("xs", 2), Expr(.unary(.negate, src.num("1")), src.at("-1"))), src.at("xs[-1]"))),
        ])
        XCTAssertEqual(harness.value("a"), 30)
        let diagnostic = harness.error(src, [
            src.assign("b", Expr(.index(src.id("xs", 3), src.num("3", 2)), src.at("xs[3]"))),
        ])
        XCTAssertEqual(diagnostic?.message, "index 3 is out of range for 3 items")
        XCTAssertEqual(pointedText(diagnostic), "3")
    }

    func testRecordMembersAndMissingMembers() {
        let src = Source("r = (alpha: 1, beta: 2)\na = r.beta\nb = r.gamma")
        let record = Expr(.record([
            RecordField(name: "alpha", nameSpan: src.at("alpha"), value: src.num("1")),
            RecordField(name: "beta", nameSpan: src.at("beta"), value: src.num("2")),
        ]), src.at("(alpha: 1, beta: 2)"))
        let harness = Harness()
        harness.run(src, [
            src.assign("r", record),
            src.assign("a", Expr(.member(src.id("r", 2), name: "beta", nameSpan: src.at("beta", 2)), src.at("r.beta"))),
        ])
        XCTAssertEqual(harness.value("a"), 2)
        let diagnostic = harness.error(src, [
            src.assign("b", Expr(.member(src.id("r", 3), name: "gamma", nameSpan: src.at("gamma")), src.at("r.gamma"))),
        ])
        XCTAssertEqual(diagnostic?.message, "a record has no member 'gamma'")
        XCTAssertEqual(pointedText(diagnostic), "gamma")
    }

    func testZeroStepRangeIsAnError() {
        let src = Source("r = 0:5:0")
        let range = Expr(.range(start: src.num("0"), stop: src.num("5"), step: src.num("0", 2)), src.at("0:5:0"))
        let diagnostic = Harness().error(src, [src.assign("r", range)])
        XCTAssertEqual(diagnostic?.message, "range step must not be zero")
    }

    func testBareNameCallsTheBuiltinUnlessItIsAVariable() {
        let src = Source("seed\nseed 5\nseed")
        let harness = Harness()
        let outcome = harness.run(src, [
            src.expr(src.id("seed")),
            src.expr(src.cmd("seed", [src.arg(src.num("5"))], 2)),
            src.expr(src.id("seed", 3)),
        ], echo: true)
        guard case .ok = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(harness.output.text, "0\n5\n", "`seed` alone returns the seed; `seed 5` returns nothing")
        XCTAssertEqual(harness.interpreter.lastResult, 5)
        XCTAssertEqual(harness.interpreter.currentSeed, 5)
    }

    func testBuiltinsAreValues() {
        let src = Source("f = sqrt\ny = f(16)")
        let harness = Harness()
        harness.run(src, [
            src.assign("f", src.id("sqrt")),
            src.assign("y", src.call(src.id("f", 2), [src.arg(src.num("16"))], "f(16)")),
        ])
        XCTAssertEqual(harness.value("y"), 4)
    }

    func testCallingANonFunctionIsAnError() {
        let src = Source("x = 3\nx 4")
        let diagnostic = Harness().error(src, [src.assign("x", src.num("3")), src.expr(src.cmd("x", [src.arg(src.num("4"))], 2))])
        XCTAssertEqual(diagnostic?.message, "a number cannot be called")
        XCTAssertEqual(pointedText(diagnostic), "x")
    }

    func testUnknownCommandPointsAtItsName() {
        let src = Source("frobnicate 3")
        let diagnostic = Harness().error(src, [src.expr(src.cmd("frobnicate", [src.arg(src.num("3"))]))])
        XCTAssertEqual(diagnostic?.message, "unknown command 'frobnicate'")
        XCTAssertEqual(pointedText(diagnostic), "frobnicate")
    }

    func testUnknownNamesSuggestVariablesBuiltinsAndKeywords() {
        let src = Source("alpha = 1\nalpah\nsqrtt 4\nretrun")
        let harness = Harness()
        let variable = harness.error(src, [src.assign("alpha", src.num("1")), src.expr(src.id("alpah"))])
        XCTAssertEqual(variable?.hint, "did you mean 'alpha'?")
        let builtin = harness.error(src, [src.expr(src.cmd("sqrtt", [src.arg(src.num("4"))]))])
        XCTAssertEqual(builtin?.hint, "did you mean 'sqrt'?")
        let keyword = harness.error(src, [src.expr(src.id("retrun"))])
        XCTAssertEqual(keyword?.hint, "did you mean 'return'?")
    }

    func testEchoModeShowsValuesQuotedAndKeepsUnderscore() {
        let src = Source("\"hi\"\n1 + 1\nprint 5")
        let harness = Harness()
        harness.run(src, [
            src.expr(src.str("hi")),
            src.expr(src.bin(.add, src.num("1"), src.num("1", 2))),
            src.expr(src.cmd("print", [src.arg(src.num("5"))])),
        ], echo: true)
        XCTAssertEqual(harness.output.text, "\"hi\"\n2\n5\n", "print returns nil, which is not echoed")
        XCTAssertEqual(harness.interpreter.lastResult, 2)
    }
}

/// Tests that run parsed source (the parser is the lang branch's; these check the runtime).
final class ParsedSourceTests: XCTestCase {
    func testStackGuardTurnsUnlimitedRecursionIntoAnError() {
        var deepest = 0.0
        var registry = BuiltinRegistry.standard()
        registry.add("note_depth", category: .session, parameters: [.positional("n", .number, doc: "depth")],
                     summary: "Records the deepest n.", help: "    note_depth 3") { _, args in
            deepest = max(deepest, try args.number("n"))
            return .nil
        }
        let output = RecordingOutput()
        let interpreter = Interpreter(output: output, registry: registry)
        interpreter.maxCallDepth = 100_000_000
        let outcome = interpreter.run(SourceFile(name: "deep.mf", text: """
            fn down(n) {
                note_depth n
                return ((((1 + down(n + 1)))))
            }
            down(0)
            """))
        guard case .runtimeError(let diagnostic) = outcome else { return XCTFail("expected an error, got \(outcome)") }
        XCTAssertEqual(diagnostic.message, "expression or recursion nested too deeply for the stack")
        XCTAssertGreaterThan(deepest, 1000, "the default call limit must fit on an 8 MB stack")
        print("stack guard stopped recursion at depth \(Int(deepest))")
    }
}
