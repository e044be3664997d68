import CBLAS

/// General matrix multiply through OpenBLAS:
/// `c = alpha * op(a) * op(b) + beta * c`, where `op(x)` is `x` or its transpose.
///
/// Shapes: `op(a)` is m x k, `op(b)` is k x n, `c` must already be m x n.
public func gemm<T: KernelScalar>(
    _ a: Matrix<T>, transposeA: Bool = false, _ b: Matrix<T>, transposeB: Bool = false,
    alpha: T = 1, beta: T = 0, into c: inout Matrix<T>
) {
    let (m, k) = transposeA ? (a.cols, a.rows) : (a.rows, a.cols)
    let (kb, n) = transposeB ? (b.cols, b.rows) : (b.rows, b.cols)
    precondition(k == kb, "gemm: inner sizes differ: op(a) is \(m)x\(k), op(b) is \(kb)x\(n)")
    precondition(c.rows == m && c.cols == n, "gemm: result is \(c.shapeDescription), expected \(m)x\(n)")
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
        // An empty inner dimension contributes nothing: c = beta * c.
        for i in c.storage.indices { c.storage[i] = beta == 0 ? 0 : beta * c.storage[i] }
        return
    }
    a.storage.withUnsafeBufferPointer { pa in
        b.storage.withUnsafeBufferPointer { pb in
            c.storage.withUnsafeMutableBufferPointer { pc in
                T.gemmRaw(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                          a: pa.baseAddress!, lda: a.cols, b: pb.baseAddress!, ldb: b.cols,
                          beta: beta, c: pc.baseAddress!, ldc: n)
            }
        }
    }
}

/// `op(a) * op(b)` as a new matrix.
public func matmul<T: KernelScalar>(_ a: Matrix<T>, transposeA: Bool = false,
                                  _ b: Matrix<T>, transposeB: Bool = false) -> Matrix<T> {
    var c = Matrix<T>(rows: transposeA ? a.cols : a.rows, cols: transposeB ? b.rows : b.cols)
    gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
    return c
}

/// How many threads OpenBLAS may use. Code that splits a batch across its own threads sets this
/// to 1 so the two levels of parallelism do not oversubscribe the cores.
public enum BLASThreads {
    public static func set(_ count: Int) { openblas_set_num_threads(Int32(count)) }
    public static var current: Int { Int(openblas_get_num_threads()) }
}
