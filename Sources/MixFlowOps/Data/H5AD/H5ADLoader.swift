/// Options of `load "file.h5ad"`.
public struct H5ADOptions: Equatable, Sendable {
    /// obs columns that define the conditions (categorical, string, numeric, boolean or nullable),
    /// one field each. Empty: all cells are one condition `all`.
    public var conditionColumns: [String] = []
    /// The matrix to load: `X` (dense or sparse), `raw` (raw X), or an obsm key such as `X_pca`.
    public var use: String = "X"
    /// A layer (`layers/<name>`, e.g. `counts`) to load instead of `use`.
    public var layer: String?
    /// Genes to keep (X, raw or a layer); nil: all.
    public var features: FeatureSelection?
    /// Drop cells with a missing condition value or a NaN in the matrix, rather than stopping.
    public var dropMissing = false
    /// A CSV of descriptors keyed by condition (see `DescriptorTable`); nil: default descriptors
    /// (one-hot over the categories of each string field, numeric fields as values).
    public var descriptorsPath: String?
    /// PCA / [-1, 1] scaling, fitted on all cells here and refitted on the training conditions by
    /// `holdout`; generated points map back through it.
    public var transform = FeatureTransformOptions()

    public init(conditionColumns: [String] = [], use: String = "X", layer: String? = nil,
                features: FeatureSelection? = nil, dropMissing: Bool = false, descriptorsPath: String? = nil,
                transform: FeatureTransformOptions = .init()) {
        self.conditionColumns = conditionColumns
        self.use = use
        self.layer = layer
        self.features = features
        self.dropMissing = dropMissing
        self.descriptorsPath = descriptorsPath
        self.transform = transform
    }
}

/// Loads an AnnData `.h5ad` file (current encoding or the older compound layout) through
/// libhdf5: points are the rows (cells) of the chosen matrix, conditions come from obs columns,
/// point names from obs_names. Conditions are ordered by category order (categorical columns) or
/// first appearance, and categories without cells are dropped. Duplicate gene names are made
/// unique as anndata does (with a warning in the report).
public enum H5ADLoader {
    public static func load(path: String, options: H5ADOptions = .init()) throws(DataError) -> Dataset {
        try loadWithReport(path: path, options: options).dataset
    }

    public static func loadWithReport(path: String, options: H5ADOptions = .init()) throws(DataError) -> (dataset: Dataset, report: LoadReport) {
        let loaded = try HDF5File.withLibrary(path: path) { () throws(DataError) -> LoadedAnnData in try read(path, options) }
        let descriptors = try options.descriptorsPath.map { (descriptorPath) throws(DataError) in
            try DescriptorTable.load(path: descriptorPath, conditions: loaded.metadata, delimiter: nil)
        } ?? defaultDescriptors(loaded.metadata)
        let conditions = zip(loaded.metadata, descriptors).map { Condition(metadata: $0.0, descriptor: $0.1) }
        let dataset = try Dataset(name: fileName(path), points: loaded.points, conditionOfPoint: loaded.labels,
                                  conditions: conditions, featureNames: loaded.names, pointNames: loaded.cellNames)
        return (try dataset.applyingTransform(options.transform), loaded.report)
    }

    private struct LoadedAnnData: Sendable {
        var points: Matrix<Float>
        var names: [String]
        var cellNames: [String]?
        var metadata: [[MetadataEntry]]
        var labels: [Int]
        var report: LoadReport
    }

    private static func read(_ path: String, _ options: H5ADOptions) throws(DataError) -> LoadedAnnData {
        let file = AnnDataFile(file: try HDF5File(path: path))
        if options.layer != nil, options.use != "X" {
            throw file.file.error("use=\"\(options.use)\" and layer=\"\(options.layer!)\" both name a matrix", hint: "give one")
        }
        if options.features != nil, options.layer == nil, !["X", "raw", "raw.X", "raw/X"].contains(options.use) {
            throw file.file.error("features= picks genes of X, raw or a layer, not of the obsm matrix '\(options.use)'",
                                  hint: "drop features=, or load X with features= and reduce it with pca=")
        }
        var (points, names, varPath) = try file.matrix(use: options.use, layer: options.layer)
        let what = options.layer.map { "layers/" + $0 } ?? options.use
        guard points.rows > 0, points.cols > 0 else {
            throw file.file.error("'\(what)' is \(points.rows)x\(points.cols): a matrix with no \(points.rows == 0 ? "cells" : "features") cannot be loaded")
        }
        var report = LoadReport()
        report.rowWord = "cell"
        if let selection = options.features {
            let columns = try file.selectedColumns(selection, names: names, varPath: varPath, use: options.use)
            points = points.columns(columns)
            names = columns.map { names[$0] }
        }
        let unique = makeNamesUnique(names)
        if !unique.repeated.isEmpty {
            report.warnings.append("\(fileName(path)): gene names repeat (\(quotedList(unique.repeated, limit: 6))); "
                + "made unique as anndata's var_names_make_unique does ('\(unique.repeated[0])', '\(unique.repeated[0])-1', ...)")
        }
        let cellNames = try file.indexNames(of: "obs").flatMap { $0.count == points.rows ? $0 : nil }
        var cells = CellTable(file: file, cells: points.rows, cellNames: cellNames)
        try cells.markNonFinite(points, what: what, names: unique.names, dropping: options.dropMissing)
        let assembled = try cells.conditions(columns: options.conditionColumns, dropping: options.dropMissing)
        let kept = assembled.keptRows
        if kept.count < points.rows {
            points = points.rows(kept)
            report.droppedRows = cells.cells - kept.count
            report.droppedByColumn = cells.missingCounts
        }
        guard !kept.isEmpty else {
            throw file.file.error("every cell has a missing value; nothing is left after drop_na=true")
        }
        return LoadedAnnData(points: points, names: unique.names, cellNames: cellNames.map { names in kept.map { names[$0] } },
                             metadata: assembled.metadata, labels: assembled.labels, report: report)
    }
}
