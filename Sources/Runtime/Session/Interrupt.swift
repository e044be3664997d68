import Lang
import MixFlowOps
import Synchronization

/// The process-wide Ctrl-C flag. The front end's SIGINT handler calls `request()` (an atomic
/// store, safe inside a signal handler); the evaluator polls `check(at:)` at every loop iteration
/// and call, and numerics kernels poll `shouldStop` at each step. Whoever starts running user
/// code calls `clear()` first.
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// Asks running work to stop at its next safe point. Async-signal-safe.
    public static func request() {
        flag.store(true, ordering: .relaxed)
    }

    public static func clear() {
        flag.store(false, ordering: .relaxed)
    }

    public static var isRequested: Bool {
        flag.load(ordering: .relaxed)
    }

    /// The check handed to MixFlowOps kernels (`ShouldStop`).
    public static let shouldStop: ShouldStop = { flag.load(ordering: .relaxed) }

    /// Throws an "interrupted" error located at `span` when a stop was requested.
    public static func check(at span: Span? = nil) throws(RuntimeError) {
        if flag.load(ordering: .relaxed) { throw RuntimeError.interrupted(at: span) }
    }
}
