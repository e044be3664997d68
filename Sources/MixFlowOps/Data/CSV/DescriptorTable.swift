/// Descriptors from a CSV keyed by condition (`descriptors="d.csv"`).
///
/// Layout: one row per condition. When the header names every condition field (e.g.
/// `letter,angle,d1,d2,...`) those columns are the key and are matched against each condition's
/// field values; otherwise the first column is the key and is matched against condition names
/// (`A@90`, or the value itself for a single field). All other columns are the descriptor values,
/// in file order, and must be numbers. Every condition of the data needs exactly one row; rows for
/// conditions that are not in the data are ignored.
enum DescriptorTable {
    static func load(path: String, conditions: [[MetadataEntry]], delimiter: Character?) throws(DataError) -> [[Float]] {
        let rows = try readAll(path: path, delimiter: delimiter)
        let layout = try Layout(rows: rows, fieldNames: conditions.first?.map(\.field) ?? [], path: path)
        var found = [Int?](repeating: nil, count: conditions.count)
        var descriptors = [[Float]](repeating: [], count: conditions.count)
        for row in rows.dropFirst(layout.hasHeader ? 1 : 0) {
            guard row.fields.count == layout.names.count else {
                throw DataError("this row has \(row.fields.count) fields, expected \(layout.names.count)", path: path, line: row.line)
            }
            let key = layout.keyColumns.map { MetadataValue.string(row.fields[$0].trimmed) }
            guard let condition = conditions.firstIndex(where: { keyMatches(key, $0, byFields: layout.keyedByFields) }) else {
                continue
            }
            if let earlier = found[condition] {
                throw DataError("a second descriptor row for condition '\(conditionName(conditions[condition].map(\.value)))'",
                                path: path, line: row.line, hint: "the first is on line \(earlier)")
            }
            found[condition] = row.line
            descriptors[condition] = try layout.values(of: row, path: path)
        }
        let missing = conditions.indices.filter { found[$0] == nil }.map { conditionName(conditions[$0].map(\.value)) }
        guard missing.isEmpty else {
            throw DataError("no descriptor row for \(missing.count) condition\(missing.count == 1 ? "" : "s"): \(quotedList(missing))",
                            path: path, hint: "key rows by \(layout.keyedByFields ? quotedList(layout.fieldNames) : "condition name in the first column")")
        }
        return descriptors
    }

    /// Which columns are keys and which are values, and whether there is a header.
    private struct Layout {
        let fieldNames: [String]
        let keyedByFields: Bool
        let hasHeader: Bool
        let names: [String]
        let keyColumns: [Int]
        let valueColumns: [Int]

        init(rows: [(fields: [String], line: Int)], fieldNames: [String], path: String) throws(DataError) {
            guard let first = rows.first else {
                throw DataError("the descriptor file is empty", path: path, hint: "expected one row per condition")
            }
            let header = first.fields.map(\.trimmed)
            self.fieldNames = fieldNames
            keyedByFields = !fieldNames.isEmpty && fieldNames.allSatisfy(header.contains)
            hasHeader = keyedByFields || DescriptorTable.looksLikeHeader(first.fields, rows.dropFirst().first?.fields)
            names = hasHeader ? header : (1...header.count).map { "column\($0)" }
            keyColumns = keyedByFields ? fieldNames.map { header.firstIndex(of: $0)! } : [0]
            valueColumns = names.indices.filter { [keyColumns] in !keyColumns.contains($0) }
            guard !valueColumns.isEmpty else {
                throw DataError("the descriptor file has no value columns besides the key", path: path, line: first.line)
            }
        }

        /// The descriptor values of a row, every one a number.
        func values(of row: (fields: [String], line: Int), path: String) throws(DataError) -> [Float] {
            try valueColumns.map { (column) throws(DataError) in
                guard let value = NumberParsing.parseDouble(row.fields[column]) else {
                    throw DataError("expected a number, found '\(row.fields[column])'", path: path, line: row.line,
                                    column: column + 1, columnName: names[column])
                }
                return Float(value)
            }
        }
    }

    private static func keyMatches(_ key: [MetadataValue], _ condition: [MetadataEntry], byFields: Bool) -> Bool {
        if byFields {
            return zip(condition, key).allSatisfy { $0.0.value.matches($0.1) }
        }
        if condition.count == 1 { return condition[0].value.matches(key[0]) }
        return key[0] == .string(conditionName(condition.map(\.value)))
    }

    fileprivate static func looksLikeHeader(_ first: [String], _ second: [String]?) -> Bool {
        let isNumber = { (text: String) in NumberParsing.parseDouble(text) != nil }
        guard let second else { return false }
        return zip(first, second).dropFirst().contains { !isNumber($0.0) && isNumber($0.1) }
    }

    private static func readAll(path: String, delimiter: Character?) throws(DataError) -> [(fields: [String], line: Int)] {
        // One open: the separator is sniffed through the reader itself, as the main loader does,
        // so a FIFO or device is read once, from its start.
        let reader = try CSVRecordReader(path: path, delimiter: 0x2C, chunkSize: 1 << 16, replayable: true)
        _ = try CSVDialect(reader: reader, delimiter: delimiter, missing: [])
        reader.rewind()
        var rows: [(fields: [String], line: Int)] = []
        while try reader.nextRecord() {
            rows.append(((0..<reader.fieldCount).map(reader.fieldString), reader.recordLine))
        }
        return rows
    }
}
