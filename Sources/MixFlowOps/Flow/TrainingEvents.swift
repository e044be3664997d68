/// Where a training run is, for a progress bar (design section 3: "phase, step, loss, steps per
/// second, time left").
public struct TrainingProgress: Sendable, Equatable {
    public var phase: TrainingPhase
    /// Steps completed in this run, and the run's total.
    public var stepsDone: Int
    public var totalSteps: Int
    /// The model's step counter (1-based number of the last completed step).
    public var globalStep: Int
    /// Mean L_OT over the velocity steps and mean L_geo over the steps since the last event.
    public var recentLossOT: Double?
    public var recentLossGeo: Double?
    /// Steps per second in this run so far, and the estimated seconds left.
    public var stepsPerSecond: Double
    public var elapsedSeconds: Double
    public var remainingSeconds: Double

    public var fractionDone: Double { totalSteps == 0 ? 1 : Double(stepsDone) / Double(totalSteps) }
}

/// What a training run did.
public struct TrainingReport: Sendable, Equatable {
    /// Steps run by this call, and the model's step numbers they got.
    public var steps: Int
    public var firstStep: Int
    public var lastStep: Int
    /// Wall-clock seconds of this call's steps (without the one-off initialisation), and the
    /// seconds the initialisation (network construction, k-means and h_theta pretraining) took.
    public var seconds: Double
    public var initializationSeconds: Double
    public var stepsPerSecond: Double
    /// Means over the last 100 steps (L_OT over velocity steps).
    public var finalLossOT: Double?
    public var finalLossGeo: Double?

    /// `trained mix: 3000 steps (2701-3000 ...) in 12.3 s (244 steps/s); L_OT 0.031, L_geo 0.045`
    public var summary: String {
        var text = "\(steps) steps (\(firstStep)-\(lastStep)) in " + formatSeconds(seconds)
        text += " (" + String(Int(stepsPerSecond.rounded())) + " steps/s)"
        if let ot = finalLossOT { text += "; L_OT \(formatLoss(ot))" }
        if let geo = finalLossGeo { text += ", L_geo \(formatLoss(geo))" }
        return text
    }
}

/// Events of a training run, in order: `started`, then `progress` every `progressInterval`
/// steps and at every phase change and at the end, then `finished`. A run stopped by
/// `ShouldStop` or by an error sends no `finished`.
public enum TrainingEvent: Sendable {
    /// The plan about to run, starting at the model's step `firstStep`.
    case started(plan: TrainingPlan, firstStep: Int)
    case progress(TrainingProgress)
    case finished(TrainingReport)
}

/// Receives training events (the Runtime draws its progress bar from them).
public typealias TrainingObserver = (TrainingEvent) -> Void
