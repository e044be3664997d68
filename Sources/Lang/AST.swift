// The syntax tree of a .mf program. Every node is a struct holding a `kind` enum and the span of
// source it came from; the whole tree is Equatable so parser tests compare trees directly.

/// An expression.
public struct Expr: Equatable, Sendable {
    public var kind: Kind
    public var span: Span

    public init(_ kind: Kind, _ span: Span) {
        self.kind = kind
        self.span = span
    }

    public indirect enum Kind: Equatable, Sendable {
        case number(Double)
        /// A string literal with its escapes already decoded.
        case string(String)
        case bool(Bool)
        case nilLiteral
        case identifier(String)
        /// `[a, b, c]`
        case list([Expr])
        /// `(a: 1, b: 2)`; `()` with no fields is the empty record.
        case record([RecordField])
        /// `start:stop:step`, stop exclusive; `step` defaults to 1 when absent.
        case range(start: Expr, stop: Expr, step: Expr?)
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `base.name`; `nameSpan` covers just the name, for "no member" diagnostics.
        case member(Expr, name: String, nameSpan: Span)
        /// `base[index]`
        case index(Expr, Expr)
        /// `base[letter="A", angle=90]`: condition selection, every argument labelled.
        case select(Expr, [Argument])
        /// Expression form `name(a, key=v)` (the callee may be any expression evaluating to a
        /// function; builtins are looked up by name).
        case call(callee: Expr, arguments: [Argument])
        /// Command form `name a b key=v` at the start of a statement or right of `=`.
        case command(name: String, nameSpan: Span, arguments: [Argument])
    }
}

/// A call argument: positional (`label == nil`) or keyword (`key=value`).
public struct Argument: Equatable, Sendable {
    public var label: String?
    public var labelSpan: Span?
    public var value: Expr
    /// Covers `label=value`, or just the value when positional.
    public var span: Span

    public init(label: String? = nil, labelSpan: Span? = nil, value: Expr, span: Span) {
        self.label = label
        self.labelSpan = labelSpan
        self.value = value
        self.span = span
    }
}

/// One `name: value` field of a record literal.
public struct RecordField: Equatable, Sendable {
    public var name: String
    public var nameSpan: Span
    public var value: Expr
    public init(name: String, nameSpan: Span, value: Expr) {
        self.name = name
        self.nameSpan = nameSpan
        self.value = value
    }
}

public enum UnaryOperator: String, Equatable, Sendable {
    case negate = "-"
    case plus = "+"
    case not = "not"
}

public enum BinaryOperator: String, Equatable, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and = "and", or = "or"
}

/// A statement.
public struct Stmt: Equatable, Sendable {
    public var kind: Kind
    public var span: Span

    public init(_ kind: Kind, _ span: Span) {
        self.kind = kind
        self.span = span
    }

    public indirect enum Kind: Equatable, Sendable {
        /// A bare expression (including a command-form call). Echoed in the REPL and notebooks.
        case expression(Expr)
        /// `name = value`
        case assign(name: String, nameSpan: Span, value: Expr)
        /// `if cond { } else { }`; `else if` is an else block holding one `if` statement.
        case ifElse(condition: Expr, then: Block, else: Block?)
        /// `for name in sequence { }`
        case forIn(variable: String, variableSpan: Span, sequence: Expr, body: Block)
        /// `fn name(a, b=1) { }`
        case function(FunctionDecl)
        case `return`(Expr?)
        /// `source "other.mf"`
        case source(Expr)
    }
}

/// `{ statements }`
public struct Block: Equatable, Sendable {
    public var statements: [Stmt]
    public var span: Span
    public init(_ statements: [Stmt], _ span: Span) {
        self.statements = statements
        self.span = span
    }
}

public struct FunctionDecl: Equatable, Sendable {
    public var name: String
    public var nameSpan: Span
    public var parameters: [Parameter]
    public var body: Block
    public init(name: String, nameSpan: Span, parameters: [Parameter], body: Block) {
        self.name = name
        self.nameSpan = nameSpan
        self.parameters = parameters
        self.body = body
    }
}

public struct Parameter: Equatable, Sendable {
    public var name: String
    public var span: Span
    /// Evaluated at call time, in the function's defining scope, when the argument is omitted.
    public var defaultValue: Expr?
    public init(name: String, span: Span, defaultValue: Expr? = nil) {
        self.name = name
        self.span = span
        self.defaultValue = defaultValue
    }
}

/// A `## ...` comment line: Markdown for notebook output. Kept beside the tree, in source order.
public struct CellComment: Equatable, Sendable {
    /// The Markdown text with the leading `##` and one following space removed.
    public var text: String
    public var span: Span
    public init(text: String, span: Span) {
        self.text = text
        self.span = span
    }
}

/// A parsed file: its top-level statements and its `##` cell comments.
public struct Program: Equatable, Sendable {
    public var statements: [Stmt]
    public var cellComments: [CellComment]
    public init(statements: [Stmt], cellComments: [CellComment] = []) {
        self.statements = statements
        self.cellComments = cellComments
    }
}

/// What parsing a source produced.
public struct ParseResult: Sendable {
    public var program: Program
    /// Every syntax error found (the parser recovers at statement boundaries).
    public var diagnostics: [Diagnostic]
    /// True when the only problem is that the input ended too early (an open bracket, block or
    /// string, a trailing operator): the REPL asks for a continuation line instead of reporting.
    public var isIncomplete: Bool

    public init(program: Program, diagnostics: [Diagnostic], isIncomplete: Bool) {
        self.program = program
        self.diagnostics = diagnostics
        self.isIncomplete = isIncomplete
    }

    public var succeeded: Bool { diagnostics.isEmpty }
}
