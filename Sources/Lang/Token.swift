// Tokens: what the lexer hands the parser. Each carries its byte span and whether whitespace came
// right before it, because command form (`print -1` versus `x - 1`) depends on spacing.

/// The reserved words of .mf. They cannot be used as names.
public enum Keyword: String, CaseIterable, Sendable {
    case `if`, `else`, `for`, `in`, `fn`, `return`, `source`
    case `true`, `false`, `nil`
    case and, or, not

    /// Keywords that begin a statement; the ones a misspelt statement most likely meant.
    static let statementKeywords: [Keyword] = [.if, .else, .for, .fn, .return, .source]
}

/// Operators and punctuation.
public enum Symbol: String, CaseIterable, Sendable {
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", caret = "^"
    case equalEqual = "==", bangEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case equal = "=", dot = ".", comma = ",", colon = ":", semicolon = ";"
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}"
}

public enum TokenKind: Equatable, Sendable {
    case number(Double)
    /// A string literal with its escapes decoded.
    case string(String)
    case identifier(String)
    case keyword(Keyword)
    case symbol(Symbol)
    /// A line break. Significant at statement level; the parser skips it inside `()` and `[]`.
    case newline
    /// Characters the lexer could not make sense of. Already reported, so the parser drops the
    /// statement silently instead of adding a second error.
    case invalid
    case endOfInput
}

public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var span: Span
    /// True when whitespace, a comment or a line break (or the start of the input) comes right
    /// before the token.
    public var spaceBefore: Bool

    public init(_ kind: TokenKind, _ span: Span, spaceBefore: Bool) {
        self.kind = kind
        self.span = span
        self.spaceBefore = spaceBefore
    }

    func isSymbol(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }
    func isKeyword(_ keyword: Keyword) -> Bool { kind == .keyword(keyword) }

    var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    /// `text` cut to a length that keeps a message on one line.
    static func shortened(_ text: String, limit: Int = 32) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "..."
    }
}
