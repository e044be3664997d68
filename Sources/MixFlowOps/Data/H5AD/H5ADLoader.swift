/// Options of `load "file.h5ad"`.
public struct H5ADOptions: Equatable, Sendable {
    /// obs columns that define the conditions (categorical, string or numeric), one field each.
    /// Empty: all cells are one condition `all`.
    public var conditionColumns: [String] = []
    /// The matrix to load: `X` (dense or sparse), `raw` (raw X), or an obsm key such as `X_pca`.
    public var use: String = "X"
    /// A CSV of descriptors keyed by condition (see `DescriptorTable`); nil: default descriptors
    /// (one-hot over the categories of each string field, numeric fields as values).
    public var descriptorsPath: String?
    /// PCA / [-1, 1] scaling, fitted on all cells here and refitted on the training conditions by
    /// `holdout`; generated points map back through it.
    public var transform = FeatureTransformOptions()

    public init(conditionColumns: [String] = [], use: String = "X", descriptorsPath: String? = nil,
                transform: FeatureTransformOptions = .init()) {
        self.conditionColumns = conditionColumns
        self.use = use
        self.descriptorsPath = descriptorsPath
        self.transform = transform
    }
}

/// Loads an AnnData `.h5ad` file (current encoding or the older compound layout) through
/// libhdf5: points are the rows (cells) of the chosen matrix, conditions come from obs columns.
/// Conditions are ordered by category order (categorical columns) or first appearance, and
/// categories without cells are dropped.
public enum H5ADLoader {
    public static func load(path: String, options: H5ADOptions = .init()) throws(DataError) -> Dataset {
        let loaded = try HDF5File.withLibrary { () throws(DataError) -> LoadedAnnData in
            let file = AnnDataFile(file: try HDF5File(path: path))
            let matrix = try file.matrix(use: options.use)
            let assembled = try assembleConditions(file, columns: options.conditionColumns, cells: matrix.points.rows)
            return LoadedAnnData(points: matrix.points, names: matrix.names, metadata: assembled.0, labels: assembled.1)
        }
        let (points, names, metadata, labels) = (loaded.points, loaded.names, loaded.metadata, loaded.labels)
        let descriptors = try options.descriptorsPath.map { (descriptorPath) throws(DataError) in
            try DescriptorTable.load(path: descriptorPath, conditions: metadata, delimiter: nil)
        } ?? defaultDescriptors(metadata)
        let conditions = zip(metadata, descriptors).map { Condition(metadata: $0.0, descriptor: $0.1) }
        let dataset = try Dataset(name: fileName(path), points: points, conditionOfPoint: labels,
                                  conditions: conditions, featureNames: names)
        return try dataset.applyingTransform(options.transform)
    }

    private struct LoadedAnnData: Sendable {
        var points: Matrix<Float>
        var names: [String]
        var metadata: [[MetadataEntry]]
        var labels: [Int]
    }

    /// The obs columns assembled into conditions, checking each has one value per cell.
    private static func assembleConditions(_ file: AnnDataFile, columns: [String],
                                   cells: Int) throws(DataError) -> ([[MetadataEntry]], [Int]) {
        var assembler = ConditionAssembler(fieldNames: columns)
        var idsPerColumn: [[Int]] = []
        for (position, name) in columns.enumerated() {
            let column = try file.obsColumn(name)
            guard column.count == cells else {
                throw file.file.error("obs column '\(name)' has \(column.count) values but the matrix has \(cells) rows")
            }
            let (values, ids) = try valueIds(column, name: name, file: file.file)
            assembler.setValues(position, values)
            idsPerColumn.append(ids)
        }
        assembler.reserve(points: cells)
        for cell in 0..<cells {
            for position in columns.indices { assembler.rowIds[position] = idsPerColumn[position][cell] }
            assembler.commitRow()
        }
        return assembler.conditions(order: .valueOrder)
    }

    /// The distinct values of a column and each cell's index into them.
    private static func valueIds(_ column: ObsColumn, name: String,
                                 file: HDF5File) throws(DataError) -> ([MetadataValue], [Int]) {
        switch column {
        case let .categorical(codes, categories):
            var ids: [Int] = []
            ids.reserveCapacity(codes.count)
            for (cell, code) in codes.enumerated() {
                guard code >= 0, code < categories.count else {
                    throw file.error(code < 0 ? "cell \(cell) (0-based) has no '\(name)' value (missing category)"
                                              : "cell \(cell) (0-based) has category code \(code), but '\(name)' has \(categories.count) categories",
                                     hint: code < 0 ? "remove cells with missing values, or use another column" : nil)
                }
                ids.append(Int(code))
            }
            return (categories, ids)
        case let .strings(texts):
            return intern(texts.map(MetadataValue.string))
        case let .numbers(numbers):
            if let bad = numbers.firstIndex(where: { !$0.isFinite }) {
                throw file.error("cell \(bad) (0-based) has no '\(name)' value (NaN)")
            }
            return intern(numbers.map(MetadataValue.number))
        }
    }

    private static func intern(_ values: [MetadataValue]) -> ([MetadataValue], [Int]) {
        var index: [MetadataValue: Int] = [:]
        var distinct: [MetadataValue] = []
        let ids = values.map { value -> Int in
            if let known = index[value] { return known }
            index[value] = distinct.count
            distinct.append(value)
            return distinct.count - 1
        }
        return (distinct, ids)
    }
}
