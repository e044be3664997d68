import Foundation
import Runtime
import Synchronization

/// Ctrl-C. Two handlers, swapped as the REPL moves between the prompt and running code (the
/// handler for running code is installed only while user code runs, as in lua.c):
/// - while code runs, the first Ctrl-C asks the evaluator and kernels to stop at their next
///   safe point (`Interrupt.request()`); a second one within a second exits at once with 130,
///   for code stuck where nothing polls;
/// - at the prompt, Ctrl-C only records that it happened, which interrupts the REPL's `poll`
///   so it can clear the line.
enum SignalHandling {
    /// Monotonic time (ns) of the Ctrl-C that requested the current stop.
    private static let firstPress = Atomic<Int64>(0)
    private static let promptFlag = Atomic<Bool>(false)

    static func installRunHandler() {
        install { _ in
            let now = monotonicNanoseconds()
            if Interrupt.isRequested, now - SignalHandling.firstPress.load(ordering: .relaxed) < 1_000_000_000 {
                let message = "\nmfsh: interrupted twice, exiting\n"
                _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
                _exit(130)
            }
            SignalHandling.firstPress.store(now, ordering: .relaxed)
            Interrupt.request()
        }
    }

    static func installPromptHandler() {
        install { _ in SignalHandling.promptFlag.store(true, ordering: .relaxed) }
    }

    /// True once per Ctrl-C pressed at the prompt.
    static func takePromptInterrupt() -> Bool {
        promptFlag.exchange(false, ordering: .relaxed)
    }

    private static func install(_ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        // No SA_RESTART: a blocking poll() at the prompt must return EINTR.
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }
}

/// Nanoseconds of CLOCK_MONOTONIC (async-signal-safe).
func monotonicNanoseconds() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
}
