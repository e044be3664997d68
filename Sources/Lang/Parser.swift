// The parser: tokens -> syntax tree, by recursive descent with one method per grammar rule.
//
// Grammar (NEWLINE ends a statement except inside `()` and `[]`, and after a token that needs
// something to follow: a binary operator, `=`, `,`, `:`, `.`, `not` or unary `-`/`+`):
//
//   program        -> statements EOF
//   block          -> '{' statements '}'
//   statements     -> ( statement ( NEWLINE | ';' )+ )*
//   statement      -> ifStatement | forStatement | functionDecl | returnStatement
//                   | sourceStatement | assignment | commandOrExpression
//   ifStatement    -> 'if' expression block ( 'else' ( ifStatement | block ) )?
//   forStatement   -> 'for' IDENT 'in' expression block
//   functionDecl   -> 'fn' IDENT '(' ( parameter ( ',' parameter )* ','? )? ')' block
//   parameter      -> IDENT ( '=' expression )?
//   returnStatement-> 'return' expression?
//   sourceStatement-> 'source' expression
//   assignment     -> IDENT '=' commandOrExpression
//   commandOrExpression -> command | expression
//   command        -> IDENT argument ( ','? argument )*      (see Parser+Commands.swift)
//   argument       -> ( IDENT '=' )? expression
//   expression     -> orExpr
//   orExpr         -> andExpr ( 'or' andExpr )*
//   andExpr        -> notExpr ( 'and' notExpr )*
//   notExpr        -> 'not' notExpr | comparison
//   comparison     -> range ( ( '==' | '!=' | '<' | '<=' | '>' | '>=' ) range )?
//   range          -> additive ( ':' additive ( ':' additive )? )?
//   additive       -> multiplicative ( ( '+' | '-' ) multiplicative )*
//   multiplicative -> unary ( ( '*' | '/' | '%' ) unary )*
//   unary          -> ( '-' | '+' ) unary | power
//   power          -> postfix ( '^' unary )?
//   postfix        -> primary ( '.' IDENT | '(' callArguments ')' | '[' expression ']'
//                             | '[' IDENT '=' expression ( ',' IDENT '=' expression )* ']' )*
//   primary        -> NUMBER | STRING | 'true' | 'false' | 'nil' | IDENT | list | record
//                   | '(' expression ')'
//   list           -> '[' ( expression ( ',' expression )* ','? )? ']'
//   record         -> '(' ')' | '(' IDENT ':' expression ( ',' IDENT ':' expression )* ','? ')'
//
// Call `(` and index `[` are postfix only when they touch the token before them (`f(x)`, `a[1]`).

/// The deepest nesting of brackets, blocks, prefix operators and operator chains the parser
/// accepts. The cap keeps recursion (here and in the evaluator) far from the end of the stack.
public let maximumNestingDepth = 200

/// Thrown to abandon the current statement after its error has been recorded.
struct ParseError: Error {}

struct Parser {
    let file: SourceFile
    let tokens: [Token]
    var index = 0
    var diagnostics: [Diagnostic] = []
    /// How many of `diagnostics` say only that the input ended too early.
    var endOfInputErrors = 0
    /// Set by an error that found the start of the next statement (e.g. an unclosed `(` followed
    /// by a line `y = 1`): recovery resumes right there instead of skipping that line.
    var resumeAtCurrentToken = false
    /// Current nesting, checked against `maximumNestingDepth`.
    var depth = 0
    /// Set by the nesting cap: the rest of the input is not parsed.
    var stopped = false
    /// Set by the first "expected X" at the end of the input; later ones are not reported.
    var reportedEndOfInput = false
    /// One entry per open bracket or block: true for `(`/`[`, where line breaks are skipped.
    var newlinesIgnored: [Bool] = []
    /// The bracket level of the command whose arguments are being parsed, if any; at that level
    /// `-`/`+` with space before and none after starts a new argument.
    var commandLevel: Int?
    var functionDepth = 0
    /// End of the last consumed token, for "expected X" errors placed after it.
    var previousEnd = 0
    /// Extents of top-level statements; `##` lines inside them are not cells.
    var topLevelExtents: [Span] = []

    static let errorLimit = 100

    init(file: SourceFile, tokens: [Token]) {
        self.file = file
        self.tokens = tokens
    }

    // MARK: - Token cursor

    /// The current token. Inside `()` and `[]` line breaks are skipped first.
    mutating func peek() -> Token {
        if newlinesIgnored.last == true {
            while tokens[index].kind == .newline { index += 1 }
        }
        return tokens[index]
    }

    /// The token after the current one; inside `()` and `[]` line breaks are skipped here too.
    mutating func peekNext() -> Token {
        let current = peek()
        guard current.kind != .endOfInput else { return current }
        var next = index + 1
        if newlinesIgnored.last == true {
            while tokens[next].kind == .newline { next += 1 }
        }
        return tokens[next]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek()
        if token.kind != .endOfInput { index += 1 }
        previousEnd = token.span.end
        return token
    }

    mutating func check(_ symbol: Symbol) -> Bool { peek().isSymbol(symbol) }
    mutating func check(_ keyword: Keyword) -> Bool { peek().isKeyword(keyword) }

    mutating func match(_ symbol: Symbol) -> Token? { check(symbol) ? advance() : nil }
    mutating func match(_ keyword: Keyword) -> Token? { check(keyword) ? advance() : nil }

    /// Skips line breaks where the statement must go on (after an operator, `=`, `,`).
    mutating func skipNewlines() {
        while tokens[index].kind == .newline { index += 1 }
    }

    /// True when the token at `position` is the first on its line.
    func startsLine(_ position: Int) -> Bool { position > 0 && tokens[position - 1].kind == .newline }

    /// Whether whitespace or a line break follows the token at `position`.
    func followedBySpace(_ position: Int) -> Bool {
        guard position + 1 < tokens.count else { return true }
        let next = tokens[position + 1]
        return next.spaceBefore || next.kind == .newline || next.kind == .endOfInput
    }

    // MARK: - Bracket and nesting bookkeeping

    /// Enters one nesting level; past the cap, reports and abandons the statement.
    mutating func enterNesting(at token: Token, hint: String? = nil) throws(ParseError) {
        guard depth < maximumNestingDepth else {
            report("nesting too deep (limit \(maximumNestingDepth))", at: token.span,
                   hint: hint ?? "split the expression or block using intermediate variables or functions")
            stopped = true
            throw ParseError()
        }
        depth += 1
    }

    mutating func openBracket(_ ignoresNewlines: Bool) { newlinesIgnored.append(ignoresNewlines) }
    mutating func closeBracket() { newlinesIgnored.removeLast() }
    var bracketLevel: Int { newlinesIgnored.count }

    /// The parser's context, saved at the start of each statement and restored after an error.
    struct Context {
        var depth: Int, brackets: Int, commandLevel: Int?, functionDepth: Int
    }
    var context: Context {
        Context(depth: depth, brackets: newlinesIgnored.count, commandLevel: commandLevel, functionDepth: functionDepth)
    }
    mutating func restore(_ saved: Context) {
        depth = saved.depth
        newlinesIgnored.removeLast(newlinesIgnored.count - saved.brackets)
        commandLevel = saved.commandLevel
        functionDepth = saved.functionDepth
    }

    // MARK: - Reporting

    /// True once parsing should stop: too many errors, or nesting past the cap (after which
    /// every enclosing bracket and block would report itself unclosed).
    var hitErrorLimit: Bool { diagnostics.count >= Parser.errorLimit || stopped }

    /// Records an error unless the error limit is reached; returns whether it was recorded.
    @discardableResult
    mutating func report(_ message: String, at span: Span, hint: String? = nil, notes: [Diagnostic.Note] = []) -> Bool {
        guard !hitErrorLimit else { return false }
        var diagnostic = Diagnostic.error(message, in: file, at: span, hint: hint)
        diagnostic.notes = notes
        diagnostics.append(diagnostic)
        return true
    }

    func location(_ span: Span) -> Diagnostic.Location { Diagnostic.Location(file: file, span: span) }

    /// `1:5`, for messages that refer to another place ("opened at 1:5").
    func lineColumn(_ token: Token) -> String { file.location(of: token.span.start).description }

    /// How a token is named in a message: `')'`, `number '2'`, `end of input`.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .number: return "number '\(Token.shortened(file.text(of: token.span)))'"
        case .string: return "string \(Token.shortened(file.text(of: token.span)))"
        case .identifier(let name): return "'\(Token.shortened(name))'"
        case .keyword(let keyword): return "keyword '\(keyword.rawValue)'"
        case .symbol(let symbol): return "'\(symbol.rawValue)'"
        case .newline: return "end of line"
        case .invalid: return "invalid characters"
        case .endOfInput: return "end of input"
        }
    }

    /// Reports that `expected` is missing at the current token and abandons the statement.
    ///
    /// Where the error is placed decides how helpful it is:
    /// - at the end of the input: right after the last token, and counted as "incomplete";
    /// - when the current token starts a new line: right after the last token (the line that is
    ///   missing something), and if that new line looks like a statement, parsing resumes there;
    /// - otherwise at the current token, naming what was found.
    mutating func fail(expected: String, hint: String? = nil, opener: Token? = nil) -> ParseError {
        let token = peek()
        if token.kind == .invalid { return ParseError() }  // the lexer already reported it
        if token.kind == .endOfInput {
            // Only the first complaint about the end of the input says anything new; the blocks
            // and brackets around it are unclosed for the same reason.
            if !reportedEndOfInput,
                report("expected \(expected)", at: .point(previousEnd), hint: hint, notes: openerNote(opener))
            {
                endOfInputErrors += 1
                reportedEndOfInput = true
            }
        } else if startsLine(index) {
            report("expected \(expected)", at: .point(previousEnd), hint: hint, notes: openerNote(opener))
            resumeAtCurrentToken = looksLikeStatementStart(index)
        } else {
            report("expected \(expected), found \(describe(token))", at: token.span, hint: hint, notes: openerNote(opener))
        }
        return ParseError()
    }

    /// "'(' opened here", when the opener is on an earlier line than the error (otherwise the
    /// error's own source line already shows it).
    func openerNote(_ opener: Token?) -> [Diagnostic.Note] {
        guard let opener, file.line(of: opener.span.start) != file.line(of: previousEnd) else { return [] }
        return [Diagnostic.Note("'\(file.text(of: opener.span))' opened here", at: location(opener.span))]
    }

    /// A missing separator or closer in a bracketed list. At the end of the input, or when the
    /// next line starts a new statement, the bracket was most likely never closed: say so.
    mutating func failInList(
        _ expected: String, closer: Symbol, opener: Token, what: String, hint: String? = nil
    ) -> ParseError {
        if peek().kind == .endOfInput || (startsLine(index) && looksLikeStatementStart(index)) {
            return fail(expected: closing(closer, opener, what: what), hint: hint, opener: opener)
        }
        return fail(expected: expected, hint: hint)
    }

    /// Reports `message` at the current token and abandons the statement.
    mutating func failHere(_ message: String, hint: String? = nil) -> ParseError {
        let token = peek()
        if token.kind != .invalid, report(message, at: token.span, hint: hint), token.kind == .endOfInput {
            endOfInputErrors += 1
        }
        return ParseError()
    }

    /// A line that begins like a statement of its own: `}`, a statement keyword, or `name =`.
    func looksLikeStatementStart(_ position: Int) -> Bool {
        let token = tokens[position]
        switch token.kind {
        case .symbol(.rightBrace): return true
        case .keyword(let keyword): return Keyword.statementKeywords.contains(keyword) && keyword != .else
        case .identifier: return tokens[position + 1].isSymbol(.equal)
        default: return false
        }
    }

    /// "'(' to close the '(' opened at 1:5" style wording for a missing closer.
    func closing(_ closer: Symbol, _ opener: Token, what: String) -> String {
        "'\(closer.rawValue)' to close the \(what) opened at \(lineColumn(opener))"
    }
}
