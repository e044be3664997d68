import Foundation

/// Entropic optimal transport and the debiased Sinkhorn divergence, in the geomloss
/// convention (design section 5; `SamplesLoss("sinkhorn", p, blur, scaling, debias=True)`):
///
///     C(x, y) = |x - y|^p / p            (p = 1: |x - y|; p = 2: |x - y|^2 / 2)
///     eps     = blur^p
///     OT_eps(a, b) = min_pi <pi, C> + eps KL(pi | a x b)   over plans with marginals a, b
///     S_eps(a, b)  = OT_eps(a, b) - OT_eps(a, a) / 2 - OT_eps(b, b) / 2
///
/// computed from the dual potentials at convergence as
/// `S = <a, f_ba - f_aa> + <b, g_ab - g_bb>` (and `OT_eps = <a, f_ba> + <b, g_ab>` when not
/// debiased). All four problems are solved together by symmetric log-domain Sinkhorn updates
///
///     f_i <- (f_i - eps log sum_j b_j exp((g_j - C_ij) / eps)) / 2   (same for g, f_aa, g_bb)
///
/// along the annealing schedule eps_0 = diameter^p, then exp(t) for t from p log(diameter) down
/// to p log(blur) in steps of p log(scaling), then blur^p, followed by one full (unaveraged)
/// update. Every exponential is taken after subtracting the row maximum, so nothing underflows
/// in any dimension.

/// Settings of `sinkhorn`.
public struct SinkhornOptions: Sendable {
    /// Exponent of the ground cost: 1 or 2.
    public var p: Int = 2
    /// Target blur; eps = blur^p.
    public var blur: Double = 0.05
    /// Ratio between successive blur values of the annealing schedule, in (0, 1). The
    /// reference values use 0.99; smaller values run fewer iterations.
    public var scaling: Double = 0.99
    /// Debiased divergence S_eps (true) or raw entropic cost OT_eps (false).
    public var debias = true
    /// Largest distance in the problem; nil uses the diagonal of the joint bounding box.
    public var diameter: Double?
    /// Also return the dense plan of OT_eps(a, b). The potentials behind the plan are iterated
    /// further at the final eps until its marginals match the weights to `planTolerance`
    /// (the reported value keeps the annealed potentials, as geomloss does).
    public var computePlan = false
    /// Largest error allowed in the plan's marginals (absolute, weights summing to 1).
    public var planTolerance = 1e-9
    /// Cap on the extra iterations spent converging the plan.
    public var planMaxIterations = 10_000
    /// Largest total size of the dense cost matrices, in bytes. Default 2 GiB.
    public var memoryBudget: Int = 2 << 30
    public var shouldStop: ShouldStop = neverStop

    public init(p: Int = 2, blur: Double = 0.05, scaling: Double = 0.99, debias: Bool = true,
                diameter: Double? = nil, computePlan: Bool = false, memoryBudget: Int = 2 << 30,
                shouldStop: @escaping ShouldStop = neverStop) {
        self.p = p; self.blur = blur; self.scaling = scaling; self.debias = debias
        self.diameter = diameter; self.computePlan = computePlan
        self.memoryBudget = memoryBudget; self.shouldStop = shouldStop
    }
}

public struct SinkhornResult: Sendable {
    /// S_eps(a, b) when debiased, else OT_eps(a, b).
    public var value: Double
    /// Potentials of OT_eps(a, b): f on x (length n), g on y (length m).
    public var sourcePotential: [Double]
    public var targetPotential: [Double]
    /// `pi_ij = a_i b_j exp((f_i + g_j - C_ij) / eps)`, n x m, when `computePlan` was set
    /// (from potentials converged to `planTolerance`).
    public var plan: Matrix<Double>?
    /// Final eps = blur^p.
    public var epsilon: Double
    /// Number of annealing steps (each updates all potentials once).
    public var iterations: Int
}

/// Debiased Sinkhorn divergence (or entropic OT cost) between the rows of `x` and `y`.
public func sinkhorn(_ x: Matrix<Double>, _ y: Matrix<Double>, sourceWeights: [Double]? = nil,
                     targetWeights: [Double]? = nil,
                     options: SinkhornOptions = SinkhornOptions()) throws -> SinkhornResult {
    try checkPointPair(x, y)
    try checkSinkhornOptions(options)
    let n = x.rows, m = y.rows
    let cells = 2 * n * m + (options.debias ? n * n + m * m : 0)
    if cells > options.memoryBudget / 8 {
        throw TransportError.sinkhornTooLarge(rows: n, cols: m, bytes: cells * 8, budget: options.memoryBudget)
    }
    let a = try normalizedWeights(sourceWeights, count: n, name: "source weights")
    let b = try normalizedWeights(targetWeights, count: m, name: "target weights")
    let diameter = options.diameter ?? boundingBoxDiagonal(x, y)
    let schedule = try epsilonSchedule(p: options.p, diameter: diameter, blur: options.blur, scaling: options.scaling)
    let problem = SinkhornProblem(x: x, y: y, a: a, b: b, p: options.p, debias: options.debias,
                                  epsilon: schedule.last!)
    let potentials = try problem.solve(schedule: schedule, shouldStop: options.shouldStop)
    let epsilon = schedule.last!
    var value = 0.0
    for i in 0..<n { value += a[i] * (potentials.fba[i] - (options.debias ? potentials.faa[i] : 0)) }
    for j in 0..<m { value += b[j] * (potentials.gab[j] - (options.debias ? potentials.gbb[j] : 0)) }
    var plan: Matrix<Double>?
    if options.computePlan {
        let (f, g) = try problem.convergedPotentials(
            f: potentials.fba, g: potentials.gab, epsilon: epsilon, tolerance: options.planTolerance,
            maxIterations: options.planMaxIterations, shouldStop: options.shouldStop)
        plan = problem.plan(f: f, g: g, epsilon: epsilon)
    }
    return SinkhornResult(value: value, sourcePotential: potentials.fba, targetPotential: potentials.gab,
                          plan: plan, epsilon: epsilon, iterations: schedule.count)
}

private func checkSinkhornOptions(_ options: SinkhornOptions) throws {
    guard options.p == 1 || options.p == 2 else {
        throw TransportError.invalidOption(name: "p", reason: "must be 1 or 2, got \(options.p)")
    }
    guard options.blur > 0, options.blur.isFinite else {
        throw TransportError.invalidOption(name: "blur", reason: "must be positive, got \(options.blur)")
    }
    guard options.scaling > 0, options.scaling < 1 else {
        throw TransportError.invalidOption(name: "scaling", reason: "must lie in (0, 1), got \(options.scaling)")
    }
    if let d = options.diameter, !(d > 0 && d.isFinite) {
        throw TransportError.invalidOption(name: "diameter", reason: "must be positive, got \(d)")
    }
}

/// `|max - min|` of the joint bounding box of both sets (geomloss `max_diameter`).
func boundingBoxDiagonal(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Double {
    var total = 0.0
    for k in 0..<x.cols {
        var low = Double.infinity, high = -Double.infinity
        for i in 0..<x.rows { low = min(low, x[i, k]); high = max(high, x[i, k]) }
        for j in 0..<y.rows { low = min(low, y[j, k]); high = max(high, y[j, k]) }
        total += (high - low) * (high - low)
    }
    return total.squareRoot()
}

/// The longest annealing schedule accepted; the defaults take a few dozen steps.
let maxAnnealingSteps = 100_000

/// The annealing temperatures: diameter^p, exp(t) for t = p log(diameter) + k p log(scaling)
/// while t > p log(blur) (numpy `arange` semantics), then blur^p.
///
/// A diameter below the blur (all points equal, or no features: diameter 0) has nothing to
/// anneal and starts at the blur. A schedule that would be endless (an infinite diameter from
/// coordinates near the limits of Double) or over `maxAnnealingSteps` is refused.
func epsilonSchedule(p: Int, diameter: Double, blur: Double, scaling: Double) throws -> [Double] {
    let power = Double(p), diameter = max(diameter, blur)
    let start = power * log(diameter), stop = power * log(blur), step = power * log(scaling)
    let steps = ((stop - start) / step).rounded(.up)
    guard steps.isFinite, steps <= Double(maxAnnealingSteps) else {
        throw TransportError.invalidOption(
            name: "scaling", reason: "annealing from diameter \(diameter) down to blur \(blur) by \(scaling) per step"
                + " would take more than \(maxAnnealingSteps) steps; lower scaling, raise blur or rescale the points")
    }
    let count = max(0, Int(steps))
    var schedule = [pow(diameter, power)]
    for k in 0..<count { schedule.append(exp(start + Double(k) * step)) }
    schedule.append(pow(blur, power))
    return schedule
}
