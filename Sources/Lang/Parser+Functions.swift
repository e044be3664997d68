// Function declarations.

extension Parser {
    /// functionDecl -> 'fn' IDENT '(' ( parameter ( ',' parameter )* ','? )? ')' block
    mutating func functionDecl() throws(ParseError) -> Stmt {
        let keyword = advance()
        guard let name = peek().identifier else {
            throw fail(expected: "a function name after 'fn'", hint: "write: fn name(a, b=1) { ... }")
        }
        let nameToken = advance()
        guard check(.leftParen) else {
            throw fail(expected: "'(' after the function name '\(name)'", hint: "write fn \(name)() { ... } even without parameters")
        }
        let parameters = try parameterList()
        functionDepth += 1
        defer { functionDepth -= 1 }
        let body = try block(after: "the parameter list of '\(name)'")
        let declaration = FunctionDecl(name: name, nameSpan: nameToken.span, parameters: parameters, body: body)
        return Stmt(.function(declaration), keyword.span.union(body.span))
    }

    /// '(' ( parameter ( ',' parameter )* ','? )? ')'
    mutating func parameterList() throws(ParseError) -> [Parameter] {
        let open = advance()
        try enterNesting(at: open)
        defer { depth -= 1 }
        openBracket(true)
        defer { closeBracket() }
        var parameters: [Parameter] = []
        var names: Set<String> = []
        while !check(.rightParen) {
            let parameter = try self.parameter()
            if !names.insert(parameter.name).inserted {
                report("duplicate parameter '\(parameter.name)'", at: parameter.span,
                       hint: "each parameter needs its own name")
            }
            parameters.append(parameter)
            if match(.comma) == nil { break }
        }
        guard match(.rightParen) != nil else {
            throw failInList("',' or ')' after a parameter", closer: .rightParen, opener: open, what: "'('")
        }
        return parameters
    }

    /// parameter -> IDENT ( '=' expression )?
    mutating func parameter() throws(ParseError) -> Parameter {
        guard let name = peek().identifier else {
            throw fail(expected: "a parameter name", hint: "parameters are names, optionally with a default: b=1")
        }
        let nameToken = advance()
        guard match(.equal) != nil else { return Parameter(name: name, span: nameToken.span) }
        skipNewlines()
        let value = try expression()
        return Parameter(name: name, span: nameToken.span.union(value.span), defaultValue: value)
    }
}
