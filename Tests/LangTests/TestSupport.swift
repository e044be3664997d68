// Helpers for the Lang tests: parsing shortcuts, tree builders with placeholder spans, a
// span-stripping pass so structural tests ignore positions, and an S-expression printer that
// makes precedence tests one line each.

import XCTest

@testable import Lang

let noSpan = Span.point(0)

func source(_ text: String, name: String = "t.mf") -> SourceFile { SourceFile(name: name, text: text) }

/// Parses and asserts there are no diagnostics; returns the statements with spans stripped.
func statements(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [Stmt] {
    let result = parse(source(text))
    XCTAssertEqual(result.diagnostics.map(\.message), [], "in: \(text)", file: file, line: line)
    return result.program.statements.map(stripped)
}

/// The single expression statement of `text`, spans stripped.
func expression(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Expr? {
    let parsed = statements(text, file: file, line: line)
    guard parsed.count == 1, case .expression(let expression) = parsed[0].kind else {
        XCTFail("expected one expression statement in: \(text)", file: file, line: line)
        return nil
    }
    return expression
}

/// `text` parsed and printed as an S-expression, e.g. "(+ 1 (* 2 3))"; diagnostics must be empty.
func sexpr(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    let result = parse(source(text))
    XCTAssertEqual(result.diagnostics.map(\.message), [], "in: \(text)", file: file, line: line)
    return result.program.statements.map { SExpression.statement($0) }.joined(separator: "; ")
}

/// Messages and `line:column` of every diagnostic, e.g. ["2:5 unexpected ')'"].
func errors(_ text: String) -> [String] {
    parse(source(text)).diagnostics.map { diagnostic in
        guard let location = diagnostic.location else { return diagnostic.message }
        return "\(location.start) \(diagnostic.message)"
    }
}

// MARK: - Builders (spans are placeholders; compare with `stripped` trees)

func num(_ value: Double) -> Expr { Expr(.number(value), noSpan) }
func str(_ value: String) -> Expr { Expr(.string(value), noSpan) }
func id(_ name: String) -> Expr { Expr(.identifier(name), noSpan) }
func bool(_ value: Bool) -> Expr { Expr(.bool(value), noSpan) }
let nilExpr = Expr(.nilLiteral, noSpan)
func neg(_ operand: Expr) -> Expr { Expr(.unary(.negate, operand), noSpan) }
func not(_ operand: Expr) -> Expr { Expr(.unary(.not, operand), noSpan) }
func bin(_ op: BinaryOperator, _ left: Expr, _ right: Expr) -> Expr { Expr(.binary(op, left, right), noSpan) }
func list(_ elements: Expr...) -> Expr { Expr(.list(elements), noSpan) }
func record(_ fields: (String, Expr)...) -> Expr {
    Expr(.record(fields.map { RecordField(name: $0.0, nameSpan: noSpan, value: $0.1) }), noSpan)
}
func range(_ start: Expr, _ stop: Expr, _ step: Expr? = nil) -> Expr {
    Expr(.range(start: start, stop: stop, step: step), noSpan)
}
func member(_ base: Expr, _ name: String) -> Expr { Expr(.member(base, name: name, nameSpan: noSpan), noSpan) }
func index(_ base: Expr, _ at: Expr) -> Expr { Expr(.index(base, at), noSpan) }
func select(_ base: Expr, _ conditions: Argument...) -> Expr { Expr(.select(base, conditions), noSpan) }
func call(_ callee: Expr, _ arguments: Argument...) -> Expr { Expr(.call(callee: callee, arguments: arguments), noSpan) }
func command(_ name: String, _ arguments: Argument...) -> Expr {
    Expr(.command(name: name, nameSpan: noSpan, arguments: arguments), noSpan)
}
func arg(_ value: Expr) -> Argument { Argument(value: value, span: noSpan) }
func kw(_ label: String, _ value: Expr) -> Argument { Argument(label: label, labelSpan: noSpan, value: value, span: noSpan) }

func exprStmt(_ expression: Expr) -> Stmt { Stmt(.expression(expression), noSpan) }
func assign(_ name: String, _ value: Expr) -> Stmt { Stmt(.assign(name: name, nameSpan: noSpan, value: value), noSpan) }
func block(_ statements: [Stmt]) -> Block { Block(statements, noSpan) }
func ifElse(_ condition: Expr, _ then: [Stmt], else otherwise: [Stmt]? = nil) -> Stmt {
    Stmt(.ifElse(condition: condition, then: block(then), else: otherwise.map(block)), noSpan)
}
func forIn(_ variable: String, _ sequence: Expr, _ body: [Stmt]) -> Stmt {
    Stmt(.forIn(variable: variable, variableSpan: noSpan, sequence: sequence, body: block(body)), noSpan)
}
func param(_ name: String, _ defaultValue: Expr? = nil) -> Parameter { Parameter(name: name, span: noSpan, defaultValue: defaultValue) }
func function(_ name: String, _ parameters: [Parameter], _ body: [Stmt]) -> Stmt {
    Stmt(.function(FunctionDecl(name: name, nameSpan: noSpan, parameters: parameters, body: block(body))), noSpan)
}
func ret(_ value: Expr? = nil) -> Stmt { Stmt(.return(value), noSpan) }
func sourceStmt(_ path: Expr) -> Stmt { Stmt(.source(path), noSpan) }

// MARK: - Span stripping

func stripped(_ statement: Stmt) -> Stmt {
    let kind: Stmt.Kind
    switch statement.kind {
    case .expression(let expression): kind = .expression(stripped(expression))
    case .assign(let name, _, let value): kind = .assign(name: name, nameSpan: noSpan, value: stripped(value))
    case .ifElse(let condition, let then, let otherwise):
        kind = .ifElse(condition: stripped(condition), then: stripped(then), else: otherwise.map(stripped))
    case .forIn(let variable, _, let sequence, let body):
        kind = .forIn(variable: variable, variableSpan: noSpan, sequence: stripped(sequence), body: stripped(body))
    case .function(let declaration):
        kind = .function(FunctionDecl(
            name: declaration.name, nameSpan: noSpan,
            parameters: declaration.parameters.map { param($0.name, $0.defaultValue.map(stripped)) },
            body: stripped(declaration.body)))
    case .return(let value): kind = .return(value.map(stripped))
    case .source(let path): kind = .source(stripped(path))
    }
    return Stmt(kind, noSpan)
}

func stripped(_ block: Block) -> Block { Block(block.statements.map(stripped), noSpan) }

func stripped(_ argument: Argument) -> Argument {
    Argument(label: argument.label, labelSpan: argument.label == nil ? nil : noSpan, value: stripped(argument.value), span: noSpan)
}

func stripped(_ expression: Expr) -> Expr {
    let kind: Expr.Kind
    switch expression.kind {
    case .number, .string, .bool, .nilLiteral, .identifier: kind = expression.kind
    case .list(let elements): kind = .list(elements.map(stripped))
    case .record(let fields):
        kind = .record(fields.map { RecordField(name: $0.name, nameSpan: noSpan, value: stripped($0.value)) })
    case .range(let start, let stop, let step):
        kind = .range(start: stripped(start), stop: stripped(stop), step: step.map(stripped))
    case .unary(let op, let operand): kind = .unary(op, stripped(operand))
    case .binary(let op, let left, let right): kind = .binary(op, stripped(left), stripped(right))
    case .member(let base, let name, _): kind = .member(stripped(base), name: name, nameSpan: noSpan)
    case .index(let base, let at): kind = .index(stripped(base), stripped(at))
    case .select(let base, let conditions): kind = .select(stripped(base), conditions.map(stripped))
    case .call(let callee, let arguments): kind = .call(callee: stripped(callee), arguments: arguments.map(stripped))
    case .command(let name, _, let arguments): kind = .command(name: name, nameSpan: noSpan, arguments: arguments.map(stripped))
    }
    return Expr(kind, noSpan)
}

// MARK: - S-expressions

enum SExpression {
    static func statement(_ statement: Stmt) -> String {
        switch statement.kind {
        case .expression(let expression): return self.expression(expression)
        case .assign(let name, _, let value): return "(= \(name) \(expression(value)))"
        case .return(let value): return value.map { "(return \(expression($0)))" } ?? "(return)"
        case .source(let path): return "(source \(expression(path)))"
        case .ifElse(let condition, let then, let otherwise):
            let elsePart = otherwise.map { " " + block($0) } ?? ""
            return "(if \(expression(condition)) \(block(then))\(elsePart))"
        case .forIn(let variable, _, let sequence, let body):
            return "(for \(variable) \(expression(sequence)) \(block(body)))"
        case .function(let declaration):
            let parameters = declaration.parameters.map { parameter in
                parameter.defaultValue.map { "\(parameter.name)=\(expression($0))" } ?? parameter.name
            }
            return "(fn \(declaration.name) (\(parameters.joined(separator: " "))) \(block(declaration.body)))"
        }
    }

    static func block(_ block: Block) -> String {
        "{" + block.statements.map(statement).joined(separator: "; ") + "}"
    }

    static func argument(_ argument: Argument) -> String {
        (argument.label.map { $0 + "=" } ?? "") + expression(argument.value)
    }

    static func expression(_ expression: Expr) -> String {
        switch expression.kind {
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
        case .string(let value): return "\"\(value)\""
        case .bool(let value): return "\(value)"
        case .nilLiteral: return "nil"
        case .identifier(let name): return name
        case .list(let elements): return "[" + elements.map(self.expression).joined(separator: " ") + "]"
        case .record(let fields): return "(record" + fields.map { " \($0.name):\(self.expression($0.value))" }.joined() + ")"
        case .range(let start, let stop, let step):
            return "(: \(self.expression(start)) \(self.expression(stop))" + (step.map { " " + self.expression($0) } ?? "") + ")"
        case .unary(let op, let operand): return "(\(op == .not ? "not" : op.rawValue)\(op == .not ? " " : "")\(self.expression(operand)))"
        case .binary(let op, let left, let right): return "(\(op.rawValue) \(self.expression(left)) \(self.expression(right)))"
        case .member(let base, let name, _): return "(. \(self.expression(base)) \(name))"
        case .index(let base, let at): return "(index \(self.expression(base)) \(self.expression(at)))"
        case .select(let base, let conditions): return "(select \(self.expression(base))" + conditions.map { " " + argument($0) }.joined() + ")"
        case .call(let callee, let arguments): return "(call \(self.expression(callee))" + arguments.map { " " + argument($0) }.joined() + ")"
        case .command(let name, _, let arguments): return "(cmd \(name)" + arguments.map { " " + argument($0) }.joined() + ")"
        }
    }
}
