/// The matrices of an AnnData file: `X`, `raw` X and `obsm` entries, in both layouts.
///
/// - Current encoding (anndata >= 0.8): `X` is a dense 2-D dataset or a group with
///   `encoding-type` `csr_matrix`/`csc_matrix`, a `shape` attribute and `data`, `indices`,
///   `indptr` datasets; `obsm` is a group of 2-D datasets (or sparse groups); `raw/X`, `raw/var`.
/// - Older layout (anndata < 0.7): the same sparse groups marked by `h5sparse_format` (`csr`,
///   `csc`) and `h5sparse_shape`; `obsm` a compound dataset with one array member per key;
///   `raw.X`, `raw.var`.
struct AnnDataFile {
    let file: HDF5File

    /// Whether `obs` is a compound dataset (the older layout) rather than a group.
    var isOldLayout: Bool { file.kind(of: "obs") == .dataset }

    /// The matrix named by `use` (`X`, `raw`, or an `obsm` key), or layer `layer` when given, as
    /// dense Float (cells x columns), with column names and the var table they come from: var
    /// names for `X`, layers and `raw` (`x1 ...` when the file has none), `key_1 ...` for obsm.
    func matrix(use: String, layer: String? = nil) throws(DataError) -> (points: Matrix<Float>, names: [String], var: String?) {
        if let layer {
            let path = "layers/" + layer
            guard file.kind(of: path) != nil else {
                let layers = file.children(of: "layers")
                throw file.error("no layer '\(layer)'", hint: layers.isEmpty ? "the file has no layers; use X, raw or an obsm key"
                                                                             : "layers are \(quotedList(layers))")
            }
            let points = try denseOrSparse(path)
            return (points, try featureNames(index: "var", count: points.cols), "var")
        }
        switch use {
        case "X":
            let points = try denseOrSparse("X")
            return (points, try featureNames(index: "var", count: points.cols), "var")
        case "raw", "raw.X", "raw/X":
            let matrixPath = file.kind(of: "raw/X") != nil ? "raw/X" : "raw.X"
            guard file.kind(of: matrixPath) != nil else {
                throw file.error("the file has no raw matrix (neither raw/X nor raw.X)", hint: "use \"X\" or an obsm key")
            }
            let points = try denseOrSparse(matrixPath)
            let varPath = matrixPath == "raw/X" ? "raw/var" : "raw.var"
            return (points, try featureNames(index: varPath, count: points.cols), varPath)
        default:
            let points = try obsm(use)
            return (points, (0..<points.cols).map { "\(use)_\($0 + 1)" }, nil)
        }
    }

    private func denseOrSparse(_ object: String) throws(DataError) -> Matrix<Float> {
        switch file.kind(of: object) {
        case .dataset?:
            let (shape, values) = try file.readFloats(object)
            guard shape.count == 2 else {
                throw file.error("is a \(shape.count)-D array, expected a 2-D matrix (cells x features)", object: object)
            }
            return Matrix(rows: shape[0], cols: shape[1], storage: values)
        case .group?:
            return try sparse(object)
        case nil:
            throw file.error("the file has no '\(object)'", hint: "top-level entries are \(quotedList(file.children(of: "")))")
        }
    }

    /// A CSR or CSC group, densified: row r of CSR holds data[indptr[r]..<indptr[r+1]] at columns
    /// indices[...] (CSC the same with rows and columns swapped).
    private func sparse(_ object: String) throws(DataError) -> Matrix<Float> {
        let encoding = file.stringAttribute(object, "encoding-type") ?? file.stringAttribute(object, "h5sparse_format")
        let isCSR: Bool
        switch encoding {
        case "csr_matrix", "csr": isCSR = true
        case "csc_matrix", "csc": isCSR = false
        default:
            throw file.error("unsupported encoding '\(encoding ?? "none")' for a matrix",
                             object: object, hint: "supported: dense arrays, csr_matrix, csc_matrix")
        }
        guard let shape = file.integersAttribute(object, "shape") ?? file.integersAttribute(object, "h5sparse_shape"),
              shape.count == 2 else {
            throw file.error("sparse matrix without a 2-element 'shape' attribute", object: object)
        }
        _ = try file.validatedCount(shape: shape, bytesPerElement: 4, object: object, stored: false)
        let data = try file.readFloats(object + "/data").values
        // libhdf5 would truncate float indices to integers: a corrupt file, not a matrix.
        for part in ["indices", "indptr"] where try file.valueKind(of: object + "/" + part) != .integer {
            throw file.error("holds \(try file.describeKind(object + "/" + part)), expected integers", object: object + "/" + part)
        }
        let indices = try file.readIntegers(object + "/indices")
        let pointers = try file.readIntegers(object + "/indptr")
        let (outer, inner) = isCSR ? (shape[0], shape[1]) : (shape[1], shape[0])
        try checkSparse(object, data: data.count, indices: indices, pointers: pointers, outer: outer, inner: inner)
        var dense = Matrix<Float>(rows: shape[0], cols: shape[1])
        for o in 0..<outer {
            for k in Int(pointers[o])..<Int(pointers[o + 1]) {
                let i = Int(indices[k])
                if isCSR { dense[o, i] = data[k] } else { dense[i, o] = data[k] }
            }
        }
        return dense
    }

    private func checkSparse(_ object: String, data: Int, indices: [Int64], pointers: [Int64],
                             outer: Int, inner: Int) throws(DataError) {
        guard pointers.count == outer + 1 else {
            throw file.error("indptr has \(pointers.count) entries, expected \(outer + 1) for shape", object: object)
        }
        guard indices.count == data, pointers.first == 0, pointers.last == Int64(data) else {
            throw file.error("data (\(data)), indices (\(indices.count)) and indptr (ends at \(pointers.last ?? 0)) disagree",
                             object: object)
        }
        for k in 0..<outer where pointers[k] > pointers[k + 1] {
            throw file.error("indptr decreases at entry \(k)", object: object)
        }
        if let bad = indices.first(where: { $0 < 0 || $0 >= Int64(inner) }) {
            throw file.error("index \(bad) is out of range 0..<\(inner)", object: object)
        }
    }

    /// `obsm[key]` as a dense matrix, from the obsm group or the old compound dataset.
    private func obsm(_ key: String) throws(DataError) -> Matrix<Float> {
        switch file.kind(of: "obsm") {
        case .group?:
            guard file.kind(of: "obsm/" + key) != nil else { throw missingObsm(key, available: file.children(of: "obsm")) }
            if let encoding = file.stringAttribute("obsm/" + key, "encoding-type"), encoding == "dataframe" {
                throw file.error("is a dataframe, not a matrix", object: "obsm/" + key, hint: "supported: arrays and sparse matrices")
            }
            return try denseOrSparse("obsm/" + key)
        case .dataset?:
            let members = try file.compoundMembers("obsm") ?? []
            guard let member = members.first(where: { $0.name == key }) else {
                throw missingObsm(key, available: members.map(\.name))
            }
            let values = try file.readCompoundFloats("obsm", member: member)
            return Matrix(rows: values.count / member.width, cols: member.width, storage: values)
        case nil:
            throw missingObsm(key, available: [])
        }
    }

    private func missingObsm(_ key: String, available: [String]) -> DataError {
        file.error("no obsm matrix '\(key)'",
                   hint: available.isEmpty ? "the file has no obsm entries; use \"X\""
                       : "obsm keys are \(quotedList(available)); or use \"X\"")
    }

    /// Feature names from the index of a var dataframe; `x1 ...` when absent or of the wrong length.
    private func featureNames(index varPath: String, count: Int) throws(DataError) -> [String] {
        guard let names = try indexNames(of: varPath), names.count == count else { return (0..<count).map { "x\($0 + 1)" } }
        return names
    }

    /// The index (row names) of dataframe `path` (group: its `_index` attribute names the index
    /// dataset; compound: the `index` member), or nil when it has none.
    func indexNames(of varPath: String) throws(DataError) -> [String]? {
        var names: [String]?
        switch file.kind(of: varPath) {
        case .group?:
            let indexName = file.stringAttribute(varPath, "_index") ?? "_index"
            if file.kind(of: varPath + "/" + indexName) == .dataset {
                names = try? file.readStrings(varPath + "/" + indexName)
            }
        case .dataset?:
            if let members = try file.compoundMembers(varPath), members.contains(where: { $0.name == "index" }) {
                names = try file.readCompoundStrings(varPath, member: "index")
            }
        case nil:
            break
        }
        return names
    }
}
