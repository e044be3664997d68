/// Primal network simplex for the transportation problem
///
///     minimise  sum_ij C[i, j] F[i, j]   subject to   sum_j F[i, j] = a[i],  sum_i F[i, j] = b[j],  F >= 0
///
/// with n sources, m sinks, `sum a == sum b`, and a dense row-major n x m cost matrix.
///
/// The graph has nodes `0..<n` (sources), `n..<n+m` (sinks) and an artificial root `n+m`; arc
/// `i*m + j` goes from source i to sink j, and every node has an artificial arc to or from the
/// root (cost `artificialCost`, which exceeds any saving a route through the root could give,
/// so artificial arcs end with zero flow). The basis is a spanning tree stored LEMON-style as
/// parent / preorder thread / subtree size / last node of subtree, so a pivot costs time in
/// the size of the moved subtree and the depth of the cycle, not in the number of arcs.
/// Entering arcs are chosen by block search over the dense rows: the most negative reduced
/// cost `C[i, j] + pi[i] - pi[n + j]` within a block of about sqrt(n m) arcs.
///
/// Only tree arcs carry flow, so flows are stored per node (the flow on the arc to its parent).
final class TransportSimplex {
    let n: Int, m: Int
    let root: Int
    let cost: UnsafePointer<Double>
    let artificialCost: Double
    /// Reduced costs above `-tolerance` count as non-negative (rounding noise on tree arcs).
    let tolerance: Double

    // Spanning tree, one entry per node.
    let parent: UnsafeMutablePointer<Int>
    let predArc: UnsafeMutablePointer<Int>
    /// True when the arc to the parent points from the node to the parent.
    let upward: UnsafeMutablePointer<Bool>
    let flow: UnsafeMutablePointer<Double>
    let potential: UnsafeMutablePointer<Double>
    let thread: UnsafeMutablePointer<Int>
    let reverseThread: UnsafeMutablePointer<Int>
    let subtreeSize: UnsafeMutablePointer<Int>
    let lastInSubtree: UnsafeMutablePointer<Int>
    /// Scratch for the stem of a pivot (path from the entering node to the leaving node).
    let stem: UnsafeMutablePointer<Int>
    let stemScratch: UnsafeMutablePointer<Int>

    let blockSize: Int
    var nextRow = 0, nextColumn = 0
    private(set) var pivots = 0

    /// `supply` (length n) and `demand` (length m) must be positive with equal sums.
    init(cost: UnsafePointer<Double>, n: Int, m: Int, supply: [Double], demand: [Double]) {
        precondition(n > 0 && m > 0 && supply.count == n && demand.count == m)
        self.n = n; self.m = m; self.cost = cost
        root = n + m
        let (low, high) = valueRange(cost, count: n * m)
        let scale = max(abs(low), abs(high), Double.leastNormalMagnitude)
        artificialCost = 3 * scale + 1e-300
        tolerance = scale * 1e-12
        let nodes = n + m + 1
        parent = .allocate(capacity: nodes); predArc = .allocate(capacity: nodes)
        upward = .allocate(capacity: nodes); flow = .allocate(capacity: nodes)
        potential = .allocate(capacity: nodes); thread = .allocate(capacity: nodes)
        reverseThread = .allocate(capacity: nodes); subtreeSize = .allocate(capacity: nodes)
        lastInSubtree = .allocate(capacity: nodes)
        stem = .allocate(capacity: nodes); stemScratch = .allocate(capacity: 4 * nodes)
        blockSize = max(Int(Double(n * m).squareRoot()), min(n * m, 16))
        buildStarTree(supply: supply, demand: demand)
    }

    deinit {
        parent.deallocate(); predArc.deallocate(); upward.deallocate(); flow.deallocate()
        potential.deallocate(); thread.deallocate(); reverseThread.deallocate()
        subtreeSize.deallocate(); lastInSubtree.deallocate(); stem.deallocate(); stemScratch.deallocate()
    }

    var arcCount: Int { n * m }

    /// Source and target of arc `e` (real arcs `< n*m`, then one artificial arc per node).
    @inline(__always)
    func endpoints(_ e: Int) -> (Int, Int) {
        if e < n * m { return (e / m, n + e % m) }
        let node = e - n * m
        return node < n ? (node, root) : (root, node)
    }

    @inline(__always)
    func arcCost(_ e: Int) -> Double { e < n * m ? cost[e] : artificialCost }

    /// Initial basis: every source sends its supply to the root, the root feeds every sink.
    private func buildStarTree(supply: [Double], demand: [Double]) {
        potential[root] = 0
        parent[root] = -1; predArc[root] = -1; upward[root] = false; flow[root] = 0
        subtreeSize[root] = n + m + 1
        lastInSubtree[root] = n + m - 1
        thread[root] = 0; reverseThread[0] = root
        for node in 0..<(n + m) {
            let isSource = node < n
            parent[node] = root
            predArc[node] = n * m + node
            upward[node] = isSource
            flow[node] = isSource ? supply[node] : demand[node - n]
            potential[node] = isSource ? -artificialCost : artificialCost
            subtreeSize[node] = 1
            lastInSubtree[node] = node
            let next = node + 1 < n + m ? node + 1 : root
            thread[node] = next
            reverseThread[next] = node
        }
    }

    /// Pivots until no arc has a negative reduced cost. Polls `shouldStop` on entry and every
    /// 1024 pivots.
    func run(shouldStop: ShouldStop) throws {
        if shouldStop() { throw Cancelled("exact OT (network simplex), \(n) x \(m) points") }
        while let entering = findEnteringArc() {
            pivot(entering: entering)
            pivots += 1
            if pivots & 0x3FF == 0, shouldStop() {
                throw Cancelled("exact OT (network simplex), \(pivots) pivots, \(n) x \(m) points")
            }
        }
    }

    /// Block search: scans rows cyclically from the last position, keeps the most negative
    /// reduced cost, and returns it at the end of the first block that has one.
    func findEnteringArc() -> Int? {
        var best = -tolerance, bestArc = -1
        var budget = blockSize
        var remaining = n * m
        var i = nextRow, j = nextColumn
        let sinkPotential = potential + n
        while remaining > 0 {
            let end = min(m, j + min(budget, remaining))
            let row = cost + i * m
            let offset = potential[i]
            for column in j..<end {
                let reduced = row[column] + offset - sinkPotential[column]
                if reduced < best { best = reduced; bestArc = i * m + column }
            }
            let scannedHere = end - j
            remaining -= scannedHere
            budget -= scannedHere
            j = end
            if j == m { j = 0; i = i + 1 == n ? 0 : i + 1 }
            if budget == 0 {
                if bestArc >= 0 { break }
                budget = blockSize
            }
        }
        nextRow = i; nextColumn = j
        return bestArc >= 0 ? bestArc : nil
    }

    /// Recomputes every potential from the tree (pi[root] = 0, zero reduced cost on tree arcs),
    /// removing drift accumulated by incremental updates.
    func recomputePotentials() {
        potential[root] = 0
        var node = thread[root]
        while node != root {
            let e = predArc[node]
            let c = arcCost(e)
            // Tree arc s -> t has c + pi[s] - pi[t] = 0.
            potential[node] = upward[node] ? potential[parent[node]] - c : potential[parent[node]] + c
            node = thread[node]
        }
    }
}
