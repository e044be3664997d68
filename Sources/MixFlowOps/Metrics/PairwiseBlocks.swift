import CBLAS
import Foundation

/// Streams the squared distances between two point sets (or a set and itself) through a
/// reducer, block of rows by block of rows, so memory stays at about `blockBudget` values
/// however many points there are. Distances come from one GEMM per block
/// (`|x|^2 + |y|^2 - 2 x.y`, clamped at 0), or from direct differences in low dimensions.
/// Each block's rows are reduced on two threads (the GEMM itself uses OpenBLAS's threads).
///
/// For a set against itself only the upper triangle is reduced: row i sees the segment
/// `j >= i`, whose first entry (the zero diagonal) it must treat separately; sums over all
/// pairs are then `diagonal + 2 * upper`.
protocol PairwiseReducer: Sendable {
    /// Adds the contribution of `count` squared distances, each counted `weight` times.
    mutating func add(_ squaredDistances: UnsafePointer<Double>, count: Int, weight: Double)
    /// Adds the pair of a point with itself (a set against itself only).
    mutating func addDiagonal(_ squaredDistance: Double)
    /// Adds another partial reduction (from another thread).
    mutating func merge(_ other: Self)
}

/// Values per distance block (8 MB of Float64).
let pairwiseBlockBudget = 1 << 20

/// Reduces every pair (i, j) of `x` (n x d) and `y` (m x d) with weight 1.
func reduceCrossPairs<R: PairwiseReducer>(_ x: Matrix<Double>, _ y: Matrix<Double>, empty: R,
                                          shouldStop: ShouldStop) throws -> R {
    try reducePairs(x, y, selfPairs: false, empty: empty, shouldStop: shouldStop)
}

/// Reduces the pairs i < j of `x` with weight 2 and the diagonal i == j with weight 1, i.e.
/// the sum over all ordered pairs.
func reduceSelfPairs<R: PairwiseReducer>(_ x: Matrix<Double>, empty: R, shouldStop: ShouldStop) throws -> R {
    try reducePairs(x, x, selfPairs: true, empty: empty, shouldStop: shouldStop)
}

/// Polls `shouldStop` before each block and throws `Cancelled` when asked to stop.
private func reducePairs<R: PairwiseReducer>(_ x: Matrix<Double>, _ y: Matrix<Double>, selfPairs: Bool,
                                             empty: R, shouldStop: ShouldStop) throws -> R {
    let n = x.rows, m = y.rows
    let blockRows = max(8, min(n, pairwiseBlockBudget / max(m, 1)))
    let block = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * m)
    defer { block.deallocate() }
    let xNorms = rowSquaredNorms(x), yNorms = rowSquaredNorms(y)
    var total = empty
    var start = 0
    while start < n {
        if shouldStop() { throw Cancelled("pairwise distances, row \(start) of \(n)") }
        let rows = min(blockRows, n - start)
        let firstColumn = selfPairs ? start : 0
        fillDistanceBlock(block, x, y, rows: start..<(start + rows), firstColumn: firstColumn,
                          xNorms: xNorms, yNorms: yNorms)
        total.merge(reduceBlock(block, rows: rows, width: m - firstColumn,
                                diagonalOffset: selfPairs ? 0 : nil, empty: empty))
        start += rows
    }
    return total
}

/// Reduces a block of `rows` x `width` distances on up to two threads (rows split in halves).
/// With a diagonal offset, row r's own pair sits at column r + offset and only the columns
/// from there on are used.
private func reduceBlock<R: PairwiseReducer>(_ block: UnsafeMutablePointer<Double>, rows: Int, width: Int,
                                             diagonalOffset: Int?, empty: R) -> R {
    let chunks = rows * width >= 100_000 ? 2 : 1
    let partial = UnsafeMutablePointer<R>.allocate(capacity: chunks)
    defer { partial.deinitialize(count: chunks); partial.deallocate() }
    nonisolated(unsafe) let base = block, out = partial
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        var reducer = empty
        for r in (rows * chunk / chunks)..<(rows * (chunk + 1) / chunks) {
            let row = base + r * width
            if let offset = diagonalOffset {
                let diagonal = r + offset
                reducer.addDiagonal(row[diagonal])
                reducer.add(row + diagonal + 1, count: width - diagonal - 1, weight: 2)
            } else {
                reducer.add(row, count: width, weight: 1)
            }
        }
        (out + chunk).initialize(to: reducer)
    }
    var merged = empty
    for chunk in 0..<chunks { merged.merge(partial[chunk]) }
    return merged
}

/// `block[r * width + k] = |x_(rows.lowerBound + r) - y_(firstColumn + k)|^2`, width = m - firstColumn.
private func fillDistanceBlock(_ block: UnsafeMutablePointer<Double>, _ x: Matrix<Double>, _ y: Matrix<Double>,
                               rows: Range<Int>, firstColumn: Int, xNorms: [Double], yNorms: [Double]) {
    let d = x.cols, width = y.rows - firstColumn
    x.storage.withUnsafeBufferPointer { px in
        y.storage.withUnsafeBufferPointer { py in
            let xs = px.baseAddress! + rows.lowerBound * d, ys = py.baseAddress! + firstColumn * d
            if d <= directDistanceMaxDimension {
                directDistances(block, xs, ys, rows: rows.count, width: width, d: d)
                return
            }
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows.count), Int32(width), Int32(d),
                        -2, xs, Int32(d), ys, Int32(d), 0, block, Int32(width))
            for r in 0..<rows.count {
                let xi = xNorms[rows.lowerBound + r]
                let row = block + r * width
                yNorms.withUnsafeBufferPointer { yn in
                    let norms = yn.baseAddress! + firstColumn
                    for k in 0..<width { row[k] = max(0, row[k] + xi + norms[k]) }
                }
            }
        }
    }
}

/// Direct `sum_c (x_ic - y_kc)^2` for low dimensions (no cancellation).
private func directDistances(_ block: UnsafeMutablePointer<Double>, _ xs: UnsafePointer<Double>,
                             _ ys: UnsafePointer<Double>, rows: Int, width: Int, d: Int) {
    let transposed = UnsafeMutablePointer<Double>.allocate(capacity: width * d)
    defer { transposed.deallocate() }
    for k in 0..<width { for c in 0..<d { transposed[c * width + k] = ys[k * d + c] } }
    for r in 0..<rows {
        let row = block + r * width
        for k in 0..<width { row[k] = 0 }
        for c in 0..<d {
            let xi = xs[r * d + c]
            let column = transposed + c * width
            for k in 0..<width { let t = xi - column[k]; row[k] = t * t + row[k] }
        }
    }
}
