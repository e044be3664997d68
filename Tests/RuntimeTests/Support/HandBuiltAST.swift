import Lang
import XCTest
@testable import Runtime

/// Builds syntax trees by hand whose spans point into real text, so evaluator tests do not
/// depend on the parser and can still check where errors point. Each node is located by
/// searching for its text: `src.id("x", 2)` is the second occurrence of `x`.
final class Source {
    let file: SourceFile

    init(_ text: String, name: String = "test.mf") {
        file = SourceFile(name: name, text: text)
    }

    /// Span of the `occurrence`-th appearance of `needle` (1-based).
    func at(_ needle: String, _ occurrence: Int = 1) -> Span {
        let bytes = file.bytes
        let pattern = Array(needle.utf8)
        var found = 0
        var offset = 0
        while offset + pattern.count <= bytes.count {
            if Array(bytes[offset..<offset + pattern.count]) == pattern {
                found += 1
                if found == occurrence { return Span(offset, offset + pattern.count) }
            }
            offset += 1
        }
        fatalError("'\(needle)' #\(occurrence) not in test source")
    }

    func num(_ text: String, _ occurrence: Int = 1) -> Expr { Expr(.number(Double(text)!), at(text, occurrence)) }
    func str(_ text: String, _ occurrence: Int = 1) -> Expr { Expr(.string(text), at("\"\(text)\"", occurrence)) }
    func id(_ name: String, _ occurrence: Int = 1) -> Expr { Expr(.identifier(name), at(name, occurrence)) }
    func bool(_ flag: Bool, _ occurrence: Int = 1) -> Expr { Expr(.bool(flag), at(flag ? "true" : "false", occurrence)) }

    func bin(_ op: BinaryOperator, _ left: Expr, _ right: Expr) -> Expr {
        Expr(.binary(op, left, right), left.span.union(right.span))
    }

    func list(_ items: [Expr], _ text: String, _ occurrence: Int = 1) -> Expr { Expr(.list(items), at(text, occurrence)) }

    /// Command form `name args...`; the span runs from the name to the last argument.
    func cmd(_ name: String, _ arguments: [Argument] = [], _ occurrence: Int = 1) -> Expr {
        let nameSpan = at(name, occurrence)
        return Expr(.command(name: name, nameSpan: nameSpan, arguments: arguments), nameSpan.union(arguments.last?.span ?? nameSpan))
    }

    /// Expression form `callee(args)`; `text` locates the whole call.
    func call(_ callee: Expr, _ arguments: [Argument], _ text: String, _ occurrence: Int = 1) -> Expr {
        Expr(.call(callee: callee, arguments: arguments), at(text, occurrence))
    }

    func arg(_ value: Expr) -> Argument { Argument(value: value, span: value.span) }

    func kw(_ label: String, _ value: Expr, _ occurrence: Int = 1) -> Argument {
        let labelSpan = at(label + "=", occurrence)
        let trimmed = Span(labelSpan.start, labelSpan.start + label.utf8.count)
        return Argument(label: label, labelSpan: trimmed, value: value, span: trimmed.union(value.span))
    }

    func assign(_ name: String, _ value: Expr, _ occurrence: Int = 1) -> Stmt {
        let nameSpan = at(name, occurrence)
        return Stmt(.assign(name: name, nameSpan: nameSpan, value: value), nameSpan.union(value.span))
    }

    func expr(_ expression: Expr) -> Stmt { Stmt(.expression(expression), expression.span) }

    func block(_ statements: [Stmt]) -> Block {
        Block(statements, statements.map(\.span).reduce(statements.first?.span ?? .point(0)) { $0.union($1) })
    }

    func forIn(_ variable: String, _ sequence: Expr, _ body: [Stmt], _ occurrence: Int = 1) -> Stmt {
        let variableSpan = at(variable, occurrence)
        return Stmt(.forIn(variable: variable, variableSpan: variableSpan, sequence: sequence, body: block(body)),
                    variableSpan.union(sequence.span))
    }

    func fn(_ name: String, _ parameters: [Parameter], _ body: [Stmt], _ occurrence: Int = 1) -> Stmt {
        let nameSpan = at(name, occurrence)
        return Stmt(.function(FunctionDecl(name: name, nameSpan: nameSpan, parameters: parameters, body: block(body))), nameSpan)
    }

    func param(_ name: String, _ defaultValue: Expr? = nil, _ occurrence: Int = 1) -> Parameter {
        Parameter(name: name, span: at(name, occurrence), defaultValue: defaultValue)
    }

    func ret(_ value: Expr?) -> Stmt { Stmt(.return(value), value?.span ?? .point(0)) }

    func program(_ statements: [Stmt]) -> Program { Program(statements: statements) }
}

/// An interpreter writing to memory, plus helpers to run hand-built programs.
final class Harness {
    let output = RecordingOutput()
    let interpreter: Interpreter

    init(registry: BuiltinRegistry = .standard()) {
        interpreter = Interpreter(output: output, registry: registry)
    }

    @discardableResult
    func run(_ source: Source, _ statements: [Stmt], echo: Bool = false) -> Interpreter.Outcome {
        interpreter.run(source.program(statements), in: source.file, echo: echo)
    }

    /// Runs and returns the runtime error, failing the test when there is none.
    func error(_ source: Source, _ statements: [Stmt], file: StaticString = #filePath, line: UInt = #line) -> Diagnostic? {
        switch run(source, statements) {
        case .runtimeError(let diagnostic), .missingInput(let diagnostic): return diagnostic
        case let other:
            XCTFail("expected a runtime error, got \(other)", file: file, line: line)
            return nil
        }
    }

    func value(_ name: String) -> Value? { interpreter.value(named: name) }
}

/// The text a diagnostic points at.
func pointedText(_ diagnostic: Diagnostic?) -> String? {
    guard let location = diagnostic?.location else { return nil }
    return location.file.text(of: location.span)
}
