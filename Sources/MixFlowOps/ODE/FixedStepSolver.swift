/// Fixed-step explicit Runge-Kutta integration over a batch.
///
/// - euler: x += h f(x, t) (order 1)
/// - midpoint: x += h f(x + h/2 f(x, t), t + h/2) (order 2)
/// - rk4: the classical fourth-order method, x += h/6 (k1 + 2 k2 + 2 k3 + k4) (order 4)
///
/// The interval is cut into `steps` equal steps; a requested record time inside a step splits
/// that step so the state is computed exactly at that time (no interpolation). `shouldStop` is
/// polled before every step; when it asks to stop, `Cancelled` says where.
public struct FixedStepSolver<T: KernelScalar> {
    public enum Method: String, Sendable, CaseIterable { case euler, midpoint, rk4 }
    public var method: Method
    public var steps: Int

    public init(method: Method, steps: Int) {
        precondition(steps > 0, "\(method): steps must be positive, got \(steps)")
        self.method = method
        self.steps = steps
    }

    public func integrate(_ x0: Matrix<T>, from t0: T, to t1: T, record: [T] = [],
                          shouldStop: ShouldStop = neverStop, _ f: VectorField<T>) throws -> ODESolution<T> {
        let stops = try orderedRecordTimes(record, from: t0, to: t1)
        var trajectory = [Matrix<T>](repeating: Matrix(rows: 0, cols: 0), count: record.count)
        var x = x0
        var stages = [Matrix<T>](repeating: Matrix(rows: x0.rows, cols: x0.cols), count: method == .rk4 ? 4 : 2)
        var scratch = Matrix<T>(rows: x0.rows, cols: x0.cols)
        var nextStop = 0, evaluations = 0, taken = 0
        let h = (t1 - t0) / T(steps)
        for step in 0..<steps {
            var t = t0 + T(step) * h
            let end = step == steps - 1 ? t1 : t0 + T(step + 1) * h
            // Record times falling inside this step split it.
            while true {
                while nextStop < stops.count && stops[nextStop].time == t {
                    trajectory[stops[nextStop].index] = x
                    nextStop += 1
                }
                let target = nextStop < stops.count && isBefore(stops[nextStop].time, end, direction: h) ? stops[nextStop].time : end
                if t == target { break }
                if shouldStop() { throw Cancelled("\(method) step \(step + 1) of \(steps) at t = \(t)") }
                evaluations += try advance(&x, t: t, h: target - t, stages: &stages, scratch: &scratch, f)
                taken += 1
                t = target
                if t == end { break }
            }
        }
        while nextStop < stops.count { trajectory[stops[nextStop].index] = x; nextStop += 1 }
        return ODESolution(final: x, times: record, trajectory: trajectory, steps: taken, rejectedSteps: 0, evaluations: evaluations)
    }

    private func isBefore(_ a: T, _ b: T, direction h: T) -> Bool { h >= 0 ? a < b : a > b }

    /// One step of size h from t; returns the number of evaluations of f.
    private func advance(_ x: inout Matrix<T>, t: T, h: T, stages k: inout [Matrix<T>], scratch: inout Matrix<T>,
                         _ f: VectorField<T>) throws -> Int {
        switch method {
        case .euler:
            try f(x, t, &k[0])
            x.add(k[0], scaledBy: h)
            return 1
        case .midpoint:
            try f(x, t, &k[0])
            scratch.setCombination(x, h / 2, [1], k)
            try f(scratch, t + h / 2, &k[1])
            x.add(k[1], scaledBy: h)
            return 2
        case .rk4:
            try f(x, t, &k[0])
            scratch.setCombination(x, h / 2, [1], k)
            try f(scratch, t + h / 2, &k[1])
            scratch.setCombination(x, h / 2, [0, 1], k)
            try f(scratch, t + h / 2, &k[2])
            scratch.setCombination(x, h, [0, 0, 1], k)
            try f(scratch, t + h, &k[3])
            x.add(k[0], scaledBy: h / 6)
            x.add(k[1], scaledBy: h / 3)
            x.add(k[2], scaledBy: h / 3)
            x.add(k[3], scaledBy: h / 6)
            return 4
        }
    }
}
