import MixFlowOps
/// Recognisers for the start of each kind of Markdown block, one line at a time.
enum MarkdownLine {
    struct Fence {
        var character: Character
        var length: Int
        var indent: Int
        var info: String
    }

    struct ListMarker {
        var ordered: Bool
        /// `-`, `+` or `*` for bullets; `.` or `)` for ordered lists.
        var delimiter: Character
        var number: Int
        /// Column where the item's content starts; continuation lines are indented this far.
        var contentIndent: Int
        var firstLine: String

        func sameKind(as other: ListMarker) -> Bool { ordered == other.ordered && delimiter == other.delimiter }
    }

    static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " } }

    static func indent(_ line: String) -> Int { line.prefix(while: { $0 == " " }).count }

    static func removingIndent(_ line: String, upTo count: Int) -> String {
        String(line.dropFirst(min(count, indent(line))))
    }

    /// ``` or ~~~ (three or more), indented at most three spaces, with an optional info string.
    static func fence(_ line: String) -> Fence? {
        let spaces = indent(line)
        guard spaces <= 3 else { return nil }
        let rest = line.dropFirst(spaces)
        guard let character = rest.first, character == "`" || character == "~" else { return nil }
        let length = rest.prefix(while: { $0 == character }).count
        guard length >= 3 else { return nil }
        let info = String(rest.dropFirst(length)).trimmingSpaces()
        if character == "`" && info.contains("`") { return nil }
        return Fence(character: character, length: length, indent: spaces, info: info)
    }

    static func closesFence(_ line: String, _ fence: Fence) -> Bool {
        let spaces = indent(line)
        guard spaces <= 3 else { return false }
        let rest = line.dropFirst(spaces)
        let run = rest.prefix(while: { $0 == fence.character }).count
        return run >= fence.length && rest.dropFirst(run).allSatisfy { $0 == " " }
    }

    /// `# Title` … `###### Title`, with optional closing hashes.
    static func atxHeading(_ line: String) -> (level: Int, text: String)? {
        let spaces = indent(line)
        guard spaces <= 3 else { return nil }
        let rest = line.dropFirst(spaces)
        let level = rest.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(level) else { return nil }
        let after = rest.dropFirst(level)
        guard after.isEmpty || after.first == " " else { return nil }
        var text = String(after).trimmingSpaces()
        let withoutClosing = String(text.reversed().drop(while: { $0 == "#" }).reversed())
        if withoutClosing.isEmpty || withoutClosing.last == " " { text = withoutClosing.trimmingSpaces() }
        return (level, text)
    }

    /// Three or more `-`, `*` or `_` (spaces allowed between them) and nothing else.
    static func isRule(_ line: String) -> Bool {
        guard indent(line) <= 3 else { return false }
        let marks = line.filter { $0 != " " }
        guard let first = marks.first, "-*_".contains(first) else { return false }
        return marks.count >= 3 && marks.allSatisfy { $0 == first }
    }

    /// The text after `>` (and one optional space), if this is a block-quote line.
    static func quoteContent(_ line: String) -> String? {
        let spaces = indent(line)
        guard spaces <= 3 else { return nil }
        let rest = line.dropFirst(spaces)
        guard rest.first == ">" else { return nil }
        let content = rest.dropFirst()
        return String(content.first == " " ? content.dropFirst() : content)
    }

    /// `- item`, `* item`, `+ item`, `1. item` or `1) item`.
    static func listMarker(_ line: String) -> ListMarker? {
        let spaces = indent(line)
        guard spaces <= 3 else { return nil }
        let rest = Array(line.dropFirst(spaces))
        guard let first = rest.first else { return nil }
        var markerLength = 1, ordered = false, number = 1, delimiter = first
        if "-+*".contains(first) {
            markerLength = 1
        } else if first.isASCII && first.isNumber {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard digits.count <= 9, digits.count < rest.count, ".)".contains(rest[digits.count]) else { return nil }
            ordered = true
            number = Int(String(digits)) ?? 1
            delimiter = rest[digits.count]
            markerLength = digits.count + 1
        } else {
            return nil
        }
        let after = rest.dropFirst(markerLength)
        guard after.isEmpty || after.first == " " else { return nil }
        let gap = after.prefix(while: { $0 == " " }).count
        let padding = (gap == 0 || gap > 4) ? 1 : gap
        let content = after.isEmpty ? "" : String(after.dropFirst(gap == 0 ? 0 : (gap > 4 ? 1 : gap)))
        return ListMarker(ordered: ordered, delimiter: delimiter, number: number,
                          contentIndent: spaces + markerLength + padding, firstLine: content)
    }

    /// `===` (level 1) or `---` (level 2) under a paragraph.
    static func setextLevel(_ line: String) -> Int? {
        guard indent(line) <= 3 else { return nil }
        let marks = line.trimmingSpaces()
        guard let first = marks.first, first == "=" || first == "-", marks.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    /// Lines that end a paragraph: blank lines and the starts of other blocks (an ordered list
    /// only when it starts at 1, as in CommonMark).
    static func interruptsParagraph(_ line: String) -> Bool {
        if isBlank(line) || fence(line) != nil || atxHeading(line) != nil || isRule(line) || quoteContent(line) != nil {
            return true
        }
        if let marker = listMarker(line), !marker.firstLine.isEmpty {
            return !marker.ordered || marker.number == 1
        }
        return false
    }
}
