/// Light syntax highlighting of .mf source for notebook code cells: comments, strings, numbers,
/// keywords and command names are wrapped in `<span class="…">` (classes c, s, n, k, f); all
/// text is escaped. The highlighter only colours; it never rejects or changes the code, so any
/// text (even invalid code) comes out as itself.
public enum SyntaxHighlight {
    static let keywords: Set<String> = ["if", "else", "for", "in", "fn", "return", "and", "or", "not",
                                        "true", "false", "nil", "source", "while", "break", "continue"]

    public static func html(_ source: String) -> String {
        let chars = Array(source)
        var html = ""
        var index = 0
        var position = StatementPosition.start
        while index < chars.count {
            let (end, kind) = token(chars, at: index, statementStart: position == .start)
            let text = String(chars[index..<end])
            html += kind.map { "<span class=\"\($0)\">\(HTML.escape(text))</span>" } ?? HTML.escape(text)
            position = position.after(text, kind: kind, next: end < chars.count ? chars[end] : nil)
            index = end
        }
        return html
    }

    /// Where the highlighter is in a statement: a name in command position is a command (`train
    /// mix …`, and `load` in `data = load …`).
    private enum StatementPosition {
        case start, afterAssignedName, other

        func after(_ text: String, kind: String?, next: Character?) -> StatementPosition {
            if text == "\n" || text == ";" || text == "{" { return .start }
            if text == " " || text == "\t" { return self }
            if self == .start && kind == nil && text.first.map({ $0 == "_" || $0.isLetter }) == true { return .afterAssignedName }
            if self == .afterAssignedName && text == "=" && next != "=" { return .start }
            return .other
        }
    }

    /// The end of the token starting at `start` and its class (nil for plain text).
    private static func token(_ chars: [Character], at start: Int, statementStart: Bool) -> (Int, String?) {
        let c = chars[start]
        if c == "#" { return (chars[start...].firstIndex(of: "\n") ?? chars.count, "c") }
        if c == "\"" { return (stringEnd(chars, from: start), "s") }
        if c.isASCII && c.isNumber { return (numberEnd(chars, from: start), "n") }
        if c == "_" || c.isLetter {
            let end = chars[start...].firstIndex(where: { !($0 == "_" || $0.isLetter || $0.isNumber) }) ?? chars.count
            let word = String(chars[start..<end])
            if keywords.contains(word) { return (end, "k") }
            return (end, isCall(chars, after: end, statementStart: statementStart) ? "f" : nil)
        }
        return (start + 1, nil)
    }

    /// A name is a command when it is called with parentheses, or starts a statement and is not
    /// being assigned to, indexed or used as a record.
    private static func isCall(_ chars: [Character], after end: Int, statementStart: Bool) -> Bool {
        if end < chars.count, chars[end] == "(" { return true }
        guard statementStart else { return false }
        var next = end
        while next < chars.count, chars[next] == " " || chars[next] == "\t" { next += 1 }
        guard next < chars.count else { return false }
        let following = chars[next]
        if following == "\n" || following == "." || following == "[" || following == "," { return false }
        if following == "=" { return next + 1 < chars.count && chars[next + 1] == "=" }
        return next > end
    }

    private static func stringEnd(_ chars: [Character], from start: Int) -> Int {
        var index = start + 1
        while index < chars.count {
            if chars[index] == "\\" { index += 2; continue }
            if chars[index] == "\"" || chars[index] == "\n" { return chars[index] == "\"" ? index + 1 : index }
            index += 1
        }
        return chars.count
    }

    private static func numberEnd(_ chars: [Character], from start: Int) -> Int {
        var index = start
        func digits() { while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 } }
        digits()
        if index + 1 < chars.count, chars[index] == ".", chars[index + 1].isASCII, chars[index + 1].isNumber {
            index += 1
            digits()
        }
        if index < chars.count, chars[index] == "e" || chars[index] == "E" {
            var look = index + 1
            if look < chars.count, chars[look] == "+" || chars[look] == "-" { look += 1 }
            if look < chars.count, chars[look].isASCII, chars[look].isNumber {
                index = look
                digits()
            }
        }
        return min(index, chars.count)
    }
}
