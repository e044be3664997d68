import Foundation

/// CSV output (RFC 4180 fields, `\n` line ends, UTF-8 without a byte-order mark).
///
/// Numbers are written so that reading them back gives exactly the same value: whole numbers as
/// integers ("3"), others in the shortest form that round-trips for their type ("0.1" for the
/// Float 0.1, not "0.10000000149011612"), and "NaN", "Inf", "-Inf" for the special values, which
/// Python, NumPy, pandas and R all read. A field is quoted only when it must be: when it contains
/// the separator, a double quote (doubled inside), a line break, a leading `#` (which would read as a comment line), or leading or trailing whitespace.
public enum CSV {
    /// The whole table as CSV bytes: a header row of column names, then one row per table row.
    /// `delimiter` is a comma for .csv, a tab for .tsv.
    public static func encode(_ table: DataTable, delimiter: UInt8 = UInt8(ascii: ",")) -> Data {
        var writer = CSVWriter(header: table.columnNames, delimiter: delimiter)
        writer.reserve(bytes: table.rowCount * max(table.columns.count, 1) * 10)
        for row in 0..<table.rowCount {
            for (index, column) in table.columns.enumerated() {
                writer.appendField(column.values, row: row, first: index == 0)
            }
            writer.endRow()
        }
        return writer.data
    }

    /// Writes the table to `path` atomically (temporary file, then rename). A missing directory
    /// or a directory without write permission gives a `FileWriteError` naming the path.
    public static func write(_ table: DataTable, to path: String) throws(FileWriteError) {
        let tabs = path.lowercased().hasSuffix(".tsv")
        try AtomicFile.write(encode(table, delimiter: UInt8(ascii: tabs ? "\t" : ",")), to: path)
    }

    /// `text` as one CSV field, quoted only when needed.
    public static func field(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) -> String {
        guard needsQuotes(text, delimiter: delimiter) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func needsQuotes(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) -> Bool {
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
           first.properties.isWhitespace || last.properties.isWhitespace {
            return true
        }
        let separator = Unicode.Scalar(delimiter)
        return text.hasPrefix("#") || text.unicodeScalars.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }
    }

    /// A Double in the shortest text that parses back to the same value.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15, !(value == 0 && value.sign == .minus) {
            return String(Int64(value))
        }
        return value.description
    }

    /// A Float in the shortest text that parses back (as a Float) to the same value.
    public static func number(_ value: Float) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 16_777_216, !(value == 0 && value.sign == .minus) {
            return String(Int32(value))
        }
        return value.description
    }
}

/// Builds CSV bytes row by row, for callers that produce rows one at a time (a history being
/// recorded, a stream of samples) and would rather not build a `DataTable` first.
public struct CSVWriter: Sendable {
    public private(set) var data = Data()
    private var columnCount: Int
    private let delimiter: UInt8

    /// Starts with the header row; fields are separated by `delimiter` (a tab for .tsv).
    public init(header: [String], delimiter: UInt8 = UInt8(ascii: ",")) {
        columnCount = header.count
        self.delimiter = delimiter
        appendRow(header.map(CSVField.text))
    }

    public mutating func reserve(bytes: Int) { data.reserveCapacity(bytes) }

    /// Appends one row, which must have as many fields as the header.
    public mutating func appendRow(_ fields: [CSVField]) {
        precondition(fields.count == columnCount, "CSV row has \(fields.count) fields, the header has \(columnCount)")
        for (index, field) in fields.enumerated() {
            if index > 0 { data.append(delimiter) }
            append(field.text(delimiter: delimiter))
        }
        endRow()
    }

    /// Writes the rows so far to `path` atomically.
    public func write(to path: String) throws(FileWriteError) {
        try AtomicFile.write(data, to: path)
    }

    mutating func appendField(_ values: ColumnValues, row: Int, first: Bool) {
        if !first { data.append(delimiter) }
        switch values {
        case .doubles(let v): append(CSV.number(v[row]))
        case .floats(let v): append(CSV.number(v[row]))
        case .integers(let v): append(String(v[row]))
        case .strings(let v): append(CSV.field(v[row], delimiter: delimiter))
        }
    }

    mutating func endRow() { data.append(UInt8(ascii: "\n")) }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { data.append(contentsOf: $0) }
    }
}

/// One value of a CSV row.
public enum CSVField: Sendable, Equatable {
    case number(Double)
    case float(Float)
    case integer(Int)
    case text(String)

    var text: String { text(delimiter: UInt8(ascii: ",")) }

    func text(delimiter: UInt8) -> String {
        switch self {
        case .number(let v): CSV.number(v)
        case .float(let v): CSV.number(v)
        case .integer(let v): String(v)
        case .text(let v): CSV.field(v, delimiter: delimiter)
        }
    }
}
