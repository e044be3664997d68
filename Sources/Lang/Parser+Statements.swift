// Statements, blocks and panic-mode recovery.

extension Parser {
    /// program -> statements EOF
    mutating func program() -> [Stmt] {
        statements(inBlock: false)
    }

    /// statements -> ( statement ( NEWLINE | ';' )+ )*
    ///
    /// Stops at the `}` of the enclosing block or at the end of the input. A statement with a
    /// syntax error is reported once and skipped up to the next statement boundary, so one run
    /// reports every independent error.
    mutating func statements(inBlock: Bool) -> [Stmt] {
        var result: [Stmt] = []
        while true {
            skipSeparators()
            let token = peek()
            if token.kind == .endOfInput || hitErrorLimit { break }
            let start = index
            if token.isSymbol(.rightBrace) {
                if inBlock { break }
                report("unexpected '}'", at: token.span, hint: "there is no open block for it to close")
                advance()
            } else if let statement = recoveringStatement() {
                result.append(statement)
            }
            if !inBlock {
                topLevelExtents.append(Span(tokens[start].span.start, max(tokens[start].span.start, previousEnd)))
            }
        }
        if hitErrorLimit { index = tokens.count - 1 }
        return result
    }

    /// One statement and its terminator; nil (after reporting and skipping) if it has an error.
    mutating func recoveringStatement() -> Stmt? {
        let start = index
        let saved = context
        let errorsBefore = diagnostics.count
        let endOfInputErrorsBefore = endOfInputErrors
        do throws(ParseError) {
            let statement = try self.statement()
            try statementEnd(after: statement)
            return statement
        } catch {
            restore(saved)
            reviseMisspelledKeyword(
                statementStart: start, errorsBefore: errorsBefore, endOfInputErrorsBefore: endOfInputErrorsBefore)
            synchronize(from: start)
            return nil
        }
    }

    mutating func skipSeparators() {
        while tokens[index].kind == .newline || tokens[index].isSymbol(.semicolon) { index += 1 }
    }

    /// Panic-mode recovery: skips to the end of the broken statement, a line break or `;` outside
    /// any bracket opened after the error, or the `}` of the enclosing block. Always makes progress.
    mutating func synchronize(from start: Int) {
        if resumeAtCurrentToken {
            resumeAtCurrentToken = false
            if index > start { return }
        }
        var depth = 0
        if index == start {
            let first = advance()
            if first.isSymbol(.leftParen) || first.isSymbol(.leftBracket) || first.isSymbol(.leftBrace) { depth = 1 }
        }
        while true {
            let token = tokens[index]
            switch token.kind {
            case .endOfInput:
                return
            case .newline, .symbol(.semicolon):
                if depth == 0 { return }
            case .symbol(.leftParen), .symbol(.leftBracket), .symbol(.leftBrace):
                depth += 1
            case .symbol(.rightBrace):
                if depth == 0 { return }
                depth -= 1
            case .symbol(.rightParen), .symbol(.rightBracket):
                depth = max(0, depth - 1)
            default:
                break
            }
            index += 1
            previousEnd = token.span.end
        }
    }

    /// statement -> ifStatement | forStatement | functionDecl | returnStatement | sourceStatement
    ///            | assignment | commandOrExpression
    mutating func statement() throws(ParseError) -> Stmt {
        let token = peek()
        switch token.kind {
        case .keyword(.if): return try ifStatement()
        case .keyword(.for): return try forStatement()
        case .keyword(.fn): return try functionDecl()
        case .keyword(.return): return try returnStatement()
        case .keyword(.source): return try sourceStatement()
        case .keyword(.else):
            throw failHere("'else' without an if block before it",
                           hint: "put 'else' on the same line as the '}' that closes the if block: } else {")
        case .keyword(.in), .keyword(.and), .keyword(.or):
            throw failHere("unexpected keyword '\(file.text(of: token.span))'")
        case .identifier where peekNext().isSymbol(.equal):
            return try assignment()
        case .symbol(let symbol) where !Parser.startsExpression(symbol):
            throw failHere("unexpected '\(symbol.rawValue)'", hint: Parser.hint(forUnexpected: symbol))
        default:
            let expression = try commandOrExpression()
            return Stmt(.expression(expression), expression.span)
        }
    }

    static func startsExpression(_ symbol: Symbol) -> Bool {
        [.leftParen, .leftBracket, .minus, .plus].contains(symbol)
    }

    /// After a statement: a line break, `;`, `}` or the end of the input.
    mutating func statementEnd(after statement: Stmt) throws(ParseError) {
        let token = peek()
        switch token.kind {
        case .newline, .endOfInput, .symbol(.semicolon), .symbol(.rightBrace):
            return
        case .symbol(.equal):
            if case .assign = statement.kind {
                throw failHere("unexpected '='", hint: "assignments cannot be chained; assign one name per statement")
            }
            throw failHere("cannot assign to this expression", hint: "only a plain name can be assigned: name = value")
        default:
            throw failHere("unexpected \(describe(token))", hint: hintAfterStatement(token))
        }
    }

    /// assignment -> IDENT '=' commandOrExpression
    mutating func assignment() throws(ParseError) -> Stmt {
        let name = advance()
        advance()  // '='
        skipNewlines()
        let value = try commandOrExpression()
        return Stmt(.assign(name: name.identifier ?? "", nameSpan: name.span, value: value), name.span.union(value.span))
    }

    /// block -> '{' statements '}'; the `{` may follow on a later line.
    mutating func block(after what: String, hint: String? = nil) throws(ParseError) -> Block {
        skipNewlines()
        guard check(.leftBrace) else { throw fail(expected: "'{' after \(what)", hint: hint) }
        let open = advance()
        try enterNesting(at: open)
        defer { depth -= 1 }
        openBracket(false)
        defer { closeBracket() }
        let body = statements(inBlock: true)
        guard let close = match(.rightBrace) else {
            throw fail(expected: closing(.rightBrace, open, what: "block"), opener: open)
        }
        return Block(body, open.span.union(close.span))
    }

    /// ifStatement -> 'if' expression block ( 'else' ( ifStatement | block ) )?
    mutating func ifStatement() throws(ParseError) -> Stmt {
        let keyword = advance()
        let condition = try expression()
        let then = try block(after: "the 'if' condition", hint: hintForMissingBlock(after: condition))
        var otherwise: Block?
        if match(.else) != nil {
            skipNewlines()
            if check(.if) {
                try enterNesting(at: peek())
                defer { depth -= 1 }
                let nested = try ifStatement()
                otherwise = Block([nested], nested.span)
            } else {
                otherwise = try block(after: "'else'")
            }
        } else if let word = peek().identifier, let meant = Keyword.suggestion(for: word), meant.hasPrefix("else") {
            throw failHere("unknown keyword '\(word)'", hint: "did you mean '\(meant)'?")
        }
        let end = otherwise?.span ?? then.span
        return Stmt(.ifElse(condition: condition, then: then, else: otherwise), keyword.span.union(end))
    }

    /// forStatement -> 'for' IDENT 'in' expression block
    mutating func forStatement() throws(ParseError) -> Stmt {
        let keyword = advance()
        guard let name = peek().identifier else {
            throw fail(expected: "a loop variable name after 'for'", hint: "write: for item in list { ... }")
        }
        let variable = advance()
        guard match(.in) != nil else {
            let found = peek().identifier.flatMap { closestMatch(to: $0, among: ["in"]) }
            throw fail(expected: "'in' after the loop variable '\(name)'", hint: found.map { "did you mean '\($0)'?" })
        }
        skipNewlines()
        let sequence = try expression()
        let body = try block(after: "the 'for' sequence", hint: hintForMissingBlock(after: sequence))
        return Stmt(
            .forIn(variable: name, variableSpan: variable.span, sequence: sequence, body: body),
            keyword.span.union(body.span))
    }

    /// returnStatement -> 'return' expression?
    mutating func returnStatement() throws(ParseError) -> Stmt {
        let keyword = advance()
        if functionDepth == 0 {
            report("'return' outside a function", at: keyword.span,
                   hint: "'return' may only appear in the body of 'fn name(...) { }'")
        }
        switch peek().kind {
        case .newline, .endOfInput, .symbol(.semicolon), .symbol(.rightBrace):
            return Stmt(.return(nil), keyword.span)
        default:
            let value = try expression()
            return Stmt(.return(value), keyword.span.union(value.span))
        }
    }

    /// sourceStatement -> 'source' expression
    mutating func sourceStatement() throws(ParseError) -> Stmt {
        let keyword = advance()
        let path = try expression()
        return Stmt(.source(path), keyword.span.union(path.span))
    }
}
