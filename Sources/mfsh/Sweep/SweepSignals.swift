import Foundation
import Synchronization

/// Ctrl-C during a sweep. The handler only counts presses (an atomic add, safe in a signal
/// handler); the sweep's loop reads the count: one press asks every running run to stop cleanly
/// and starts no more, a second one kills the runs that are still going.
enum SweepSignals {
    private static let presses = Atomic<Int>(0)

    static func install() {
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = { _ in _ = SweepSignals.presses.add(1, ordering: .relaxed) }
        #else
        action.__sigaction_u.__sa_handler = { _ in _ = SweepSignals.presses.add(1, ordering: .relaxed) }
        #endif
        sigemptyset(&action.sa_mask)
        // No SA_RESTART: the loop's sleep returns at once.
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
    }

    static var pressCount: Int { presses.load(ordering: .relaxed) }

    /// As if Ctrl-C was pressed (the sweep's test hook `MFSH_SWEEP_STOP_AFTER`). Counted here
    /// rather than raised as a signal, which could land on another thread a moment later.
    static func simulatePress() { _ = presses.add(1, ordering: .relaxed) }
}
