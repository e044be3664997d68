import MixFlowOps

/// A domain value that `save x "file.csv"` writes as a table: point sets (features plus
/// condition columns), metric tables (a row per condition and the mean), and, once they exist,
/// training histories (a row per recorded step).
///
/// A history value plugs in with one method:
///
///     extension HistoryValue: TableExportable {
///         func exportTable(options: TableExportOptions) throws -> DataTable { history.table }
///     }
public protocol TableExportable: DomainObject {
    /// The value as named columns of equal length.
    func exportTable(options: TableExportOptions) throws -> DataTable
}

/// Choices `save` passes on to `exportTable`.
public struct TableExportOptions: Sendable, Equatable {
    /// Coordinates for point sets loaded with `pca=` or `scale=true`.
    public enum Space: String, Sendable, CaseIterable {
        /// The source features (the transform inverted), e.g. genes.
        case source
        /// The coordinates the models work in (principal components, scaled).
        case model
    }

    public var space: Space

    public init(space: Space = .source) {
        self.space = space
    }
}

/// A domain value that `save` writes in its own file format rather than as CSV, e.g. a model
/// checkpoint (`save model "m.mfm"`). `save` tries this before `TableExportable`.
public protocol FileSavable: DomainObject {
    /// File extensions (lower case, without the dot) this value is saved as, e.g. ["mfm"].
    var savedFileExtensions: [String] { get }

    /// Writes the value to `path` (atomically) and returns a short note of what was written,
    /// e.g. "model checkpoint, 3 networks, 120k parameters".
    func save(to path: String) throws -> String
}
