// Hints for syntax errors: what the user probably meant. Kept apart from the grammar rules so
// those stay readable.

extension Keyword {
    /// Words from other languages that stand for an .mf keyword, with the hint to show.
    static let foreignWords: [String: String] = [
        "fun": "fn", "func": "fn", "function": "fn", "def": "fn",
        "elif": "else if", "elsif": "else if", "elseif": "else if",
    ]

    /// The statement keyword a misspelt word (`esle`, `fi`, `retrun`) or a keyword from another
    /// language (`def`, `elif`) most likely stands for, or nil. The runtime uses this too, for
    /// "unknown command 'retrun'", which is valid syntax and only fails when run.
    public static func suggestion(for word: String) -> String? {
        if let meant = foreignWords[word] { return meant }
        return closestMatch(to: word, among: statementKeywords.map(\.rawValue))
    }
}

extension Parser {
    /// When a statement that starts with a misspelt keyword fails where its block opens
    /// (`fi x > 1 {`, `esle {`), or starts with a keyword from another language (`def f(x):`),
    /// the error about the `{` is replaced by one about the word itself.
    mutating func reviseMisspelledKeyword(statementStart: Int, errorsBefore: Int, endOfInputErrorsBefore: Int) {
        guard diagnostics.count == errorsBefore + 1, let word = tokens[statementStart].identifier,
            !tokens[statementStart + 1].isSymbol(.equal), let meant = Keyword.suggestion(for: word)
        else { return }
        let failedAtBlock = tokens[index].isSymbol(.leftBrace)
        guard failedAtBlock || Keyword.foreignWords[word] != nil else { return }
        endOfInputErrors = endOfInputErrorsBefore
        diagnostics[diagnostics.count - 1] = .error(
            "unknown keyword '\(word)'", in: file, at: tokens[statementStart].span, hint: "did you mean '\(meant)'?")
    }

    /// For a statement that starts with a symbol no expression can start with.
    static func hint(forUnexpected symbol: Symbol) -> String? {
        switch symbol {
        case .rightParen: return "there is no matching '('"
        case .rightBracket: return "there is no matching '['"
        case .leftBrace: return "a block must follow 'if', 'for', 'fn' or 'else'"
        case .equal: return "an assignment needs a name on the left: name = value"
        case .dot: return "a member access needs a value before the '.': record.name"
        default: return nil
        }
    }

    /// For a token left over after a complete statement.
    mutating func hintAfterStatement(_ token: Token) -> String? {
        let previous = tokens[index - 1]
        let afterValue = previous.identifier != nil || previous.isSymbol(.rightParen) || previous.isSymbol(.rightBracket)
        switch token.kind {
        case .symbol(.leftParen) where afterValue && token.spaceBefore:
            return "to call a function, put '(' right after its name: f(x)"
        case .symbol(.leftBracket) where afterValue && token.spaceBefore:
            return "to index, put '[' right after the value: a[1]"
        case .keyword(.else):
            return "an if statement has at most one final 'else' block"
        case .symbol(let symbol) where Parser.hint(forUnexpected: symbol) != nil:
            return Parser.hint(forUnexpected: symbol)
        default:
            return "end the statement with a line break or ';' before it"
        }
    }

    /// For a condition or sequence not followed by `{`.
    mutating func hintForMissingBlock(after expression: Expr) -> String? {
        let token = peek()
        if token.isSymbol(.equal) { return "use '==' to compare" }
        if case .identifier(let name) = expression.kind, beginsArgument(at: index, afterComma: false) {
            return "in a condition, call a command with parentheses: \(name)(...)"
        }
        return nil
    }

    /// For `(a, b)`, which is neither a parenthesized expression nor a record.
    func hintForTuple(opener: Token, openerIndex: Int) -> String {
        if opener.spaceBefore, openerIndex > 0, tokens[openerIndex - 1].identifier != nil {
            let name = tokens[openerIndex - 1].identifier ?? ""
            return "to call '\(name)' with several arguments, remove the space: \(name)(a, b), or write \(name) a b"
        }
        return "write a list as [a, b] and a record as (name: a, other: b)"
    }
}
