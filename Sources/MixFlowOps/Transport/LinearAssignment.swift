/// The optimal assignment of an n x n cost matrix and its dual certificate.
public struct AssignmentResult: Sendable, Equatable {
    /// `columnOfRow[i]` is the column assigned to row i: a permutation of `0..<n`.
    public var columnOfRow: [Int]
    /// `sum_i C[i, columnOfRow[i]]`, the minimum over all permutations.
    public var cost: Double
    /// Dual potentials: `rowPotential[i] + columnPotential[j] <= C[i, j]` for all pairs, with
    /// equality on the assignment, so `sum(rowPotential) + sum(columnPotential) == cost`.
    public var rowPotential: [Double]
    public var columnPotential: [Double]
}

/// Exact minimum-cost perfect matching of a square cost matrix (linear assignment problem).
///
/// `costs` is n x n, row i = worker, column j = job; entries must be finite. Auction with
/// epsilon scaling finds near-optimal prices, then Jonker-Volgenant shortest augmenting paths
/// make the result exactly optimal (see `AssignmentWorkspace`). Polls `shouldStop` every few
/// thousand bids and throws `Cancelled` when asked to stop.
public func solveAssignment(costs: Matrix<Double>,
                            shouldStop: ShouldStop = neverStop) throws -> AssignmentResult {
    guard costs.rows == costs.cols else {
        throw TransportError.sizeMismatch(what: "assignment cost matrix", expected: "a square matrix",
                                          got: costs.shapeDescription)
    }
    let n = costs.rows
    if n > 0 { try checkPoints(costs, name: "assignment cost matrix") }
    let workspace = AssignmentWorkspace(capacity: n)
    let total = try costs.storage.withUnsafeBufferPointer { p in
        try workspace.solve(cost: p.baseAddress!, n: n, shouldStop: shouldStop)
    }
    return workspace.result(cost: costs, total: total)
}

extension AssignmentWorkspace {
    /// Packs the solved state of an n x n problem into an `AssignmentResult`.
    func result(cost: Matrix<Double>, total: Double) -> AssignmentResult {
        let n = cost.rows
        let columns = (0..<n).map { rowToColumn[$0] }
        let rowPotential = (0..<n).map { cost[$0, columns[$0]] + price[columns[$0]] }
        let columnPotential = (0..<n).map { -price[$0] }
        return AssignmentResult(columnOfRow: columns, cost: total,
                                rowPotential: rowPotential, columnPotential: columnPotential)
    }
}
