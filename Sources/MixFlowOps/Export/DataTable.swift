/// The values of one table column, all of one type.
public enum ColumnValues: Sendable, Equatable {
    case doubles([Double])
    case floats([Float])
    case integers([Int])
    case strings([String])

    public var count: Int {
        switch self {
        case .doubles(let v): v.count
        case .floats(let v): v.count
        case .integers(let v): v.count
        case .strings(let v): v.count
        }
    }

    /// True for the numeric kinds (drawn right-aligned in HTML tables).
    public var isNumeric: Bool {
        if case .strings = self { return false }
        return true
    }
}

/// A named column.
public struct TableColumn: Sendable, Equatable {
    public var name: String
    public var values: ColumnValues

    public init(_ name: String, _ values: ColumnValues) {
        self.name = name
        self.values = values
    }
}

/// Why a table could not be built.
public enum TableError: Error, Equatable, Sendable, CustomStringConvertible {
    case columnLengthMismatch(column: String, count: Int, expected: Int, firstColumn: String)
    case featureNameCount(names: Int, columns: Int)

    public var description: String {
        switch self {
        case let .columnLengthMismatch(column, count, expected, first):
            return "table column '\(column)' has \(count) values but column '\(first)' has \(expected); all columns need the same length"
        case let .featureNameCount(names, columns):
            return "\(names) feature names given for a matrix with \(columns) columns; give one name per column"
        }
    }
}

/// A table held by columns: points with their condition columns, metric tables, training
/// histories. Every column has `rowCount` values. Written as CSV by `CSV`, shown as an HTML table
/// in notebooks.
public struct DataTable: Sendable, Equatable {
    public private(set) var columns: [TableColumn]
    public let rowCount: Int

    /// Fails when the columns differ in length.
    public init(columns: [TableColumn]) throws(TableError) {
        let expected = columns.first?.values.count ?? 0
        for column in columns where column.values.count != expected {
            throw .columnLengthMismatch(column: column.name, count: column.values.count, expected: expected,
                                        firstColumn: columns[0].name)
        }
        self.columns = columns
        self.rowCount = expected
    }

    public var columnNames: [String] { columns.map(\.name) }

    /// Points as a table: the `leading` columns (conditions, say) followed by one column per
    /// matrix column, named `featureNames` or x1, x2, …
    public static func points<T: MatrixScalar>(_ matrix: Matrix<T>, featureNames: [String]? = nil,
                                              leading: [TableColumn] = []) throws(TableError) -> DataTable {
        let names = featureNames ?? (0..<matrix.cols).map { "x\($0 + 1)" }
        guard names.count == matrix.cols else { throw .featureNameCount(names: names.count, columns: matrix.cols) }
        var columns = leading
        for c in 0..<matrix.cols {
            let values = (0..<matrix.rows).map { matrix[$0, c] }
            if let floats = values as? [Float] {
                columns.append(TableColumn(names[c], .floats(floats)))
            } else {
                columns.append(TableColumn(names[c], .doubles(values.map { Double($0) })))
            }
        }
        return try DataTable(columns: columns)
    }
}
