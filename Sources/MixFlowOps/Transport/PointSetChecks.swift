/// Input checks shared by every transport and distance routine: a point set is a
/// `Matrix<Double>` with one point a row; weights are a probability vector over its rows.

/// Throws `.emptyInput` for a set with no rows and `.nonFinite` naming the first bad coordinate.
func checkPoints(_ points: Matrix<Double>, name: String) throws {
    guard points.rows > 0 else { throw TransportError.emptyInput(input: name) }
    try points.storage.withUnsafeBufferPointer { p in
        for index in 0..<p.count where !p[index].isFinite {
            throw TransportError.nonFinite(input: name, row: index / points.cols,
                                           column: index % points.cols)
        }
    }
}

/// Checks both sets and that they share a dimension.
func checkPointPair(_ x: Matrix<Double>, _ y: Matrix<Double>) throws {
    try checkPoints(x, name: "x")
    try checkPoints(y, name: "y")
    guard x.cols == y.cols else { throw TransportError.dimensionMismatch(x: x.cols, y: y.cols) }
}

/// `weights` normalised to sum 1, or uniform `1/count` when nil.
///
/// Rejects a wrong length, negative or non-finite entries and an all-zero vector.
func normalizedWeights(_ weights: [Double]?, count: Int, name: String) throws -> [Double] {
    guard let weights else { return [Double](repeating: 1 / Double(count), count: count) }
    guard weights.count == count else {
        throw TransportError.sizeMismatch(what: name, expected: "\(count) weights (one per point)",
                                          got: "\(weights.count)")
    }
    var total = 0.0
    for (index, w) in weights.enumerated() {
        guard w.isFinite, w >= 0 else {
            throw TransportError.badWeights(
                input: name, reason: "weight \(index + 1) is \(w); weights must be finite and >= 0")
        }
        total += w
    }
    guard total > 0 else {
        throw TransportError.badWeights(input: name, reason: "all weights are zero")
    }
    return weights.map { $0 / total }
}

/// True when every weight is equal (the uniform case that allows the assignment fast path).
func isUniform(_ weights: [Double]) -> Bool {
    guard let first = weights.first else { return true }
    return weights.allSatisfy { $0 == first }
}
