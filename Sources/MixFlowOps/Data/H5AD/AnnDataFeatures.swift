/// Which features (genes) of an AnnData matrix to keep: `features=["CD3E", "MS4A1"]` or
/// `features="highly_variable"` (a boolean var column).
public enum FeatureSelection: Equatable, Sendable {
    case names([String])
    case varColumn(String)
}

extension AnnDataFile {
    /// The columns of `points` that `selection` keeps, in the order asked (names) or file order
    /// (a var column). `varPath` is the var table of the matrix (nil for obsm matrices).
    func selectedColumns(_ selection: FeatureSelection, names: [String], varPath: String?,
                         use: String) throws(DataError) -> [Int] {
        guard let varPath else {
            throw file.error("features= picks genes of X, raw or a layer, not of the obsm matrix '\(use)'",
                             hint: "drop features=, or load X with features= and reduce it with pca=")
        }
        switch selection {
        case .names(let wanted):
            guard !wanted.isEmpty else { throw file.error("features=[] names no genes") }
            var position: [String: Int] = [:]
            for (index, name) in names.enumerated() where position[name] == nil { position[name] = index }
            var columns: [Int] = []
            for name in wanted {
                guard let index = position[name] else { throw unknownFeature(name, names: names, varPath: varPath) }
                guard !columns.contains(index) else { throw file.error("features= lists '\(name)' twice") }
                columns.append(index)
            }
            return columns
        case .varColumn(let column):
            let path = varPath + "/" + column
            guard file.kind(of: varPath) == .group, file.kind(of: path) == .dataset else {
                let available = file.kind(of: varPath) == .group
                    ? file.children(of: varPath).filter { $0 != (file.stringAttribute(varPath, "_index") ?? "_index") } : []
                throw file.error("no boolean var column '\(column)' in \(varPath)",
                                 hint: available.isEmpty ? "\(varPath) has no columns; list genes with features=[...]"
                                                         : "\(varPath) columns are \(quotedList(available))")
            }
            guard try file.valueKind(of: path) == .boolean else {
                throw file.error("holds \(try file.describeKind(path)), expected booleans (True/False) to pick genes",
                                 object: path, hint: "a mask such as highly_variable from scanpy.pp.highly_variable_genes")
            }
            let mask = try file.readBooleans(path)
            guard mask.count == names.count else {
                throw file.error("has \(mask.count) entries but the matrix has \(names.count) genes", object: path)
            }
            let columns = mask.indices.filter { mask[$0] }
            guard !columns.isEmpty else { throw file.error("is False for every gene: it selects none", object: path) }
            return columns
        }
    }

    private func unknownFeature(_ name: String, names: [String], varPath: String) -> DataError {
        let lower = name.lowercased()
        if let near = names.first(where: { $0.lowercased() == lower }) {
            return file.error("no gene '\(name)' in \(varPath) names", hint: "did you mean '\(near)'?")
        }
        return file.error("no gene '\(name)' in \(varPath) names",
                          hint: names.isEmpty ? "the matrix has no genes" : "names are like \(quotedList(names, limit: 5))")
    }
}
