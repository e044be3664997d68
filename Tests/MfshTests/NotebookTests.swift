import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `mfsh notebook`: the report of a script, cell by cell, as well-formed (X)HTML.
final class NotebookTests: XCTestCase {
    private var scriptsDirectory: URL { MfshProcess.testsDirectory.appendingPathComponent("Scripts/notebook") }

    /// Runs `mfsh notebook script -o report.html` in a scratch directory; returns the result, the
    /// parsed report (nil when none was written) and the scratch directory.
    private func notebook(_ script: URL, options: [String] = []) throws -> (MfshProcess.Result, ReportMarkup?, URL) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-notebook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: scratch) }
        let result = try MfshProcess.run(["notebook"] + options + [script.path, "-o", "report.html"], in: scratch, timeout: 120)
        let report = scratch.appendingPathComponent("report.html")
        let markup = (try? String(contentsOf: report, encoding: .utf8)).map(ReportMarkup.init)
        return (result, markup, scratch)
    }

    func testTheExampleRendersEveryCellWithTablesAndInlinePlots() throws {
        let example = MfshProcess.testsDirectory.deletingLastPathComponent().appendingPathComponent("examples/letters_data.mf")
        let (result, report, scratch) = try notebook(example)
        XCTAssertEqual(result.status, 0, result.stderr)
        let markup = try XCTUnwrap(report)
        XCTAssertNil(markup.error)
        XCTAssertEqual(markup.sections("cell markdown").count, 3)
        XCTAssertEqual(markup.sections("cell code ok").count, 3)
        XCTAssertGreaterThanOrEqual(markup.elements(named: "table").count, 2, "the metric tables")
        XCTAssertEqual(markup.elements(named: "figure").count, 2, "the two plots, inline")
        XCTAssertTrue(markup.elements(named: "figure").allSatisfy { figure in markup.children(of: figure).contains { $0.name == "svg" } })
        // Every line of code is in the report, in the cells' source blocks.
        let sources = markup.elements.filter { $0.attributes["class"] == "source" }.map(\.text).joined(separator: "\n")
        let script = try String(contentsOf: example, encoding: .utf8)
        for line in script.split(separator: "\n") where !line.hasPrefix("##") {
            XCTAssertTrue(sources.contains(line), "missing from the report: \(line)")
        }
        XCTAssertEqual(markup.elements(named: "h1").first?.text, "letters_data.mf")
        XCTAssertTrue(markup.text(ofClass: "meta").contains("seed 1"))
        XCTAssertTrue(markup.text(ofClass: "meta").contains("no arguments · "), "the header records the (absent) arguments")
        XCTAssertTrue(markup.text(ofClass: "meta").contains("wall time "))
        XCTAssertTrue(markup.text(ofClass: "meta").contains("mfsh 0.1.0"))
        XCTAssertTrue(markup.text(ofClass: "meta").contains("OpenBLAS 0."), "the BLAS that ran, in the header")
        XCTAssertTrue(markup.text(ofClass: "meta").contains(", core "), "and its kernel core")
        XCTAssertTrue(markup.elements(named: "footer").first?.text.contains("mfsh 0.1.0") ?? false)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), ["report.html"],
                       "plots without to= are only embedded")
        XCTAssertEqual(result.stdout, "wrote report.html\n")
    }

    func testEchoAlsoPrintsTheOutputThatGoesIntoTheReport() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-echo-\(UUID().uuidString).mf")
        try "## # Echo\nprint \"hello\" 1 + 1\nx = 3\nx * 2\n".write(to: script, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: script) }
        let (quiet, _, _) = try notebook(script)
        XCTAssertEqual(quiet.stdout, "wrote report.html\n")
        let (echoed, report, _) = try notebook(script, options: ["--echo"])
        XCTAssertEqual(echoed.status, 0, echoed.stderr)
        XCTAssertEqual(echoed.stdout, "hello 2\n6\nwrote report.html\n", "printed text and echoed values, then the report")
        XCTAssertTrue(try XCTUnwrap(report).text(ofClass: "output").contains("hello 2"))
    }

    func testARuntimeErrorIsShownInItsCellAndLaterCellsDoNotRun() throws {
        let (result, report, _) = try notebook(scriptsDirectory.appendingPathComponent("_fails.mf"))
        XCTAssertEqual(result.status, 70)
        XCTAssertTrue(result.stderr.contains("_fails.mf:5:5: error: "), result.stderr)
        let markup = try XCTUnwrap(report, "the report is written anyway")
        XCTAssertNil(markup.error)
        XCTAssertEqual(markup.sections("cell code ok").count, 1)
        XCTAssertEqual(markup.sections("cell code failed").count, 1)
        XCTAssertEqual(markup.sections("cell code not-run").count, 1)
        let error = markup.text(ofClass: "error")
        XCTAssertTrue(error.contains("_fails.mf:5:5: error: "), error)
        XCTAssertTrue(error.contains("5 | b = a + \"text\""), "the source line, rendered")
        XCTAssertFalse(error.contains("\u{1B}"), "no colour codes in the report")
        XCTAssertTrue(markup.text(ofClass: "output").contains("first 1"))
        XCTAssertFalse(markup.text(ofClass: "output").contains("third"))
    }

    func testASyntaxErrorGivesAReportWithTheDiagnostics() throws {
        let (result, report, _) = try notebook(scriptsDirectory.appendingPathComponent("_syntax.mf"))
        XCTAssertEqual(result.status, 65)
        let markup = try XCTUnwrap(report)
        XCTAssertNil(markup.error)
        XCTAssertTrue(markup.text(ofClass: "cell markdown").contains("The script did not run"))
        XCTAssertTrue(markup.text(ofClass: "error").contains("_syntax.mf:3:3: error: "), markup.text(ofClass: "error"))
    }

    func testCellsAreCutAtTopLevelCellCommentsOnly() throws {
        let (result, report, _) = try notebook(scriptsDirectory.appendingPathComponent("_cells.mf"))
        XCTAssertEqual(result.status, 0, result.stderr)
        let markup = try XCTUnwrap(report)
        let markdown = markup.sections("cell markdown")
        XCTAssertEqual(markdown.count, 3)
        XCTAssertEqual(markup.children(of: markdown[0]).filter { $0.name == "p" }.map(\.text), ["First paragraph.", "Second paragraph, same cell."])
        XCTAssertEqual(markup.elements(named: "h3").map(\.text), ["Results"])
        let sources = markup.elements.filter { $0.attributes["class"] == "source" }.map(\.text)
        XCTAssertEqual(sources.count, 2)
        XCTAssertTrue(sources[0].hasPrefix("x = 1   # a plain comment"), sources[0])
        XCTAssertTrue(sources[0].contains("## inside a block"), "a ## line inside a block stays code")
        XCTAssertTrue(sources[1].hasPrefix("# set up"), sources[1])
        XCTAssertEqual(markup.elements.filter { $0.attributes["class"] == "output" }.map(\.text), ["4\n", "y is 8\n\"echoed string\"\n"])
        XCTAssertEqual(markdown[2].text.trimmingCharacters(in: .whitespacesAndNewlines), "closing words")
    }

    func testProgressGoesToStderrAndNotIntoTheReport() throws {
        let (result, report, _) = try notebook(scriptsDirectory.appendingPathComponent("_progress.mf"))
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("mmd: 2 conditions in "), result.stderr)
        let markup = try XCTUnwrap(report)
        XCTAssertEqual(markup.text(ofClass: "output"), "done\n")
    }

    func testAnUnwritableReportFailsBeforeRunning() throws {
        let result = try MfshProcess.run(["notebook", scriptsDirectory.appendingPathComponent("_cells.mf").path,
                                          "-o", "/nonexistent-mfsh-dir/r.html"])
        XCTAssertEqual(result.status, 73)
        XCTAssertTrue(result.stderr.contains("directory '/nonexistent-mfsh-dir' does not exist"), result.stderr)
    }
}

/// A report parsed as XML: elements with attributes, text and parents.
final class ReportMarkup: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        var parent: Int
        var index: Int
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var error: String?

    init(_ markup: String) {
        super.init()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = self
        if !parser.parse() || parser.parserError != nil {
            error = "not well-formed at line \(parser.lineNumber), column \(parser.columnNumber)"
        } else if !open.isEmpty {
            error = "unclosed elements"
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, text: "", parent: open.last ?? -1, index: elements.count))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        _ = open.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for index in open { elements[index].text += string }
    }

    func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }

    /// `<section>` elements whose class starts with `prefix` (e.g. "cell code ok").
    func sections(_ prefix: String) -> [Element] {
        elements(named: "section").filter { $0.attributes["class"]?.hasPrefix(prefix) ?? false }
    }

    func children(of element: Element) -> [Element] { elements.filter { $0.parent == element.index } }

    /// The text of every element whose class attribute starts with `prefix`, joined.
    func text(ofClass prefix: String) -> String {
        elements.filter { $0.attributes["class"]?.hasPrefix(prefix) ?? false }.map(\.text).joined()
    }
}
