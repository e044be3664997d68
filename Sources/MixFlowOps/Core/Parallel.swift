import CBLAS
import Dispatch
import Foundation

/// Splits work across threads: the process's `WorkerTeam` (helpers that wait briefly between
/// hand-offs instead of sleeping), or `DispatchQueue.concurrentPerform` when the team is busy
/// (a nested or concurrent run). While the tasks run, OpenBLAS is limited to one thread so the
/// two levels of parallelism do not oversubscribe the cores; the previous OpenBLAS thread count
/// is restored afterwards (a call that adds no OpenBLAS thread only stores the count).
enum Parallel {
    static func run(_ tasks: Int, _ body: (Int) -> Void) {
        if tasks <= 1 {
            if tasks == 1 { body(0) }
            return
        }
        let previous = openblas_get_num_threads()
        if previous != 1 { openblas_set_num_threads(1) }
        if !WorkerTeam.shared.run(tasks, body) {
            withoutActuallyEscaping(body) { escapable in
                let task = UncheckedSendable(escapable)
                DispatchQueue.concurrentPerform(iterations: tasks) { task.value($0) }
            }
        }
        if previous != 1 { openblas_set_num_threads(previous) }
    }

    /// Splits 0..<count into at most `parts` contiguous ranges of at least `minimum` elements
    /// (one range when count is small). Sizes differ by at most one.
    static func partition(_ count: Int, parts: Int, minimum: Int) -> [Range<Int>] {
        let n = max(1, min(parts, count / max(minimum, 1)))
        return (0..<n).map { i in (i * count / n)..<((i + 1) * count / n) }
    }

    /// Logical processors available to this process.
    static var processorCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// Carries a value into concurrently run closures. The callers guarantee the tasks touch
/// disjoint memory (separate row blocks, separate workspaces).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
