import XCTest

@testable import Lang

final class LexerTests: XCTestCase {
    func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(source(text)).tokens.map(\.kind).dropLast()  // drop .endOfInput
    }

    func lexErrors(_ text: String) -> [String] {
        Lexer.tokenize(source(text)).diagnostics.map { "\($0.location!.start) \($0.message)" }
    }

    func testNumbers() {
        XCTAssertEqual(kinds("1 1.5 1e-3 2.5E+4 0.25 7e2"),
                       [.number(1), .number(1.5), .number(0.001), .number(25000), .number(0.25), .number(700)])
    }

    func testMinusIsNotPartOfANumber() {
        XCTAssertEqual(kinds("-2"), [.symbol(.minus), .number(2)])
    }

    func testDotWithoutDigitsIsMemberAccess() {
        XCTAssertEqual(kinds("1.x"), [.number(1), .symbol(.dot), .identifier("x")])
    }

    func testLettersGluedToANumberAreOneError() {
        XCTAssertEqual(kinds("3x 1e"), [.invalid, .invalid])
        XCTAssertEqual(lexErrors("y = 3x"), ["1:5 invalid number '3x'"])
    }

    func testHugeNumberIsAnError() {
        XCTAssertEqual(lexErrors("1e999"), ["1:1 number '1e999' is too large"])
    }

    func testStringEscapes() {
        XCTAssertEqual(kinds(#""a\nb\tc\r\"q\" \\ \0 \u{1F600} \u{41}""#),
                       [.string("a\nb\tc\r\"q\" \\ \u{0} 😀 A")])
    }

    func testStringsMaySpanLines() {
        XCTAssertEqual(kinds("\"one\ntwo\""), [.string("one\ntwo")])
    }

    func testBadEscapesAreReportedAndKept() {
        let result = Lexer.tokenize(source(#""a\qb \u{D800} \u12""#))
        XCTAssertEqual(result.tokens.first?.kind, .string("aqb  12"))
        XCTAssertEqual(result.diagnostics.map(\.message), [
            "unknown escape sequence '\\q'", "'\\u{D800}' is not a Unicode scalar value", "invalid unicode escape",
        ])
    }

    func testUnterminatedStringRunsToTheEndAndIsFlagged() {
        let result = Lexer.tokenize(source("x = \"abc\ndef"))
        XCTAssertTrue(result.endsInsideString)
        XCTAssertEqual(result.tokens.map(\.kind), [.identifier("x"), .symbol(.equal), .string("abc\ndef"), .endOfInput])
        XCTAssertEqual(result.diagnostics.map { "\($0.location!.start) \($0.message)" }, ["1:5 unterminated string"])
    }

    func testIdentifiersAndKeywords() {
        XCTAssertEqual(kinds("_a1 if else for in fn return source true false nil and or not iff"), [
            .identifier("_a1"), .keyword(.if), .keyword(.else), .keyword(.for), .keyword(.in), .keyword(.fn),
            .keyword(.return), .keyword(.source), .keyword(.true), .keyword(.false), .keyword(.nil),
            .keyword(.and), .keyword(.or), .keyword(.not), .identifier("iff"),
        ])
    }

    func testOperatorsLongestMatchFirst() {
        let symbols: [Symbol] = [
            .plus, .minus, .star, .slash, .percent, .caret, .equalEqual, .bangEqual, .less, .lessEqual,
            .greater, .greaterEqual, .equal, .dot, .comma, .colon, .semicolon, .leftParen, .rightParen,
            .leftBracket, .rightBracket, .leftBrace, .rightBrace,
        ]
        XCTAssertEqual(kinds("+ - * / % ^ == != < <= > >= = . , : ; ( ) [ ] { }"), symbols.map { .symbol($0) })
        XCTAssertEqual(kinds("a<=b==c"), [.identifier("a"), .symbol(.lessEqual), .identifier("b"), .symbol(.equalEqual), .identifier("c")])
    }

    func testCommentsAreDroppedButNewlinesKept() {
        XCTAssertEqual(kinds("x # note\ny"), [.identifier("x"), .newline, .identifier("y")])
    }

    func testCellCommentsOnlyAtLineStart() {
        let result = Lexer.tokenize(source("## Title\n  ##   indented\nx = 1 ## not a cell\n##\n##tight\r\n"))
        XCTAssertEqual(result.cellComments.map(\.text), ["Title", "  indented", "", "tight"])
        XCTAssertEqual(result.cellComments.first?.span, Span(0, 8))
    }

    func testSpacingFlags() {
        let tokens = Lexer.tokenize(source("print -1 a-b (x)")).tokens
        XCTAssertEqual(tokens.map(\.spaceBefore), [true, true, false, true, false, false, true, false, false, false])
    }

    func testTokenSpansAreByteOffsets() {
        let tokens = Lexer.tokenize(source("é = \"ü\"")).tokens
        // 'é' is two bytes and not an identifier character.
        XCTAssertEqual(tokens.map(\.span), [Span(0, 2), Span(3, 4), Span(5, 9), Span(9, 9)])
        XCTAssertEqual(tokens.first?.kind, .invalid)
    }

    func testStrayCharactersFormOneRunWithHints() {
        let result = Lexer.tokenize(source("a @$? b ! c && d 'q'"))
        XCTAssertEqual(result.diagnostics.map(\.message), [
            "unexpected characters '@$?'", "unexpected character '!'", "unexpected characters '&&'",
            "strings are written with double quotes",
        ])
        XCTAssertEqual(result.diagnostics.map(\.hint), [nil, "use 'not' for logical negation", "use 'and'", "write \"q\""])
    }

    func testByteOrderMarkAndCarriageReturnsAreWhitespace() {
        XCTAssertEqual(kinds("\u{FEFF}x\r\ny"), [.identifier("x"), .newline, .identifier("y")])
    }

    func testReplacementCharacterFromInvalidUTF8GetsAHint() {
        let text = String(decoding: [0x78, 0x20, 0xFF, 0xFE], as: UTF8.self)
        let result = Lexer.tokenize(source(text))
        XCTAssertEqual(result.diagnostics.count, 1)
        XCTAssertEqual(result.diagnostics.first?.hint, "the file may not be valid UTF-8")
    }

    func testLexerDiagnosticsAreCapped() {
        let result = Lexer.tokenize(source(String(repeating: "@ ", count: 10_000)))
        XCTAssertEqual(result.diagnostics.count, Parser.errorLimit)
        XCTAssertEqual(result.tokens.count, 10_001)
    }
}
