import Foundation

/// Tolerances and limits of the adaptive Dormand-Prince solver.
public struct DormandPrinceOptions: Sendable, Equatable, Codable {
    /// Relative and absolute tolerance: a step is accepted when the RMS over all elements of
    /// err_i / (atol + rtol max(|x_i|, |x_new,i|)) is at most 1.
    public var rtol: Double
    public var atol: Double
    /// Give up after this many accepted + rejected steps.
    public var maxSteps: Int
    /// First step size; nil picks one from the vector field (Hairer, Norsett and Wanner II.4).
    public var initialStep: Double?
    /// Step-size controller: h_new = h * clamp(safety * err^(-1/5), minFactor, maxFactor).
    public var safety: Double
    public var minFactor: Double
    public var maxFactor: Double

    public init(rtol: Double = 1e-5, atol: Double = 1e-5, maxSteps: Int = 10_000, initialStep: Double? = nil,
                safety: Double = 0.9, minFactor: Double = 0.2, maxFactor: Double = 10) {
        precondition(rtol >= 0 && atol >= 0 && rtol + atol > 0, "dopri5: tolerances must be >= 0 and not both 0")
        precondition(maxSteps > 0, "dopri5: maxSteps must be positive")
        self.rtol = rtol
        self.atol = atol
        self.maxSteps = maxSteps
        self.initialStep = initialStep
        self.safety = safety
        self.minFactor = minFactor
        self.maxFactor = maxFactor
    }
}

/// Adaptive Dormand-Prince 5(4) (dopri5): the fifth-order solution is propagated, the embedded
/// fourth-order one gives the error estimate, and the last stage is the first stage of the next
/// step (FSAL: six evaluations per step). Steps end exactly on requested record times and on t1.
/// `shouldStop` is polled before every step.
public struct DormandPrince<T: KernelScalar> {
    public var options: DormandPrinceOptions
    public init(_ options: DormandPrinceOptions = DormandPrinceOptions()) { self.options = options }

    public func integrate(_ x0: Matrix<T>, from t0: T, to t1: T, record: [T] = [],
                          shouldStop: ShouldStop = neverStop, _ f: VectorField<T>) throws -> ODESolution<T> {
        var state = try DopriState(x0: x0, t0: t0, t1: t1, record: record, options: options, f)
        while state.t != t1 {
            if shouldStop() {
                throw Cancelled("dopri5 step \(state.accepted + 1) at t = \(state.t) of [\(t0), \(t1)]")
            }
            try state.attemptStep(f)
        }
        state.recordDue()
        return ODESolution(final: state.x, times: record, trajectory: state.trajectory, steps: state.accepted,
                           rejectedSteps: state.rejected, evaluations: state.evaluations)
    }
}

// Butcher tableau (Dormand and Prince, 1980): nodes c, stage rows a, fifth-order weights b
// (= the last stage row, hence FSAL) and error weights e = b - b* (b* the embedded 4th order).
private let dopriC: [Double] = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1]
private let dopriA: [[Double]] = [
    [1.0 / 5],
    [3.0 / 40, 9.0 / 40],
    [44.0 / 45, -56.0 / 15, 32.0 / 9],
    [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
    [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
    [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
]
private let dopriE: [Double] = [71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40]

/// The moving parts of one dopri5 integration.
struct DopriState<T: KernelScalar> {
    let options: DormandPrinceOptions
    let t1: T, direction: T
    var t: T, h: T
    var x: Matrix<T>, candidate: Matrix<T>, error: Matrix<T>, scratch: Matrix<T>
    /// k[0] holds f(x, t) (FSAL); k[6] receives f at the candidate.
    var k: [Matrix<T>]
    let stops: [(index: Int, time: T)]
    var nextStop = 0
    var trajectory: [Matrix<T>]
    var accepted = 0, rejected = 0, evaluations = 0
    let c: [T] = dopriC.map { T($0) }
    let a: [[T]] = dopriA.map { row in row.map { T($0) } }
    let e: [T] = dopriE.map { T($0) }

    init(x0: Matrix<T>, t0: T, t1: T, record: [T], options: DormandPrinceOptions, _ f: VectorField<T>) throws {
        self.options = options
        self.t1 = t1
        direction = t1 >= t0 ? 1 : -1
        t = t0
        x = x0
        candidate = x0
        error = x0
        scratch = x0
        k = Array(repeating: Matrix(rows: x0.rows, cols: x0.cols), count: 7)
        stops = try orderedRecordTimes(record, from: t0, to: t1)
        trajectory = Array(repeating: Matrix(rows: 0, cols: 0), count: record.count)
        h = 0
        try f(x, t, &k[0])
        evaluations = 1
        h = try options.initialStep.map { T($0) * direction } ?? initialStep(f)
        recordDue()
    }

    /// Saves the state for every record time equal to the current time.
    mutating func recordDue() {
        while nextStop < stops.count && (stops[nextStop].time == t || (t == t1 && stops[nextStop].time == t1)) {
            trajectory[stops[nextStop].index] = x
            nextStop += 1
        }
    }

    /// RMS norm of v scaled by the tolerances at x (for the initial-step heuristic).
    func scaledNorm(_ v: Matrix<T>, _ at: Matrix<T>) -> Double {
        let n = v.count
        return v.withPointer { pv in at.withPointer { px in
            Double(T.scaledRMS(n, error: pv, px, px, atol: T(options.atol), rtol: T(options.rtol)))
        } }
    }

    /// Hairer, Norsett and Wanner's starting step: from |x0|, |f0| and a trial Euler step.
    mutating func initialStep(_ f: VectorField<T>) throws -> T {
        let d0 = scaledNorm(x, x), d1 = scaledNorm(k[0], x)
        let span = Double(abs(t1 - t))
        var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
        h0 = min(h0, span)
        scratch.setCombination(x, T(h0) * direction, [1], k)
        try f(scratch, t + T(h0) * direction, &k[1])
        evaluations += 1
        error.setCombination(k[1], -1, [1], k)
        let d2 = scaledNorm(error, x) / h0
        let h1 = max(d1, d2) <= 1e-15 ? max(1e-6, h0 * 1e-3) : pow(0.01 / max(d1, d2), 1.0 / 5)
        return T(min(100 * h0, h1, span)) * direction
    }
}
