import Lang

/// Syntax highlighting of .mf source for notebook code cells, from the language's own lexer: its
/// keyword, string and number tokens, identifiers in command position, and the comments between
/// tokens are wrapped in `<span class="…">` (classes k, s, n, f, c); all text is escaped. The
/// highlighter only colours; any text (even code that does not lex) comes out as itself, because
/// every byte is emitted either inside a token's span or in the gap between two tokens.
public enum SyntaxHighlight {
    public static func html(_ source: String) -> String {
        let file = SourceFile(name: "<cell>", text: source)
        let bytes = file.bytes
        let tokens = Lexer.tokenize(file).tokens.filter { $0.span.end <= bytes.count }
        var html = ""
        var cursor = 0
        for (index, token) in tokens.enumerated() where token.span.start >= cursor && token.span.end > token.span.start {
            html += gap(bytes, from: cursor, to: token.span.start)
            let text = HTML.escape(String(decoding: bytes[token.span.start..<token.span.end], as: UTF8.self))
            let kind = tokenClass(tokens, index)
            html += kind.map { "<span class=\"\($0)\">\(text)</span>" } ?? text
            cursor = token.span.end
        }
        return html + gap(bytes, from: cursor, to: bytes.count)
    }

    /// The class of the token at `index`, nil for plain text.
    static func tokenClass(_ tokens: [Token], _ index: Int) -> String? {
        switch tokens[index].kind {
        case .keyword: return "k"
        case .string: return "s"
        case .number: return "n"
        case .identifier: return isCommand(tokens, index) ? "f" : nil
        default: return nil
        }
    }

    /// A name is a command when it is called with parentheses (`w2(a, b)`), or starts a statement
    /// (after an optional `name =`) and is followed by an argument in command form (`train mix`).
    private static func isCommand(_ tokens: [Token], _ index: Int) -> Bool {
        let next = index + 1 < tokens.count ? tokens[index + 1] : nil
        if let next, next.kind == .symbol(.leftParen), !next.spaceBefore { return true }
        guard startsStatement(tokens, index), let next, next.spaceBefore else { return false }
        switch next.kind {
        case .newline, .endOfInput, .invalid: return false
        case .symbol(let symbol): return [.minus, .leftParen, .leftBracket].contains(symbol)
        default: return true
        }
    }

    /// True when the token at `index` begins a statement, or follows `name =` that does.
    private static func startsStatement(_ tokens: [Token], _ index: Int) -> Bool {
        func opensStatement(_ position: Int) -> Bool {
            guard position >= 0 else { return true }
            switch tokens[position].kind {
            case .newline, .symbol(.semicolon), .symbol(.leftBrace), .symbol(.rightBrace): return true
            default: return false
            }
        }
        if opensStatement(index - 1) { return true }
        guard index >= 2, tokens[index - 1].kind == .symbol(.equal), case .identifier = tokens[index - 2].kind else { return false }
        return opensStatement(index - 3)
    }

    /// Text between tokens: blanks, line breaks inside brackets, and `#` comments to the end of
    /// their line.
    private static func gap(_ bytes: [UInt8], from start: Int, to end: Int) -> String {
        guard start < end else { return "" }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        var html = ""
        var rest = Substring(text)
        while let hash = rest.firstIndex(of: "#") {
            html += HTML.escape(String(rest[..<hash]))
            let lineEnd = rest[hash...].firstIndex(of: "\n") ?? rest.endIndex
            html += "<span class=\"c\">" + HTML.escape(String(rest[hash..<lineEnd])) + "</span>"
            rest = rest[lineEnd...]
        }
        return html + HTML.escape(String(rest))
    }
}
