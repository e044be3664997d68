import Foundation
import Lang

/// Where code runs: its variables and the file its spans point into.
struct Frame {
    let environment: Environment
    let file: SourceFile
    /// The user function being run, or nil at the top level of a script.
    let function: UserFunction?
}

/// How a statement finished.
enum Completion {
    case normal
    case returned(Value)
}

/// The tree-walking evaluator. Statements run in order; expressions evaluate depth first, left
/// to right. Every runtime error is a `RuntimeError` carrying its span; the evaluator polls the
/// Ctrl-C flag at each loop iteration and each call.
final class Evaluator {
    let registry: BuiltinRegistry
    let output: any OutputSink
    let session: SessionState
    let globals: Environment
    /// Nested user-function calls allowed before "too many nested calls".
    var maxCallDepth = 1000
    var callDepth = 0
    /// Canonical paths of the files being `source`d, outermost first (cycle detection).
    var sourceStack: [String] = []
    var stackGuard = StackGuard()
    /// Called for each top-level expression statement's value in echo mode.
    var echo: ((Value) -> Void)?

    init(registry: BuiltinRegistry, output: any OutputSink, session: SessionState, globals: Environment) {
        self.registry = registry
        self.output = output
        self.session = session
        self.globals = globals
    }

    /// Runs a parsed program at the top level. With `echo`, the value of every top-level
    /// expression statement that is not `nil` is passed to `self.echo`.
    func run(_ program: Program, in file: SourceFile, echoResults: Bool) throws(RuntimeError) {
        stackGuard = StackGuard()
        // A script file is on the source stack while it runs, so `source` of itself is a cycle.
        let isFile = !file.name.hasPrefix("<")
        if isFile { sourceStack.append(Evaluator.canonicalPath(file.name)) }
        defer { if isFile { sourceStack.removeLast() } }
        let frame = Frame(environment: globals, file: file, function: nil)
        for statement in program.statements {
            // Each statement boundary is a safe point: a Ctrl-C during a builtin that does not
            // poll stops the script before the next statement.
            try checkInterrupt(statement.span, frame)
            if echoResults, case .expression(let expression) = statement.kind {
                let value = try evaluateStatementExpression(expression, frame)
                if !value.isNil { echo?(value) }
                continue
            }
            if case .returned = try execute(statement, frame) {
                throw RuntimeError("'return' outside a function", at: statement.span).located(in: file, at: statement.span)
            }
        }
    }

    // MARK: Statements

    func execute(_ block: Block, _ frame: Frame) throws(RuntimeError) -> Completion {
        for statement in block.statements {
            try checkInterrupt(statement.span, frame)
            if case .returned(let value) = try execute(statement, frame) { return .returned(value) }
        }
        return .normal
    }

    func execute(_ statement: Stmt, _ frame: Frame) throws(RuntimeError) -> Completion {
        switch statement.kind {
        case .expression(let expression):
            _ = try evaluateStatementExpression(expression, frame)
        case let .assign(name, _, value):
            if try assignAppendingInPlace(name, value, frame) { break }
            frame.environment.assign(name, try evaluateAssignedValue(value, to: name, frame))
        case let .ifElse(condition, thenBlock, elseBlock):
            if try truth(of: condition, frame) {
                return try execute(thenBlock, frame)
            } else if let elseBlock {
                return try execute(elseBlock, frame)
            }
        case let .forIn(variable, _, sequence, body):
            return try executeFor(variable, sequence, body, frame)
        case .function(let declaration):
            let function = UserFunction(declaration: declaration, closure: frame.environment, file: frame.file)
            frame.environment.assign(declaration.name, .function(function))
        case .return(let value):
            return try executeReturn(value, statement.span, frame)
        case .source(let path):
            try executeSource(path, frame)
        }
        return .normal
    }

    @inline(never)
    private func executeFor(_ variable: String, _ sequence: Expr, _ body: Block, _ frame: Frame) throws(RuntimeError) -> Completion {
        let value = try evaluate(sequence, frame)
        if case .range(let range) = value {
            // Ranges are iterated without building the list.
            return try iterate(range, variable, sequence.span, body, frame)
        }
        guard let elements = value.elements else {
            throw fail("cannot iterate over \(value.typeNameWithArticle)", sequence.span, frame,
                       hint: "for loops go over a list, a range like 0:10, or a string")
        }
        return try iterate(elements, variable, sequence.span, body, frame)
    }

    @inline(never)
    private func iterate<S: Sequence>(_ sequence: S, _ variable: String, _ span: Span, _ body: Block, _ frame: Frame) throws(RuntimeError) -> Completion
    where S.Element: LoopValue {
        for element in sequence {
            try checkInterrupt(span, frame)
            frame.environment.assign(variable, element.loopValue)
            if case .returned(let result) = try execute(body, frame) { return .returned(result) }
        }
        return .normal
    }

    @inline(never)
    private func executeReturn(_ value: Expr?, _ span: Span, _ frame: Frame) throws(RuntimeError) -> Completion {
        guard frame.function != nil else {
            throw fail("'return' outside a function", span, frame, hint: "return is only allowed inside fn { ... }")
        }
        guard let value else { return .returned(.nil) }
        return .returned(try evaluate(value, frame))
    }

    /// `if` conditions must be booleans: `if 1 { }` is a mistake, not "true".
    private func truth(of expression: Expr, _ frame: Frame) throws(RuntimeError) -> Bool {
        let value = try evaluate(expression, frame)
        guard case .bool(let flag) = value else {
            throw fail("condition must be true or false, got \(value.typeNameWithArticle)", expression.span, frame,
                       hint: "compare explicitly, e.g. 'x != 0' or 'len(xs) > 0'")
        }
        return flag
    }

    // MARK: Helpers

    func checkInterrupt(_ span: Span, _ frame: Frame) throws(RuntimeError) {
        do { try Interrupt.check(at: span) } catch { throw error.located(in: frame.file, at: span) }
    }

    /// A located runtime error.
    @inline(never)
    func fail(_ message: String, _ span: Span, _ frame: Frame, hint: String? = nil) -> RuntimeError {
        RuntimeError(message, at: span, hint: hint).located(in: frame.file, at: span)
    }

    /// Directory that relative paths in `file` are resolved against.
    func baseDirectory(of file: SourceFile) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if file.name.hasPrefix("<") { return cwd }
        let directory = (file.name as NSString).deletingLastPathComponent
        if directory.isEmpty { return cwd }
        return directory.hasPrefix("/") ? directory : (cwd as NSString).appendingPathComponent(directory)
    }
}

/// What a `for` loop binds its variable to, for each kind of sequence it walks.
protocol LoopValue {
    var loopValue: Value { get }
}

extension Double: LoopValue {
    var loopValue: Value { .number(self) }
}

extension Value: LoopValue {
    var loopValue: Value { self }
}
