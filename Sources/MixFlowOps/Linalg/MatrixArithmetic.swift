/// Elementwise arithmetic, reductions and random fills for matrices of `KernelScalar`s. Every
/// loop goes through a `KernelScalar` kernel, so it runs vectorised even from generic code.
extension Matrix where Element: KernelScalar {
    /// self += alpha * other (same shape).
    public mutating func add(_ other: Matrix, scaledBy alpha: Element = 1) {
        precondition(rows == other.rows && cols == other.cols,
                     "add: shapes differ: \(shapeDescription) and \(other.shapeDescription)")
        let n = count
        other.withPointer { source in withMutablePointer { Element.axpy(n, alpha, source, $0) } }
    }

    /// self *= alpha.
    public mutating func scale(by alpha: Element) {
        let n = count
        withMutablePointer { Element.scale(n, alpha, $0) }
    }

    /// Sets every element to `value`.
    public mutating func fill(_ value: Element) {
        let n = count
        withMutablePointer { Element.fill(n, value, $0) }
    }

    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix { var out = lhs; out.add(rhs); return out }
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix { var out = lhs; out.add(rhs, scaledBy: -1); return out }
    public static func * (lhs: Element, rhs: Matrix) -> Matrix { var out = rhs; out.scale(by: lhs); return out }

    /// Sum of all elements.
    public func sum() -> Element { withPointer { Element.sum(count, $0) } }

    /// Square root of the sum of squares.
    public func frobeniusNorm() -> Element { withPointer { Element.sumOfSquares(count, $0) }.squareRoot() }

    /// Largest absolute elementwise difference (for tests and checks).
    public func maxAbsDifference(_ other: Matrix) -> Element {
        precondition(rows == other.rows && cols == other.cols,
                     "maxAbsDifference: shapes differ: \(shapeDescription) and \(other.shapeDescription)")
        var largest: Element = 0
        for i in 0..<count { largest = Swift.max(largest, (storage[i] - other.storage[i]).magnitude) }
        return largest
    }

    /// Per-column sums as a 1 x cols row.
    public func columnSums() -> Matrix {
        var out = Matrix(rows: 1, cols: cols)
        let (r, c) = (rows, cols)
        withPointer { source in out.withMutablePointer { Element.columnSums(rows: r, cols: c, source, ldx: c, into: $0, accumulate: false) } }
        return out
    }

    /// Fills with uniform draws in [low, high).
    public mutating func fillUniform(low: Element = 0, high: Element = 1, random: inout RandomStream) {
        let n = count
        withMutablePointer { Element.fillUniform(n, $0, low: low, high: high, random: &random) }
    }

    /// Fills with normal draws N(mean, std^2) (vectorised Box-Muller).
    public mutating func fillNormal(mean: Element = 0, std: Element = 1, random: inout RandomStream) {
        let n = count
        withMutablePointer { Element.fillNormal(n, $0, mean: mean, std: std, random: &random) }
    }

    /// Fills with standard Gumbel draws (for Gumbel-softmax relaxations).
    public mutating func fillGumbel(random: inout RandomStream) {
        let n = count
        withMutablePointer { Element.fillGumbel(n, $0, random: &random) }
    }

    /// A rows x cols matrix of standard normal draws.
    public static func normal(_ rows: Int, _ cols: Int, random: inout RandomStream) -> Matrix {
        var out = Matrix(rows: rows, cols: cols)
        out.fillNormal(random: &random)
        return out
    }

    /// A rows x cols matrix of uniform draws in [low, high).
    public static func uniform(_ rows: Int, _ cols: Int, low: Element = 0, high: Element = 1,
                               random: inout RandomStream) -> Matrix {
        var out = Matrix(rows: rows, cols: cols)
        out.fillUniform(low: low, high: high, random: &random)
        return out
    }

    /// Columns [left, right) side by side with `other` (same rows): [self, other].
    public func concatenatedColumns(_ other: Matrix) -> Matrix {
        precondition(rows == other.rows, "concatenatedColumns: \(rows) rows vs \(other.rows) rows")
        var out = Matrix(rows: rows, cols: cols + other.cols)
        let (r, a, b, w) = (rows, cols, other.cols, cols + other.cols)
        out.withMutablePointer { dst in
            withPointer { Element.copy2D(rows: r, cols: a, $0, lds: a, dst, ldd: w) }
            other.withPointer { Element.copy2D(rows: r, cols: b, $0, lds: b, dst + a, ldd: w) }
        }
        return out
    }

    /// Columns `range` as a new matrix.
    public func columns(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= cols,
                     "columns \(range) out of range for \(shapeDescription) matrix")
        var out = Matrix(rows: rows, cols: range.count)
        let (r, c, w) = (rows, cols, range.count)
        withPointer { src in out.withMutablePointer { Element.copy2D(rows: r, cols: w, src + range.lowerBound, lds: c, $0, ldd: w) } }
        return out
    }
}

extension Matrix where Element == Double {
    /// Per-column means (a matrix without rows has zero sums and gives zeros).
    public func columnMeans() -> [Double] {
        columnSums().storage.map { $0 / Double(Swift.max(1, rows)) }
    }

    /// Every row minus `row` (one value per column).
    public func subtractingRow(_ row: [Double]) -> Matrix {
        var out = self
        for r in 0..<rows { for c in 0..<cols { out[r, c] -= row[c] } }
        return out
    }

    /// Every row plus `row` (one value per column).
    public func addingRow(_ row: [Double]) -> Matrix {
        var out = self
        for r in 0..<rows { for c in 0..<cols { out[r, c] += row[c] } }
        return out
    }
}
