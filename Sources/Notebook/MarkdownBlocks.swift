import MixFlowOps
/// Block structure of a Markdown text.
indirect enum MarkdownBlock: Equatable {
    case heading(level: Int, text: String)
    case paragraph([String])
    case code(info: String, lines: [String])
    case list(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]])
    case quote([MarkdownBlock])
    case rule
    case table(MarkdownTable)
}

/// Splits Markdown lines into blocks: ATX and setext headings, paragraphs, fenced code,
/// bullet and ordered lists (nested by indentation), block quotes, thematic breaks, indented code
/// blocks and pipe tables. Raw HTML blocks are not recognised (raw HTML is always shown as text).
struct MarkdownBlockParser {
    private let lines: [String]
    private var index = 0

    init(lines: [String]) {
        self.lines = lines.map { $0.replacingOccurrences(of: "\t", with: "    ") }
    }

    static func parse(_ text: String) -> [MarkdownBlock] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var parser = MarkdownBlockParser(lines: lines)
        return parser.blocks()
    }

    mutating func blocks() -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        while index < lines.count {
            let line = lines[index]
            if MarkdownLine.isBlank(line) { index += 1; continue }
            if let fence = MarkdownLine.fence(line) { blocks.append(fencedCode(fence)); continue }
            if let heading = MarkdownLine.atxHeading(line) {
                blocks.append(.heading(level: heading.level, text: heading.text))
                index += 1
                continue
            }
            if MarkdownLine.indent(line) >= 4 { blocks.append(indentedCode()); continue }
            if MarkdownLine.isRule(line) { blocks.append(.rule); index += 1; continue }
            if MarkdownTable.starts(line, next: index + 1 < lines.count ? lines[index + 1] : nil) {
                blocks.append(table())
                continue
            }
            if MarkdownLine.quoteContent(line) != nil { blocks.append(quote()); continue }
            if let marker = MarkdownLine.listMarker(line) { blocks.append(list(marker)); continue }
            blocks.append(paragraph())
        }
        return blocks
    }

    private mutating func fencedCode(_ fence: MarkdownLine.Fence) -> MarkdownBlock {
        index += 1
        var content: [String] = []
        while index < lines.count {
            let line = lines[index]
            index += 1
            if MarkdownLine.closesFence(line, fence) { break }
            content.append(MarkdownLine.removingIndent(line, upTo: fence.indent))
        }
        return .code(info: fence.info, lines: content)
    }

    /// Lines indented by four spaces or more (blank lines inside kept, trailing ones dropped).
    private mutating func indentedCode() -> MarkdownBlock {
        var content: [String] = []
        while index < lines.count, MarkdownLine.isBlank(lines[index]) || MarkdownLine.indent(lines[index]) >= 4 {
            content.append(MarkdownLine.removingIndent(lines[index], upTo: 4))
            index += 1
        }
        while content.last.map(MarkdownLine.isBlank) == true { content.removeLast() }
        return .code(info: "", lines: content)
    }

    private mutating func table() -> MarkdownBlock {
        let header = MarkdownTable.splitRow(lines[index])
        let alignments = MarkdownTable.delimiterRow(lines[index + 1]) ?? []
        index += 2
        var rows: [[String]] = []
        while index < lines.count, !MarkdownLine.isBlank(lines[index]), lines[index].contains("|") {
            rows.append(MarkdownTable.normalized(MarkdownTable.splitRow(lines[index]), width: header.count))
            index += 1
        }
        return .table(MarkdownTable(header: header, alignments: alignments, rows: rows))
    }

    private mutating func quote() -> MarkdownBlock {
        var inner: [String] = []
        while index < lines.count, let content = MarkdownLine.quoteContent(lines[index]) {
            inner.append(content)
            index += 1
        }
        var parser = MarkdownBlockParser(lines: inner)
        return .quote(parser.blocks())
    }

    /// A paragraph runs until a blank line or the start of another block; a following line of
    /// `===` or `---` turns it into a setext heading.
    private mutating func paragraph() -> MarkdownBlock {
        var text: [String] = [lines[index]]
        index += 1
        while index < lines.count {
            let line = lines[index]
            if let level = MarkdownLine.setextLevel(line) {
                index += 1
                return .heading(level: level, text: text.map { $0.trimmingSpaces() }.joined(separator: " "))
            }
            if MarkdownLine.interruptsParagraph(line) { break }
            if MarkdownTable.starts(line, next: index + 1 < lines.count ? lines[index + 1] : nil) { break }
            text.append(line)
            index += 1
        }
        return .paragraph(text.map { String($0.drop(while: { $0 == " " })) })
    }

    /// Items of one list: lines indented at least to the item's content column belong to it, as
    /// do lazy continuation lines of its paragraph; another marker of the same kind starts the
    /// next item.
    private mutating func list(_ first: MarkdownLine.ListMarker) -> MarkdownBlock {
        var items: [[String]] = []
        var sawBlankBetween = false
        var current: [String] = []
        var marker = first
        var pendingBlank = false
        index += 1
        current.append(marker.firstLine)
        while index < lines.count {
            let line = lines[index]
            if MarkdownLine.isBlank(line) { pendingBlank = true; current.append(""); index += 1; continue }
            if MarkdownLine.indent(line) >= marker.contentIndent {
                if pendingBlank { sawBlankBetween = true }
                current.append(MarkdownLine.removingIndent(line, upTo: marker.contentIndent))
            } else if let next = MarkdownLine.listMarker(line), next.sameKind(as: first) {
                if pendingBlank { sawBlankBetween = true }
                items.append(current)
                current = [next.firstLine]
                marker = next
            } else if !pendingBlank && !MarkdownLine.interruptsParagraph(line) {
                current.append(line.trimmingSpaces())
            } else {
                break
            }
            pendingBlank = false
            index += 1
        }
        items.append(current)
        let parsed = items.map { item -> [MarkdownBlock] in
            var parser = MarkdownBlockParser(lines: item)
            return parser.blocks()
        }
        return .list(ordered: first.ordered, start: first.number, tight: !sawBlankBetween, items: parsed)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
