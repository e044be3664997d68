// Postfix operators and primary expressions: literals, names, lists, records, parentheses.

extension Parser {
    /// postfix -> primary ( '.' IDENT | '(' callArguments ')' | '[' index-or-selection ']' )*
    /// `(` and `[` are postfix only when they touch the token before them.
    mutating func postfix() throws(ParseError) -> Expr {
        var expression = try primary()
        let savedDepth = depth
        defer { depth = savedDepth }
        while true {
            let token = peek()
            if token.isSymbol(.dot) {
                advance()
                try enterNesting(at: token)
                skipNewlines()
                guard let name = peek().identifier else {
                    throw fail(expected: "a member name after '.'")
                }
                let nameToken = advance()
                expression = Expr(.member(expression, name: name, nameSpan: nameToken.span),
                                  expression.span.union(nameToken.span))
            } else if token.isSymbol(.leftParen), !token.spaceBefore {
                try enterNesting(at: token)
                expression = try call(expression)
            } else if token.isSymbol(.leftBracket), !token.spaceBefore {
                try enterNesting(at: token)
                expression = try indexOrSelection(expression)
            } else {
                return expression
            }
        }
    }

    /// '(' ( argument ( ',' argument )* ','? )? ')'
    mutating func call(_ callee: Expr) throws(ParseError) -> Expr {
        let open = advance()
        openBracket(true)
        defer { closeBracket() }
        var arguments: [Argument] = []
        while !check(.rightParen) {
            arguments.append(try argument())
            if match(.comma) == nil { break }
        }
        guard let close = match(.rightParen) else {
            throw failInList("',' or ')' after an argument", closer: .rightParen, opener: open, what: "'('")
        }
        return Expr(.call(callee: callee, arguments: arguments), callee.span.union(close.span))
    }

    /// '[' expression ']' (index) or '[' IDENT '=' expression ( ',' ... )* ','? ']' (selection).
    mutating func indexOrSelection(_ base: Expr) throws(ParseError) -> Expr {
        let open = advance()
        openBracket(true)
        defer { closeBracket() }
        if check(.rightBracket) {
            throw failHere("expected an index or a selection between '[' and ']'",
                           hint: "index with a[1]; select conditions with a[key=value]")
        }
        guard peek().identifier != nil, peekNext().isSymbol(.equal) else {
            let index = try expression()
            guard let close = match(.rightBracket) else {
                let hint = check(.comma) ? "an index is one value; to select conditions write a[key=value, other=value]" : nil
                throw failInList("']' after the index", closer: .rightBracket, opener: open, what: "'['", hint: hint)
            }
            return Expr(.index(base, index), base.span.union(close.span))
        }
        var conditions: [Argument] = []
        repeat {
            try expectLabel(followedBy: .equal, what: "a condition key=value", hint: "every entry of a selection is a key=value condition")
            conditions.append(try argument())
        } while match(.comma) != nil && !check(.rightBracket)
        guard let close = match(.rightBracket) else {
            throw failInList("',' or ']' after a condition", closer: .rightBracket, opener: open, what: "'['")
        }
        return Expr(.select(base, conditions), base.span.union(close.span))
    }

    /// primary -> NUMBER | STRING | 'true' | 'false' | 'nil' | IDENT | list | record | '(' expression ')'
    mutating func primary() throws(ParseError) -> Expr {
        let token = peek()
        switch token.kind {
        case .number(let value): return literal(.number(value))
        case .string(let value): return literal(.string(value))
        case .identifier(let name): return literal(.identifier(name))
        case .keyword(.true): return literal(.bool(true))
        case .keyword(.false): return literal(.bool(false))
        case .keyword(.nil): return literal(.nilLiteral)
        case .symbol(.leftBracket): return try list()
        case .symbol(.leftParen): return try parenthesized()
        case .invalid: throw ParseError()  // already reported by the lexer
        case .keyword(let keyword) where Keyword.statementKeywords.contains(keyword):
            throw fail(expected: "an expression", hint: "'\(keyword.rawValue)' starts a statement and cannot be used as a value")
        default:
            throw fail(expected: "an expression")
        }
    }

    /// Consumes the current token as a one-token expression.
    mutating func literal(_ kind: Expr.Kind) -> Expr {
        Expr(kind, advance().span)
    }

    /// Checks that the current tokens are `name` then `separator` (`k=` in a selection, `k:` in
    /// a record). A name at the very end of the input is incomplete, not wrong.
    mutating func expectLabel(followedBy separator: Symbol, what: String, hint: String) throws(ParseError) {
        guard peek().identifier != nil else { throw fail(expected: what, hint: hint) }
        let next = peekNext()
        if next.isSymbol(separator) { return }
        if next.kind == .endOfInput {
            advance()
            throw fail(expected: "'\(separator.rawValue)' after the name", hint: hint)
        }
        throw fail(expected: what, hint: hint)
    }

    /// list -> '[' ( expression ( ',' expression )* ','? )? ']'
    mutating func list() throws(ParseError) -> Expr {
        let open = advance()
        try enterNesting(at: open)
        defer { depth -= 1 }
        openBracket(true)
        defer { closeBracket() }
        var elements: [Expr] = []
        while !check(.rightBracket) {
            elements.append(try expression())
            if match(.comma) == nil { break }
        }
        guard let close = match(.rightBracket) else {
            throw failInList("',' or ']' after a list element", closer: .rightBracket, opener: open, what: "'['")
        }
        return Expr(.list(elements), open.span.union(close.span))
    }

    /// '(' expression ')', or a record: `()` and any `(` followed by `name :` are records.
    mutating func parenthesized() throws(ParseError) -> Expr {
        let openIndex = index
        let open = advance()
        try enterNesting(at: open)
        defer { depth -= 1 }
        openBracket(true)
        defer { closeBracket() }
        if let close = match(.rightParen) {
            return Expr(.record([]), open.span.union(close.span))
        }
        if peek().identifier != nil, peekNext().isSymbol(.colon) {
            return try record(open)
        }
        let inner = try expression()
        guard let close = match(.rightParen) else {
            var hint: String?
            if check(.comma) { hint = hintForTuple(opener: open, openerIndex: openIndex) }
            if check(.equal) { hint = "a record is written (name: value)" }
            throw failInList("')'", closer: .rightParen, opener: open, what: "'('", hint: hint)
        }
        // The parentheses belong to the expression's span, so markers cover them.
        return Expr(inner.kind, open.span.union(close.span))
    }

    /// record -> '(' IDENT ':' expression ( ',' IDENT ':' expression )* ','? ')'
    mutating func record(_ open: Token) throws(ParseError) -> Expr {
        var fields: [RecordField] = []
        var names: Set<String> = []
        repeat {
            try expectLabel(followedBy: .colon, what: "a field name: value", hint: "every entry of a record is name: value")
            let nameToken = advance()
            let name = nameToken.identifier ?? ""
            advance()  // ':'
            skipNewlines()
            let value = try expression()
            if !names.insert(name).inserted {
                report("duplicate field '\(name)' in record", at: nameToken.span, hint: "each field needs its own name")
            }
            fields.append(RecordField(name: name, nameSpan: nameToken.span, value: value))
        } while match(.comma) != nil && !check(.rightParen)
        guard let close = match(.rightParen) else {
            throw failInList("',' or ')' after a record field", closer: .rightParen, opener: open, what: "'('")
        }
        return Expr(.record(fields), open.span.union(close.span))
    }
}
