/// Exact optimal transport between weighted point sets (design section 5: `w1`, `w2`, `w2sq`).
///
///     OT_C(a, b) = min_{F >= 0, F 1 = a, F^T 1 = b}  sum_ij F[i, j] C(x_i, y_j)
///
/// with C = |x - y| (W1) or |x - y|^2 (W2 squared), weights normalised to sum 1 (uniform by
/// default, as POT's `ot.emd2` with `ot.unif`). Computed in Float64. Equal sizes with uniform
/// weights go through the exact assignment solver (W = assignment cost / n); everything else
/// through the transportation network simplex.

/// Which exact algorithm produced a result.
public enum ExactTransportMethod: String, Sendable {
    case assignment
    case networkSimplex
}

/// Limits and cancellation for exact OT.
public struct ExactTransportOptions: Sendable {
    /// Largest memory an exact solve may allocate for its n x m matrices: 8 bytes per cell for
    /// the Float64 costs, plus 4 for the assignment solver's Float32 copy when n == m with
    /// uniform weights. Default 2 GiB.
    public var memoryBudget: Int = 2 << 30
    /// Polled every block of auction bids, augmentations or pivots.
    public var shouldStop: ShouldStop = neverStop
    /// Use the assignment solver when n == m and both weight vectors are uniform.
    public var assignmentFastPath = true

    public init(memoryBudget: Int = 2 << 30, shouldStop: @escaping ShouldStop = neverStop,
                assignmentFastPath: Bool = true) {
        self.memoryBudget = memoryBudget
        self.shouldStop = shouldStop
        self.assignmentFastPath = assignmentFastPath
    }
}

/// The optimal cost, an optimal (basic, sparse) plan and optimal dual potentials.
public struct ExactTransportResult: Sendable {
    /// `sum_ij F[i, j] C[i, j]` at the optimum.
    public var cost: Double
    public var plan: TransportPlan
    /// Duals with `sourcePotential[i] + targetPotential[j] <= C[i, j]` for every pair, equality
    /// where the plan is positive, and `sum a f + sum b g == cost`.
    public var sourcePotential: [Double]
    public var targetPotential: [Double]
    public var method: ExactTransportMethod
}

/// Exact OT between the rows of `x` (n x d) and `y` (m x d) under `cost`.
///
/// Throws `TransportError` for empty sets, different dimensions, NaN/inf coordinates (naming
/// the row), bad weights, or a cost matrix over `options.memoryBudget`; `Cancelled` when
/// `options.shouldStop` asks.
public func exactTransport(
    _ x: Matrix<Double>, _ y: Matrix<Double>, cost: GroundCost = .squaredEuclidean,
    sourceWeights: [Double]? = nil, targetWeights: [Double]? = nil,
    options: ExactTransportOptions = ExactTransportOptions()
) throws -> ExactTransportResult {
    try checkPointPair(x, y)
    let a = try normalizedWeights(sourceWeights, count: x.rows, name: "source weights")
    let b = try normalizedWeights(targetWeights, count: y.rows, name: "target weights")
    let assignment = usesAssignment(a, b, options)
    try checkMemoryBudget(rows: x.rows, cols: y.rows, bytesPerCell: assignment ? 12 : 8,
                          budget: options.memoryBudget)
    let c = costMatrix(x, y, cost: cost)
    return try solveTransport(costs: c, a: a, b: b, options: options)
}

/// Exact OT for a given n x m cost matrix (finite entries) and optional weights.
public func exactTransport(
    costMatrix c: Matrix<Double>, sourceWeights: [Double]? = nil, targetWeights: [Double]? = nil,
    options: ExactTransportOptions = ExactTransportOptions()
) throws -> ExactTransportResult {
    try checkPoints(c, name: "cost matrix")
    let a = try normalizedWeights(sourceWeights, count: c.rows, name: "source weights")
    let b = try normalizedWeights(targetWeights, count: c.cols, name: "target weights")
    return try solveTransport(costs: c, a: a, b: b, options: options)
}

/// W1: exact earth mover's distance with Euclidean cost, uniform weights.
public func wasserstein1(_ x: Matrix<Double>, _ y: Matrix<Double>,
                         options: ExactTransportOptions = ExactTransportOptions()) throws -> Double {
    try exactTransport(x, y, cost: .euclidean, options: options).cost
}

/// W2 squared: exact OT cost with squared Euclidean cost, uniform weights.
public func wasserstein2Squared(_ x: Matrix<Double>, _ y: Matrix<Double>,
                                options: ExactTransportOptions = ExactTransportOptions()) throws -> Double {
    try exactTransport(x, y, cost: .squaredEuclidean, options: options).cost
}

/// W2: the square root of `wasserstein2Squared`.
public func wasserstein2(_ x: Matrix<Double>, _ y: Matrix<Double>,
                         options: ExactTransportOptions = ExactTransportOptions()) throws -> Double {
    max(0, try wasserstein2Squared(x, y, options: options)).squareRoot()
}

/// Refuses problems whose dense matrices would not fit the budget.
func checkMemoryBudget(rows: Int, cols: Int, bytesPerCell: Int, budget: Int) throws {
    let (cells, overflow) = rows.multipliedReportingOverflow(by: cols)
    let bytes = overflow || cells > Int.max / bytesPerCell ? Int.max : cells * bytesPerCell
    if bytes > budget {
        throw TransportError.costMatrixTooLarge(rows: rows, cols: cols,
                                                bytes: bytes, budget: budget)
    }
}
