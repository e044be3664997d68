import MixFlowOps
/// Renders the inline content of one block (paragraph text, a heading, a list item line):
/// backslash escapes, code spans, `*`/`_` emphasis and strong emphasis (CommonMark delimiter
/// rules), links `[text](url "title")`, autolinks `<https://…>`, hard line breaks (two trailing
/// spaces or a trailing backslash). Everything else, raw HTML included, is shown as text.
struct MarkdownInline {
    private enum Node {
        case text(String)
        case markup(String)
        case delimiter(Delimiter)
    }

    private struct Delimiter {
        var character: Character
        var count: Int
        var canOpen: Bool
        var canClose: Bool
    }

    private let chars: [Character]
    private var position = 0
    private var nodes: [Node] = []

    private init(_ text: String) { chars = Array(text) }

    static func html(_ text: String) -> String {
        var parser = MarkdownInline(text)
        parser.tokenize()
        parser.processEmphasis()
        return parser.rendered()
    }

    private mutating func tokenize() {
        var pending = ""
        func flush(_ nodes: inout [Node]) {
            if !pending.isEmpty { nodes.append(.text(pending)); pending = "" }
        }
        while position < chars.count {
            let c = chars[position]
            if let node = special(c) {
                flush(&nodes)
                nodes.append(node)
            } else {
                pending.append(c)
                position += 1
            }
        }
        flush(&nodes)
    }

    /// The node starting at `position` when it is not plain text (advancing past it).
    private mutating func special(_ c: Character) -> Node? {
        switch c {
        case "\\": return escape()
        case "`": return codeSpan()
        case "*", "_": return delimiterRun(c)
        case "[": return link()
        case "<": return autolink()
        case "\n": return lineBreak()
        default: return nil
        }
    }

    private mutating func escape() -> Node? {
        guard position + 1 < chars.count else { return nil }
        let next = chars[position + 1]
        if next == "\n" {
            position += 2
            return .markup("<br/>\n")
        }
        guard next.isASCII, next.isPunctuation || next.isSymbol else { return nil }
        position += 2
        return .text(String(next))
    }

    private mutating func codeSpan() -> Node? {
        let run = chars[position...].prefix(while: { $0 == "`" }).count
        var search = position + run
        while search < chars.count {
            if chars[search] == "`" {
                let closing = chars[search...].prefix(while: { $0 == "`" }).count
                if closing == run {
                    var content = String(chars[(position + run)..<search]).replacingOccurrences(of: "\n", with: " ")
                    if content.count >= 2, content.first == " ", content.last == " ", content.contains(where: { $0 != " " }) {
                        content = String(content.dropFirst().dropLast())
                    }
                    position = search + closing
                    return .markup("<code>" + HTML.escape(content) + "</code>")
                }
                search += closing
            } else {
                search += 1
            }
        }
        position += run
        return .text(String(repeating: "`", count: run))
    }

    /// A run of `*` or `_` with CommonMark's left/right-flanking rules deciding whether it may
    /// open or close emphasis (`_` may not open or close inside a word).
    private mutating func delimiterRun(_ c: Character) -> Node {
        let count = chars[position...].prefix(while: { $0 == c }).count
        let before: Character = position > 0 ? chars[position - 1] : " "
        let after: Character = position + count < chars.count ? chars[position + count] : " "
        position += count
        let leftFlanking = !after.isWhitespace && (!isPunctuation(after) || before.isWhitespace || isPunctuation(before))
        let rightFlanking = !before.isWhitespace && (!isPunctuation(before) || after.isWhitespace || isPunctuation(after))
        let canOpen = c == "*" ? leftFlanking : leftFlanking && (!rightFlanking || isPunctuation(before))
        let canClose = c == "*" ? rightFlanking : rightFlanking && (!leftFlanking || isPunctuation(after))
        return .delimiter(Delimiter(character: c, count: count, canOpen: canOpen, canClose: canClose))
    }

    private func isPunctuation(_ c: Character) -> Bool { c.isPunctuation || c.isSymbol }

    private mutating func lineBreak() -> Node {
        position += 1
        return .markup("\n")
    }

    private mutating func link() -> Node? {
        guard let parsed = MarkdownLink.parse(chars, from: position) else { return nil }
        position = parsed.end
        let inner = MarkdownInline.html(parsed.text)
        guard let href = MarkdownLink.safeURL(parsed.destination) else { return .markup(inner) }
        let title = parsed.title.map { " title=\"\(HTML.escape($0))\"" } ?? ""
        return .markup("<a href=\"\(HTML.escape(href))\"\(title)>\(inner)</a>")
    }

    private mutating func autolink() -> Node? {
        guard let end = chars[position...].firstIndex(of: ">") else { return nil }
        let target = String(chars[(position + 1)..<end])
        guard !target.contains(" "), let href = MarkdownLink.safeURL(target), target.contains(":") else { return nil }
        position = end + 1
        return .markup("<a href=\"\(HTML.escape(href))\">\(HTML.escape(target))</a>")
    }

    /// Matches closers with the nearest earlier opener of the same character, innermost first,
    /// using two characters (strong) when both runs have two, else one (emphasis).
    private mutating func processEmphasis() {
        var closer = 0
        while closer < nodes.count {
            guard case .delimiter(let close) = nodes[closer], close.canClose, close.count > 0,
                  let opener = matchingOpener(for: close, before: closer) else {
                closer += 1
                continue
            }
            guard case .delimiter(var open) = nodes[opener], case .delimiter(var shut) = nodes[closer] else { break }
            let use = open.count >= 2 && shut.count >= 2 ? 2 : 1
            open.count -= use
            shut.count -= use
            for between in (opener + 1)..<closer {
                if case .delimiter(let d) = nodes[between] { nodes[between] = .text(String(repeating: d.character, count: d.count)) }
            }
            nodes[opener] = .delimiter(open)
            nodes[closer] = .delimiter(shut)
            let tag = use == 2 ? "strong" : "em"
            nodes.insert(.markup("</\(tag)>"), at: closer)
            nodes.insert(.markup("<\(tag)>"), at: opener + 1)
            closer += 2
        }
    }

    private func matchingOpener(for close: Delimiter, before closer: Int) -> Int? {
        var index = closer - 1
        while index >= 0 {
            if case .delimiter(let open) = nodes[index], open.character == close.character, open.canOpen, open.count > 0 {
                let oddMatch = (open.canClose || close.canOpen) && (open.count + close.count) % 3 == 0
                    && !(open.count % 3 == 0 && close.count % 3 == 0)
                if !oddMatch { return index }
            }
            index -= 1
        }
        return nil
    }

    private func rendered() -> String {
        var html = ""
        for (index, node) in nodes.enumerated() {
            switch node {
            case .text(var text):
                if index + 1 < nodes.count, case .markup("\n") = nodes[index + 1], text.hasSuffix("  ") {
                    while text.last == " " { text.removeLast() }
                    html += HTML.escape(text) + "<br/>"
                } else {
                    html += HTML.escape(text)
                }
            case .markup(let markup): html += markup
            case .delimiter(let d): html += String(repeating: d.character, count: d.count)
            }
        }
        return html.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

import Foundation
