import XCTest

@testable import Lang

final class DiagnosticRendererTests: XCTestCase {
    func diagnostic(_ text: String, _ span: Span, _ message: String, hint: String? = nil, name: String = "letters.mf") -> Diagnostic {
        .error(message, in: SourceFile(name: name, text: text), at: span, hint: hint)
    }

    func testDesignExample() {
        let text = "data = 1\nx = 2\nbase = gmm_base components=8 sigam=0.1\n"
        let start = text.utf8.count - "sigam=0.1\n".utf8.count
        let rendered = DiagnosticRenderer.render(diagnostic(
            text, Span(start, start + 5), "unknown keyword 'sigam' for gmm_base", hint: "did you mean 'sigma'?"))
        XCTAssertEqual(rendered, """
            letters.mf:3:30: error: unknown keyword 'sigam' for gmm_base
            3 | base = gmm_base components=8 sigam=0.1
              |                              ^~~~~ did you mean 'sigma'?
            """)
    }

    func testZeroWidthSpanGetsACaretOnly() {
        XCTAssertEqual(DiagnosticRenderer.render(diagnostic("x = (1 +", .point(8), "expected an expression")), """
            letters.mf:1:9: error: expected an expression
            1 | x = (1 +
              |         ^
            """)
    }

    func testMultiLineSpanIsUnderlinedToTheEndOfItsFirstLine() {
        XCTAssertEqual(DiagnosticRenderer.render(diagnostic("x = [1,\n 2]", Span(4, 11), "bad list")), """
            letters.mf:1:5: error: bad list
            1 | x = [1,
              |     ^~~
            """)
    }

    func testTabsAreExpandedSoTheMarkerLinesUp() {
        XCTAssertEqual(DiagnosticRenderer.render(diagnostic("\tx =\t@", Span(5, 6), "stray")), """
            letters.mf:1:6: error: stray
            1 |     x = @
              |         ^
            """)
    }

    func testWideAndMultiByteCharactersBeforeTheSpan() {
        let text = "s = \"日本é\" @"
        let at = text.utf8.count - 1
        XCTAssertEqual(DiagnosticRenderer.render(diagnostic(text, Span(at, at + 1), "stray")), """
            letters.mf:1:11: error: stray
            1 | s = "日本é" @
              |             ^
            """)
    }

    func testGutterFitsTheLineNumber() {
        let text = String(repeating: "\n", count: 119) + "oops"
        let at = text.utf8.count - 4
        XCTAssertEqual(DiagnosticRenderer.render(diagnostic(text, Span(at, at + 4), "bad")), """
            letters.mf:120:1: error: bad
            120 | oops
                | ^~~~
            """)
    }

    func testLongLinesAreWindowedAroundTheSpan() {
        let text = String(repeating: "a", count: 1000) + " @ " + String(repeating: "b", count: 1000)
        let rendered = DiagnosticRenderer.render(diagnostic(text, Span(1001, 1002), "stray"))
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[0], "letters.mf:1:1002: error: stray")
        let shown = String(repeating: "a", count: 59) + " @ " + String(repeating: "b", count: 98)
        XCTAssertEqual(lines[1], "1 | ...\(shown)...")
        XCTAssertEqual(lines[2], "  | " + String(repeating: " ", count: 63) + "^")
    }

    func testSpanAtTheEndOfALineAndCarriageReturns() {
        XCTAssertEqual(DiagnosticRenderer.render(diagnostic("if x\r\ny", .point(4), "expected '{'")), """
            letters.mf:1:5: error: expected '{'
            1 | if x
              |     ^
            """)
    }

    func testNotesWithAndWithoutLocation() {
        let file = SourceFile(name: "a.mf", text: "fn f() {\n  g()\n}\nf()")
        var error = Diagnostic.error("unknown command 'g'", in: file, at: Span(11, 12))
        error.notes = [
            Diagnostic.Note("in 'f' called here", at: Diagnostic.Location(file: file, span: Span(17, 20))),
            Diagnostic.Note("one frame of the call chain"),
        ]
        XCTAssertEqual(DiagnosticRenderer.render(error), """
            a.mf:2:3: error: unknown command 'g'
            2 |   g()
              |   ^
            a.mf:4:1: note: in 'f' called here
            4 | f()
              | ^~~
            note: one frame of the call chain
            """)
    }

    func testDiagnosticWithoutLocation() {
        XCTAssertEqual(DiagnosticRenderer.render(Diagnostic(.error, "cannot open 'x.mf'")), "error: cannot open 'x.mf'")
        XCTAssertEqual(DiagnosticRenderer.render(Diagnostic(.warning, "history file unwritable", hint: "check permissions")),
                       "warning: history file unwritable\nhint: check permissions")
    }

    func testColourOnlyWhenAsked() {
        let plain = diagnostic("x = )", Span(4, 5), "unexpected ')'")
        XCTAssertFalse(DiagnosticRenderer.render(plain).contains("\u{1B}"))
        let coloured = DiagnosticRenderer.render(plain, color: true)
        XCTAssertTrue(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        XCTAssertEqual(withoutEscapes(coloured), DiagnosticRenderer.render(plain))
    }

    /// Removes ANSI "ESC [ ... m" sequences.
    func withoutEscapes(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for character in text {
            if character == "\u{1B}" { inEscape = true } else if inEscape { inEscape = character != "m" } else { result.append(character) }
        }
        return result
    }

    func testSeveralDiagnosticsFromTheParser() {
        let result = parse(SourceFile(name: "p.mf", text: "x = )\ny = [1 2]"))
        XCTAssertEqual(DiagnosticRenderer.render(result.diagnostics), """
            p.mf:1:5: error: expected an expression, found ')'
            1 | x = )
              |     ^
            p.mf:2:8: error: expected ',' or ']' after a list element, found number '2'
            2 | y = [1 2]
              |        ^
            """)
    }
}
