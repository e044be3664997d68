import XCTest

@testable import Lang

/// Precedence, associativity, postfix operators, literals, records versus ranges.
final class ParserExpressionTests: XCTestCase {
    /// Lowest to highest: or, and, not, comparison, range, + -, * / %, unary, ^, postfix.
    func testPrecedenceTable() {
        let table: [(String, String)] = [
            ("a or b and c", "(or a (and b c))"),
            ("a and b or c", "(or (and a b) c)"),
            ("not a and b", "(and (not a) b)"),
            ("not a == b", "(not (== a b))"),
            ("a == b and c != d", "(and (== a b) (!= c d))"),
            ("a < b + 1", "(< a (+ b 1))"),
            ("0:n-1", "(: 0 (- n 1))"),
            ("0:10 == r", "(== (: 0 10) r)"),
            ("1 + 2 * 3", "(+ 1 (* 2 3))"),
            ("1 * 2 + 3", "(+ (* 1 2) 3)"),
            ("1 - 2 - 3", "(- (- 1 2) 3)"),
            ("8 / 4 / 2", "(/ (/ 8 4) 2)"),
            ("7 % 4 * 2", "(* (% 7 4) 2)"),
            ("-2^2", "(-(^ 2 2))"),
            ("2^3^2", "(^ 2 (^ 3 2))"),
            ("2^-1", "(^ 2 (-1))"),
            ("-a * b", "(* (-a) b)"),
            ("- -a", "(-(-a))"),
            ("+a", "(+a)"),
            ("not not a", "(not (not a))"),
            ("-a.b^2", "(-(^ (. a b) 2))"),
            ("a.b.c", "(. (. a b) c)"),
            ("f(x)[1].y", "(. (index (call f x) 1) y)"),
            ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
            ("a <= b", "(<= a b)"),
            ("a >= b", "(>= a b)"),
            ("a > b", "(> a b)"),
        ]
        for (text, expected) in table {
            XCTAssertEqual(sexpr("x = " + text), "(= x \(expected))", "for \(text)")
        }
    }

    func testLiterals() {
        XCTAssertEqual(sexpr("x = [1, 2.5, \"s\", true, false, nil]"), "(= x [1 2.5 \"s\" true false nil])")
        XCTAssertEqual(sexpr("x = []"), "(= x [])")
        XCTAssertEqual(sexpr("x = [1, 2,]"), "(= x [1 2])")
        XCTAssertEqual(sexpr("x = [[1], [2, [3]]]"), "(= x [[1] [2 [3]]])")
    }

    func testRangesHaveTwoOrThreeParts() {
        XCTAssertEqual(sexpr("x = 0:360:30"), "(= x (: 0 360 30))")
        XCTAssertEqual(sexpr("x = -5:5"), "(= x (: (-5) 5))")
        XCTAssertEqual(sexpr("x = a[1:3]"), "(= x (index a (: 1 3)))")
    }

    /// A `(` followed by a name and `:` is always a record; other parentheses group.
    func testRecordsVersusParenthesesAndRanges() {
        XCTAssertEqual(sexpr("x = (a: 1, b: 2)"), "(= x (record a:1 b:2))")
        XCTAssertEqual(sexpr("x = ()"), "(= x (record))")
        XCTAssertEqual(sexpr("x = (a: 1,)"), "(= x (record a:1))")
        XCTAssertEqual(sexpr("x = (a: b:c)"), "(= x (record a:(: b c)))")
        XCTAssertEqual(sexpr("x = (a:b)"), "(= x (record a:b))")
        XCTAssertEqual(sexpr("x = (0:b)"), "(= x (: 0 b))")
        XCTAssertEqual(sexpr("x = (+a:b)"), "(= x (: (+a) b))")
        XCTAssertEqual(sexpr("x = (a)"), "(= x a)")
        XCTAssertEqual(sexpr("x = (a: (b: 1))"), "(= x (record a:(record b:1)))")
    }

    func testIndexAndSelection() {
        XCTAssertEqual(sexpr("y = x[letter=\"A\", angle=90]"), "(= y (select x letter=\"A\" angle=90))")
        XCTAssertEqual(sexpr("y = x[letter = \"A\",]"), "(= y (select x letter=\"A\"))")
        XCTAssertEqual(sexpr("y = x[i + 1]"), "(= y (index x (+ i 1)))")
        XCTAssertEqual(sexpr("y = x[a == 1]"), "(= y (index x (== a 1)))")
        XCTAssertEqual(sexpr("y = x[1][2]"), "(= y (index (index x 1) 2))")
    }

    func testCallsWithPositionalAndKeywordArguments() {
        XCTAssertEqual(sexpr("y = f()"), "(= y (call f))")
        XCTAssertEqual(sexpr("y = f(1, b=2, c = 3,)"), "(= y (call f 1 b=2 c=3))")
        XCTAssertEqual(sexpr("y = f(a == b)"), "(= y (call f (== a b)))")
        XCTAssertEqual(sexpr("y = f(1)(2)"), "(= y (call (call f 1) 2))")
        XCTAssertEqual(sexpr("y = m.sample(n=10)"), "(= y (call (. m sample) n=10))")
    }

    func testOperatorsContinueOnTheNextLineInsideParentheses() {
        XCTAssertEqual(sexpr("x = (a\n and b)"), "(= x (and a b))")
    }

    func testExpressionStatements() {
        XCTAssertEqual(sexpr("x + 1"), "(+ x 1)")
        XCTAssertEqual(sexpr("(1 + 2) * 3"), "(* (+ 1 2) 3)")
        XCTAssertEqual(sexpr("-x"), "(-x)")
        XCTAssertEqual(sexpr("[1, 2]"), "[1 2]")
        XCTAssertEqual(sexpr("not done"), "(not done)")
        XCTAssertEqual(sexpr("x.y"), "(. x y)")
        XCTAssertEqual(sexpr("\"text\""), "\"text\"")
    }
}
