/// The working state of Lloyd's algorithm: centres, assignments, per-point distances.
struct LloydState {
    let data: Matrix<Double>
    let k: Int
    let pointNorms: [Double]
    var centers: Matrix<Double>
    var assignments: [Int]
    var distances: [Double]
    /// n x k cross products x . c (reused each iteration).
    var cross: Matrix<Double>

    init(data: Matrix<Double>, k: Int) {
        self.data = data
        self.k = k
        pointNorms = (0..<data.rows).map { r in data.withRow(r) { x in x.reduce(0) { $0 + $1 * $1 } } }
        centers = Matrix(rows: k, cols: data.cols)
        assignments = Array(repeating: 0, count: data.rows)
        distances = Array(repeating: 0, count: data.rows)
        cross = Matrix(rows: data.rows, cols: k)
    }

    var inertia: Double { distances.reduce(0, +) }

    /// Assigns every point to its nearest centre (ties to the lower index).
    mutating func assign() {
        gemm(data, centers, transposeB: true, into: &cross)
        let centerNorms = (0..<k).map { c in centers.withRow(c) { v in v.reduce(0) { $0 + $1 * $1 } } }
        for i in 0..<data.rows {
            var best = Double.infinity, bestIndex = 0
            for c in 0..<k {
                let distance = pointNorms[i] - 2 * cross[i, c] + centerNorms[c]
                if distance < best { best = distance; bestIndex = c }
            }
            assignments[i] = bestIndex
            distances[i] = max(0, best)
        }
    }

    /// Moves each centre to the mean of its points; an empty cluster takes the point farthest
    /// from its current centre. Returns the summed squared centre movement.
    mutating func updateCenters() -> Double {
        let d = data.cols
        var sums = Matrix<Double>(rows: k, cols: d)
        var counts = [Int](repeating: 0, count: k)
        for i in 0..<data.rows {
            let c = assignments[i]
            counts[c] += 1
            for j in 0..<d { sums[c, j] += data[i, j] }
        }
        var shift = 0.0
        for c in 0..<k {
            var newCenter = [Double](repeating: 0, count: d)
            if counts[c] > 0 {
                for j in 0..<d { newCenter[j] = sums[c, j] / Double(counts[c]) }
            } else {
                let far = distances.indices.max { distances[$0] < distances[$1] } ?? 0
                newCenter = data.row(far)
                distances[far] = 0   // one point can rescue only one empty cluster
            }
            shift += squaredDistance(centers[row: c], newCenter)
            centers[row: c] = newCenter[...]
        }
        return shift
    }
}
