// Command form: `name arg1 arg2 key=value`, at the start of a statement or right of `=`.
//
// Whitespace rules (the only place .mf looks at spacing):
// - `name` followed on the same line by a token that can start an argument makes a command:
//   a number, string, name, `true`/`false`/`nil`/`not`, or `(`/`[` WITH a space before it.
//   `print (1+2)*3` is `print` with one argument `(1+2)*3`; `print(1+2)*3` is a call times 3.
//   `x [1]` is the command `x` with the list `[1]`; `x[1]` indexes `x`.
// - `-` or `+` starts a (new) argument only when it has a space before it and none after it:
//   `print -1` and `print a -1` pass -1; `print a - 1` and `x-1` subtract. This holds between
//   arguments too, so `x = n -1` is the command `n` with argument -1.
// - Arguments are full expressions, separated by spaces or commas; after a comma anything that
//   starts an expression may follow, and so may a line break.
// - `key=value` (a name then `=`, spaces allowed around `=`) is a keyword argument.
// - Any other token ends the command: a line break, `;`, `}`, an operator such as `*` (so
//   `x * 2` is an expression), `.` (`a.b` is member access) or `=`.
// - A name alone on its line stays `.identifier`; the evaluator decides between variable and
//   zero-argument command.

extension Parser {
    /// commandOrExpression -> command | expression
    mutating func commandOrExpression() throws(ParseError) -> Expr {
        if peek().identifier != nil, beginsArgument(at: index + 1, afterComma: false) {
            return try command()
        }
        return try expression()
    }

    /// command -> IDENT argument ( ','? argument )*
    mutating func command() throws(ParseError) -> Expr {
        let nameToken = advance()
        let savedLevel = commandLevel
        commandLevel = bracketLevel
        defer { commandLevel = savedLevel }
        var arguments: [Argument] = []
        var afterComma = false
        while beginsArgument(at: index, afterComma: afterComma) {
            arguments.append(try argument())
            afterComma = match(.comma) != nil
            if afterComma {
                skipNewlines()
                guard beginsArgument(at: index, afterComma: true) else {
                    throw fail(expected: "an argument after ','")
                }
            }
        }
        let span = nameToken.span.union(arguments.last?.span ?? nameToken.span)
        return Expr(.command(name: nameToken.identifier ?? "", nameSpan: nameToken.span, arguments: arguments), span)
    }

    /// Whether the token at `position` can start a command argument under the whitespace rules
    /// above. `afterComma` lifts the spacing conditions: after a comma nothing else is meant.
    func beginsArgument(at position: Int, afterComma: Bool) -> Bool {
        let token = tokens[position]
        switch token.kind {
        case .number, .string, .identifier:
            return true
        case .keyword(let keyword):
            return keyword == .true || keyword == .false || keyword == .nil || keyword == .not
        case .symbol(.leftParen), .symbol(.leftBracket):
            return afterComma || token.spaceBefore
        case .symbol(.minus), .symbol(.plus):
            return afterComma || (token.spaceBefore && !followedBySpace(position))
        default:
            return false
        }
    }

    /// Whether the `-`/`+` at the current token starts a new command argument rather than
    /// continuing the current one (only at the command's own bracket level).
    mutating func startsNewArgument() -> Bool {
        guard commandLevel == bracketLevel else { return false }
        let token = peek()
        return token.spaceBefore && !followedBySpace(index)
    }

    /// argument -> ( IDENT '=' )? expression
    mutating func argument() throws(ParseError) -> Argument {
        let token = peek()
        guard let label = token.identifier, peekNext().isSymbol(.equal) else {
            let value = try expression()
            return Argument(value: value, span: value.span)
        }
        advance()
        advance()  // '='
        skipNewlines()
        let value = try expression()
        return Argument(label: label, labelSpan: token.span, value: value, span: token.span.union(value.span))
    }
}
