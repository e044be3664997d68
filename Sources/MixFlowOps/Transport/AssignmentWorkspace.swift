/// Exact dense linear assignment: for an n x n cost matrix C (row-major), find the permutation
/// sigma minimising `sum_i C[i, sigma(i)]`.
///
/// Two stages, both on preallocated buffers so a reused workspace allocates nothing:
/// 1. Auction with epsilon scaling (Bertsekas): rows bid for the column minimising
///    `C[i, j] + p[j]`, raising its price by the gap to their second choice plus epsilon.
///    Epsilon shrinks geometrically. This stage only serves to find near-optimal column
///    prices `p` quickly; its assignment is discarded.
/// 2. Shortest augmenting paths (Jonker-Volgenant) from those prices: every row is assigned to a
///    column minimising `C[i, j] + p[j]`, conflicts are resolved by Dijkstra searches on the
///    reduced costs, and prices are updated so that each assigned column stays a row minimum.
///    This stage is exact: on return, with `u[i] = C[i, sigma(i)] + p[sigma(i)]` and
///    `v[j] = -p[j]`, every `C[i, j] - u[i] - v[j] >= 0` (up to rounding) with equality on
///    the assignment, which certifies optimality.
final class AssignmentWorkspace {
    let capacity: Int
    /// Column prices `p` (the negated column duals).
    let price: UnsafeMutablePointer<Double>
    /// The auction works on a Float32 copy of the costs (scaled to [0, 1]) with Float32
    /// prices: half the memory traffic and twice the SIMD lanes of Float64. Its epsilon never
    /// goes below 1e-5 of the cost range, far above Float32 resolution, and only its prices are
    /// kept, as the starting point of the exact Float64 stage.
    let auctionCosts: UnsafeMutablePointer<Float>
    let auctionPrice: UnsafeMutablePointer<Float>
    /// Dijkstra distances per column.
    let distance: UnsafeMutablePointer<Double>
    /// Row owning each column, or -1.
    let owner: UnsafeMutablePointer<Int>
    /// Column assigned to each row, or -1.
    let rowToColumn: UnsafeMutablePointer<Int>
    /// Stack of rows without a column.
    let freeRows: UnsafeMutablePointer<Int>
    /// Dijkstra predecessor row per column.
    let predecessor: UnsafeMutablePointer<Int>
    /// Columns partitioned into scanned | at current minimum | still to do.
    let order: UnsafeMutablePointer<Int>

    // Epsilon schedule, tuned on 2-D and 50-D Gaussian clouds of 256 to 4000 points: coarser
    // final phases leave more work to the augmentations, finer ones cost more bids.
    /// How much each auction phase shrinks epsilon.
    var epsilonFactor = 6.0
    /// The last auction phase runs at `costRange * finalEpsilonRatio`. (1e-6 suits 2-D clouds
    /// from 256 to 4000 points best; 50-D ones would prefer 1e-5 but are fast either way.)
    var finalEpsilonRatio = 1e-6
    /// The first auction phase runs at `costRange / startDivisor`.
    var startDivisor = 16.0
    /// Work counters of the last solve (bids in the auction, rows scanned in augmentations).
    var bidCount = 0, scannedRowCount = 0

    init(capacity: Int) {
        precondition(capacity >= 0, "assignment capacity must be >= 0, got \(capacity)")
        self.capacity = capacity
        let size = max(capacity, 1)
        price = .allocate(capacity: size)
        auctionCosts = .allocate(capacity: size * size)
        auctionPrice = .allocate(capacity: size)
        distance = .allocate(capacity: size)
        owner = .allocate(capacity: size)
        rowToColumn = .allocate(capacity: size)
        freeRows = .allocate(capacity: size)
        predecessor = .allocate(capacity: size)
        order = .allocate(capacity: size)
    }

    deinit {
        price.deallocate(); auctionCosts.deallocate(); auctionPrice.deallocate()
        distance.deallocate(); owner.deallocate(); rowToColumn.deallocate()
        freeRows.deallocate(); predecessor.deallocate(); order.deallocate()
    }

    /// Solves the n x n problem in `cost` (row-major, finite). Afterwards `rowToColumn[0..<n]`
    /// holds the optimal permutation and `price[0..<n]` the column prices. Returns the cost.
    func solve(cost: UnsafePointer<Double>, n: Int, shouldStop: ShouldStop) throws -> Double {
        precondition(n <= capacity, "assignment of size \(n) exceeds workspace capacity \(capacity)")
        guard n > 0 else { return 0 }
        bidCount = 0; scannedRowCount = 0
        for j in 0..<n { auctionPrice[j] = 0 }
        let (low, high) = valueRange(cost, count: n * n)
        let range = high - low
        if n > 1 && range > 0 && range.isFinite {
            // Costs scaled to [0, 1] so Float32 suits any magnitude; prices scale back below.
            let inverseRange = 1 / range
            for k in 0..<(n * n) { auctionCosts[k] = Float((cost[k] - low) * inverseRange) }
            var epsilon = 1 / startDivisor
            let finalEpsilon = finalEpsilonRatio
            while true {
                try auctionPhase(n: n, epsilon: Float(epsilon), shouldStop: shouldStop)
                if epsilon <= finalEpsilon { break }
                epsilon = max(epsilon / epsilonFactor, finalEpsilon)
            }
        }
        for j in 0..<n { price[j] = Double(auctionPrice[j]) * (range.isFinite ? range : 0) }
        try assignFromPrices(cost: cost, n: n, shouldStop: shouldStop)
        var total = 0.0
        for i in 0..<n { total += cost[i * n + rowToColumn[i]] }
        return total
    }

    /// One Gauss-Seidel auction pass at a fixed epsilon, from an empty assignment until every
    /// row holds a column. On exit, `C[i, sigma(i)] + p[sigma(i)] <= min_j (C[i, j] + p[j]) + eps`.
    private func auctionPhase(n: Int, epsilon: Float, shouldStop: ShouldStop) throws {
        if shouldStop() { throw Cancelled("assignment auction, \(n) points") }
        for j in 0..<n { owner[j] = -1 }
        for i in 0..<n { freeRows[i] = n - 1 - i; rowToColumn[i] = -1 }
        var top = n
        var bids = 0
        while top > 0 {
            top -= 1
            let i = freeRows[top]
            let (bestColumn, best, second) = twoSmallest(row: auctionCosts + i * n, price: auctionPrice, n: n)
            auctionPrice[bestColumn] += (second - best) + epsilon
            let previous = owner[bestColumn]
            owner[bestColumn] = i
            rowToColumn[i] = bestColumn
            if previous >= 0 {
                rowToColumn[previous] = -1
                freeRows[top] = previous
                top += 1
            }
            bids += 1
            bidCount += 1
            if bids & 0x3FFF == 0, shouldStop() { throw Cancelled("assignment auction, \(n) points") }
        }
    }
}

/// Smallest and largest of `count` values.
func valueRange(_ values: UnsafePointer<Double>, count: Int) -> (Double, Double) {
    var low = Double.infinity, high = -Double.infinity
    for k in 0..<count {
        low = min(low, values[k])
        high = max(high, values[k])
    }
    return (low, high)
}
