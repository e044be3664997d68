/// Dense ground-cost matrices between two point sets, in Float64.
///
/// `C[i, j] = |x_i - y_j|^2` (squared Euclidean) or `|x_i - y_j|` (Euclidean), shape n x m.
/// Low dimensions use a direct difference loop (exact up to rounding and memory-bound anyway);
/// higher dimensions use `|x|^2 + |y|^2 - 2 x.y` with one GEMM, clamped at zero.

/// The cost between two points, as a function of their distance.
public enum GroundCost: String, Sendable, CaseIterable {
    /// `|x - y|`: the earth mover's distance, W1.
    case euclidean
    /// `|x - y|^2`: W2 squared.
    case squaredEuclidean
}

/// Dimensions up to this use the direct difference loop instead of GEMM.
let directDistanceMaxDimension = 8

/// The n x m matrix of `cost` between the rows of `x` and `y` (both validated already).
func costMatrix(_ x: Matrix<Double>, _ y: Matrix<Double>, cost: GroundCost) -> Matrix<Double> {
    var c = squaredDistanceMatrix(x, y)
    if cost == .euclidean {
        c.storage.withUnsafeMutableBufferPointer { p in
            for k in 0..<p.count { p[k] = p[k].squareRoot() }
        }
    }
    return c
}

/// `|x_i - y_j|^2` for all pairs, n x m.
func squaredDistanceMatrix(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Matrix<Double> {
    precondition(x.cols == y.cols, "squaredDistanceMatrix: \(x.shapeDescription) vs \(y.shapeDescription)")
    if x.cols <= directDistanceMaxDimension { return directSquaredDistances(x, y) }
    var c = Matrix<Double>(rows: x.rows, cols: y.rows)
    gemm(x, y, transposeB: true, alpha: -2, beta: 0, into: &c)
    let xNorms = rowSquaredNorms(x), yNorms = rowSquaredNorms(y)
    let m = y.rows
    c.storage.withUnsafeMutableBufferPointer { p in
        for i in 0..<x.rows {
            let xi = xNorms[i]
            for j in 0..<m { p[i * m + j] = max(0, p[i * m + j] + xi + yNorms[j]) }
        }
    }
    return c
}

/// `|x_i|^2` for each row.
func rowSquaredNorms(_ x: Matrix<Double>) -> [Double] {
    let d = x.cols
    return x.storage.withUnsafeBufferPointer { p in
        (0..<x.rows).map { i in
            var s = 0.0
            for k in 0..<d { s += p[i * d + k] * p[i * d + k] }
            return s
        }
    }
}

/// Column-by-column accumulation of `(x_ik - y_jk)^2`, so the inner loop runs over y's points
/// with unit stride (y is transposed once) and vectorises.
private func directSquaredDistances(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Matrix<Double> {
    let n = x.rows, m = y.rows, d = x.cols
    let yt = y.transposed()
    var c = Matrix<Double>(rows: n, cols: m)
    x.storage.withUnsafeBufferPointer { px in
        yt.storage.withUnsafeBufferPointer { py in
            c.storage.withUnsafeMutableBufferPointer { pc in
                for i in 0..<n {
                    let row = pc.baseAddress! + i * m
                    for k in 0..<d {
                        let xik = px[i * d + k]
                        let yk = py.baseAddress! + k * m
                        for j in 0..<m {
                            let diff = xik - yk[j]
                            row[j] = diff * diff + row[j]
                        }
                    }
                }
            }
        }
    }
    return c
}
