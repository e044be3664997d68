/// One nonzero entry of a transport plan: `mass` moves from source point `source` to target
/// point `target` (0-based row indices of x and y).
public struct TransportPlanEntry: Sendable, Equatable, Hashable {
    public var source: Int
    public var target: Int
    public var mass: Double

    public init(source: Int, target: Int, mass: Double) {
        self.source = source; self.target = target; self.mass = mass
    }
}

/// A sparse transport plan between n source and m target points: at most n + m - 1 nonzero
/// entries (a basic optimal solution), sorted by source then target. Row sums are the source
/// weights, column sums the target weights.
public struct TransportPlan: Sendable, Equatable {
    public var sourceCount: Int
    public var targetCount: Int
    public var entries: [TransportPlanEntry]

    public init(sourceCount: Int, targetCount: Int, entries: [TransportPlanEntry]) {
        self.sourceCount = sourceCount
        self.targetCount = targetCount
        self.entries = entries.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
    }

    /// Mass leaving each source point (length n).
    public var sourceMarginal: [Double] {
        var out = [Double](repeating: 0, count: sourceCount)
        for e in entries { out[e.source] += e.mass }
        return out
    }

    /// Mass arriving at each target point (length m).
    public var targetMarginal: [Double] {
        var out = [Double](repeating: 0, count: targetCount)
        for e in entries { out[e.target] += e.mass }
        return out
    }

    /// `sum_e mass_e * C[source_e, target_e]` for an n x m cost matrix.
    public func cost(under costMatrix: Matrix<Double>) -> Double {
        precondition(costMatrix.rows == sourceCount && costMatrix.cols == targetCount,
                     "plan is \(sourceCount)x\(targetCount), cost matrix \(costMatrix.shapeDescription)")
        return entries.reduce(0) { $0 + $1.mass * costMatrix[$1.source, $1.target] }
    }

    /// The plan as a dense n x m matrix.
    public func dense() -> Matrix<Double> {
        var out = Matrix<Double>(rows: sourceCount, cols: targetCount)
        for e in entries { out[e.source, e.target] += e.mass }
        return out
    }
}
