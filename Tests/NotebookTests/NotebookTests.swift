import MarkupSupport
import XCTest
import MixFlowOps
@testable import Notebook

final class NotebookTests: XCTestCase {
    func testNotebookIsWellFormedXHTML() {
        let check = MarkupCheck(SampleNotebook.document().html())
        XCTAssertTrue(check.isWellFormed, check.error ?? "")
        XCTAssertEqual(check.elements.first?.name, "html")
        XCTAssertEqual(check.elements.first?.attributes["xmlns"], "http://www.w3.org/1999/xhtml")
    }

    func testNotebookMatchesGolden() {
        NotebookGolden.check(SampleNotebook.document().html(), name: "notebook.html")
    }

    func testHeaderRecordsHowTheRunWasMade() {
        let check = MarkupCheck(SampleNotebook.document().html())
        XCTAssertEqual(check.elements(named: "h1").first?.text, "letters.mf")
        let meta = check.elements.first { $0.attributes["class"] == "meta" }?.text ?? ""
        XCTAssertEqual(meta, "2025-06-01 14:03 UTC · arguments: quick seed=2 · seed 1 · wall time 45.4 s · 6 code cells · mfsh 0.1.0")
        XCTAssertEqual(check.elements(named: "footer").first?.text, "Made with mfsh: mfsh 0.1.0 · Swift 6.3.1 · OpenBLAS 0.3.26")
    }

    func testHeaderNamesTheMachineWhenGiven() {
        var document = SampleNotebook.document()
        document.machine = "OpenBLAS 0.3.21, core Haswell, 2 threads"
        let meta = MarkupCheck(document.html()).elements.first { $0.attributes["class"] == "meta" }?.text ?? ""
        XCTAssertEqual(meta, "2025-06-01 14:03 UTC · arguments: quick seed=2 · seed 1 · wall time 45.4 s · 6 code cells · mfsh 0.1.0 · "
                       + "OpenBLAS 0.3.21, core Haswell, 2 threads")
        document.arguments = []
        let bare = MarkupCheck(document.html()).elements.first { $0.attributes["class"] == "meta" }?.text ?? ""
        XCTAssertTrue(bare.contains(" · no arguments · "), bare)
    }

    func testCellsAppearInOrderWithTheirOutputs() {
        let check = MarkupCheck(SampleNotebook.document().html())
        let sections = check.elements(named: "section")
        XCTAssertEqual(sections.map { $0.attributes["class"] ?? "" }, [
            "cell markdown", "cell code ok", "cell code ok", "cell markdown", "cell code ok", "cell code ok",
            "cell code failed", "cell markdown", "cell code not-run",
        ])
        XCTAssertEqual(check.elements(named: "svg").filter { $0.parent >= 0 && check.elements[$0.parent].name == "figure" }.count, 3,
                       "history, bars and the small multiples inline")
        XCTAssertEqual(check.elements(named: "table").count, 1)
        XCTAssertEqual(check.elements(named: "td").prefix(4).map(\.text), ["A @ 90", "1000", "0.1835", "0.2441"])
        XCTAssertEqual(check.elements(named: "td").dropFirst(8).prefix(4).map(\.text), ["T @ 90", "1000", "0.1660", "0.2310"])
        XCTAssertTrue(check.elements(named: "h2").contains { $0.text == "Letters: does a mixture base help on unseen rotations?" })
        XCTAssertTrue(check.elements(named: "a").contains { $0.attributes["href"] == "https://arxiv.org/abs/2601.11827" })
    }

    func testFailedCellShowsItsErrorAndLaterCellsAreNotRun() {
        let check = MarkupCheck(SampleNotebook.document().html())
        let errors = check.elements.filter { $0.name == "pre" && $0.attributes["class"] == "error" }
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].text.contains("did you mean 'sigma'?"))
        XCTAssertFalse(check.elements.contains { $0.text == "should not be shown" }, "outputs of not-run cells are hidden")
        XCTAssertTrue(check.elements.contains { $0.attributes["class"] == "run-status failed" })

        // A cell after a failure is shown as not run even if the caller left it marked ok.
        var document = SampleNotebook.document()
        document.cells.append(.code(CodeCell(source: "print 1", outputs: [.text("1")], seconds: 0.1, status: .ok)))
        let later = MarkupCheck(document.html()).elements(named: "section").last
        XCTAssertEqual(later?.attributes["class"], "cell code not-run")
    }

    func testCodeIsEscapedAndHighlighted() {
        let source = "x = \"<b>&\" # note <i>\nif x < 3 { print(x, 1e-3) }"
        let html = SyntaxHighlight.html(source)
        XCTAssertEqual(html, "x = <span class=\"s\">&quot;&lt;b&gt;&amp;&quot;</span> <span class=\"c\"># note &lt;i&gt;</span>\n"
                       + "<span class=\"k\">if</span> x &lt; <span class=\"n\">3</span> { <span class=\"f\">print</span>(x, <span class=\"n\">1e-3</span>) }")
        XCTAssertEqual(SyntaxHighlight.html("train mix steps=30"), "<span class=\"f\">train</span> mix steps=<span class=\"n\">30</span>")
        XCTAssertEqual(SyntaxHighlight.html("data = load \"x\""), "data = <span class=\"f\">load</span> <span class=\"s\">&quot;x&quot;</span>")
    }

    /// Keywords come from Lang's lexer: words the language lacks are plain names.
    func testHighlightingFollowsTheLexer() {
        XCTAssertEqual(SyntaxHighlight.html("while = 1"), "while = <span class=\"n\">1</span>")
        XCTAssertEqual(SyntaxHighlight.html("for c in [1] { }"),
                       "<span class=\"k\">for</span> c <span class=\"k\">in</span> [<span class=\"n\">1</span>] { }")
        for source in ["x = \"open", "a $ b \u{1F600}", "", "#only a comment", "f(\n1,\n2)"] {
            let html = SyntaxHighlight.html(source)
            let text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            XCTAssertEqual(text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&"), source,
                           "every byte comes out as itself")
        }
    }

    func testNoExternalResources() {
        let html = SampleNotebook.document().html()
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<link"))
        XCTAssertFalse(html.contains("src=\""))
        XCTAssertFalse(html.contains("@import"))
        XCTAssertTrue(html.contains("name=\"viewport\""))
        XCTAssertTrue(html.contains("@media print"))
    }

    func testLongTablesShowHeadAndTail() {
        let table = try! DataTable(columns: [TableColumn("i", .integers(Array(0..<100)))])
        let check = MarkupCheck(HTMLTable.render(table, caption: nil, maxRows: 20))
        XCTAssertTrue(check.isWellFormed)
        let cells = check.elements(named: "td").map(\.text)
        XCTAssertEqual(cells.count, 21)
        XCTAssertEqual(cells[14], "14")
        XCTAssertEqual(cells[15], "… 80 more rows …")
        XCTAssertEqual(cells.last, "99")
    }

    func testTableColumnsShareTheirDecimals() {
        XCTAssertEqual(ColumnFormat(values: .doubles([0.18349, 0.16602, 0.2])).decimals, 4)
        XCTAssertEqual(ColumnFormat(values: .doubles([0.18349, 0.16602])).text(0.16602), "0.1660")
        XCTAssertEqual(ColumnFormat(values: .doubles([1, 2, 3000])).text(3000), "3000")
        XCTAssertEqual(ColumnFormat(values: .doubles([12.345, 3.1])).text(3.1), "3.10")
        let mixed = ColumnFormat(values: .doubles([1500.2, 0.00012344]))
        XCTAssertNil(mixed.decimals, "a shared format would print 0.00012344 as 0")
        XCTAssertEqual(mixed.text(0.00012344), "0.0001234")
        XCTAssertEqual(ColumnFormat(values: .doubles([.nan, 0.5])).text(.nan), "NaN")
    }

    func testDurations() {
        XCTAssertEqual(DurationText.format(0.031), "31 ms")
        XCTAssertEqual(DurationText.format(0.4), "0.4 s")
        XCTAssertEqual(DurationText.format(3.21), "3.2 s")
        XCTAssertEqual(DurationText.format(41.66), "41.7 s")
        XCTAssertEqual(DurationText.format(125), "2 min 05 s")
        XCTAssertEqual(DurationText.format(3725), "1 h 02 min")
    }

    func testWritesAtomically() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-notebook-\(getpid()).html").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let document = SampleNotebook.document()
        try document.write(to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), document.html())
        XCTAssertThrowsError(try document.write(to: "/nonexistent-dir-mfsh/report.html")) { error in
            XCTAssertEqual(error as? FileWriteError, .missingDirectory(path: "/nonexistent-dir-mfsh/report.html", directory: "/nonexistent-dir-mfsh"))
        }
    }
}

import Foundation
