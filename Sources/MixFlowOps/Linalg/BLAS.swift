import CBLAS

/// General matrix multiply through OpenBLAS:
/// `c = alpha * op(a) * op(b) + beta * c`, where `op(x)` is `x` or its transpose.
///
/// Shapes: `op(a)` is m x k, `op(b)` is k x n, `c` must already be m x n.
public func gemm(
    _ a: Matrix<Float>, transposeA: Bool = false, _ b: Matrix<Float>, transposeB: Bool = false,
    alpha: Float = 1, beta: Float = 0, into c: inout Matrix<Float>
) {
    let (m, k) = transposeA ? (a.cols, a.rows) : (a.rows, a.cols)
    let (kb, n) = transposeB ? (b.cols, b.rows) : (b.rows, b.cols)
    precondition(k == kb, "gemm: inner sizes differ: op(a) is \(m)x\(k), op(b) is \(kb)x\(n)")
    precondition(c.rows == m && c.cols == n, "gemm: result is \(c.shapeDescription), expected \(m)x\(n)")
    guard m > 0, n > 0 else { return }
    a.storage.withUnsafeBufferPointer { pa in
        b.storage.withUnsafeBufferPointer { pb in
            c.storage.withUnsafeMutableBufferPointer { pc in
                cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                            transposeB ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(n), Int32(k), alpha,
                            pa.baseAddress, Int32(max(1, a.cols)), pb.baseAddress, Int32(max(1, b.cols)),
                            beta, pc.baseAddress, Int32(max(1, n)))
            }
        }
    }
}

/// Double-precision `gemm`; same conventions as the Float version.
public func gemm(
    _ a: Matrix<Double>, transposeA: Bool = false, _ b: Matrix<Double>, transposeB: Bool = false,
    alpha: Double = 1, beta: Double = 0, into c: inout Matrix<Double>
) {
    let (m, k) = transposeA ? (a.cols, a.rows) : (a.rows, a.cols)
    let (kb, n) = transposeB ? (b.cols, b.rows) : (b.rows, b.cols)
    precondition(k == kb, "gemm: inner sizes differ: op(a) is \(m)x\(k), op(b) is \(kb)x\(n)")
    precondition(c.rows == m && c.cols == n, "gemm: result is \(c.shapeDescription), expected \(m)x\(n)")
    guard m > 0, n > 0 else { return }
    a.storage.withUnsafeBufferPointer { pa in
        b.storage.withUnsafeBufferPointer { pb in
            c.storage.withUnsafeMutableBufferPointer { pc in
                cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                            transposeB ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(n), Int32(k), alpha,
                            pa.baseAddress, Int32(max(1, a.cols)), pb.baseAddress, Int32(max(1, b.cols)),
                            beta, pc.baseAddress, Int32(max(1, n)))
            }
        }
    }
}

/// `op(a) * op(b)` as a new matrix.
public func matmul<T: MatrixScalar>(_ a: Matrix<T>, transposeA: Bool = false,
                                    _ b: Matrix<T>, transposeB: Bool = false) -> Matrix<T> {
    let m = transposeA ? a.cols : a.rows
    let n = transposeB ? b.rows : b.cols
    if T.self == Float.self {
        var c = Matrix<Float>(rows: m, cols: n)
        gemm(a as! Matrix<Float>, transposeA: transposeA, b as! Matrix<Float>, transposeB: transposeB, into: &c)
        return c as! Matrix<T>
    } else {
        var c = Matrix<Double>(rows: m, cols: n)
        gemm(a as! Matrix<Double>, transposeA: transposeA, b as! Matrix<Double>, transposeB: transposeB, into: &c)
        return c as! Matrix<T>
    }
}

/// How many threads OpenBLAS may use. Code that splits a batch across its own threads sets this
/// to 1 so the two levels of parallelism do not oversubscribe the cores.
public enum BLASThreads {
    public static func set(_ count: Int) { openblas_set_num_threads(Int32(count)) }
    public static var current: Int { Int(openblas_get_num_threads()) }
}
