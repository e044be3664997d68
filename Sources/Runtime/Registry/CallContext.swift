import Foundation
import Lang
import MixFlowOps

/// What a builtin can reach while it runs: output, the session seed and random stream,
/// cancellation, progress bars, paths relative to the script, and calling back into functions.
public struct CallContext {
    unowned let evaluator: Evaluator
    /// The file and span of the call being run.
    public let file: SourceFile
    public let callSpan: Span
    /// The variable the result is assigned to when the call is the whole right side of
    /// `name = ...` (read from the syntax tree); nil for any other use (`f(mixflow())`).
    public let assignedName: String?

    init(evaluator: Evaluator, file: SourceFile, callSpan: Span, assignedName: String? = nil) {
        self.evaluator = evaluator
        self.file = file
        self.callSpan = callSpan
        self.assignedName = assignedName
    }

    public var output: any OutputSink { evaluator.output }

    /// The words after the script's name on the command line: the strings of the variable `args`.
    public var scriptArguments: [String] {
        guard case .list(let items)? = evaluator.globals.lookup("args") else { return [] }
        return items.compactMap { if case .string(let word) = $0 { word } else { nil } }
    }
    public var registry: BuiltinRegistry { evaluator.registry }

    // MARK: Randomness

    /// The session seed (set by `seed N`; 0 in a fresh session).
    public var seed: UInt64 { evaluator.session.seed }

    /// Restarts the session's random state from `seed`.
    public func setSeed(_ seed: UInt64) { evaluator.session.reseed(seed) }

    /// A seed for a command that was not given `seed=`: deterministic given the session seed and
    /// the number of seeds handed out since it was set.
    public func nextSeed() -> UInt64 { evaluator.session.nextSeed() }

    /// The session's random stream, for commands that draw a few numbers directly.
    public var random: RandomStream {
        get { evaluator.session.random }
        nonmutating set { evaluator.session.random = newValue }
    }

    // MARK: Cancellation and progress

    /// The check to pass to MixFlowOps kernels; true once Ctrl-C was pressed.
    public var shouldStop: ShouldStop { Interrupt.shouldStop }

    /// Throws "interrupted" (at this call) when Ctrl-C was pressed.
    public func checkInterrupt() throws(RuntimeError) { try Interrupt.check(at: callSpan) }

    /// A progress bar for `total` steps of `task`; live on a terminal, a summary line otherwise.
    public func progress(_ task: String, total: Int, phase: String = "") -> ProgressBar {
        ProgressBar(task: task, total: total, phase: phase, output: output)
    }

    public func warn(_ message: String) { output.warning(message) }

    // MARK: Files

    /// Directory that relative paths in this script are read from: the script's own directory,
    /// or the working directory for `-e`, stdin and the REPL.
    public var baseDirectory: String { evaluator.baseDirectory(of: file) }

    /// `path` resolved against `baseDirectory` unless it is absolute.
    public func resolvePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/") { return NSString(string: path).expandingTildeInPath }
        return (baseDirectory as NSString).appendingPathComponent(path)
    }

    // MARK: Calling back

    /// Calls a function value (user function or builtin) with positional arguments, e.g. for a
    /// builtin that takes a callback.
    public func call(_ function: Value, _ arguments: [Value]) throws(RuntimeError) -> Value {
        try evaluator.callValue(function, withValues: arguments, file: file, span: callSpan)
    }
}
