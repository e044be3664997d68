import Foundation
import Synchronization

/// Runs work that polls no interrupt (a CSV parse, libhdf5 reads, data generation) on a worker
/// thread while the calling thread waits and polls `Interrupt`: Ctrl-C ends the wait at once,
/// even when the work is stuck inside a library call that never returns (a crafted .h5ad can
/// loop inside libhdf5; a FIFO with no writer blocks `open` forever). The abandoned worker
/// runs on to its end and its result is dropped; the session goes on.
enum InterruptibleWork {
    /// How often the waiting thread polls the interrupt flag.
    static let pollInterval = DispatchTimeInterval.milliseconds(20)
    /// Parsers recurse little, but libhdf5 and Foundation like a full-size stack.
    static let workerStackSize = 8 << 20

    /// The work's result, or nil when Ctrl-C stopped the wait first.
    static func run<T: Sendable, E: Error>(_ work: @escaping @Sendable () -> Result<T, E>) -> Result<T, E>? {
        let box = ResultBox<Result<T, E>>()
        let done = DispatchSemaphore(value: 0)
        let worker = Thread {
            box.store(work())
            done.signal()
        }
        worker.stackSize = workerStackSize
        worker.start()
        while done.wait(timeout: .now() + pollInterval) == .timedOut {
            if Interrupt.shouldStop() { return nil }
        }
        return box.take()
    }
}

/// A value handed from the worker thread to the waiting one.
private final class ResultBox<Value: Sendable>: Sendable {
    private let slot = Mutex<Value?>(nil)
    func store(_ value: Value) { slot.withLock { $0 = value } }
    func take() -> Value? { slot.withLock { $0 } }
}
