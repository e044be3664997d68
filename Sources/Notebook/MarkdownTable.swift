/// Pipe tables (the GitHub form): a header row, a delimiter row of dashes with optional colons
/// for alignment, then body rows, until a blank line or a line without a pipe.
///
///     | model | W2 |
///     |---|---:|
///     | MixFlow | 0.16 |
struct MarkdownTable: Equatable {
    enum Alignment: Equatable { case none, left, center, right }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]]

    /// The alignments of a delimiter row, or nil when `line` is not one.
    static func delimiterRow(_ line: String) -> [Alignment]? {
        let cells = splitRow(line)
        guard !cells.isEmpty, line.contains("-") else { return nil }
        var alignments: [Alignment] = []
        for cell in cells {
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":")
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right && cell.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(left && right ? .center : right ? .right : left ? .left : .none)
        }
        return alignments
    }

    /// True when `line` and `next` open a table: a row with a pipe over a delimiter row with
    /// as many cells.
    static func starts(_ line: String, next: String?) -> Bool {
        guard line.contains("|"), let next, let alignments = delimiterRow(next) else { return false }
        return splitRow(line).count == alignments.count
    }

    /// The cells of a row, trimmed, without the optional outer pipes; `\|` is a literal pipe.
    static func splitRow(_ line: String) -> [String] {
        var text = Substring(line.trimmingSpaces())
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text = text.dropLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current += character == "|" ? "|" : "\\" + String(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current += "\\" }
        cells.append(current.trimmingSpaces())
        return cells
    }

    /// Body rows padded or cut to the header's width.
    static func normalized(_ cells: [String], width: Int) -> [String] {
        Array((cells + Array(repeating: "", count: max(0, width - cells.count))).prefix(width))
    }

    func html() -> String {
        func attribute(_ column: Int) -> String {
            switch alignments[column] {
            case .none: return ""
            case .left: return " style=\"text-align: left\""
            case .center: return " style=\"text-align: center\""
            case .right: return " style=\"text-align: right\""
            }
        }
        func row(_ cells: [String], tag: String) -> String {
            "<tr>" + cells.enumerated().map { "<\(tag)\(attribute($0.offset))>\(MarkdownInline.html($0.element))</\(tag)>" }.joined() + "</tr>"
        }
        var html = "<div class=\"table-wrap md-table\"><table>\n<thead>" + row(header, tag: "th") + "</thead>\n"
        if !rows.isEmpty { html += "<tbody>\n" + rows.map { row($0, tag: "td") }.joined(separator: "\n") + "\n</tbody>\n" }
        return html + "</table></div>"
    }
}
