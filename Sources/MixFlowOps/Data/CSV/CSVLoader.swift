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
    /// Feature columns; nil: every column whose first data value is a number, except condition
    /// columns (other text columns, e.g. ids, are ignored).
    public var featureColumns: [String]?
    /// A second CSV with one row of descriptor values per condition (see `DescriptorTable`); nil:
    /// default descriptors (number fields as values, string fields one-hot).
    public var descriptorsPath: String?
    /// Whether the first line is a header; nil: detect.
    public var header: Bool?
    /// Field separator; nil: tab for `.tsv` files, comma otherwise.
    public var delimiter: Character?
    /// PCA / [-1, 1] scaling of the features, fitted on all conditions (refitted on the training
    /// conditions by `holdout`).
    public var transform = FeatureTransformOptions()

    public init(conditionColumns: [String] = [], featureColumns: [String]? = nil, descriptorsPath: String? = nil,
                header: Bool? = nil, delimiter: Character? = nil, transform: FeatureTransformOptions = .init()) {
        self.conditionColumns = conditionColumns
        self.featureColumns = featureColumns
        self.descriptorsPath = descriptorsPath
        self.header = header
        self.delimiter = delimiter
        self.transform = transform
    }
}

/// Loads point clouds from a CSV file, streaming it in chunks: one row per point, feature columns
/// parsed straight from the bytes into the n x D matrix, condition columns interned. Peak memory is
/// the matrix plus one 4 MiB chunk, never the text. Any bad cell (missing, non-numeric, a row with
/// the wrong number of fields, an unterminated quote) stops the load with an error naming the
/// file, line, column number and column name.
public enum CSVLoader {
    public static func load(path: String, options: CSVOptions = .init()) throws(DataError) -> Dataset {
        let delimiter = try delimiterByte(options.delimiter, path: path)
        let requested = options.conditionColumns + (options.featureColumns ?? [])
        let columns = try CSVColumns.read(path: path, delimiter: delimiter, header: options.header, requested: requested)
        let conditionIndices = try options.conditionColumns.map { (name) throws(DataError) in
            try columns.index(of: name, role: "condition")
        }
        let featureIndices = try featureColumns(options, columns: columns, conditions: conditionIndices)
        var assembler = ConditionAssembler(fieldNames: conditionIndices.map { columns.names[$0] })
        let storage = try streamRows(path: path, delimiter: delimiter, columns: columns,
                                     features: featureIndices, conditions: conditionIndices, into: &assembler)
        assembler.inferNumberColumns()
        let (metadata, labels) = assembler.conditions(order: .firstAppearance)
        let descriptors = try options.descriptorsPath.map { (descriptorPath) throws(DataError) in
            try DescriptorTable.load(path: descriptorPath, conditions: metadata, delimiter: nil)
        } ?? defaultDescriptors(metadata)
        let conditions = zip(metadata, descriptors).map { Condition(metadata: $0.0, descriptor: $0.1) }
        let points = Matrix(rows: labels.count, cols: featureIndices.count, storage: storage)
        let dataset = try Dataset(name: fileName(path), points: points, conditionOfPoint: labels,
                                  conditions: conditions, featureNames: featureIndices.map { columns.names[$0] })
        return try dataset.applyingTransform(options.transform)
    }

    private static func featureColumns(_ options: CSVOptions, columns: CSVColumns,
                                       conditions: [Int]) throws(DataError) -> [Int] {
        guard let names = options.featureColumns else {
            let numeric = columns.numericColumns(excluding: conditions)
            guard !numeric.isEmpty else {
                throw DataError("no numeric feature columns: the first data row has no number outside the condition columns",
                                path: columns.path, line: columns.firstRowLine,
                                hint: "columns are \(quotedList(columns.names)); name them with features=[...]")
            }
            return numeric
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
        return indices
    }

    /// Reads every data row: features into the returned row-major storage, condition values into
    /// `assembler`.
    private static func streamRows(path: String, delimiter: UInt8, columns: CSVColumns, features: [Int],
                                   conditions: [Int], into assembler: inout ConditionAssembler) throws(DataError) -> [Float] {
        let reader = try CSVRecordReader(path: path, delimiter: delimiter)
        if columns.hasHeader { _ = try reader.nextRecord() }
        let estimatedRows = estimateRowCount(path: path, firstRow: columns.firstRow)
        var storage: [Float] = []
        storage.reserveCapacity(estimatedRows * features.count)
        assembler.reserve(points: estimatedRows)
        let expected = columns.names.count
        while try reader.nextRecord() {
            guard reader.fieldCount == expected else {
                throw raggedRow(reader, expected: expected)
            }
            for column in features {
                guard let value = NumberParsing.parseDouble(reader.field(column)) else {
                    throw badCell(reader, column: column, name: columns.names[column], expectNumber: true)
                }
                storage.append(Float(value))
            }
            for (position, column) in conditions.enumerated() {
                let bytes = reader.field(column)
                guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else {
                    throw badCell(reader, column: column, name: columns.names[column], expectNumber: false)
                }
                assembler.rowIds[position] = assembler.intern(position, bytes)
            }
            assembler.commitRow()
        }
        return storage
    }

    private static func raggedRow(_ reader: CSVRecordReader, expected: Int) -> DataError {
        let line = reader.recordLine
        let count = reader.fieldCount
        let isLast = (try? reader.nextRecord()) == false
        return DataError("this row has \(count) field\(count == 1 ? "" : "s"), expected \(expected) like the first row",
                         path: reader.path, line: line,
                         hint: isLast && count < expected ? "it is the last row: the file may be truncated" : nil)
    }

    private static func badCell(_ reader: CSVRecordReader, column: Int, name: String, expectNumber: Bool) -> DataError {
        let text = reader.fieldString(column)
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let message: String
        if text.trimmed.isEmpty {
            message = expectNumber ? "missing value: expected a number, found an empty cell"
                                   : "missing value: the condition cell is empty"
        } else {
            message = "expected a number, found '\(shown)'"
        }
        return DataError(message, path: reader.path, line: reader.recordLine, column: column + 1, columnName: name,
                         hint: expectNumber && !text.trimmed.isEmpty
                            ? "to ignore this column, list the feature columns with features=[...]" : nil)
    }

    private static func delimiterByte(_ delimiter: Character?, path: String) throws(DataError) -> UInt8 {
        guard let delimiter else { return path.lowercased().hasSuffix(".tsv") ? 0x09 : 0x2C }
        guard let byte = delimiter.asciiValue, byte != 0x22, byte != 0x0A, byte != 0x0D else {
            throw DataError("the delimiter must be one ASCII character other than a quote or line break, got '\(delimiter)'")
        }
        return byte
    }

    /// File size over the first row's length: enough to reserve the matrix once for typical files.
    private static func estimateRowCount(path: String, firstRow: [String]) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        let rowBytes = max(1, firstRow.reduce(firstRow.count) { $0 + $1.utf8.count })
        return Int(Double(info.st_size) / Double(rowBytes) * 1.05) + 16
    }
}

/// The last path component, for dataset names.
func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
