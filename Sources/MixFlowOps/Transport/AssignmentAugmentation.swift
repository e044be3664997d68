/// Stage 2 of `AssignmentWorkspace`: exact shortest augmenting paths from the auction's prices.
extension AssignmentWorkspace {
    /// Stage 2: assigns each row to a minimising column where that column is free, then runs a
    /// shortest augmenting path for every row left over.
    func assignFromPrices(cost: UnsafePointer<Double>, n: Int, shouldStop: ShouldStop) throws {
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
        let (endColumn, level, settledBefore) = shortestPathToFreeColumn(cost: cost, n: n)
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

    /// Dijkstra over columns (distances preset from the start row). Scanning a column moves to
    /// the row that owns it; stops at the first free column at the current minimum distance.
    /// Returns that column, its distance, and how many columns were settled before its level.
    private func shortestPathToFreeColumn(cost: UnsafePointer<Double>, n: Int) -> (Int, Double, Int) {
        var scanned = 0, ready = 0, settledBefore = 0
        var level = 0.0
        while true {
            if ready == scanned {
                settledBefore = scanned
                (level, ready) = collectMinimumLevel(from: scanned, n: n)
                for k in scanned..<ready where owner[order[k]] < 0 { return (order[k], level, settledBefore) }
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
                        if owner[j] < 0 { return (j, level, settledBefore) }
                        order[k] = order[ready]; order[ready] = j; ready += 1
                    }
                }
                k += 1
            }
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
