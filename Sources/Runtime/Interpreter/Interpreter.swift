import Lang

/// The runtime as the front ends see it (mfsh's script mode and REPL, the notebook renderer):
/// parse and run source, keep a session's variables and seed, and answer completion queries.
/// Use it from one thread.
public final class Interpreter {
    /// How running some source ended.
    public enum Outcome {
        case ok
        /// The source did not parse (or a `source`d file did not); every syntax error.
        case syntaxErrors([Diagnostic])
        case runtimeError(Diagnostic)
        /// A file the script names does not exist (`load`, `source`): exit code 66, as for a
        /// missing script.
        case missingInput(Diagnostic)
        /// Ctrl-C stopped the run; the diagnostic says where.
        case interrupted(Diagnostic)
        /// The input ended too early (open bracket, block or string): ask for more lines.
        case incomplete
        /// The script called `exit N`.
        case exit(Int32)

        /// The process exit status for this outcome (sysexits).
        public var exitCode: Int32 {
            switch self {
            case .ok: return 0
            case .syntaxErrors: return 65
            case .runtimeError: return 70
            case .missingInput: return 66
            case .interrupted: return 130
            case .incomplete: return 65
            case .exit(let code): return code
            }
        }
    }

    public let registry: BuiltinRegistry
    public let output: any OutputSink
    /// Script arguments, visible to scripts as the list `args`.
    public let scriptArguments: [String]
    private(set) var evaluator: Evaluator

    public init(output: any OutputSink, registry: BuiltinRegistry = .standard(), scriptArguments: [String] = []) {
        self.registry = registry
        self.output = output
        self.scriptArguments = scriptArguments
        evaluator = Interpreter.makeEvaluator(registry: registry, output: output, arguments: scriptArguments)
    }

    private static func makeEvaluator(registry: BuiltinRegistry, output: any OutputSink, arguments: [String]) -> Evaluator {
        let globals = Environment()
        globals.assign("args", .list(arguments.map { .string($0) }))
        let evaluator = Evaluator(registry: registry, output: output, session: SessionState(), globals: globals)
        evaluator.echo = { value in
            globals.assign("_", value)
            if case .object(let object) = value { object.show(to: output) } else { output.echoed(value.echoString + "\n") }
        }
        return evaluator
    }

    /// Runs a whole script: nothing runs if any part fails to parse; results are not echoed.
    public func run(_ file: SourceFile) -> Outcome {
        let parsed = parse(file)
        guard parsed.diagnostics.isEmpty else { return .syntaxErrors(parsed.diagnostics) }
        return run(parsed.program, in: file, echo: false)
    }

    /// Runs one REPL entry: `.incomplete` when more lines are needed; the value of each
    /// top-level expression statement is echoed and kept in `_`.
    public func runEntry(_ file: SourceFile) -> Outcome {
        let parsed = parse(file)
        if parsed.isIncomplete { return .incomplete }
        guard parsed.diagnostics.isEmpty else { return .syntaxErrors(parsed.diagnostics) }
        return run(parsed.program, in: file, echo: true)
    }

    /// Runs statements that were already parsed (a notebook cell is a slice of a program).
    public func run(_ program: Program, in file: SourceFile, echo: Bool) -> Outcome {
        Interrupt.clear()
        do {
            try evaluator.run(program, in: file, echoResults: echo)
            return .ok
        } catch {
            switch error.kind {
            case .failure: return .runtimeError(error.diagnostic)
            case .missingInput: return .missingInput(error.diagnostic)
            case .interrupted: return .interrupted(error.diagnostic)
            case .syntax(let diagnostics): return .syntaxErrors(diagnostics + [error.diagnostic.asNote])
            case .exit(let code): return .exit(code)
            }
        }
    }

    // MARK: Session state

    /// Top-level variables in the order they were defined (including `args` and `_`).
    public var variables: [(name: String, value: Value)] { evaluator.globals.localBindings }

    public func value(named name: String) -> Value? { evaluator.globals.lookup(name) }

    public func setVariable(_ name: String, _ value: Value) { evaluator.globals.assign(name, value) }

    /// The last echoed result (`_`).
    public var lastResult: Value? { evaluator.globals.lookup("_") }

    deinit {
        evaluator.globals.removeAll()
    }

    /// Forgets every variable and function and restarts the session seed.
    public func reset() {
        evaluator.globals.removeAll()
        evaluator = Interpreter.makeEvaluator(registry: registry, output: output, arguments: scriptArguments)
    }

    /// The session seed (set by `seed N`).
    public var currentSeed: UInt64 { evaluator.session.seed }

    /// Nested user-function calls allowed before the "too many nested calls" error.
    public var maxCallDepth: Int {
        get { evaluator.maxCallDepth }
        set { evaluator.maxCallDepth = newValue }
    }
}

extension Diagnostic {
    /// This diagnostic as a note (used to say where a `source`d file with syntax errors was
    /// sourced from).
    var asNote: Diagnostic {
        var note = self
        note.severity = .note
        note.message = "sourced here"
        note.hint = nil
        return note
    }
}
