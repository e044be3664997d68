import Lang
import MixFlowOps
import Synchronization

/// The process-wide Ctrl-C flag. The front end's SIGINT handler calls `request()` (an atomic
/// store, safe inside a signal handler); the evaluator polls `check(at:)` at every loop iteration
/// and call, and numerics kernels poll `shouldStop` at each step. Whoever starts running user
/// code calls `clear()` first.
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)
    /// Polls left before the self-triggered interrupt of `interrupt(afterPolls:by:)`; 0 when off.
    private static let pollsLeft = Atomic<Int>(0)
    private static let selfTrigger = Mutex<(@Sendable () -> Void)?>(nil)

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
    public static let shouldStop: ShouldStop = { poll() }

    /// Throws an "interrupted" error located at `span` when a stop was requested.
    public static func check(at span: Span? = nil) throws(RuntimeError) {
        if poll() { throw RuntimeError.interrupted(at: span) }
    }

    /// Makes the interrupt happen from inside the work: after `polls` more polls (of `check` or
    /// `shouldStop`, by the evaluator or a kernel) `action` runs on the polling thread, and that
    /// poll sees its effect. `action` defaults to `request()`; the front end raises a real SIGINT
    /// so its handler is exercised too. For tests: an interruption that lands at the same point
    /// on any machine, where a timer would race the work. `polls` 0 turns it off.
    public static func interrupt(afterPolls polls: Int, by action: @escaping @Sendable () -> Void = { request() }) {
        selfTrigger.withLock { $0 = polls > 0 ? action : nil }
        pollsLeft.store(max(0, polls), ordering: .relaxed)
    }

    private static func poll() -> Bool {
        if pollsLeft.load(ordering: .relaxed) > 0, pollsLeft.subtract(1, ordering: .relaxed).newValue == 0 {
            selfTrigger.withLock { $0 }?()
        }
        return flag.load(ordering: .relaxed)
    }
}
