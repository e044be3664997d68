import CHDF5

/// One `obs` column, read for use as a condition field.
enum ObsColumn {
    /// Category codes per cell (-1 = missing) and the categories they index.
    case categorical(codes: [Int64], categories: [MetadataValue])
    case strings([String])
    case numbers([Double])

    var count: Int {
        switch self {
        case let .categorical(codes, _): return codes.count
        case let .strings(values): return values.count
        case let .numbers(values): return values.count
        }
    }
}

/// Reading `obs` columns in both layouts.
///
/// - Current encoding: `obs` is a group; a categorical column is a group with `encoding-type`
///   `categorical`, `codes` and `categories` datasets; string and numeric columns are datasets.
/// - Older layout: `obs` is a compound dataset with one member per column; a categorical column is
///   an integer member whose categories are in `uns/<column>_categories`.
extension AnnDataFile {
    func obsColumn(_ name: String) throws(DataError) -> ObsColumn {
        switch file.kind(of: "obs") {
        case .group?: return try groupColumn(name)
        case .dataset?: return try compoundColumn(name)
        case nil: throw file.error("the file has no obs table", hint: "an .h5ad file has obs, var and X")
        }
    }

    /// The obs column names, in the file's column order where it records one.
    func obsColumnNames() throws(DataError) -> [String] {
        if file.kind(of: "obs") == .dataset {
            return (try file.compoundMembers("obs") ?? []).map(\.name).filter { $0 != "index" }
        }
        let indexName = file.stringAttribute("obs", "_index") ?? "_index"
        return file.stringsAttribute("obs", "column-order") ?? file.children(of: "obs").filter { $0 != indexName }
    }

    private func groupColumn(_ name: String) throws(DataError) -> ObsColumn {
        let path = "obs/" + name
        switch file.kind(of: path) {
        case .group?:
            let encoding = file.stringAttribute(path, "encoding-type")
            guard encoding == "categorical" else {
                throw file.error("unsupported column encoding '\(encoding ?? "none")'", object: path,
                                 hint: "condition columns may be categorical, string or numeric")
            }
            return .categorical(codes: try file.readIntegers(path + "/codes"),
                                categories: try categories(path + "/categories"))
        case .dataset?:
            if file.stringAttribute(path, "categories") != nil || hasReferenceAttribute(path, "categories") {
                throw file.error("uses the anndata 0.7 categorical layout (codes with a 'categories' reference), "
                    + "which is not supported", object: path,
                    hint: "re-save the file with a current anndata: adata.write_h5ad(path)")
            }
            return try plainColumn(path)
        case nil:
            throw missingColumn(name)
        }
    }

    private func compoundColumn(_ name: String) throws(DataError) -> ObsColumn {
        let members = try file.compoundMembers("obs") ?? []
        guard let member = members.first(where: { $0.name == name }), name != "index" else { throw missingColumn(name) }
        switch member.typeClass {
        case H5T_STRING:
            return .strings(try file.readCompoundStrings("obs", member: name))
        case H5T_INTEGER where file.kind(of: "uns/\(name)_categories") == .dataset:
            return .categorical(codes: try file.readCompoundIntegers("obs", member: name),
                                categories: try categories("uns/\(name)_categories"))
        case H5T_INTEGER, H5T_FLOAT:
            return .numbers(try file.readCompoundFloats("obs", member: member).map(Double.init))
        default:
            throw file.error("column '\(name)' holds \(HDF5File.className(member.typeClass)), which cannot be a condition",
                             object: "obs", hint: "condition columns may be categorical, string or numeric")
        }
    }

    /// A plain dataset column: strings or numbers.
    private func plainColumn(_ path: String) throws(DataError) -> ObsColumn {
        let typeClass = try file.withDataset(path) { _, type in H5Tget_class(type) }
        switch typeClass {
        case H5T_STRING: return .strings(try file.readStrings(path))
        case H5T_INTEGER, H5T_FLOAT: return .numbers(try file.readFloats(path).values.map(Double.init))
        default:
            throw file.error("holds \(HDF5File.className(typeClass)), which cannot be a condition", object: path,
                             hint: "condition columns may be categorical, string or numeric")
        }
    }

    /// Categories as strings, or numbers when stored as numbers.
    private func categories(_ path: String) throws(DataError) -> [MetadataValue] {
        let typeClass = try file.withDataset(path) { _, type in H5Tget_class(type) }
        if typeClass == H5T_STRING { return try file.readStrings(path).map(MetadataValue.string) }
        return try file.readFloats(path).values.map { .number(Double($0)) }
    }

    private func hasReferenceAttribute(_ object: String, _ name: String) -> Bool {
        H5Aexists_by_name(file.id, object, name, mf_h5p_default()) > 0
    }

    private func missingColumn(_ name: String) -> DataError {
        let available = (try? obsColumnNames()) ?? []
        return file.error("no obs column '\(name)'",
                          hint: available.isEmpty ? "obs has no columns" : "obs columns are \(quotedList(available))")
    }
}
