/// Dispatch between the two exact solvers and packing of their results.

/// Solves with normalised weights `a` (length n) and `b` (length m).
func solveTransport(costs c: Matrix<Double>, a: [Double], b: [Double],
                    options: ExactTransportOptions) throws -> ExactTransportResult {
    if usesAssignment(a, b, options) {
        return try solveByAssignment(costs: c, shouldStop: options.shouldStop)
    }
    let rows = a.indices.filter { a[$0] > 0 }
    let cols = b.indices.filter { b[$0] > 0 }
    let active = rows.count == c.rows && cols.count == c.cols ? c : submatrix(c, rows: rows, cols: cols)
    var result = try solveByNetworkSimplex(costs: active, a: rows.map { a[$0] }, b: cols.map { b[$0] },
                                           shouldStop: options.shouldStop)
    if active.rows != c.rows || active.cols != c.cols {
        result = expandToFullSize(result, costs: c, rows: rows, cols: cols)
    }
    return result
}

/// Whether the assignment fast path applies: equal sizes, both weight vectors uniform.
func usesAssignment(_ a: [Double], _ b: [Double], _ options: ExactTransportOptions) -> Bool {
    options.assignmentFastPath && a.count == b.count && isUniform(a) && isUniform(b)
}

/// n == m, uniform weights: the optimal plan is a permutation scaled by 1/n.
private func solveByAssignment(costs c: Matrix<Double>, shouldStop: ShouldStop) throws -> ExactTransportResult {
    let assignment = try solveAssignment(costs: c, shouldStop: shouldStop)
    let n = c.rows
    let mass = 1 / Double(n)
    let entries = assignment.columnOfRow.enumerated().map {
        TransportPlanEntry(source: $0.offset, target: $0.element, mass: mass)
    }
    return ExactTransportResult(
        cost: assignment.cost / Double(n),
        plan: TransportPlan(sourceCount: n, targetCount: n, entries: entries),
        sourcePotential: assignment.rowPotential, targetPotential: assignment.columnPotential,
        method: .assignment)
}

/// General case. Uniform weights are scaled to integers (m per source, n per sink) so every
/// flow update is exact; other weights use their Float64 values.
private func solveByNetworkSimplex(costs c: Matrix<Double>, a: [Double], b: [Double],
                                   shouldStop: ShouldStop) throws -> ExactTransportResult {
    let n = c.rows, m = c.cols
    let integral = isUniform(a) && isUniform(b)
    let supply = integral ? [Double](repeating: Double(m), count: n) : a
    let demand = integral ? [Double](repeating: Double(n), count: m) : b
    let scale = integral ? Double(n) * Double(m) : 1
    return try c.storage.withUnsafeBufferPointer { p in
        let simplex = TransportSimplex(cost: p.baseAddress!, n: n, m: m, supply: supply, demand: demand)
        try simplex.run(shouldStop: shouldStop)
        // Incremental potential updates drift by rounding; recompute and confirm optimality.
        simplex.recomputePotentials()
        try simplex.run(shouldStop: shouldStop)
        var entries: [TransportPlanEntry] = []
        entries.reserveCapacity(n + m)
        var total = 0.0
        for node in 0..<(n + m) {
            let e = simplex.predArc[node]
            guard e < n * m, simplex.flow[node] > 0 else { continue }
            let mass = simplex.flow[node] / scale
            entries.append(TransportPlanEntry(source: e / m, target: e % m, mass: mass))
            total += mass * p[e]
        }
        return ExactTransportResult(
            cost: total, plan: TransportPlan(sourceCount: n, targetCount: m, entries: entries),
            sourcePotential: (0..<n).map { -simplex.potential[$0] },
            targetPotential: (0..<m).map { simplex.potential[n + $0] },
            method: .networkSimplex)
    }
}

/// The rows and columns of `c` at the given indices.
private func submatrix(_ c: Matrix<Double>, rows: [Int], cols: [Int]) -> Matrix<Double> {
    var out = Matrix<Double>(rows: rows.count, cols: cols.count)
    for (r, i) in rows.enumerated() {
        for (k, j) in cols.enumerated() { out[r, k] = c[i, j] }
    }
    return out
}

/// Maps a result on the positive-weight points back to all points. Zero-weight points get the
/// largest potential that keeps every pair dual feasible.
private func expandToFullSize(_ result: ExactTransportResult, costs c: Matrix<Double>,
                              rows: [Int], cols: [Int]) -> ExactTransportResult {
    var f = [Double](repeating: .nan, count: c.rows)
    var g = [Double](repeating: .nan, count: c.cols)
    for (r, i) in rows.enumerated() { f[i] = result.sourcePotential[r] }
    for (k, j) in cols.enumerated() { g[j] = result.targetPotential[k] }
    for j in 0..<c.cols where g[j].isNaN {
        g[j] = rows.map { c[$0, j] - f[$0] }.min() ?? 0
    }
    for i in 0..<c.rows where f[i].isNaN {
        f[i] = (0..<c.cols).map { c[i, $0] - g[$0] }.min() ?? 0
    }
    let entries = result.plan.entries.map {
        TransportPlanEntry(source: rows[$0.source], target: cols[$0.target], mass: $0.mass)
    }
    var out = result
    out.plan = TransportPlan(sourceCount: c.rows, targetCount: c.cols, entries: entries)
    out.sourcePotential = f
    out.targetPotential = g
    return out
}
