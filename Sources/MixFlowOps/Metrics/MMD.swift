/// Maximum mean discrepancy with a mixture of RBF kernels (design section 5, `mmd`):
///
///     k(x, y) = (1/G) sum_g exp(-g |x - y|^2),   g in gammas (default 2, 1, 0.5, 0.1, 0.01, 0.005)
///     MMD^2_biased   = mean_ij k(x_i, x_j) + mean_ij k(y_i, y_j) - 2 mean_ij k(x_i, y_j)
///     MMD^2_unbiased = same with the i == j terms left out of the first two means
///
/// The biased V-statistic is the default and matches the reference values (numpy). Pairwise
/// distances stream through `PairwiseBlocks` (bounded memory, self terms over one triangle).
/// Kernel values cost one exponential per pair: a gamma that is an integer multiple r of a
/// smaller one is taken as that kernel to the power r (2, 1, 0.5 from 0.1 and 0.01 from
/// 0.005 in the default set), which changes results only at the 1e-14 level.

/// Which estimator of MMD^2.
public enum MMDEstimator: String, Sendable {
    /// V-statistic: all pairs, including i == j (never negative).
    case biased
    /// U-statistic: i != j within each set (unbiased, can be slightly negative).
    case unbiased
}

public struct MMDOptions: Sendable {
    public static let defaultGammas: [Double] = [2, 1, 0.5, 0.1, 0.01, 0.005]
    /// Inverse squared bandwidths; the kernel is the mean of their RBF kernels.
    public var gammas: [Double] = MMDOptions.defaultGammas
    public var estimator: MMDEstimator = .biased
    /// Polled before each block of rows; a stop throws `Cancelled`.
    public var shouldStop: ShouldStop = neverStop

    public init(gammas: [Double] = MMDOptions.defaultGammas, estimator: MMDEstimator = .biased,
                shouldStop: @escaping ShouldStop = neverStop) {
        self.gammas = gammas
        self.estimator = estimator
        self.shouldStop = shouldStop
    }
}

/// MMD^2 between the rows of `x` (n x d) and `y` (m x d).
///
/// Throws `TransportError` for empty or non-finite inputs, differing dimensions, empty or
/// non-positive gammas, and the unbiased estimator with fewer than two points on a side.
public func mmd(_ x: Matrix<Double>, _ y: Matrix<Double>, options: MMDOptions = MMDOptions()) throws -> Double {
    try checkPointPair(x, y)
    guard !options.gammas.isEmpty, options.gammas.allSatisfy({ $0 > 0 && $0.isFinite }) else {
        throw TransportError.invalidOption(name: "gammas", reason: "need one or more positive values, got \(options.gammas)")
    }
    let plan = KernelPowerPlan(gammas: options.gammas)
    let n = Double(x.rows), m = Double(y.rows)
    let empty = KernelSums(plan: plan)
    let stop = options.shouldStop
    let xx = try reduceSelfPairs(x, empty: empty, shouldStop: stop)
    let yy = try reduceSelfPairs(y, empty: empty, shouldStop: stop)
    let xy = try reduceCrossPairs(x, y, empty: empty, shouldStop: stop)
    var total = 0.0
    for g in 0..<plan.count {
        switch options.estimator {
        case .biased:
            total += xx.sums[g] / (n * n) + yy.sums[g] / (m * m) - 2 * xy.sums[g] / (n * m)
        case .unbiased:
            guard x.rows > 1, y.rows > 1 else {
                throw TransportError.invalidOption(name: "estimator",
                                                   reason: "the unbiased MMD needs at least 2 points in each set")
            }
            total += (xx.sums[g] - xx.diagonalSums[g]) / (n * (n - 1))
                + (yy.sums[g] - yy.diagonalSums[g]) / (m * (m - 1)) - 2 * xy.sums[g] / (n * m)
        }
    }
    return total / Double(plan.count)
}

