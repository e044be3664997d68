/// The step sequence of one training run: which phase each step is in and what it updates
/// (design section 4, "Planner").
///
/// MixFlow: warm-up (velocity steps), alternate (within the phase, 1-based steps k, 2k, ... are
/// base steps, the others velocity steps; k = `baseEvery`), cool-down (velocity steps, encoder
/// and base networks in eval mode). CFM: `steps` velocity steps in the single `flow` phase.
public struct TrainingPlan: Sendable, Equatable {
    /// The phases in order with their step counts (phases with no steps are left out).
    public let phases: [(phase: TrainingPhase, steps: Int)]
    public let baseEvery: Int

    public static func == (lhs: TrainingPlan, rhs: TrainingPlan) -> Bool {
        lhs.baseEvery == rhs.baseEvery && lhs.phases.map(\.phase) == rhs.phases.map(\.phase)
            && lhs.phases.map(\.steps) == rhs.phases.map(\.steps)
    }

    /// The plan of `schedule` for `method`. Errors: negative counts, fractions that are not in
    /// [0, 1] or do not sum to 1, a CFM model given phases or fractions.
    public init(schedule: TrainingSchedule, method: FlowMethod, baseEvery: Int) throws(FlowError) {
        try require(baseEvery >= 1, "every", baseEvery, "an integer >= 1")
        self.baseEvery = baseEvery
        let isCFM = method == .cfm
        switch schedule {
        case let .phases(warmup, alternate, cooldown):
            if isCFM { throw FlowError.phasesForCFM(requested: "warmup: \(warmup), alternate: \(alternate), cooldown: \(cooldown)") }
            for (name, count) in [("warmup", warmup), ("alternate", alternate), ("cooldown", cooldown)] {
                try require(count >= 0, "phases.\(name)", count, "a step count >= 0")
            }
            phases = TrainingPlan.nonEmpty([(.warmup, warmup), (.alternate, alternate), (.cooldown, cooldown)])
        case let .steps(total, fractions):
            try require(total >= 0, "steps", total, "a step count >= 0")
            if isCFM {
                if let fractions {
                    throw FlowError.phasesForCFM(requested: "fractions \(fractions.warmup), \(fractions.alternate), \(fractions.cooldown)")
                }
                phases = TrainingPlan.nonEmpty([(.flow, total)])
            } else {
                let counts = try TrainingPlan.split(total, fractions ?? .standard)
                phases = TrainingPlan.nonEmpty([(.warmup, counts.0), (.alternate, counts.1), (.cooldown, counts.2)])
            }
        }
    }

    /// Total steps of the run.
    public var totalSteps: Int { phases.reduce(0) { $0 + $1.steps } }

    /// Phase and update of step `index` (0-based within the run).
    public func step(_ index: Int) -> (phase: TrainingPhase, update: StepUpdate) {
        precondition(index >= 0 && index < totalSteps, "step \(index) outside a plan of \(totalSteps) steps")
        var start = 0
        for (phase, count) in phases {
            if index < start + count {
                let positionInPhase = index - start + 1
                let isBase = phase == .alternate && positionInPhase % baseEvery == 0
                return (phase, isBase ? .base : .velocity)
            }
            start += count
        }
        preconditionFailure("unreachable: index checked against totalSteps")
    }

    /// Every step's phase and update, in order (for tests and for showing a plan).
    public var sequence: [(phase: TrainingPhase, update: StepUpdate)] { (0..<totalSteps).map(step) }

    /// Number of base steps in the run.
    public var baseSteps: Int {
        phases.filter { $0.phase == .alternate }.reduce(0) { $0 + $1.steps / baseEvery }
    }

    /// warm-up = floor(f_w N), alternate = floor(f_a N), cool-down = the rest (as the reference
    /// code splits its epochs).
    static func split(_ total: Int, _ f: PhaseFractions) throws(FlowError) -> (Int, Int, Int) {
        for (name, value) in [("warmup", f.warmup), ("alternate", f.alternate), ("cooldown", f.cooldown)] {
            try require(value >= 0 && value <= 1, "phases.\(name)", value, "a fraction in [0, 1]")
        }
        let sum = f.warmup + f.alternate + f.cooldown
        try require(abs(sum - 1) < 1e-9, "phases", "\(f.warmup) + \(f.alternate) + \(f.cooldown)", "fractions summing to 1")
        // The 1e-9 keeps 0.29 x 100 = 28.999999999999996 from losing a step.
        let warmup = Int((f.warmup * Double(total) + 1e-9).rounded(.down))
        let alternate = min(total - warmup, Int((f.alternate * Double(total) + 1e-9).rounded(.down)))
        return (warmup, alternate, total - warmup - alternate)
    }

    private static func nonEmpty(_ phases: [(TrainingPhase, Int)]) -> [(phase: TrainingPhase, steps: Int)] {
        phases.filter { $0.1 > 0 }.map { (phase: $0.0, steps: $0.1) }
    }
}
