import Foundation

/// Options of one `train` call (design section 4, "Planner"). Every default is the one the
/// `train` command documents.

/// The parts of a MixFlow run.
public enum TrainingPhase: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Velocity steps only; the base is fixed (still drawn with dropout on).
    case warmup
    /// A base step every `baseEvery`-th step, velocity steps otherwise.
    case alternate
    /// Velocity steps only; the encoder and base networks in eval mode (no dropout).
    case cooldown
    /// CFM's only phase: velocity steps (the encoder is trained by L_OT).
    case flow

    public var description: String {
        switch self {
        case .warmup: return "warm-up"
        case .alternate: return "alternate"
        case .cooldown: return "cool-down"
        case .flow: return "flow"
        }
    }
}

/// What one training step updates.
public enum StepUpdate: String, Sendable, Codable {
    /// L_OT = mean |v(x_t, t, y) - u|^2 updates the velocity field (and the encoder when it is
    /// trained by L_OT).
    case velocity
    /// L_geo = mean |x1 - x0|^2 over the OT pairs updates h_theta, h_p (and the encoder when it
    /// is trained by L_geo).
    case base
}

/// Fractions of `steps` given to warm-up, alternate and cool-down (they must sum to 1).
public struct PhaseFractions: Sendable, Codable, Equatable {
    public var warmup: Double
    public var alternate: Double
    public var cooldown: Double

    public init(warmup: Double, alternate: Double, cooldown: Double) {
        self.warmup = warmup
        self.alternate = alternate
        self.cooldown = cooldown
    }

    /// 10 % / 80 % / 10 %, the reference code's split.
    public static let standard = PhaseFractions(warmup: 0.1, alternate: 0.8, cooldown: 0.1)
}

/// How many steps of which phase a run takes.
public enum TrainingSchedule: Sendable, Codable, Equatable {
    /// Explicit step counts (`phases=(warmup: 300, alternate: 2400, cooldown: 300)`); MixFlow only.
    case phases(warmup: Int, alternate: Int, cooldown: Int)
    /// `steps=N`: for CFM N velocity steps; for MixFlow N steps split by `fractions`
    /// (default `PhaseFractions.standard`). Giving fractions to a CFM model is an error.
    case steps(Int, fractions: PhaseFractions? = nil)
}

/// The number of steps `train` runs when the user gives none: `perCondition` steps per training
/// condition, clamped to [minimum, maximum]. With K training conditions and the default 8
/// conditions per step, each condition is drawn in about 8 / K of the steps, so K x perCondition
/// steps give every condition the same number of draws (about 8 x perCondition batches of its
/// points) whatever K: the budget grows with the data. The value is what fitting the letters'
/// training conditions near the noise floor took (docs/quality-notes.md); the minimum keeps a
/// small data set from stopping before its flow has converged.
public enum DefaultBudget {
    public static let perCondition = 250
    public static let minimum = 5_000
    public static let maximum = 50_000

    /// Steps for data with `conditions` training conditions.
    public static func steps(trainingConditions conditions: Int) -> Int {
        let (product, overflow) = perCondition.multipliedReportingOverflow(by: max(conditions, 0))
        return overflow ? maximum : min(max(product, minimum), maximum)
    }
}

/// How the learning rates of every optimiser change over the steps of one `train` call.
public enum LearningRateSchedule: Sendable, Codable, Equatable {
    /// The given learning rates throughout (the reference code's choice).
    case constant
    /// Cosine decay from the given rate at the first step to `final` times it at the last:
    /// lr_k = lr (f + (1 - f) (1 + cos(pi k / (K - 1))) / 2) for step k of K. Late steps are
    /// small, so the velocity field settles instead of jittering at the size of the last
    /// updates (with Adam every step moves each weight by about lr, whatever the gradient).
    case cosine(final: Double)

    /// The fraction of the starting rate at the last step (1 for constant).
    public var finalFactor: Double {
        switch self {
        case .constant: return 1
        case let .cosine(final): return final
        }
    }

    /// The multiplier of step `index` (0-based) of a run of `total` steps.
    public func factor(step index: Int, of total: Int) -> Double {
        switch self {
        case .constant:
            return 1
        case let .cosine(final):
            guard total > 1 else { return 1 }
            let progress = Double(index) / Double(total - 1)
            return final + (1 - final) * (1 + cos(Double.pi * progress)) / 2
        }
    }
}

/// Options of a training run.
public struct TrainingOptions: Sendable, Codable, Equatable {
    public var schedule: TrainingSchedule
    /// In the alternate phase, steps baseEvery, 2 baseEvery, ... (counted from the phase's
    /// start, 1-based) are base steps (default 10).
    public var baseEvery: Int
    /// Conditions per step (default 8; fewer when the data has fewer), drawn without replacement.
    public var conditionsPerStep: Int
    /// Points per condition and step (default 32), drawn without replacement (with replacement
    /// from a condition with fewer points). The batch is conditionsPerStep x pointsPerCondition.
    public var pointsPerCondition: Int
    /// Points per condition that a step's OT pairing sees (default nil: the trained points; a
    /// value below `pointsPerCondition` pairs those too). The pairing is solved over this many
    /// base draws and data points of each condition and `pointsPerCondition` of its pairs train:
    /// a larger pool gives pairs closer to the condition's own OT map at the same network cost,
    /// and MixFlow's base a closer estimate of L_geo. Not a default: on the letters' validation
    /// splits a pool of 64 helped MixFlow and hurt CFM (docs/quality-notes.md, study 7).
    public var pairingPool: Int?
    /// MixFlow: the pool of base steps (default 64; at least `pairingPool`). A larger pool makes
    /// L_geo, the pairs' mean cost, a closer estimate of the base's OT cost to the condition,
    /// without changing the pairs v learns from. Chosen on the letters' validation splits (study 7):
    /// with sigma 0.4, 64 lowered the mean validation W2 from 0.132 to 0.121 at the same fit.
    public var basePairingPool: Int
    /// Adam of the velocity field (default lr 1e-3, betas (0.9, 0.99); the reference code's
    /// (0.0, 0.99) has no momentum and fitted the letters' training conditions more slowly:
    /// seen-condition W2 0.131 against 0.124 for CFM at 10,000 steps, docs/quality-notes.md).
    public var velocityOptimizer: AdamOptions
    /// Adam of h_theta, h_p and the encoder (default lr 1e-3, betas (0.9, 0.999)). For CFM the
    /// encoder uses `velocityOptimizer`'s settings.
    public var baseOptimizer: AdamOptions
    /// Steps between `.step` progress events (default 10).
    public var progressInterval: Int
    /// Learning-rate schedule of every optimiser over this call's steps (default cosine decay to
    /// 5 % of the starting rates: the reference code keeps them constant).
    public var learningRateSchedule: LearningRateSchedule
    /// Decay d of the moving average of the weights that sampling uses (`WeightAverage`), or 0
    /// for none (sampling then uses the last weights). Default 0.999: an average over about the
    /// last 1,000 steps.
    public var averageDecay: Double

    public init(schedule: TrainingSchedule, baseEvery: Int = 10, conditionsPerStep: Int = 8,
                pointsPerCondition: Int = 32, pairingPool: Int? = nil, basePairingPool: Int = 64,
                velocityOptimizer: AdamOptions = AdamOptions(learningRate: 1e-3, beta1: 0.9, beta2: 0.99),
                baseOptimizer: AdamOptions = AdamOptions(learningRate: 1e-3),
                progressInterval: Int = 10, learningRateSchedule: LearningRateSchedule = .cosine(final: 0.05),
                averageDecay: Double = 0.999) {
        self.schedule = schedule
        self.baseEvery = baseEvery
        self.conditionsPerStep = conditionsPerStep
        self.pointsPerCondition = pointsPerCondition
        self.pairingPool = pairingPool
        self.basePairingPool = basePairingPool
        self.velocityOptimizer = velocityOptimizer
        self.baseOptimizer = baseOptimizer
        self.progressInterval = progressInterval
        self.learningRateSchedule = learningRateSchedule
        self.averageDecay = averageDecay
    }

    /// The largest pairing pool: an exact assignment over n points costs O(n^3) time and n^2 memory
    /// per condition and step.
    public static let maxPairingPool = 1024

    /// Points per condition a step of kind `update` draws and pairs.
    public func pairedPoints(for update: StepUpdate) -> Int {
        let pool = pairingPool ?? 0
        return max(update == .base ? max(pool, basePairingPool) : pool, pointsPerCondition)
    }

    private static func requirePool(_ name: String, _ pool: Int) throws(FlowError) {
        try require(pool >= 1 && pool <= maxPairingPool, name, pool, "an integer from 1 to \(maxPairingPool)")
    }

    /// Checks the ranges of the options (not the schedule against the method: see `TrainingPlan`).
    func validate() throws(FlowError) {
        try require(baseEvery >= 1, "every", baseEvery, "an integer >= 1")
        try require(conditionsPerStep >= 1, "conditions per step", conditionsPerStep, "an integer >= 1")
        try require(pointsPerCondition >= 1, "points per condition", pointsPerCondition, "an integer >= 1")
        if let pairingPool { try Self.requirePool("ot_pool", pairingPool) }
        try Self.requirePool("base_ot_pool", basePairingPool)
        try require(progressInterval >= 1, "progress interval", progressInterval, "an integer >= 1")
        if case let .cosine(final) = learningRateSchedule {
            try require(final.isFinite && final >= 0 && final <= 1, "lr_final", final, "a fraction in [0, 1]")
        }
        try require(averageDecay.isFinite && averageDecay >= 0 && averageDecay < 1, "ema", averageDecay, "a decay in [0, 1)")
        for (name, adam) in [("lr", velocityOptimizer), ("base_lr", baseOptimizer)] {
            try require(adam.learningRate.isFinite && adam.learningRate > 0, name, adam.learningRate, "a positive number")
        }
    }
}

/// Throws `.invalidOption` unless `condition` holds.
func require<V>(_ condition: Bool, _ name: String, _ value: V, _ expected: String) throws(FlowError) {
    guard condition else { throw FlowError.invalidOption(name: name, value: "\(value)", expected: expected) }
}
