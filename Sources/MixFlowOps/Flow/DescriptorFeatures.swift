/// What a descriptor encoder reads: the descriptor y itself, or y with every product of two of its
/// entries appended. With the products, anything bilinear in two parts of the descriptor is
/// linear in the encoder's input: a letter's one-hot times the (cos, sin) of its angle gives
/// features in which turning that letter is a linear map, so a linear encoder carries a rotation
/// past the training angles instead of flattening it (quality notes, study 8).
public enum DescriptorFeatures: String, Sendable, Codable, CaseIterable {
    /// y as given.
    case raw
    /// [y, y_i y_j for every i <= j].
    case quadratic

    /// The encoder's input width for descriptors of `width` entries (Int.max on overflow).
    public func inputWidth(descriptorWidth width: Int) -> Int {
        switch self {
        case .raw: return width
        case .quadratic:
            guard let pairs = MemoryBudget.checkedProduct([width, width + 1]) else { return Int.max }
            return saturatingSum([width, pairs / 2])
        }
    }

    /// The encoder's input rows for descriptor rows `y`.
    func input<T: MatrixScalar>(_ y: Matrix<T>) -> Matrix<T> {
        guard self == .quadratic else { return y }
        let d = y.cols, width = inputWidth(descriptorWidth: d)
        var out = Matrix<T>(rows: y.rows, cols: width)
        for r in 0..<y.rows {
            let row = Array(y[row: r])
            var k = r * width
            for value in row { out.storage[k] = value; k += 1 }
            for i in 0..<d {
                for j in i..<d { out.storage[k] = row[i] * row[j]; k += 1 }
            }
        }
        return out
    }
}
