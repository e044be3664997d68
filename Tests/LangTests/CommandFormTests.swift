import XCTest

@testable import Lang

/// Command form `name a b key=v` versus expression form, and the whitespace rules that decide.
final class CommandFormTests: XCTestCase {
    func testCommandWithPositionalAndKeywordArguments() {
        XCTAssertEqual(sexpr("load \"letters\" points=100 seed = 2"), "(cmd load \"letters\" points=100 seed=2)")
    }

    func testCommandOnTheRightOfAssignment() {
        XCTAssertEqual(sexpr("data = load \"letters\" points=100"), "(= data (cmd load \"letters\" points=100))")
    }

    func testArgumentsAreFullExpressions() {
        XCTAssertEqual(sexpr("print a + 1, b * 2 c.d"), "(cmd print (+ a 1) (* b 2) (. c d))")
        XCTAssertEqual(sexpr("print a and b"), "(cmd print (and a b))")
        XCTAssertEqual(sexpr("print 0:10:2"), "(cmd print (: 0 10 2))")
        XCTAssertEqual(sexpr("print not x"), "(cmd print (not x))")
        XCTAssertEqual(sexpr("print true nil"), "(cmd print true nil)")
    }

    func testMinusWithSpaceBeforeAndNoneAfterStartsAnArgument() {
        XCTAssertEqual(sexpr("print -1"), "(cmd print (-1))")
        XCTAssertEqual(sexpr("print a -1"), "(cmd print a (-1))")
        XCTAssertEqual(sexpr("print a -1 -b"), "(cmd print a (-1) (-b))")
        XCTAssertEqual(sexpr("print +1"), "(cmd print (+1))")
        XCTAssertEqual(sexpr("x -1"), "(cmd x (-1))")
        XCTAssertEqual(sexpr("y = n -1"), "(= y (cmd n (-1)))")
    }

    func testMinusWithSpacesAroundOrNoneIsSubtraction() {
        XCTAssertEqual(sexpr("x - 1"), "(- x 1)")
        XCTAssertEqual(sexpr("x-1"), "(- x 1)")
        XCTAssertEqual(sexpr("x- 1"), "(- x 1)")
        XCTAssertEqual(sexpr("print a - 1"), "(cmd print (- a 1))")
        XCTAssertEqual(sexpr("print a-1"), "(cmd print (- a 1))")
        XCTAssertEqual(sexpr("print - 1"), "(- print 1)")
    }

    func testTheSplittingRuleStopsAtBrackets() {
        XCTAssertEqual(sexpr("print (a -1)"), "(cmd print (- a 1))")
        XCTAssertEqual(sexpr("print [a -1]"), "(cmd print [(- a 1)])")
        XCTAssertEqual(sexpr("print f(a -1)"), "(cmd print (call f (- a 1)))")
    }

    func testParenthesisWithSpaceIsAnArgumentWithoutSpaceACall() {
        XCTAssertEqual(sexpr("print (1+2)*3"), "(cmd print (* (+ 1 2) 3))")
        XCTAssertEqual(sexpr("print(1+2)*3"), "(* (call print (+ 1 2)) 3)")
        XCTAssertEqual(sexpr("print(x)"), "(call print x)")
        XCTAssertEqual(sexpr("f (a: 1)"), "(cmd f (record a:1))")
        XCTAssertEqual(sexpr("print a (b)"), "(cmd print a b)")
    }

    func testBracketWithSpaceIsAListArgumentWithoutSpaceAnIndex() {
        XCTAssertEqual(sexpr("x [1]"), "(cmd x [1])")
        XCTAssertEqual(sexpr("x[1]"), "(index x 1)")
        XCTAssertEqual(sexpr("print x [1] x[1]"), "(cmd print x [1] (index x 1))")
    }

    func testOperatorsAfterANameMakeAnExpression() {
        XCTAssertEqual(sexpr("x * 2"), "(* x 2)")
        XCTAssertEqual(sexpr("x == 2"), "(== x 2)")
        // Only a plain name can be a command: `x.y 2` is member access followed by a stray number.
        XCTAssertEqual(errors("x.y 2"), ["1:5 unexpected number '2'"])
    }

    func testCommasAndSpacesMix() {
        XCTAssertEqual(sexpr("print a, b c,d"), "(cmd print a b c d)")
        XCTAssertEqual(sexpr("print a, -1"), "(cmd print a (-1))")
        XCTAssertEqual(sexpr("print a, - 1"), "(cmd print a (-1))")
        XCTAssertEqual(sexpr("print a, (b)"), "(cmd print a b)")
    }

    func testCommandEndsAtSemicolonAndBrace() {
        XCTAssertEqual(sexpr("print a; print b"), "(cmd print a); (cmd print b)")
        XCTAssertEqual(sexpr("if x { print a }"), "(if x {(cmd print a)})")
    }

    func testConditionsAndSequencesAreNeverCommands() {
        XCTAssertEqual(sexpr("for i in 0:n { }"), "(for i (: 0 n) {})")
        XCTAssertEqual(sexpr("if f(x) { }"), "(if (call f x) {})")
        XCTAssertEqual(sexpr("fn f() { return g -1 }"), "(fn f () {(return (- g 1))})")
    }
}
