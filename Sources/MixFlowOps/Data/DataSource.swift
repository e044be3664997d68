/// What `load "name"` refers to: a built-in generator or a file, told apart by name and extension.
public enum DataSource: Equatable, Sendable {
    case letters
    case toy(ToyKind)
    /// A delimited text file (`.csv`, `.tsv`, `.txt`).
    case csv(path: String)
    /// An AnnData file (`.h5ad`).
    case h5ad(path: String)

    /// Names of the built-in generators.
    public static let builtinNames = ["letters"] + ToyKind.allCases.map(\.rawValue)

    /// Resolves `name`: a built-in name exactly, otherwise a path by its extension (case-insensitive).
    public init(_ name: String) throws(DataError) {
        if name == "letters" { self = .letters; return }
        if let kind = ToyKind(rawValue: name) { self = .toy(kind); return }
        let lower = name.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") {
            self = .csv(path: name)
        } else if lower.hasSuffix(".h5ad") {
            self = .h5ad(path: name)
        } else {
            throw DataError("unknown data source '\(name)'",
                            hint: "expected \(quotedList(DataSource.builtinNames)), or a .csv, .tsv or .h5ad file")
        }
    }
}
