/// Element types a `Matrix` can hold: the two BLAS precisions.
public protocol MatrixScalar: BinaryFloatingPoint, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {}
extension Float: MatrixScalar {}
extension Double: MatrixScalar {}

/// A dense row-major matrix: element (r, c) is `storage[r * cols + c]`.
///
/// Value semantics through the copy-on-write `Array` storage. `Matrix<Float>` is the working
/// precision for networks and sampling; `Matrix<Double>` is used where accuracy matters (metrics,
/// OT, PCA). Shape mismatches are programming errors and stop with a precondition message that
/// names both shapes.
public struct Matrix<Element: MatrixScalar>: Equatable, Sendable {
    public private(set) var rows: Int
    public private(set) var cols: Int
    public var storage: [Element]

    public init(rows: Int, cols: Int, repeating value: Element = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix shape \(rows)x\(cols) is negative")
        self.rows = rows
        self.cols = cols
        self.storage = [Element](repeating: value, count: rows * cols)
    }

    public init(rows: Int, cols: Int, storage: [Element]) {
        precondition(storage.count == rows * cols,
                     "matrix \(rows)x\(cols) needs \(rows * cols) elements, got \(storage.count)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// Builds a matrix from rows of equal length.
    public init(_ rowArrays: [[Element]]) {
        let cols = rowArrays.first?.count ?? 0
        for (r, row) in rowArrays.enumerated() {
            precondition(row.count == cols, "row \(r) has \(row.count) elements, expected \(cols)")
        }
        self.init(rows: rowArrays.count, cols: cols, storage: rowArrays.flatMap { $0 })
    }

    public static func zeros(_ rows: Int, _ cols: Int) -> Matrix { Matrix(rows: rows, cols: cols) }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m.storage[i * n + i] = 1 }
        return m
    }

    public var count: Int { storage.count }
    public var shape: (rows: Int, cols: Int) { (rows, cols) }
    public var shapeDescription: String { "\(rows)x\(cols)" }

    @inline(__always)
    public subscript(r: Int, c: Int) -> Element {
        get { storage[r * cols + c] }
        set { storage[r * cols + c] = newValue }
    }

    /// A copy of row `r`.
    public func row(_ r: Int) -> [Element] {
        precondition(r >= 0 && r < rows, "row \(r) out of range for \(shapeDescription) matrix")
        return Array(storage[(r * cols)..<((r + 1) * cols)])
    }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, cols: cols)
        storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for (i, r) in indices.enumerated() {
                    precondition(r >= 0 && r < rows, "row \(r) out of range for \(shapeDescription) matrix")
                    for c in 0..<cols { dst[i * cols + c] = src[r * cols + c] }
                }
            }
        }
        return out
    }

    /// Rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows,
                     "rows \(range) out of range for \(shapeDescription) matrix")
        return Matrix(rows: range.count, cols: cols,
                      storage: Array(storage[(range.lowerBound * cols)..<(range.upperBound * cols)]))
    }

    /// Changes the number of rows (keeping cols); new rows are zero. Reuses capacity, so buffers
    /// sized for the largest batch can be shrunk and regrown without allocating.
    public mutating func resize(rows newRows: Int) {
        precondition(newRows >= 0, "negative row count \(newRows)")
        let newCount = newRows * cols
        if newCount < storage.count {
            storage.removeLast(storage.count - newCount)
        } else if newCount > storage.count {
            storage.append(contentsOf: repeatElement(0, count: newCount - storage.count))
        }
        rows = newRows
    }

    /// Changes the shape to newRows x newCols, reusing the storage's capacity: the first
    /// min(old, new) elements keep their values (reinterpreted), new elements are zero. Output
    /// buffers whose batch size varies use this to avoid allocating each step.
    public mutating func reshape(rows newRows: Int, cols newCols: Int) {
        precondition(newRows >= 0 && newCols >= 0, "matrix shape \(newRows)x\(newCols) is negative")
        let newCount = newRows * newCols
        if newCount < storage.count {
            storage.removeLast(storage.count - newCount)
        } else if newCount > storage.count {
            storage.append(contentsOf: repeatElement(0, count: newCount - storage.count))
        }
        rows = newRows
        cols = newCols
    }

    /// Reinterprets the same elements with another shape of equal size.
    public func reshaped(rows newRows: Int, cols newCols: Int) -> Matrix {
        Matrix(rows: newRows, cols: newCols, storage: storage)
    }

    public func transposed() -> Matrix {
        var out = Matrix(rows: cols, cols: rows)
        for r in 0..<rows {
            for c in 0..<cols { out.storage[c * rows + r] = storage[r * cols + c] }
        }
        return out
    }

    /// The same values in another precision.
    public func converted<Other: MatrixScalar>(to _: Other.Type = Other.self) -> Matrix<Other> {
        Matrix<Other>(rows: rows, cols: cols, storage: storage.map { Other($0) })
    }

    /// Index of the first row holding a NaN or infinity, if any.
    public func firstNonFiniteRow() -> Int? {
        for r in 0..<rows {
            for c in 0..<cols where !storage[r * cols + c].isFinite { return r }
        }
        return nil
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String { "Matrix<\(Element.self)> \(shapeDescription)" }
}

extension Matrix: Codable {
    private enum CodingKeys: String, CodingKey { case rows, cols, storage }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let cols = try container.decode(Int.self, forKey: .cols)
        let storage = try container.decode([Element].self, forKey: .storage)
        guard rows >= 0, cols >= 0, storage.count == rows * cols else {
            throw DecodingError.dataCorruptedError(forKey: .storage, in: container,
                debugDescription: "matrix \(rows)x\(cols) needs \(max(0, rows * cols)) values, found \(storage.count)")
        }
        self.init(rows: rows, cols: cols, storage: storage)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(cols, forKey: .cols)
        try container.encode(storage, forKey: .storage)
    }
}
