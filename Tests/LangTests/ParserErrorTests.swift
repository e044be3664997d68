import XCTest

@testable import Lang

/// Syntax errors: messages, positions, hints, recovery and the "incomplete" verdict.
final class ParserErrorTests: XCTestCase {
    func testFiveIndependentErrorsReportFive() {
        let program = """
            a = (1 + 2
            b = [1, 2 3]
            ok = 1
            print c )
            if d < e < f { }
            g = 1 +* 2
            fine = [1, 2]
            """
        XCTAssertEqual(errors(program), [
            "1:11 expected ')' to close the '(' opened at 1:5",
            "2:11 expected ',' or ']' after a list element, found number '3'",
            "4:9 unexpected ')'",
            "5:10 comparisons cannot be chained",
            "6:8 expected an expression, found '*'",
        ])
        let names = parse(source(program)).program.statements.compactMap { statement -> String? in
            if case .assign(let name, _, _) = statement.kind { return name }
            return nil
        }
        XCTAssertEqual(names, ["ok", "fine"])
    }

    func testErrorsInsideBlocksRecoverInsideTheBlock() {
        let program = """
            fn f(a) {
                x = )
                y = a
                z = ]
            }
            w = 1
            """
        XCTAssertEqual(errors(program), ["2:9 expected an expression, found ')'", "4:9 expected an expression, found ']'"])
        let result = parse(source(program))
        XCTAssertEqual(result.program.statements.map(stripped), [
            function("f", [param("a")], [assign("y", id("a"))]), assign("w", num(1)),
        ])
    }

    func testUnclosedBracketBeforeANewStatementResumesThere() {
        let program = "x = f(1\ny = 2\nz = [1\nw = 3"
        XCTAssertEqual(errors(program), [
            "1:8 expected ')' to close the '(' opened at 1:6",
            "3:7 expected ']' to close the '[' opened at 3:5",
        ])
        XCTAssertEqual(parse(source(program)).program.statements.map(stripped), [assign("y", num(2)), assign("w", num(3))])
    }

    func testMissingClosingBraceNamesTheOpener() {
        let result = parse(source("if x {\n    y = 1\n"))
        XCTAssertEqual(result.diagnostics.map(\.message), ["expected '}' to close the block opened at 1:6"])
        XCTAssertEqual(result.diagnostics.first?.notes.map(\.message), ["'{' opened here"])
        XCTAssertTrue(result.isIncomplete)
    }

    func testUnexpectedTokensAfterAStatement() {
        XCTAssertEqual(errors("x = 1 2"), ["1:7 unexpected number '2'"])
        XCTAssertEqual(errors("x = y = 1"), ["1:7 unexpected '='"])
        XCTAssertEqual(errors("a.b = 1"), ["1:5 cannot assign to this expression"])
        XCTAssertEqual(errors("}"), ["1:1 unexpected '}'"])
        XCTAssertEqual(errors("else { }"), ["1:1 'else' without an if block before it"])
        XCTAssertEqual(errors("{ x }"), ["1:1 unexpected '{'"])
    }

    func testHintsForCommonMistakes() {
        XCTAssertEqual(hints("y = f (a, b)"), ["to call 'f' with several arguments, remove the space: f(a, b), or write f a b"])
        XCTAssertEqual(hints("if x = 1 { }"), ["use '==' to compare"])
        XCTAssertEqual(hints("if exists \"f\" { }"), ["in a condition, call a command with parentheses: exists(...)"])
        XCTAssertEqual(hints("x = (a = 1)"), ["a record is written (name: value)"])
        XCTAssertEqual(hints("y = x[1, 2]"), ["an index is one value; to select conditions write a[key=value, other=value]"])
        XCTAssertEqual(hints("z = 1 + (2) (3)"), ["to call a function, put '(' right after its name: f(x)"])
        XCTAssertEqual(hints("if a { } else { } else { }"), ["an if statement has at most one final 'else' block"])
        XCTAssertEqual(hints("x = 1 !"), ["use 'not' for logical negation"])
    }

    func testMisspeltKeywordsAreNamed() {
        XCTAssertEqual(errorsWithHints("if a { } esle { }"), ["1:10 unknown keyword 'esle' (did you mean 'else'?)"])
        XCTAssertEqual(errorsWithHints("esle {\n}"), ["1:1 unknown keyword 'esle' (did you mean 'else'?)"])
        XCTAssertEqual(errorsWithHints("fi x > 1 {\n}"), ["1:1 unknown keyword 'fi' (did you mean 'if'?)"])
        XCTAssertEqual(errorsWithHints("fun f(a) { }"), ["1:1 unknown keyword 'fun' (did you mean 'fn'?)"])
        XCTAssertEqual(errorsWithHints("func f(a) { }"), ["1:1 unknown keyword 'func' (did you mean 'fn'?)"])
        XCTAssertEqual(errorsWithHints("def f(a):"), ["1:1 unknown keyword 'def' (did you mean 'fn'?)"])
        XCTAssertEqual(errorsWithHints("if a { } elif b { }"), ["1:10 unknown keyword 'elif' (did you mean 'else if'?)"])
        XCTAssertEqual(errorsWithHints("for x im xs { }"), ["1:7 expected 'in' after the loop variable 'x', found 'im' (did you mean 'in'?)"])
        XCTAssertEqual(errorsWithHints("retrun x {\n}"), ["1:1 unknown keyword 'retrun' (did you mean 'return'?)"])
        // `retrun x` alone is a valid command; the runtime reports it with the same suggestion.
        XCTAssertEqual(errors("retrun x"), [])
        XCTAssertEqual(Keyword.suggestion(for: "retrun"), "return")
        XCTAssertNil(Keyword.suggestion(for: "x"))
    }

    func testReturnOutsideAFunction() {
        XCTAssertEqual(errors("return 1"), ["1:1 'return' outside a function"])
        XCTAssertEqual(errors("fn f() { if x { return 1 } }"), [])
    }

    func testDuplicates() {
        XCTAssertEqual(errors("fn f(a, a) { }"), ["1:9 duplicate parameter 'a'"])
        XCTAssertEqual(errors("r = (a: 1, a: 2)"), ["1:12 duplicate field 'a' in record"])
    }

    func testOtherStructuralErrors() {
        XCTAssertEqual(errors("x = 0:1:2:3"), ["1:10 a range has at most three parts"])
        XCTAssertEqual(errors("x = a[]"), ["1:7 expected an index or a selection between '[' and ']'"])
        XCTAssertEqual(errors("x = a[k=1, 2]"), ["1:12 expected a condition key=value, found number '2'"])
        XCTAssertEqual(errors("x = (a: 1, 2)"), ["1:12 expected a field name: value, found number '2'"])
        XCTAssertEqual(errors("fn (a) { }"), ["1:4 expected a function name after 'fn', found '('"])
        XCTAssertEqual(errors("fn f { }"), ["1:6 expected '(' after the function name 'f', found '{'"])
        XCTAssertEqual(errors("for 1 in x { }"), ["1:5 expected a loop variable name after 'for', found number '1'"])
        XCTAssertEqual(errors("x = if"), ["1:5 expected an expression, found keyword 'if'"])
        XCTAssertEqual(errors("x = a.1"), ["1:7 expected a member name after '.', found number '1'"])
    }

    func testLexerErrorsDoNotCascadeIntoParserErrors() {
        XCTAssertEqual(errors("x = 1 @ 2\ny = 3x + 1\nz = 'q'"), [
            "1:7 unexpected character '@'", "2:5 invalid number '3x'", "3:5 strings are written with double quotes",
        ])
    }

    func testIncompleteInputs() {
        let incomplete = [
            "x = (1 + 2", "x = [1,", "f(a,", "if x {", "if x { y = 1 } else", "if x", "for", "for x", "for x in",
            "for x in y", "fn", "fn f", "fn f(", "fn f(a, b=", "fn f() {", "x =", "x = 1 +", "x = not",
            "print a,", "x.", "x = a[", "x = (a: 1,", "print \"abc", "print \"abc\ndef", "x = -", "source",
            "if a {\n  if b {\n    x = (1 +", "x = 1 and", "y = 2 ^", "r = 0:", "z = a[k=",
        ]
        for text in incomplete {
            let result = parse(source(text))
            XCTAssertTrue(result.isIncomplete, "should be incomplete: \(text.debugDescription) -> \(errors(text))")
            XCTAssertFalse(result.diagnostics.isEmpty, text)
        }
    }

    func testRealErrorsAreNotIncomplete() {
        let broken = [
            "x = )", "x = (1, 2", "x = [1 2", "if x { ) ", "x = \"a\\q", "x = @ (", "x = 1 2 (",
            "y = 1 < 2 < (", "fi x {", "def f(a", "return (",
        ]
        for text in broken {
            let result = parse(source(text))
            XCTAssertFalse(result.isIncomplete, "should be a real error: \(text.debugDescription) -> \(errors(text))")
            XCTAssertFalse(result.diagnostics.isEmpty, text)
        }
    }

    func testCompleteInputIsNotIncomplete() {
        for text in ["x = 1", "if x { }", "print a, b", "return_value = 1", "x = \"a\"", "# (", ""] {
            let result = parse(source(text))
            XCTAssertFalse(result.isIncomplete, text)
            XCTAssertTrue(result.succeeded, text)
        }
    }

    // MARK: - Helpers

    func hints(_ text: String) -> [String?] { parse(source(text)).diagnostics.map(\.hint) }

    func errorsWithHints(_ text: String) -> [String] {
        parse(source(text)).diagnostics.map { diagnostic in
            "\(diagnostic.location!.start) \(diagnostic.message)" + (diagnostic.hint.map { " (\($0))" } ?? "")
        }
    }
}
