import Lang

/// A script cut into notebook cells: runs of `##` comment lines become Markdown cells, the code
/// between them a code cell.
///
/// Cuts happen only at top-level `##` lines (one inside a `{ }` block stays a comment of its
/// statement). Consecutive `##` lines form one Markdown cell; a blank line between two of them
/// becomes a paragraph break. A code cell shows the script's text from the end of one Markdown
/// cell to the start of the next (plain `#` comments included, blank lines at either end
/// trimmed) and runs the top-level statements that start inside it.
enum NotebookCells {
    enum Part {
        case markdown(String)
        case code(CodePart)
    }

    struct CodePart {
        var statements: [Stmt]
        var source: String
        /// 1-based line of the first shown line.
        var firstLine: Int
    }

    static func split(_ program: Program, file: SourceFile) -> [Part] {
        let statements = program.statements.sorted { $0.span.start < $1.span.start }
        let comments = program.cellComments.filter { comment in
            !statements.contains { $0.span.start <= comment.span.start && comment.span.start < $0.span.end }
        }
        var parts: [Part] = []
        var sectionStart = 0
        var index = 0
        while index < comments.count {
            var group = [comments[index]]
            while index + 1 < comments.count,
                  !statements.contains(where: { group.last!.span.end <= $0.span.start && $0.span.start < comments[index + 1].span.start }) {
                index += 1
                group.append(comments[index])
            }
            let groupStart = file.lineStarts[file.line(of: group[0].span.start) - 1]
            if let code = codePart(statements, file: file, from: sectionStart, to: groupStart) { parts.append(.code(code)) }
            parts.append(.markdown(markdown(group, file: file)))
            sectionStart = endOfLine(after: group.last!.span.end, in: file)
            index += 1
        }
        if let code = codePart(statements, file: file, from: sectionStart, to: file.bytes.count) { parts.append(.code(code)) }
        return parts
    }

    /// The comment texts, with an empty line where the script had blank lines between them.
    private static func markdown(_ group: [CellComment], file: SourceFile) -> String {
        var lines: [String] = []
        var previousLine: Int?
        for comment in group {
            let line = file.line(of: comment.span.start)
            if let previousLine, line > previousLine + 1 { lines.append("") }
            lines.append(comment.text)
            previousLine = line
        }
        return lines.joined(separator: "\n")
    }

    /// The code between two byte offsets, or nil when no statement starts there.
    private static func codePart(_ statements: [Stmt], file: SourceFile, from start: Int, to end: Int) -> CodePart? {
        let inside = statements.filter { $0.span.start >= start && $0.span.start < end }
        guard !inside.isEmpty else { return nil }
        let lines = file.text(of: Span(start, end)).split(separator: "\n", omittingEmptySubsequences: false)
        let isBlank: (Substring) -> Bool = { $0.allSatisfy(\.isWhitespace) }
        let first = lines.firstIndex { !isBlank($0) } ?? 0
        let last = lines.lastIndex { !isBlank($0) } ?? first
        return CodePart(statements: inside, source: lines[first...last].joined(separator: "\n"),
                        firstLine: file.line(of: start) + first)
    }

    /// The offset just past the line break that ends the line holding `offset`.
    private static func endOfLine(after offset: Int, in file: SourceFile) -> Int {
        let line = file.line(of: max(0, offset - 1))
        return line < file.lineStarts.count ? file.lineStarts[line] : file.bytes.count
    }
}
