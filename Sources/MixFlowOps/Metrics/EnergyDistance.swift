/// Energy distance (design section 5, `energy`), the V-statistic
///
///     E(X, Y) = 2 mean_ij |x_i - y_j| - mean_ij |x_i - x_j| - mean_ij |y_i - y_j|
///
/// over all ordered pairs (i == j included, contributing 0). Distances stream through
/// `PairwiseBlocks`, so memory stays bounded for large n. `shouldStop` is polled per block.
public func energyDistance(_ x: Matrix<Double>, _ y: Matrix<Double>,
                           shouldStop: ShouldStop = neverStop) throws -> Double {
    try checkPointPair(x, y)
    let n = Double(x.rows), m = Double(y.rows)
    let xy = try reduceCrossPairs(x, y, empty: DistanceSum(), shouldStop: shouldStop).total
    let xx = try reduceSelfPairs(x, empty: DistanceSum(), shouldStop: shouldStop).total
    let yy = try reduceSelfPairs(y, empty: DistanceSum(), shouldStop: shouldStop).total
    return 2 * xy / (n * m) - xx / (n * n) - yy / (m * m)
}

/// Sum of Euclidean distances (square roots of the squared distances fed in).
struct DistanceSum: PairwiseReducer {
    var total = 0.0

    mutating func add(_ d: UnsafePointer<Double>, count: Int, weight: Double) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 256) { buffer in
            let roots = buffer.baseAddress!
            var start = 0
            while start < count {
                let length = min(256, count - start)
                for j in 0..<length { roots[j] = d[start + j].squareRoot() }
                total += weight * partialSums(roots, count: length)
                start += length
            }
        }
    }

    /// A point's distance to itself is zero.
    mutating func addDiagonal(_ squaredDistance: Double) {}

    mutating func merge(_ other: DistanceSum) { total += other.total }
}
