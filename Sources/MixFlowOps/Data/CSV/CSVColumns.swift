/// The column layout of a CSV file: names (from the header, or `column1`, `column2`, ... when there
/// is none) and the first data row, read before streaming the rest.
struct CSVColumns {
    var names: [String]
    var hasHeader: Bool
    /// The first data row as text (to estimate the row count).
    var firstRow: [String]
    var firstRowLine: Int
    let path: String

    /// Reads up to two records through a replayable `reader` and decides whether the first is a
    /// header, then rewinds the reader for the data pass. With `header == nil` the first record is
    /// a header when it contains a requested column name, or when some column holds text in the
    /// first record and a number in the second, or when the file has a single record of which no
    /// field is a number.
    static func read(reader: CSVRecordReader, header: Bool?, requested: [String]) throws(DataError) -> CSVColumns {
        defer { reader.rewind() }
        let path = reader.path
        guard try reader.nextRecord() else {
            throw DataError("the file is empty", path: path, hint: "expected a header line and data rows")
        }
        let first = (0..<reader.fieldCount).map(reader.fieldString)
        let firstLine = reader.recordLine
        let second: [String]? = try reader.nextRecord() ? (0..<reader.fieldCount).map(reader.fieldString) : nil
        let secondLine = reader.recordLine
        let isHeader = header ?? looksLikeHeader(first, second, requested: requested)
        guard isHeader else {
            return CSVColumns(names: (1...first.count).map { "column\($0)" }, hasHeader: false,
                              firstRow: first, firstRowLine: firstLine, path: path)
        }
        guard let second else {
            throw DataError("the file has a header but no data rows", path: path, line: firstLine + 1)
        }
        let names = first.enumerated().map { $0.element.trimmed.isEmpty ? "column\($0.offset + 1)" : $0.element.trimmed }
        return CSVColumns(names: names, hasHeader: true, firstRow: second, firstRowLine: secondLine, path: path)
    }

    private static func looksLikeHeader(_ first: [String], _ second: [String]?, requested: [String]) -> Bool {
        let trimmed = first.map(\.trimmed)
        let isNumber = { (text: String) in NumberParsing.parseDouble(text) != nil }
        // A requested name in the first row marks a header; numbers are positions, not names.
        if requested.contains(where: { !isNumber($0) && trimmed.contains($0) }) { return true }
        guard let second else { return !first.contains(where: isNumber) }
        return zip(first, second).contains { !isNumber($0.0) && isNumber($0.1) }
    }

    /// The index of the column called `name`: a header name, `columnN`, or a 1-based number N.
    func index(of name: String, role: String) throws(DataError) -> Int {
        let matches = names.indices.filter { names[$0] == name }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw DataError("\(role) column '\(name)' is ambiguous: the header has it \(matches.count) times "
                + "(columns \(matches.map { String($0 + 1) }.joined(separator: ", ")))", path: path, line: 1,
                hint: "refer to it by its position, e.g. \"\(matches[0] + 1)\"")
        }
        let digits = name.hasPrefix("column") ? String(name.dropFirst(6)) : name
        if let number = Int(digits), number >= 1, number <= names.count { return number - 1 }
        throw DataError("no \(role) column '\(name)' in this file", path: path,
                        hint: "columns are \(quotedList(names))")
    }
}

extension String {
    var trimmed: String {
        var text = Substring(self)
        while let c = text.first, c == " " || c == "\t" { text.removeFirst() }
        while let c = text.last, c == " " || c == "\t" { text.removeLast() }
        return String(text)
    }
}
