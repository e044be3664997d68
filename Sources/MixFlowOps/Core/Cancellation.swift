/// Cooperative cancellation. Long-running kernels (training steps, ODE steps, OT iteration
/// blocks) take a `ShouldStop` check and poll it at safe points; when it returns true they stop,
/// leave their state consistent, and throw `Cancelled` (or return what they finished, when the
/// documentation of the kernel says so). MixFlowOps never installs signal handlers itself.
public typealias ShouldStop = @Sendable () -> Bool

/// A check that never asks to stop.
public let neverStop: ShouldStop = { false }

/// Thrown by a kernel that stopped because its `ShouldStop` check asked it to.
public struct Cancelled: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the work stopped, e.g. "training step 1200 of 3000 (alternate)".
    public var progress: String
    public init(_ progress: String = "") { self.progress = progress }
    public var description: String { progress.isEmpty ? "interrupted" : "interrupted at \(progress)" }
}
