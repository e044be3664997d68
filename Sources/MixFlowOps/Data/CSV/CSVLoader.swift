#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options of `load "file.csv"`.
public struct CSVOptions: Equatable, Sendable {
    /// Columns whose values name a point's condition (one field each, in this order). Empty: the
    /// whole file is one condition `all`.
    public var conditionColumns: [String] = []
    /// Feature columns; nil: every column holding numbers throughout (missing values allowed),
    /// except condition columns (text columns, e.g. ids, are ignored).
    public var featureColumns: [String]?
    /// A second CSV with one row of descriptor values per condition (see `DescriptorTable`); nil:
    /// default descriptors (number fields as values, string fields one-hot).
    public var descriptorsPath: String?
    /// Whether the first line is a header; nil: detect.
    public var header: Bool?
    /// Field separator; nil: sniffed from the first line among `,` `;` and tab (when it has none
    /// of them: tab for `.tsv` files, comma otherwise).
    public var delimiter: Character?
    /// Cell texts that mark a missing value (compared after trimming spaces).
    public var missingValues: [String] = CSVOptions.defaultMissingValues
    /// Drop rows with a missing value in a condition or feature column, rather than stopping.
    public var dropMissing = false
    /// PCA / [-1, 1] scaling of the features, fitted on all conditions (refitted on the training
    /// conditions by `holdout`).
    public var transform = FeatureTransformOptions()

    public static let defaultMissingValues = ["", "NA", "NaN", "nan"]

    public init(conditionColumns: [String] = [], featureColumns: [String]? = nil, descriptorsPath: String? = nil,
                header: Bool? = nil, delimiter: Character? = nil, missingValues: [String] = CSVOptions.defaultMissingValues,
                dropMissing: Bool = false, transform: FeatureTransformOptions = .init()) {
        self.conditionColumns = conditionColumns
        self.featureColumns = featureColumns
        self.descriptorsPath = descriptorsPath
        self.header = header
        self.delimiter = delimiter
        self.missingValues = missingValues
        self.dropMissing = dropMissing
        self.transform = transform
    }
}

/// Loads point clouds from a CSV file, streaming it in chunks: one row per point, feature columns
/// parsed straight from the bytes, condition columns interned. Peak memory is about twice the
/// matrix (collected by column, then laid out by row) plus one 4 MiB chunk, never the text. A UTF-8
/// byte-order mark and `#` comment lines are skipped. Any bad cell (non-numeric in a feature
/// column, a missing value without `drop_na`, a row with the wrong number of fields, an
/// unterminated quote) stops the load with an error naming the file, line, column number and
/// column name.
public enum CSVLoader {
    public static func load(path: String, options: CSVOptions = .init()) throws(DataError) -> Dataset {
        try loadWithReport(path: path, options: options).dataset
    }

    public static func loadWithReport(path: String, options: CSVOptions = .init()) throws(DataError) -> (dataset: Dataset, report: LoadReport) {
        // One reader, one open: a FIFO or device cannot be opened again to start over.
        let reader = try CSVRecordReader(path: path, delimiter: 0x2C, replayable: true)
        let dialect = try CSVDialect(reader: reader, delimiter: options.delimiter, missing: options.missingValues)
        let requested = options.conditionColumns + (options.featureColumns ?? [])
        let columns = try CSVColumns.read(reader: reader, header: options.header, requested: requested)
        let conditionIndices = try options.conditionColumns.map { (name) throws(DataError) in
            try columns.index(of: name, role: "condition")
        }
        let candidates = try featureCandidates(options, columns: columns, conditions: conditionIndices)
        var stream = CSVRowStream(dialect: dialect, columns: columns, conditions: conditionIndices,
                                  features: candidates, dropMissing: options.dropMissing)
        try stream.read(reader)
        let (points, featureNames, labels, metadata) = try stream.finish()
        let descriptors = try options.descriptorsPath.map { (descriptorPath) throws(DataError) in
            try DescriptorTable.load(path: descriptorPath, conditions: metadata, delimiter: nil)
        } ?? defaultDescriptors(metadata)
        let conditions = zip(metadata, descriptors).map { Condition(metadata: $0.0, descriptor: $0.1) }
        let dataset = try Dataset(name: fileName(path), points: points, conditionOfPoint: labels,
                                  conditions: conditions, featureNames: featureNames)
        return (try dataset.applyingTransform(options.transform), stream.report)
    }

    /// The columns that may be features: those named in `features=`, or every column that is not
    /// a condition (the whole column then decides).
    private static func featureCandidates(_ options: CSVOptions, columns: CSVColumns,
                                          conditions: [Int]) throws(DataError) -> [(index: Int, explicit: Bool)] {
        guard let names = options.featureColumns else {
            return columns.names.indices.filter { !conditions.contains($0) }.map { ($0, false) }
        }
        guard !names.isEmpty else { throw DataError("features=[] names no columns", path: columns.path) }
        var indices: [Int] = []
        for name in names {
            let index = try columns.index(of: name, role: "feature")
            guard !conditions.contains(index) else {
                throw DataError("column '\(name)' cannot be both a condition and a feature", path: columns.path)
            }
            guard !indices.contains(index) else {
                throw DataError("feature column '\(name)' is listed twice", path: columns.path)
            }
            indices.append(index)
        }
        return indices.map { ($0, true) }
    }
}

/// The last path component, for dataset names.
func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
