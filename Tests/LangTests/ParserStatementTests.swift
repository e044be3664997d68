import XCTest

@testable import Lang

/// Whole programs parsed into trees and compared structurally (spans are checked in SpanTests).
final class ParserStatementTests: XCTestCase {
    func testDesignExampleProgram() {
        let program = """
            ## Letters: does a mixture base help on unseen rotations?
            data  = load "letters" letters="AEFH" angles=0:360:30 points=1000 seed=1
            parts = holdout data angle=[90, 210, 300]          # test = held-out conditions
            train mix parts.train phases=(warmup: 300, alternate: 2400) batch=256 lr=1e-3
            for m in [mix, cfm] {
                gen = sample m parts.test n=1000 steps=100
                print m.name, w2(gen, parts.test).mean
            }
            """
        XCTAssertEqual(statements(program), [
            assign("data", command(
                "load", arg(str("letters")), kw("letters", str("AEFH")), kw("angles", range(num(0), num(360), num(30))),
                kw("points", num(1000)), kw("seed", num(1)))),
            assign("parts", command("holdout", arg(id("data")), kw("angle", list(num(90), num(210), num(300))))),
            exprStmt(command(
                "train", arg(id("mix")), arg(member(id("parts"), "train")),
                kw("phases", record(("warmup", num(300)), ("alternate", num(2400)))),
                kw("batch", num(256)), kw("lr", num(0.001)))),
            forIn("m", list(id("mix"), id("cfm")), [
                assign("gen", command("sample", arg(id("m")), arg(member(id("parts"), "test")), kw("n", num(1000)), kw("steps", num(100)))),
                exprStmt(command(
                    "print", arg(member(id("m"), "name")),
                    arg(member(call(id("w2"), arg(id("gen")), arg(member(id("parts"), "test"))), "mean")))),
            ]),
        ])
        XCTAssertEqual(parse(source(program)).program.cellComments.map(\.text),
                       ["Letters: does a mixture base help on unseen rotations?"])
    }

    func testIfElseIfElse() {
        XCTAssertEqual(statements("if a { x = 1 } else if b { x = 2 } else { x = 3 }"), [
            ifElse(id("a"), [assign("x", num(1))], else: [ifElse(id("b"), [assign("x", num(2))], else: [assign("x", num(3))])]),
        ])
    }

    func testBlocksHoldNewlineSeparatedStatements() {
        let program = """
            if ready
            {
                a = 1; b = 2

                print a
            }
            """
        XCTAssertEqual(statements(program), [
            ifElse(id("ready"), [assign("a", num(1)), assign("b", num(2)), exprStmt(command("print", arg(id("a"))))]),
        ])
    }

    func testFunctionWithDefaultsAndReturn() {
        let program = """
            fn scale(x, factor=2, offset=-1) {
                if x == nil { return }
                return x * factor + offset
            }
            """
        XCTAssertEqual(statements(program), [
            function("scale", [param("x"), param("factor", num(2)), param("offset", neg(num(1)))], [
                ifElse(bin(.equal, id("x"), nilExpr), [ret()]),
                ret(bin(.add, bin(.multiply, id("x"), id("factor")), id("offset"))),
            ]),
        ])
    }

    func testEmptyFunctionAndTrailingCommaInParameters() {
        XCTAssertEqual(statements("fn f() { }\nfn g(a,\n b,\n) {}"), [
            function("f", [], []), function("g", [param("a"), param("b")], []),
        ])
    }

    func testSourceStatement() {
        XCTAssertEqual(statements("source \"other.mf\""), [sourceStmt(str("other.mf"))])
    }

    func testBareIdentifierStaysAnIdentifier() {
        XCTAssertEqual(statements("help\nx"), [exprStmt(id("help")), exprStmt(id("x"))])
    }

    func testSemicolonsAndBlankLinesSeparateStatements() {
        XCTAssertEqual(statements(";;\n\nx = 1;; y = 2;\n\n"), [assign("x", num(1)), assign("y", num(2))])
    }

    func testEmptyInputAndOnlyComments() {
        XCTAssertEqual(statements(""), [])
        XCTAssertEqual(statements("# nothing\n   \n# here"), [])
    }

    func testLineContinuesAfterOperatorsCommasAndEquals() {
        XCTAssertEqual(statements("x =\n  1 +\n  2\nprint a,\n  b"), [
            assign("x", bin(.add, num(1), num(2))), exprStmt(command("print", arg(id("a")), arg(id("b")))),
        ])
    }

    func testNewlinesInsideBracketsContinue() {
        let program = """
            x = [
                1,
                2
            ]
            y = f(a,
                  key = 3)
            z = (
                1
                + 2
            )
            """
        XCTAssertEqual(statements(program), [
            assign("x", list(num(1), num(2))),
            assign("y", call(id("f"), arg(id("a")), kw("key", num(3)))),
            assign("z", bin(.add, num(1), num(2))),
        ])
    }

    func testCellCommentsOnlyAtTopLevel() {
        let program = """
            ## First
            x = 1
            if x {
                ## inside a block: not a cell
            }
            y = [1,
            ## inside brackets: not a cell
            2]
            ## Second
            """
        XCTAssertEqual(parse(source(program)).program.cellComments.map(\.text), ["First", "Second"])
    }

    func testStatementsAfterAnErrorStillParse() {
        let result = parse(source("x = )\ny = 2"))
        XCTAssertEqual(result.diagnostics.count, 1)
        XCTAssertEqual(result.program.statements.map(stripped), [assign("y", num(2))])
    }
}
