import CHDF5

/// One `obs` column, read for use as a condition field.
enum ObsColumn {
    /// Category codes per cell (-1 = missing) and the categories they index (nil: a category
    /// that is itself missing, such as a NaN among numeric categories).
    case categorical(codes: [Int64], categories: [MetadataValue?])
    /// One value per cell; nil where the cell has none (NaN, or masked in a nullable column).
    case values([MetadataValue?])

    var count: Int {
        switch self {
        case let .categorical(codes, _): return codes.count
        case let .values(values): return values.count
        }
    }
}

/// Reading `obs` columns in both layouts.
///
/// - Current encoding: `obs` is a group; a categorical column is a group with `encoding-type`
///   `categorical`, `codes` and `categories` datasets; `nullable-integer`, `nullable-boolean` and
///   `nullable-string-array` columns are groups of `values` and a `mask` (true = missing); string,
///   numeric and boolean columns are datasets.
/// - Older layout: `obs` is a compound dataset with one member per column; a categorical column is
///   an integer member whose categories are in `uns/<column>_categories`.
///
/// Numbers keep their stored type (see `readNumberValues`); NaN is a missing value.
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
            switch encoding {
            case "categorical":
                return .categorical(codes: try file.readIntegers(path + "/codes"),
                                    categories: try categories(path + "/categories"))
            case "nullable-integer", "nullable-boolean", "nullable-string-array":
                return .values(try maskedValues(path))
            default:
                throw file.error("unsupported column encoding '\(encoding ?? "none")'", object: path,
                                 hint: "condition columns may be categorical, string, numeric, boolean or nullable")
            }
        case .dataset?:
            if file.stringAttribute(path, "categories") != nil || hasReferenceAttribute(path, "categories") {
                throw file.error("uses the anndata 0.7 categorical layout (codes with a 'categories' reference), "
                    + "which is not supported", object: path,
                    hint: "re-save the file with a current anndata: adata.write_h5ad(path)")
            }
            return .values(try file.readNumberValues(path).map(present))
        case nil:
            throw missingColumn(name)
        }
    }

    /// A nullable column: `values` with `mask` (true where the cell has no value).
    private func maskedValues(_ path: String) throws(DataError) -> [MetadataValue?] {
        let values = try file.readNumberValues(path + "/values")
        guard file.kind(of: path + "/mask") == .dataset else { return values.map(present) }
        let mask = try file.readBooleans(path + "/mask")
        guard mask.count == values.count else {
            throw file.error("mask has \(mask.count) entries but values has \(values.count)", object: path)
        }
        return zip(values, mask).map { $0.1 ? nil : present($0.0) }
    }

    private func compoundColumn(_ name: String) throws(DataError) -> ObsColumn {
        let members = try file.compoundMembers("obs") ?? []
        guard let member = members.first(where: { $0.name == name }), name != "index" else { throw missingColumn(name) }
        switch member.typeClass {
        case H5T_STRING:
            return .values(try file.readCompoundStrings("obs", member: name).map { .string($0) })
        case H5T_INTEGER where file.kind(of: "uns/\(name)_categories") == .dataset:
            return .categorical(codes: try file.readCompoundIntegers("obs", member: name),
                                categories: try categories("uns/\(name)_categories"))
        case H5T_INTEGER:
            return .values(try file.readCompoundIntegers("obs", member: name).map { .number(Double($0)) })
        case H5T_FLOAT:
            return .values(try file.readCompoundFloats("obs", member: member).map { present(.number(shownDouble($0))) })
        default:
            throw file.error("column '\(name)' holds \(HDF5File.className(member.typeClass)), which cannot be a condition",
                             object: "obs", hint: "condition columns may be categorical, string, numeric or boolean")
        }
    }

    /// Categories as strings, numbers or booleans; a NaN category is missing.
    private func categories(_ path: String) throws(DataError) -> [MetadataValue?] {
        try file.readNumberValues(path).map(present)
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

/// The value, or nil for a number that is not finite (NaN marks a missing number in pandas).
private func present(_ value: MetadataValue) -> MetadataValue? {
    if case let .number(number) = value, !number.isFinite { return nil }
    return value
}
