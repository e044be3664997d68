import CBLAS

/// Failures of the LAPACK routines behind PCA.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    case lapackFailed(routine: String, info: Int32)
    case badShape(String)
    case nonFinite(String)

    public var description: String {
        switch self {
        case let .lapackFailed(routine, info):
            return "LAPACK \(routine) failed (info = \(info)); the input may hold NaN/infinity or be degenerate"
        case let .badShape(detail): return detail
        case let .nonFinite(detail): return detail
        }
    }
}

/// Eigen-decomposition of a symmetric n x n matrix (dsyevd, divide and conquer).
/// Returns eigenvalues in descending order and the matching unit eigenvectors as the rows of
/// an n x n matrix.
func symmetricEigen(_ a: Matrix<Double>) throws(LinearAlgebraError) -> (values: [Double], vectors: Matrix<Double>) {
    precondition(a.rows == a.cols, "symmetricEigen: matrix is \(a.shapeDescription)")
    var n = Int32(a.rows), lda = Int32(max(1, a.rows)), info: Int32 = 0
    var work = a.storage   // symmetric: row- and column-major agree
    var values = [Double](repeating: 0, count: a.rows)
    var lwork: Int32 = -1, liwork: Int32 = -1
    var workQuery = 0.0, iworkQuery: Int32 = 0
    var jobz = Int8(UInt8(ascii: "V")), uplo = Int8(UInt8(ascii: "U"))
    dsyevd_(&jobz, &uplo, &n, &work, &lda, &values, &workQuery, &lwork, &iworkQuery, &liwork, &info)
    guard info == 0 else { throw .lapackFailed(routine: "dsyevd (workspace query)", info: info) }
    lwork = Int32(workQuery)
    liwork = iworkQuery
    var scratch = [Double](repeating: 0, count: Int(lwork))
    var iscratch = [Int32](repeating: 0, count: Int(liwork))
    dsyevd_(&jobz, &uplo, &n, &work, &lda, &values, &scratch, &lwork, &iscratch, &liwork, &info)
    guard info == 0 else { throw .lapackFailed(routine: "dsyevd", info: info) }
    // Column j of the column-major result (contiguous) is eigenvector j; LAPACK sorts ascending.
    let size = a.rows
    var vectors = Matrix<Double>(rows: size, cols: size)
    for j in 0..<size {
        let source = size - 1 - j
        vectors[row: j] = work[(source * size)..<((source + 1) * size)]
    }
    return (values.reversed(), vectors)
}

/// Thin SVD of an m x n row-major matrix (dgesdd): singular values (descending) and the right
/// singular vectors as the rows of a min(m, n) x n matrix.
func rightSingularVectors(_ a: Matrix<Double>) throws(LinearAlgebraError) -> (values: [Double], vectors: Matrix<Double>) {
    // Row-major a is column-major a^T (n x m). For a^T = U S V^T, a = V S U^T: the right
    // singular vectors of a are the left singular vectors U of a^T, columns of an n x r matrix.
    let (s, u, _) = try thinSVD(columnMajor: a.storage, rows: a.cols, cols: a.rows)
    return (s, Matrix(rows: min(a.rows, a.cols), cols: a.cols, storage: u))
}

/// dgesdd with jobz "S" on a column-major rows x cols matrix x = U S V^T, r = min(rows, cols):
/// S's diagonal (descending), U (rows x r, column-major) and V^T (r x cols, column-major).
private func thinSVD(columnMajor x: [Double], rows: Int, cols: Int) throws(LinearAlgebraError)
    -> (values: [Double], u: [Double], vt: [Double]) {
    var m = Int32(rows), n = Int32(cols), info: Int32 = 0
    let r = min(rows, cols)
    var work = x
    var lda = Int32(max(1, rows)), ldu = Int32(max(1, rows)), ldvt = Int32(max(1, r))
    var s = [Double](repeating: 0, count: r)
    var u = [Double](repeating: 0, count: rows * r)
    var vt = [Double](repeating: 0, count: r * cols)
    var iwork = [Int32](repeating: 0, count: 8 * r)
    var jobz = Int8(UInt8(ascii: "S")), lwork: Int32 = -1, query = 0.0
    dgesdd_(&jobz, &m, &n, &work, &lda, &s, &u, &ldu, &vt, &ldvt, &query, &lwork, &iwork, &info)
    guard info == 0 else { throw .lapackFailed(routine: "dgesdd (workspace query)", info: info) }
    lwork = Int32(query)
    var scratch = [Double](repeating: 0, count: Int(lwork))
    dgesdd_(&jobz, &m, &n, &work, &lda, &s, &u, &ldu, &vt, &ldvt, &scratch, &lwork, &iwork, &info)
    guard info == 0 else { throw .lapackFailed(routine: "dgesdd", info: info) }
    return (s, u, vt)
}

/// An orthonormal basis of the column space of an n x l row-major matrix (n >= l), as an
/// n x l row-major matrix (Householder QR: dgeqrf then dorgqr).
func orthonormalColumns(_ y: Matrix<Double>) throws(LinearAlgebraError) -> Matrix<Double> {
    var m = Int32(y.rows), n = Int32(y.cols), k = Int32(y.cols), lda = Int32(max(1, y.rows)), info: Int32 = 0
    var columnMajor = y.transposed().storage
    var tau = [Double](repeating: 0, count: y.cols)
    var lwork: Int32 = -1, query = 0.0
    dgeqrf_(&m, &n, &columnMajor, &lda, &tau, &query, &lwork, &info)
    lwork = Int32(max(query, Double(y.cols)))
    var scratch = [Double](repeating: 0, count: Int(lwork))
    dgeqrf_(&m, &n, &columnMajor, &lda, &tau, &scratch, &lwork, &info)
    guard info == 0 else { throw .lapackFailed(routine: "dgeqrf", info: info) }
    dorgqr_(&m, &n, &k, &columnMajor, &lda, &tau, &scratch, &lwork, &info)
    guard info == 0 else { throw .lapackFailed(routine: "dorgqr", info: info) }
    return Matrix(rows: y.cols, cols: y.rows, storage: columnMajor).transposed()
}

/// Full SVD of a small square row-major matrix (dgesdd): a = u diag(values) vt, values
/// descending, u and vt orthogonal.
func squareSingularValueDecomposition(_ a: Matrix<Double>) throws(LinearAlgebraError)
    -> (u: Matrix<Double>, values: [Double], vt: Matrix<Double>) {
    guard a.rows == a.cols else { throw .badShape("squareSingularValueDecomposition: matrix is \(a.shapeDescription)") }
    // LAPACK sees the row-major a as x = a^T = Ux S Vx^T, so a = Vx S Ux^T: a's u is Vx, whose
    // row-major storage is LAPACK's column-major Vx^T, and a's vt is Ux^T, stored as LAPACK's Ux.
    let (s, ux, vxt) = try thinSVD(columnMajor: a.storage, rows: a.rows, cols: a.cols)
    return (Matrix(rows: a.rows, cols: a.rows, storage: vxt), s, Matrix(rows: a.rows, cols: a.rows, storage: ux))
}
