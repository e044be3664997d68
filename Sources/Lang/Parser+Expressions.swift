// Expressions by precedence, lowest first: or, and, not, comparison (non-associative),
// range (non-associative), + -, * / %, unary - +, ^ (right-associative, tighter than unary minus:
// -2^2 == -4), postfix. Every binary operator may end a line; the operand continues on the next.

extension Parser {
    /// expression -> orExpr
    mutating func expression() throws(ParseError) -> Expr {
        try orExpression()
    }

    /// orExpr -> andExpr ( 'or' andExpr )*
    mutating func orExpression() throws(ParseError) -> Expr {
        var left = try andExpression()
        let savedDepth = depth
        defer { depth = savedDepth }
        while check(.or) {
            try chainOperator()
            let right = try andExpression()
            left = Expr(.binary(.or, left, right), left.span.union(right.span))
        }
        return left
    }

    /// andExpr -> notExpr ( 'and' notExpr )*
    mutating func andExpression() throws(ParseError) -> Expr {
        var left = try notExpression()
        let savedDepth = depth
        defer { depth = savedDepth }
        while check(.and) {
            try chainOperator()
            let right = try notExpression()
            left = Expr(.binary(.and, left, right), left.span.union(right.span))
        }
        return left
    }

    /// notExpr -> 'not' notExpr | comparison
    mutating func notExpression() throws(ParseError) -> Expr {
        guard let keyword = match(.not) else { return try comparison() }
        try enterNesting(at: keyword)
        defer { depth -= 1 }
        skipNewlines()
        let operand = try notExpression()
        return Expr(.unary(.not, operand), keyword.span.union(operand.span))
    }

    /// comparison -> range ( compareOp range )?; `a < b < c` is an error.
    mutating func comparison() throws(ParseError) -> Expr {
        let left = try range()
        guard let op = comparisonOperator() else { return left }
        advance()
        skipNewlines()
        let right = try range()
        if comparisonOperator() != nil {
            throw failHere("comparisons cannot be chained",
                           hint: "combine two comparisons with 'and': a < b and b < c")
        }
        return Expr(.binary(op, left, right), left.span.union(right.span))
    }

    mutating func comparisonOperator() -> BinaryOperator? {
        guard case .symbol(let symbol) = peek().kind else { return nil }
        switch symbol {
        case .equalEqual: return .equal
        case .bangEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        default: return nil
        }
    }

    /// range -> additive ( ':' additive ( ':' additive )? )?
    mutating func range() throws(ParseError) -> Expr {
        let start = try additive()
        guard match(.colon) != nil else { return start }
        skipNewlines()
        let stop = try additive()
        var step: Expr?
        if match(.colon) != nil {
            skipNewlines()
            step = try additive()
        }
        if check(.colon) {
            throw failHere("a range has at most three parts", hint: "write start:stop or start:stop:step")
        }
        return Expr(.range(start: start, stop: stop, step: step), start.span.union((step ?? stop).span))
    }

    /// additive -> multiplicative ( ( '+' | '-' ) multiplicative )*
    mutating func additive() throws(ParseError) -> Expr {
        var left = try multiplicative()
        let savedDepth = depth
        defer { depth = savedDepth }
        while let op = additiveOperator() {
            try chainOperator()
            let right = try multiplicative()
            left = Expr(.binary(op, left, right), left.span.union(right.span))
        }
        return left
    }

    /// `+` or `-`, unless it starts the next command argument (`print a -1`).
    mutating func additiveOperator() -> BinaryOperator? {
        let op: BinaryOperator? = check(.plus) ? .add : check(.minus) ? .subtract : nil
        return op != nil && startsNewArgument() ? nil : op
    }

    /// multiplicative -> unary ( ( '*' | '/' | '%' ) unary )*
    mutating func multiplicative() throws(ParseError) -> Expr {
        var left = try unary()
        let savedDepth = depth
        defer { depth = savedDepth }
        while let op = multiplicativeOperator() {
            try chainOperator()
            let right = try unary()
            left = Expr(.binary(op, left, right), left.span.union(right.span))
        }
        return left
    }

    mutating func multiplicativeOperator() -> BinaryOperator? {
        switch peek().kind {
        case .symbol(.star): return .multiply
        case .symbol(.slash): return .divide
        case .symbol(.percent): return .remainder
        default: return nil
        }
    }

    /// Consumes one operator of a left-associative chain. Each counts as a level of nesting
    /// (the caller restores the depth after the chain), because the tree it builds is that deep.
    mutating func chainOperator() throws(ParseError) {
        let token = advance()
        try enterNesting(at: token, hint: "split the expression using intermediate variables")
        skipNewlines()
    }

    /// unary -> ( '-' | '+' ) unary | power
    mutating func unary() throws(ParseError) -> Expr {
        let token = peek()
        let op: UnaryOperator? = token.isSymbol(.minus) ? .negate : token.isSymbol(.plus) ? .plus : nil
        guard let op else { return try power() }
        advance()
        try enterNesting(at: token)
        defer { depth -= 1 }
        skipNewlines()
        let operand = try unary()
        return Expr(.unary(op, operand), token.span.union(operand.span))
    }

    /// power -> postfix ( '^' unary )?; right-associative through `unary -> power`.
    mutating func power() throws(ParseError) -> Expr {
        let base = try postfix()
        guard let caret = match(.caret) else { return base }
        try enterNesting(at: caret)
        defer { depth -= 1 }
        skipNewlines()
        let exponent = try unary()
        return Expr(.binary(.power, base, exponent), base.span.union(exponent.span))
    }
}
