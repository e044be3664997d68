import CHDF5

/// Sizes read from an HDF5 file are claims, not facts: a 2 KB file can declare a (2^40, 2^40)
/// dataset. These checks run before any buffer is allocated for a read.
extension HDF5File {
    /// Deflate, the strongest filter AnnData writers use, compresses at most about 1032:1.
    static let maxCompressionRatio = 1100
    /// Attributes live in object headers and hold a few numbers or names.
    static let maxAttributeElements = 1 << 20

    /// The element count of `shape`, refused when its product overflows, when `bytesPerElement`
    /// each would exceed the memory budget, or (for `stored` data) when even compressed the file
    /// is too small to hold it. Sparse matrix shapes are not `stored`: only their non-zeros are.
    /// Dimensions of 0 count as 1 in the checks.
    func validatedCount(shape: [Int], bytesPerElement: Int, object: String, stored: Bool = true) throws(DataError) -> Int {
        let shown = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        // A zero dimension must not hide a huge other one: (0, 2^40) still sizes 2^40 feature names.
        guard let count = MemoryBudget.checkedProduct(shape),
              let bytes = MemoryBudget.checkedProduct(shape.map { max($0, 1) } + [bytesPerElement]) else {
            throw error("declares the shape \(shown), whose size does not fit in memory on any machine;"
                        + " the file is damaged or was not written by AnnData", object: object)
        }
        if let excess = MemoryBudget.excess("reading its \(shown) values", counts: [bytes], bytesPerItem: 1) {
            throw error(excess.description, object: object)
        }
        if stored, bytes / HDF5File.maxCompressionRatio > fileSize {
            throw error("declares the shape \(shown) (\(bytes) bytes), more than a file of \(fileSize) bytes can hold"
                        + " even compressed; the file is damaged or crafted", object: object)
        }
        return count
    }

    /// The element count of dataset `dataset`, validated as in `validatedCount(shape:...)`.
    func validatedCount(ofDataset dataset: hid_t, bytesPerElement: Int, object: String) throws(DataError) -> Int {
        try validatedCount(shape: HDF5File.shape(ofDataset: dataset), bytesPerElement: bytesPerElement, object: object)
    }

    /// The size of the file in bytes (0 when libhdf5 cannot tell).
    var fileSize: Int {
        var size: hsize_t = 0
        return H5Fget_filesize(id, &size) >= 0 ? Int(clamping: size) : 0
    }
}
