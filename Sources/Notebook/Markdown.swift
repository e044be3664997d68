import MixFlowOps
/// A small Markdown renderer for notebook text cells.
///
/// Supports headings (ATX and setext), paragraphs, bullet and ordered lists (nested, tight or
/// loose), fenced and indented code blocks, pipe tables, block quotes, thematic breaks, and
/// inline code, emphasis, strong emphasis, links, autolinks and hard line breaks. Raw HTML is never passed through: it is
/// escaped and shown as text, so a notebook cannot inject markup. The output is XHTML-compatible
/// (every element closed, `<br/>`, `<hr/>`).
public enum Markdown {
    /// `text` as HTML. `headingOffset` shifts heading levels down (1 makes `#` an `<h2>`) so cell
    /// headings sit below the document title; levels stop at `<h6>`.
    public static func html(_ text: String, headingOffset: Int = 0) -> String {
        render(MarkdownBlockParser.parse(text), headingOffset: headingOffset, tight: false)
    }

    private static func render(_ blocks: [MarkdownBlock], headingOffset: Int, tight: Bool) -> String {
        blocks.map { render($0, headingOffset: headingOffset, tight: tight) }.joined(separator: "\n")
    }

    private static func render(_ block: MarkdownBlock, headingOffset: Int, tight: Bool) -> String {
        switch block {
        case let .heading(level, text):
            let shown = min(max(level + headingOffset, 1), 6)
            return "<h\(shown)>\(MarkdownInline.html(text))</h\(shown)>"
        case .paragraph(let lines):
            let inline = MarkdownInline.html(lines.joined(separator: "\n"))
            return tight ? inline : "<p>\(inline)</p>"
        case let .code(info, lines):
            let language = info.split(separator: " ").first.map { " class=\"language-\(HTML.escape(String($0)))\"" } ?? ""
            return "<pre><code\(language)>\(HTML.escape(lines.joined(separator: "\n")))</code></pre>"
        case let .list(ordered, start, isTight, items):
            let tag = ordered ? "ol" : "ul"
            let startAttribute = ordered && start != 1 ? " start=\"\(start)\"" : ""
            let body = items.map { item in
                "<li>" + render(item, headingOffset: headingOffset, tight: isTight) + "</li>"
            }.joined(separator: "\n")
            return "<\(tag)\(startAttribute)>\n\(body)\n</\(tag)>"
        case .quote(let inner):
            return "<blockquote>\n\(render(inner, headingOffset: headingOffset, tight: false))\n</blockquote>"
        case .rule:
            return "<hr/>"
        case .table(let table):
            return table.html()
        }
    }
}
