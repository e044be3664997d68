/// The right-hand side of dx/dt = f(x, t) over a batch: x is rows x dims; f writes its value
/// into `dxdt` (reshape it to x's shape if needed; its storage is reused between calls).
public typealias VectorField<T: KernelScalar> = (_ x: Matrix<T>, _ t: T, _ dxdt: inout Matrix<T>) throws -> Void

/// The result of an integration.
public struct ODESolution<T: KernelScalar>: Sendable {
    /// The state at the final time.
    public var final: Matrix<T>
    /// The requested times (as given) and the states there, in the same order.
    public var times: [T]
    public var trajectory: [Matrix<T>]
    /// Accepted steps, rejected steps (adaptive only) and evaluations of f.
    public var steps: Int
    public var rejectedSteps: Int
    public var evaluations: Int
}

/// Why an integration failed.
public enum ODEError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooManySteps(limit: Int, time: Double)
    case stepSizeUnderflow(time: Double)
    case nonFinite(time: Double)
    case badRecordTimes(String)

    public var description: String {
        switch self {
        case let .tooManySteps(limit, time):
            return "dopri5 took more than \(limit) steps and stopped at t = \(time); loosen rtol/atol or raise maxSteps"
        case let .stepSizeUnderflow(time):
            return "dopri5 step size underflowed at t = \(time); the vector field may be stiff or discontinuous there"
        case let .nonFinite(time):
            return "the vector field produced NaN or infinity near t = \(time)"
        case let .badRecordTimes(detail):
            return "trajectory times: \(detail)"
        }
    }
}

/// Which integrator to run (the names scripts use: "euler", "midpoint", "rk4", "dopri5").
public enum ODEMethod: Sendable, Equatable {
    /// Fixed-step Euler / explicit midpoint / classical Runge-Kutta with `steps` equal steps.
    case euler(steps: Int), midpoint(steps: Int), rk4(steps: Int)
    /// Adaptive Dormand-Prince 5(4).
    case dopri5(DormandPrinceOptions)

    /// Integrates dx/dt = f(x, t) from x0 at t0 to t1, recording the states at `record` times.
    public func integrate<T: KernelScalar>(_ x0: Matrix<T>, from t0: T, to t1: T, record: [T] = [],
                                           shouldStop: ShouldStop = neverStop,
                                           _ f: VectorField<T>) throws -> ODESolution<T> {
        switch self {
        case let .euler(steps):
            return try FixedStepSolver(method: .euler, steps: steps).integrate(x0, from: t0, to: t1, record: record, shouldStop: shouldStop, f)
        case let .midpoint(steps):
            return try FixedStepSolver(method: .midpoint, steps: steps).integrate(x0, from: t0, to: t1, record: record, shouldStop: shouldStop, f)
        case let .rk4(steps):
            return try FixedStepSolver(method: .rk4, steps: steps).integrate(x0, from: t0, to: t1, record: record, shouldStop: shouldStop, f)
        case let .dopri5(options):
            return try DormandPrince(options).integrate(x0, from: t0, to: t1, record: record, shouldStop: shouldStop, f)
        }
    }
}

/// Checks that record times lie in [t0, t1] (in the direction of integration) and are
/// monotone; returns them in integration order with their original indices.
func orderedRecordTimes<T: KernelScalar>(_ times: [T], from t0: T, to t1: T) throws -> [(index: Int, time: T)] {
    let forward = t1 >= t0
    let low = min(t0, t1), high = max(t0, t1)
    for t in times where !(t >= low && t <= high) {
        throw ODEError.badRecordTimes("\(t) is outside [\(low), \(high)]")
    }
    // Stable order along the direction of integration.
    return times.enumerated().map { (index: $0.offset, time: $0.element) }.sorted { a, b in
        if a.time != b.time { return forward ? a.time < b.time : a.time > b.time }
        return a.index < b.index
    }
}

extension Matrix where Element: KernelScalar {
    /// self = base + h * sum_j coefficients[j] * stages[j] (zero coefficients skipped).
    mutating func setCombination(_ base: Matrix, _ h: Element, _ coefficients: [Element], _ stages: [Matrix]) {
        let n = count
        precondition(base.count == n, "ODE combination: shapes differ")
        base.withPointer { b in withMutablePointer { Element.copy2D(rows: 1, cols: n, b, lds: n, $0, ldd: n) } }
        for (j, a) in coefficients.enumerated() where a != 0 {
            stages[j].withPointer { k in withMutablePointer { Element.axpy(n, h * a, k, $0) } }
        }
    }
}
