/// Per-column affine scaling to [-1, 1]: x' = 2 (x - min) / (max - min) - 1, and its inverse.
/// A constant column (max == min) maps to 0 and back to its constant. Values outside the fitted
/// range map outside [-1, 1] (no clipping), so the inverse is exact up to rounding.
public struct MinMaxScaler: Sendable, Equatable, Codable {
    public var minimum: [Double]
    public var maximum: [Double]

    public init(minimum: [Double], maximum: [Double]) {
        precondition(minimum.count == maximum.count, "MinMaxScaler: \(minimum.count) minima for \(maximum.count) maxima")
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Column minima and maxima of `data` (at least one row, finite values).
    public init<T: KernelScalar>(fitting data: Matrix<T>) {
        precondition(data.rows > 0, "MinMaxScaler: cannot fit an empty matrix")
        var low = [Double](repeating: .infinity, count: data.cols)
        var high = [Double](repeating: -.infinity, count: data.cols)
        for r in 0..<data.rows {
            for c in 0..<data.cols {
                let v = Double(data[r, c])
                low[c] = min(low[c], v)
                high[c] = max(high[c], v)
            }
        }
        self.init(minimum: low, maximum: high)
    }

    /// (scale, offset) per column so that x' = x * scale + offset.
    private var affine: [(scale: Double, offset: Double)] {
        zip(minimum, maximum).map { low, high in
            let span = high - low
            guard span > 0 else { return (0, 0) }
            return (2 / span, -2 * low / span - 1)
        }
    }

    public func transform<T: KernelScalar>(_ x: Matrix<T>) -> Matrix<T> {
        precondition(x.cols == minimum.count, "MinMaxScaler: input has \(x.cols) columns, fitted on \(minimum.count)")
        let map = affine
        var out = x
        for r in 0..<x.rows { for c in 0..<x.cols { out[r, c] = T(Double(x[r, c]) * map[c].scale + map[c].offset) } }
        return out
    }

    public func inverseTransform<T: KernelScalar>(_ y: Matrix<T>) -> Matrix<T> {
        precondition(y.cols == minimum.count, "MinMaxScaler: input has \(y.cols) columns, fitted on \(minimum.count)")
        var out = y
        for r in 0..<y.rows {
            for c in 0..<y.cols {
                let span = maximum[c] - minimum[c]
                out[r, c] = T(span > 0 ? (Double(y[r, c]) + 1) * span / 2 + minimum[c] : minimum[c])
            }
        }
        return out
    }
}
