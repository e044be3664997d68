/// What is known of one candidate feature column while the file streams (its values go to the
/// row-major storage of `CSVRowStream`), because a column's type is decided over all its cells,
/// not the first row: a column
/// is numeric when every cell is a number or a missing-value marker (and at least one is a
/// number), text when no cell is a number. A column mixing both is an error naming both cells,
/// since dropping it or reading it would silently change the data.
struct CSVFeatureColumn {
    let index: Int
    let name: String
    /// Named in `features=`: every cell must be a number or missing.
    let explicit: Bool
    /// Ordinals of the kept rows where this column's cell is missing.
    var missingRows: [Int] = []
    var firstMissingLine: Int?
    var firstMissingText = ""
    var firstNumber: (line: Int, text: String)?
    var firstText: (line: Int, text: String)?

    init(index: Int, name: String, explicit: Bool) {
        self.index = index
        self.name = name
        self.explicit = explicit
    }

    var isText: Bool { firstText != nil }
    /// Whether the column ends up a feature: named, or numbers (with missing values) throughout.
    var isFeature: Bool { explicit || (firstText == nil && firstNumber != nil) }

    /// The value of this column's cell in data row `row` (an ordinal among kept rows) of
    /// `reader`: the number, or NaN for a missing cell or a cell of a text column.
    mutating func take(_ reader: CSVRecordReader, dialect: CSVDialect, row: Int) throws(DataError) -> Float {
        let bytes = reader.field(index)
        if isText {
            // Only to catch a number after text: then the column is mixed.
            if NumberParsing.parseDouble(bytes) != nil, !dialect.isMissing(bytes) {
                throw mixed(reader, numberLine: reader.recordLine, numberText: reader.fieldString(index))
            }
            return .nan
        }
        // Numbers first (the common case) unless a missing-value marker is itself a number.
        if !dialect.hasNumericMarker, let value = NumberParsing.parseDouble(bytes) {
            return try number(value, reader)
        }
        if dialect.isMissing(bytes) {
            missingRows.append(row)
            if firstMissingLine == nil {
                firstMissingLine = reader.recordLine
                firstMissingText = reader.fieldString(index).trimmed
            }
            return .nan
        }
        if dialect.hasNumericMarker, let value = NumberParsing.parseDouble(bytes) {
            return try number(value, reader)
        }
        let text = reader.fieldString(index)
        if explicit {
            throw DataError("expected a number, found '\(CSVFeatureColumn.shown(text))'", path: reader.path,
                            line: reader.recordLine, column: index + 1, columnName: name,
                            hint: "if it marks a missing value, list it in na=[...]")
        }
        if let number = firstNumber {
            throw DataError("expected a number, found '\(CSVFeatureColumn.shown(text))'", path: reader.path,
                            line: reader.recordLine, column: index + 1, columnName: name,
                            hint: "the column holds numbers from line \(number.line); if '\(CSVFeatureColumn.shown(text))' marks a "
                                + "missing value, list it in na=[...]; to ignore this column, list the feature columns with features=[...]")
        }
        firstText = (reader.recordLine, text)
        missingRows = []
        return .nan
    }

    private mutating func number(_ value: Double, _ reader: CSVRecordReader) throws(DataError) -> Float {
        let single = Float(value)
        guard single.isFinite else {
            throw DataError("\(reader.fieldString(index)) is too large for a 32-bit float (at most about 3.4e38)",
                            path: reader.path, line: reader.recordLine, column: index + 1, columnName: name)
        }
        if firstNumber == nil { firstNumber = (reader.recordLine, reader.fieldString(index)) }
        return single
    }

    private func mixed(_ reader: CSVRecordReader, numberLine: Int, numberText: String) -> DataError {
        let text = firstText!
        return DataError("column '\(name)' mixes text (line \(text.line): '\(CSVFeatureColumn.shown(text.text))') and numbers: "
            + "found '\(CSVFeatureColumn.shown(numberText))'", path: reader.path, line: numberLine, column: index + 1,
            columnName: name, hint: "name the feature columns with features=[...] (text columns such as ids are then ignored)")
    }

    static func shown(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
