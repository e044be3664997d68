/// Row views and raw-pointer access. The closures get pointers into the matrix's own storage
/// (no copy); `rowPointer` arithmetic is `base + r * cols`.
extension Matrix {
    /// Row `r` as a slice of the storage (no copy until mutated); settable with a slice of
    /// `cols` elements.
    public subscript(row r: Int) -> ArraySlice<Element> {
        get {
            precondition(r >= 0 && r < rows, "row \(r) out of range for \(shapeDescription) matrix")
            return storage[(r * cols)..<((r + 1) * cols)]
        }
        set {
            precondition(r >= 0 && r < rows, "row \(r) out of range for \(shapeDescription) matrix")
            precondition(newValue.count == cols, "row needs \(cols) elements, got \(newValue.count)")
            storage.replaceSubrange((r * cols)..<((r + 1) * cols), with: newValue)
        }
    }

    /// Calls `body` with row `r` as a buffer pointer into the storage.
    public func withRow<R>(_ r: Int, _ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        precondition(r >= 0 && r < rows, "row \(r) out of range for \(shapeDescription) matrix")
        return try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[(r * cols)..<((r + 1) * cols)]))
        }
    }

    /// Calls `body` with row `r` as a mutable buffer pointer into the storage.
    public mutating func withMutableRow<R>(_ r: Int, _ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        precondition(r >= 0 && r < rows, "row \(r) out of range for \(shapeDescription) matrix")
        let columns = cols
        return try storage.withUnsafeMutableBufferPointer { all in
            try body(UnsafeMutableBufferPointer(rebasing: all[(r * columns)..<((r + 1) * columns)]))
        }
    }

    /// Calls `body` with the base address of the row-major storage (never nil, even when empty).
    public func withPointer<R>(_ body: (UnsafePointer<Element>) throws -> R) rethrows -> R {
        if storage.isEmpty {
            var dummy: Element = 0
            return try withUnsafePointer(to: &dummy) { try body($0) }
        }
        return try storage.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// Calls `body` with the mutable base address of the row-major storage (never nil).
    public mutating func withMutablePointer<R>(_ body: (UnsafeMutablePointer<Element>) throws -> R) rethrows -> R {
        if storage.isEmpty {
            var dummy: Element = 0
            return try withUnsafeMutablePointer(to: &dummy) { try body($0) }
        }
        return try storage.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
    }
}
