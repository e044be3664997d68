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
    /// The last auction phase runs at `costRange * finalEpsilonRatio`.
    var finalEpsilonRatio = 1e-5
    /// The first auction phase runs at `costRange / startDivisor`.
    var startDivisor = 16.0
    /// Work counters of the last solve (bids in the auction, rows scanned in augmentations).
    private(set) var bidCount = 0, scannedRowCount = 0

    init(capacity: Int) {
        precondition(capacity >= 0, "assignment capacity must be >= 0, got \(capacity)")
        self.capacity = capacity
        let size = max(capacity, 1)
        price = .allocate(capacity: size)
        distance = .allocate(capacity: size)
        owner = .allocate(capacity: size)
        rowToColumn = .allocate(capacity: size)
        freeRows = .allocate(capacity: size)
        predecessor = .allocate(capacity: size)
        order = .allocate(capacity: size)
    }

    deinit {
        price.deallocate(); distance.deallocate(); owner.deallocate(); rowToColumn.deallocate()
        freeRows.deallocate(); predecessor.deallocate(); order.deallocate()
    }

    /// Solves the n x n problem in `cost` (row-major, finite). Afterwards `rowToColumn[0..<n]`
    /// holds the optimal permutation and `price[0..<n]` the column prices. Returns the cost.
    func solve(cost: UnsafePointer<Double>, n: Int, shouldStop: ShouldStop) throws -> Double {
        precondition(n <= capacity, "assignment of size \(n) exceeds workspace capacity \(capacity)")
        guard n > 0 else { return 0 }
        for j in 0..<n { price[j] = 0 }
        bidCount = 0; scannedRowCount = 0
        let (low, high) = valueRange(cost, count: n * n)
        let range = high - low
        if n > 1 && range > 0 {
            var epsilon = range / startDivisor
            let finalEpsilon = range * finalEpsilonRatio
            while true {
                try auctionPhase(cost: cost, n: n, epsilon: epsilon, shouldStop: shouldStop)
                if epsilon <= finalEpsilon { break }
                epsilon = max(epsilon / epsilonFactor, finalEpsilon)
            }
        }
        try assignFromPrices(cost: cost, n: n, shouldStop: shouldStop)
        var total = 0.0
        for i in 0..<n { total += cost[i * n + rowToColumn[i]] }
        return total
    }

    /// One Gauss-Seidel auction pass at a fixed epsilon, from an empty assignment until every
    /// row holds a column. On exit, `C[i, sigma(i)] + p[sigma(i)] <= min_j (C[i, j] + p[j]) + eps`.
    private func auctionPhase(cost: UnsafePointer<Double>, n: Int, epsilon: Double,
                              shouldStop: ShouldStop) throws {
        if shouldStop() { throw Cancelled("assignment auction, \(n) points") }
        for j in 0..<n { owner[j] = -1 }
        for i in 0..<n { freeRows[i] = n - 1 - i; rowToColumn[i] = -1 }
        var top = n
        var bids = 0
        while top > 0 {
            top -= 1
            let i = freeRows[top]
            let (bestColumn, best, second) = twoSmallest(row: cost + i * n, n: n)
            price[bestColumn] += (second - best) + epsilon
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

    /// Column minimising `row[j] + p[j]`, that minimum and the second smallest value (n >= 2).
    /// Four independent branch-free lanes keep the best two values (no mispredicted branches,
    /// no serial dependency), then a second pass finds the first column holding the minimum.
    @inline(__always)
    private func twoSmallest(row: UnsafePointer<Double>, n: Int) -> (Int, Double, Double) {
        var b0 = Double.infinity, b1 = b0, b2 = b0, b3 = b0
        var s0 = Double.infinity, s1 = s0, s2 = s0, s3 = s0
        var j = 0
        while j + 4 <= n {
            let v0 = row[j] + price[j], v1 = row[j + 1] + price[j + 1]
            let v2 = row[j + 2] + price[j + 2], v3 = row[j + 3] + price[j + 3]
            s0 = min(s0, max(b0, v0)); b0 = min(b0, v0)
            s1 = min(s1, max(b1, v1)); b1 = min(b1, v1)
            s2 = min(s2, max(b2, v2)); b2 = min(b2, v2)
            s3 = min(s3, max(b3, v3)); b3 = min(b3, v3)
            j += 4
        }
        while j < n {
            let v = row[j] + price[j]
            s0 = min(s0, max(b0, v)); b0 = min(b0, v)
            j += 1
        }
        // Merge lanes: the overall second is the smallest of the seconds and the losing bests.
        let best = min(min(b0, b1), min(b2, b3))
        var second = min(min(s0, s1), min(s2, s3))
        var winners = 0
        winners += b0 == best ? 1 : 0; winners += b1 == best ? 1 : 0
        winners += b2 == best ? 1 : 0; winners += b3 == best ? 1 : 0
        second = min(second, b0 == best ? .infinity : b0)
        second = min(second, b1 == best ? .infinity : b1)
        second = min(second, b2 == best ? .infinity : b2)
        second = min(second, b3 == best ? .infinity : b3)
        if winners > 1 { second = best }
        var bestColumn = 0
        while row[bestColumn] + price[bestColumn] != best { bestColumn += 1 }
        return (bestColumn, best, second)
    }

    /// Stage 2: assigns each row to a minimising column where that column is free, then runs a
    /// shortest augmenting path for every row left over.
    private func assignFromPrices(cost: UnsafePointer<Double>, n: Int, shouldStop: ShouldStop) throws {
        for j in 0..<n { owner[j] = -1 }
        var freeCount = 0
        for i in 0..<n {
            let row = cost + i * n
            var best = Double.infinity, bestColumn = 0
            for j in 0..<n {
                let value = row[j] + price[j]
                if value < best { best = value; bestColumn = j }
            }
            if owner[bestColumn] < 0 {
                owner[bestColumn] = i
                rowToColumn[i] = bestColumn
            } else {
                rowToColumn[i] = -1
                freeRows[freeCount] = i
                freeCount += 1
            }
        }
        for k in 0..<freeCount {
            if k & 0x3F == 0x3F, shouldStop() {
                throw Cancelled("assignment augmentation, \(k) of \(freeCount) rows")
            }
            augment(from: freeRows[k], cost: cost, n: n)
        }
    }

    /// Dijkstra on reduced costs from free row `start` to the nearest free column, then flips the
    /// alternating path and raises the prices of the columns settled before the last distance
    /// level, so that every assigned column remains a minimiser of its row's `C + p`.
    private func augment(from start: Int, cost: UnsafePointer<Double>, n: Int) {
        let startRow = cost + start * n
        for j in 0..<n {
            distance[j] = startRow[j] + price[j]
            predecessor[j] = start
            order[j] = j
        }
        var scanned = 0, ready = 0, settledBefore = 0
        var level = 0.0
        var endColumn = -1
        search: while true {
            if ready == scanned {
                settledBefore = scanned
                (level, ready) = collectMinimumLevel(from: scanned, n: n)
                for k in scanned..<ready where owner[order[k]] < 0 {
                    endColumn = order[k]
                    break search
                }
            }
            let column = order[scanned]
            scanned += 1
            scannedRowCount += 1
            let row = owner[column]
            let rowCost = cost + row * n
            let offset = rowCost[column] + price[column] - level
            var k = ready
            while k < n {
                let j = order[k]
                let reduced = rowCost[j] + price[j] - offset
                if reduced < distance[j] {
                    distance[j] = reduced
                    predecessor[j] = row
                    if reduced == level {
                        if owner[j] < 0 { endColumn = j; break search }
                        order[k] = order[ready]; order[ready] = j; ready += 1
                    }
                }
                k += 1
            }
        }
        for k in 0..<settledBefore {
            let j = order[k]
            price[j] += level - distance[j]
        }
        var column = endColumn
        while true {
            let row = predecessor[column]
            owner[column] = row
            let previous = rowToColumn[row]
            rowToColumn[row] = column
            if row == start { break }
            column = previous
        }
    }

    /// Moves every unscanned column at the smallest distance to the front of the unscanned part
    /// of `order`; returns that distance and the end of the moved block.
    @inline(__always)
    private func collectMinimumLevel(from start: Int, n: Int) -> (Double, Int) {
        var level = distance[order[start]]
        var ready = start + 1
        var k = ready
        while k < n {
            let j = order[k]
            let d = distance[j]
            if d <= level {
                if d < level { ready = start; level = d }
                order[k] = order[ready]; order[ready] = j; ready += 1
            }
            k += 1
        }
        return (level, ready)
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
