/// How `PCA.fit` computes the components.
public enum PCAMethod: String, Sendable, Codable, CaseIterable {
    /// Exact: covariance (d x d) and its eigen-decomposition (LAPACK dsyevd).
    case exact
    /// Randomized range finder with power iterations, then an exact SVD of the small projected
    /// matrix (Halko, Martinsson and Tropp, 2011). For large d with few components.
    case randomized
    /// exact when d <= 1000 or components > d / 4, randomized otherwise.
    case auto
}

/// Principal component analysis in double precision.
///
/// fit: mean m (1 x d), components W (k x d, orthonormal rows, descending variance; each row's
/// largest-magnitude entry is positive so results are deterministic), explained variance
/// lambda_i (eigenvalues of the covariance with 1/(n-1) normalisation, as scikit-learn).
/// transform: z = (x - m) W^T; inverse transform: x = z W + m.
public struct PCA: Sendable, Equatable, Codable {
    public var mean: [Double]
    public var components: Matrix<Double>
    public var explainedVariance: [Double]
    /// explainedVariance / total variance of the data.
    public var explainedVarianceRatio: [Double]

    public init(mean: [Double], components: Matrix<Double>, explainedVariance: [Double], explainedVarianceRatio: [Double]) {
        self.mean = mean
        self.components = components
        self.explainedVariance = explainedVariance
        self.explainedVarianceRatio = explainedVarianceRatio
    }

    /// Fits `components` principal directions to the rows of `data` (n x d, n >= 2).
    /// `random` is used by the randomized method only.
    public static func fit(_ data: Matrix<Double>, components k: Int, method: PCAMethod = .auto,
                           powerIterations: Int = 4, oversampling: Int = 10,
                           random: inout RandomStream) throws(LinearAlgebraError) -> PCA {
        let n = data.rows, d = data.cols
        guard n >= 2 else { throw .badShape("PCA needs at least 2 rows, got \(n)") }
        guard k >= 1 && k <= min(n, d) else { throw .badShape("PCA: components must be in 1...\(min(n, d)), got \(k)") }
        if let row = data.firstNonFiniteRow() { throw .nonFinite("PCA: row \(row) holds NaN or infinity") }
        let mean = data.columnMeans()
        let centered = data.subtractingRow(mean)
        let totalVariance = centered.storage.reduce(0) { $0 + $1 * $1 } / Double(n - 1)
        let useRandomized = method == .randomized || (method == .auto && d > 1000 && k <= d / 4)
        var (variances, directions) = useRandomized
            ? try randomizedDirections(centered, k: k, powerIterations: powerIterations, oversampling: oversampling, random: &random)
            : try exactDirections(centered, k: k)
        fixSigns(&directions)
        variances = variances.map { max(0, $0) }
        let ratio = variances.map { totalVariance > 0 ? $0 / totalVariance : 0 }
        return PCA(mean: mean, components: directions, explainedVariance: variances, explainedVarianceRatio: ratio)
    }

    /// Projects rows of x (m x d) onto the components: (x - mean) W^T, m x k.
    public func transform(_ x: Matrix<Double>) -> Matrix<Double> {
        precondition(x.cols == mean.count, "PCA.transform: input has \(x.cols) columns, the fit had \(mean.count)")
        return matmul(x.subtractingRow(mean), components, transposeB: true)
    }

    /// Maps component scores (m x k) back to data space: z W + mean, m x d.
    public func inverseTransform(_ z: Matrix<Double>) -> Matrix<Double> {
        precondition(z.cols == components.rows, "PCA.inverseTransform: input has \(z.cols) columns, the fit has \(components.rows) components")
        return matmul(z, components).addingRow(mean)
    }

    static func exactDirections(_ centered: Matrix<Double>, k: Int) throws(LinearAlgebraError) -> ([Double], Matrix<Double>) {
        var covariance = matmul(centered, transposeA: true, centered)
        covariance.scale(by: 1 / Double(centered.rows - 1))
        let (values, vectors) = try symmetricEigen(covariance)
        return (Array(values.prefix(k)), vectors.rows(0..<k))
    }

    static func randomizedDirections(_ centered: Matrix<Double>, k: Int, powerIterations: Int, oversampling: Int,
                                     random: inout RandomStream) throws(LinearAlgebraError) -> ([Double], Matrix<Double>) {
        let l = min(k + oversampling, min(centered.rows, centered.cols))
        var basis = try orthonormalColumns(matmul(centered, Matrix<Double>.normal(centered.cols, l, random: &random)))
        for _ in 0..<powerIterations {
            let back = try orthonormalColumns(matmul(centered, transposeA: true, basis))
            basis = try orthonormalColumns(matmul(centered, back))
        }
        let projected = matmul(basis, transposeA: true, centered)    // l x d
        let (singular, vectors) = try rightSingularVectors(projected)
        let variances = singular.prefix(k).map { $0 * $0 / Double(centered.rows - 1) }
        return (variances, vectors.rows(0..<k))
    }

    /// Makes each row's largest-magnitude entry positive.
    static func fixSigns(_ directions: inout Matrix<Double>) {
        for r in 0..<directions.rows {
            let row = directions.row(r)
            guard let largest = row.indices.max(by: { abs(row[$0]) < abs(row[$1]) }), row[largest] < 0 else { continue }
            for c in 0..<directions.cols { directions[r, c] = -directions[r, c] }
        }
    }
}
