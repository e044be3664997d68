import Foundation

/// The dense matrices and the symmetric update loop behind `sinkhorn`.
struct SinkhornProblem {
    let n: Int, m: Int
    let logA: [Double], logB: [Double]
    let debias: Bool
    /// C(x_i, y_j) (n x m), its transpose, and the self costs C(x, x), C(y, y) when debiasing.
    let cxy: RowLogSumExp, cyx: RowLogSumExp
    let cxx: RowLogSumExp?, cyy: RowLogSumExp?

    /// Dual potentials of the three problems.
    struct Potentials {
        var fba: [Double], gab: [Double], faa: [Double], gbb: [Double]
    }

    /// `epsilon` is the final temperature: when it exceeds 0.5% of the largest cost, Float32
    /// exponentials would cost more than 1e-9 relative accuracy, so Float64 ones are used.
    init(x: Matrix<Double>, y: Matrix<Double>, a: [Double], b: [Double], p: Int, debias: Bool, epsilon: Double) {
        n = x.rows; m = y.rows
        self.debias = debias
        logA = a.map { $0 > 0 ? log($0) : -100_000 }
        logB = b.map { $0 > 0 ? log($0) : -100_000 }
        let cost: GroundCost = p == 1 ? .euclidean : .squaredEuclidean
        let factor = p == 1 ? 1.0 : 0.5
        let c = scaled(costMatrix(x, y, cost: cost), by: factor)
        let precise = epsilon > 5e-3 * (c.storage.max() ?? 0)
        cxy = RowLogSumExp(costs: c, precise: precise)
        cyx = RowLogSumExp(costs: c.transposed(), precise: precise)
        cxx = debias ? RowLogSumExp(costs: scaled(costMatrix(x, x, cost: cost), by: factor), precise: precise) : nil
        cyy = debias ? RowLogSumExp(costs: scaled(costMatrix(y, y, cost: cost), by: factor), precise: precise) : nil
    }

    /// Runs the annealing loop of `schedule` and the final full update.
    func solve(schedule: [Double], shouldStop: ShouldStop) throws -> Potentials {
        var eps = schedule[0]
        var state = Potentials(
            fba: softmin(cxy, logB, nil, eps), gab: softmin(cyx, logA, nil, eps),
            faa: debias ? softmin(cxx!, logA, nil, eps) : [], gbb: debias ? softmin(cyy!, logB, nil, eps) : [])
        for (step, value) in schedule.enumerated() {
            eps = value
            let next = update(state, eps)
            state.fba = average(state.fba, next.fba); state.gab = average(state.gab, next.gab)
            if debias { state.faa = average(state.faa, next.faa); state.gbb = average(state.gbb, next.gbb) }
            if step & 7 == 7, shouldStop() {
                throw Cancelled("Sinkhorn step \(step + 1) of \(schedule.count), \(n) x \(m) points")
            }
        }
        return update(state, eps)
    }

    /// One Sinkhorn update of every potential from the current ones (in parallel, not alternating).
    private func update(_ s: Potentials, _ eps: Double) -> Potentials {
        Potentials(fba: softmin(cxy, logB, s.gab, eps), gab: softmin(cyx, logA, s.fba, eps),
                   faa: debias ? softmin(cxx!, logA, s.faa, eps) : [],
                   gbb: debias ? softmin(cyy!, logB, s.gbb, eps) : [])
    }

    /// `out_i = -eps log sum_j exp(logw_j + g_j / eps - C_ij / eps)` for each row i of `c`.
    private func softmin(_ c: RowLogSumExp, _ logWeights: [Double], _ g: [Double]?, _ eps: Double) -> [Double] {
        guard let g else { return c.softmin(logWeights, epsilon: eps) }
        let inverse = 1 / eps
        return c.softmin((0..<logWeights.count).map { logWeights[$0] + g[$0] * inverse }, epsilon: eps)
    }

    /// Alternating Sinkhorn updates of the OT_eps(a, b) potentials at the final eps, from the
    /// annealed ones, until the plan's row marginals are within `tolerance` of `a` (its column
    /// marginals are exact after each g update). The annealing schedule alone stops before the
    /// marginals settle, which matters for the plan but not for the divergence's convention.
    func convergedPotentials(f start: [Double], g: [Double], epsilon: Double, tolerance: Double,
                             maxIterations: Int, shouldStop: ShouldStop) throws -> ([Double], [Double]) {
        var f = start, g = g
        for iteration in 0..<maxIterations {
            g = softmin(cyx, logA, f, epsilon)
            let next = softmin(cxy, logB, g, epsilon)
            var worst = 0.0
            for i in 0..<n { worst = max(worst, abs(exp(logA[i]) * expm1((f[i] - next[i]) / epsilon))) }
            f = next
            if worst <= tolerance { break }
            if iteration & 31 == 31, shouldStop() {
                throw Cancelled("Sinkhorn plan refinement, iteration \(iteration + 1), \(n) x \(m) points")
            }
        }
        return (f, softmin(cyx, logA, f, epsilon))
    }

    /// Dense plan `a_i b_j exp((f_i + g_j - C_ij) / eps)`.
    func plan(f: [Double], g: [Double], epsilon: Double) -> Matrix<Double> {
        var out = Matrix<Double>(rows: n, cols: m)
        for i in 0..<n {
            for j in 0..<m {
                out[i, j] = exp(logA[i] + logB[j] + (f[i] + g[j] - cxy.costs[i, j]) / epsilon)
            }
        }
        return out
    }
}

private func scaled(_ c: Matrix<Double>, by factor: Double) -> Matrix<Double> {
    guard factor != 1 else { return c }
    var out = c
    out.storage.withUnsafeMutableBufferPointer { p in for k in 0..<p.count { p[k] *= factor } }
    return out
}

private func average(_ a: [Double], _ b: [Double]) -> [Double] {
    zip(a, b).map { 0.5 * ($0 + $1) }
}
