/// Settings of `kMeans`.
public struct KMeansOptions: Sendable, Equatable, Codable {
    public var maxIterations: Int
    /// Stop when the squared centre movement summed over centres is at most
    /// tolerance * (mean per-column variance of the data) (scikit-learn's convention).
    public var tolerance: Double

    public init(maxIterations: Int = 300, tolerance: Double = 1e-6) {
        precondition(maxIterations > 0 && tolerance >= 0, "kMeans: maxIterations must be > 0 and tolerance >= 0")
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }
}

/// What `kMeans` found.
public struct KMeansResult: Sendable, Equatable {
    /// k x d cluster centres.
    public var centers: Matrix<Double>
    /// The centre index of every point.
    public var assignments: [Int]
    /// Sum of squared distances of points to their centres.
    public var inertia: Double
    public var iterations: Int
    public var converged: Bool
}

/// Why clustering could not run.
public enum ClusterError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewPoints(points: Int, clusters: Int)
    case badClusterCount(Int)
    case nonFinite(row: Int)

    public var description: String {
        switch self {
        case let .tooFewPoints(points, clusters):
            return "k-means needs at least as many points as clusters: \(points) points for \(clusters) clusters"
        case let .badClusterCount(k): return "k-means needs at least one cluster, got \(k)"
        case let .nonFinite(row): return "k-means: row \(row) holds NaN or infinity"
        }
    }
}

/// k-means clustering of the rows of `data` (n x d): k-means++ seeding (Arthur and
/// Vassilvitskii, 2007), then Lloyd iterations. Distances use |x|^2 - 2 x.c + |c|^2 with the
/// cross term from one dgemm per iteration. A cluster that loses all its points is moved to the
/// point farthest from its centre (scikit-learn's rule), so exactly k non-empty clusters remain.
public func kMeans(_ data: Matrix<Double>, k: Int, options: KMeansOptions = KMeansOptions(),
                   random: inout RandomStream) throws(ClusterError) -> KMeansResult {
    guard k > 0 else { throw .badClusterCount(k) }
    guard data.rows >= k else { throw .tooFewPoints(points: data.rows, clusters: k) }
    if let row = data.firstNonFiniteRow() { throw .nonFinite(row: row) }
    var state = LloydState(data: data, k: k)
    state.centers = kMeansPlusPlus(data, k: k, squaredNorms: state.pointNorms, random: &random)
    let threshold = options.tolerance * meanColumnVariance(data)
    var iterations = 0, converged = false
    while iterations < options.maxIterations {
        iterations += 1
        state.assign()
        let shift = state.updateCenters()
        if shift <= threshold { converged = true; break }
    }
    state.assign()
    return KMeansResult(centers: state.centers, assignments: state.assignments, inertia: state.inertia,
                        iterations: iterations, converged: converged)
}

/// Float convenience: clusters in double precision, returns Double centres.
public func kMeans(_ data: Matrix<Float>, k: Int, options: KMeansOptions = KMeansOptions(),
                   random: inout RandomStream) throws(ClusterError) -> KMeansResult {
    try kMeans(data.converted(to: Double.self), k: k, options: options, random: &random)
}

/// k-means++: the first centre is a uniform row; each next one is a row drawn with probability
/// proportional to its squared distance to the nearest centre chosen so far.
func kMeansPlusPlus(_ data: Matrix<Double>, k: Int, squaredNorms: [Double], random: inout RandomStream) -> Matrix<Double> {
    let n = data.rows, d = data.cols
    var centers = Matrix<Double>(rows: k, cols: d)
    var nearest = [Double](repeating: .infinity, count: n)
    var chosen = random.nextInt(below: n)
    for c in 0..<k {
        centers[row: c] = data[row: chosen]
        let center = centers.row(c)
        for i in 0..<n {
            let distance = data.withRow(i) { x in squaredDistance(x, center) }
            nearest[i] = min(nearest[i], distance)
        }
        guard c + 1 < k else { break }
        // All remaining points may coincide with centres (duplicates): fall back to uniform.
        chosen = nearest.contains { $0 > 0 } ? random.categorical(weights: nearest) : random.nextInt(below: n)
    }
    return centers
}

@inline(__always)
func squaredDistance<A: Collection, B: Collection>(_ a: A, _ b: B) -> Double where A.Element == Double, B.Element == Double {
    var total = 0.0
    for (x, y) in zip(a, b) { total += (x - y) * (x - y) }
    return total
}

/// Mean over columns of the column variances (population variance).
func meanColumnVariance(_ data: Matrix<Double>) -> Double {
    guard data.rows > 0, data.cols > 0 else { return 0 }
    let n = Double(data.rows)
    let means = data.columnMeans()
    var total = 0.0
    for r in 0..<data.rows {
        for c in 0..<data.cols { let v = data[r, c] - means[c]; total += v * v }
    }
    return total / n / Double(data.cols)
}
