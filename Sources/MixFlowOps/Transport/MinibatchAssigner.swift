/// Exact optimal-transport pairing for training mini-batches (design section 4, "Pairs").
///
/// Given base samples x0 and data points x1 of one condition (both n x d, Float32, n up to
/// `maxSize`), finds the permutation sigma minimising `sum_i |x0_i - x1_sigma(i)|^2`, so that
/// x0 row i is paired with x1 row `sigma(i)`. Costs are formed in Float64 from the Float32
/// inputs and the assignment is exact (auction prices + Jonker-Volgenant augmentation).
///
/// Every buffer is allocated once for `maxSize` (and grown when a larger dimension arrives),
/// so repeated calls in a training loop allocate nothing. Not thread-safe: use one assigner
/// per thread.
public final class MinibatchAssigner {
    public let maxSize: Int
    private let workspace: AssignmentWorkspace
    private let costs: UnsafeMutablePointer<Double>
    /// x1 transposed to d x n in Float64, so the cost loop runs over x1's points with unit stride.
    private var transposedTargets: UnsafeMutablePointer<Double>
    private var dimensionCapacity: Int
    /// `sum_i |x0_i - x1_sigma(i)|^2 / n` of the last call.
    public private(set) var lastMeanCost: Double = 0

    public init(maxSize: Int, dimension: Int = 2) {
        precondition(maxSize > 0 && dimension > 0, "MinibatchAssigner needs maxSize and dimension > 0")
        self.maxSize = maxSize
        workspace = AssignmentWorkspace(capacity: maxSize)
        costs = .allocate(capacity: maxSize * maxSize)
        dimensionCapacity = dimension
        transposedTargets = .allocate(capacity: maxSize * dimension)
    }

    deinit {
        costs.deallocate()
        transposedTargets.deallocate()
    }

    /// Writes the optimal pairing of the rows of `x0` and `x1` (equal shapes) into
    /// `permutation` (resized to n only when its length differs).
    public func assign(_ x0: Matrix<Float>, _ x1: Matrix<Float>, into permutation: inout [Int]) throws {
        guard x0.rows == x1.rows, x0.cols == x1.cols else {
            throw TransportError.sizeMismatch(what: "mini-batch assignment", expected: "x0 and x1 of equal shape",
                                              got: "\(x0.shapeDescription) and \(x1.shapeDescription)")
        }
        if permutation.count != x0.rows { permutation = [Int](repeating: 0, count: x0.rows) }
        try x0.storage.withUnsafeBufferPointer { p0 in
            try x1.storage.withUnsafeBufferPointer { p1 in
                try permutation.withUnsafeMutableBufferPointer { out in
                    try assign(x0: p0.baseAddress!, x1: p1.baseAddress!, count: x0.rows,
                               dimension: x0.cols, into: out.baseAddress!)
                }
            }
        }
    }

    /// Raw-buffer form for callers holding a condition's rows inside a larger batch: `x0` and
    /// `x1` point to `count` rows of `dimension` Float32 values each (row-major).
    public func assign(x0: UnsafePointer<Float>, x1: UnsafePointer<Float>, count n: Int, dimension d: Int,
                       into permutation: UnsafeMutablePointer<Int>, shouldStop: ShouldStop = neverStop) throws {
        guard n <= maxSize else {
            throw TransportError.sizeMismatch(what: "mini-batch assignment", expected: "at most \(maxSize) points",
                                              got: "\(n)")
        }
        guard n > 0 else { lastMeanCost = 0; return }
        try checkFinite(x0, rows: n, cols: d, name: "x0")
        try checkFinite(x1, rows: n, cols: d, name: "x1")
        fillCosts(x0: x0, x1: x1, n: n, d: d)
        let total = try workspace.solve(cost: costs, n: n, shouldStop: shouldStop)
        for i in 0..<n { permutation[i] = workspace.rowToColumn[i] }
        lastMeanCost = total / Double(n)
    }

    /// `costs[i * n + j] = |x0_i - x1_j|^2` in Float64.
    private func fillCosts(x0: UnsafePointer<Float>, x1: UnsafePointer<Float>, n: Int, d: Int) {
        if d > dimensionCapacity {
            transposedTargets.deallocate()
            transposedTargets = .allocate(capacity: maxSize * d)
            dimensionCapacity = d
        }
        for j in 0..<n {
            for k in 0..<d { transposedTargets[k * n + j] = Double(x1[j * d + k]) }
        }
        for i in 0..<n {
            let row = costs + i * n
            for j in 0..<n { row[j] = 0 }
            for k in 0..<d {
                let a = Double(x0[i * d + k])
                let column = transposedTargets + k * n
                for j in 0..<n {
                    let diff = a - column[j]
                    row[j] = diff * diff + row[j]
                }
            }
        }
    }
}

/// Throws `.nonFinite` naming the first NaN or infinite value of a row-major Float buffer.
func checkFinite(_ p: UnsafePointer<Float>, rows: Int, cols: Int, name: String) throws {
    for index in 0..<(rows * cols) where !p[index].isFinite {
        throw TransportError.nonFinite(input: name, row: index / cols, column: index % cols)
    }
}
