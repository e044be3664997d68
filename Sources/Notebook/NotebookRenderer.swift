import MixFlowOps
/// Turns a `NotebookDocument` into HTML.
struct NotebookRenderer {
    let document: NotebookDocument

    func render() -> String {
        var html = """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(HTML.escape(document.title)) · mfsh notebook</title>
        <style>
        \(NotebookStyle.css)</style>
        </head>
        <body>

        """
        html += header()
        html += "<main>\n"
        var stopped = false
        var codeNumber = 0
        for cell in document.cells {
            switch cell {
            case .markdown(let text):
                html += "<section class=\"cell markdown\">\n" + Markdown.html(text, headingOffset: 1) + "\n</section>\n"
            case .code(var code):
                codeNumber += 1
                if stopped { code.status = .notRun }
                if case .failed = code.status { stopped = true }
                html += codeCell(code, number: codeNumber)
            }
        }
        html += "</main>\n" + footer() + "</body>\n</html>\n"
        return html
    }

    private func header() -> String {
        let facts = document.runFacts.map(HTML.escape)
        var html = "<header class=\"doc\">\n<h1>" + HTML.escape(document.title) + "</h1>\n"
        html += "<p class=\"meta\">" + facts.map { "<span>\($0)</span>" }.joined(separator: " · ") + "</p>\n"
        if let failed = firstFailedCell() {
            html += "<p class=\"run-status failed\">The run stopped with an error in code cell \(failed); later cells did not run.</p>\n"
        }
        return html + "</header>\n"
    }

    /// The number of the first failed code cell, if any.
    private func firstFailedCell() -> Int? {
        var number = 0
        for cell in document.cells {
            guard case .code(let code) = cell else { continue }
            number += 1
            if case .failed = code.status { return number }
        }
        return nil
    }

    private func codeCell(_ code: CodeCell, number: Int) -> String {
        let state: String
        switch code.status {
        case .ok: state = "ok"
        case .failed: state = "failed"
        case .notRun: state = "not-run"
        }
        var html = "<section class=\"cell code \(state)\" id=\"cell-\(number)\">\n"
        html += cellHead(code, number: number) + "\n"
        html += "<pre class=\"source\"><code>" + SyntaxHighlight.html(code.source) + "</code></pre>\n"
        if code.status != .notRun {
            html += code.outputs.map(output).joined()
        }
        if case .failed(let message) = code.status {
            html += "<pre class=\"error\">" + HTML.escape(message) + "</pre>\n"
        }
        return html + "</section>\n"
    }

    private func cellHead(_ code: CodeCell, number: Int) -> String {
        var parts = ["<span class=\"label\">[\(number)]</span>"]
        if let line = code.firstLine {
            let count = max(1, code.source.split(separator: "\n", omittingEmptySubsequences: false).count)
            let lines = count == 1 ? "line \(line)" : "lines \(line)–\(line + count - 1)"
            parts.append("<span class=\"lines\">\(lines)</span>")
        }
        switch code.status {
        case .ok: if let seconds = code.seconds { parts.append("<span class=\"time\">\(DurationText.format(seconds))</span>") }
        case .failed: parts.append("<span class=\"badge error-badge\">error</span>")
        case .notRun: parts.append("<span class=\"badge\">not run</span>")
        }
        return "<div class=\"cell-head\">" + parts.joined() + "</div>"
    }

    private func output(_ output: CellOutput) -> String {
        switch output {
        case .text(let text):
            return "<pre class=\"output\">" + HTML.escape(text) + "</pre>\n"
        case let .table(table, caption):
            return HTMLTable.render(table, caption: caption) + "\n"
        case .chart(let chart):
            return figure(chart.svg())
        case .svg(let svg):
            return figure(svg)
        }
    }

    /// An inline SVG, allowed to shrink to the page width but not to grow past its own width.
    private func figure(_ svg: String) -> String {
        let fragment = SVGDocument.inlineFragment(svg)
        let style = SVGDocument.width(of: fragment).map { " style=\"max-width: \(SVGDocument.number($0))px\"" } ?? ""
        return "<div class=\"plot-wrap\"><figure class=\"plot\"\(style)>\n" + fragment + "</figure></div>\n"
    }

    private func footer() -> String {
        let versions = document.versions.map { "<span>\(HTML.escape($0.name)) \(HTML.escape($0.version))</span>" }
        let made = "Made with mfsh" + (versions.isEmpty ? "" : ": ")
        return "<footer>" + made + versions.joined(separator: " · ") + "</footer>\n"
    }
}

extension SVGDocument {
    /// The `width` attribute of the root `<svg>` element in pixels, if it has a plain number.
    static func width(of svg: String) -> Double? {
        guard let open = svg.range(of: "<svg"), let close = svg[open.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = svg[open.upperBound..<close]
        guard let attribute = tag.range(of: " width=\"") else { return nil }
        let value = tag[attribute.upperBound...].prefix(while: { $0 != "\"" })
        return Double(value.hasSuffix("px") ? String(value.dropLast(2)) : String(value))
    }
}
