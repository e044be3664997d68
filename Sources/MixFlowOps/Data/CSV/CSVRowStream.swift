#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One pass over the data rows of a CSV file: condition cells interned, every candidate feature
/// column parsed into row-major storage (see `CSVFeatureColumn` for how a column's type is
/// decided), rows with missing values dropped or reported. Columns that turn out to be text and
/// dropped rows are squeezed out in place at the end, so peak memory stays one matrix of the
/// candidate columns.
struct CSVRowStream {
    let dialect: CSVDialect
    let columns: CSVColumns
    let conditions: [Int]
    let dropMissing: Bool
    private var features: [CSVFeatureColumn]
    /// Row-major values of the candidate columns, `features.count` per kept row.
    private var storage: [Float] = []
    /// Per candidate: its field index, and whether a parsed number can be stored without asking
    /// the column (numbers seen, not text, no numeric missing-value marker).
    private let featureIndex: [Int]
    private var fastPath: [Bool]
    private var assembler: ConditionAssembler
    private var rows = 0
    private var droppedForCondition: [Int]
    private(set) var report = LoadReport()

    init(dialect: CSVDialect, columns: CSVColumns, conditions: [Int], features: [(index: Int, explicit: Bool)],
         dropMissing: Bool) {
        self.dialect = dialect
        self.columns = columns
        self.conditions = conditions
        self.dropMissing = dropMissing
        let reserve = CSVRowStream.estimateRowCount(path: columns.path, firstRow: columns.firstRow, width: features.count)
        self.features = features.map { CSVFeatureColumn(index: $0.index, name: columns.names[$0.index], explicit: $0.explicit) }
        storage.reserveCapacity(reserve * features.count)
        featureIndex = features.map(\.index)
        fastPath = Array(repeating: false, count: features.count)
        assembler = ConditionAssembler(fieldNames: conditions.map { columns.names[$0] })
        assembler.reserve(points: reserve)
        droppedForCondition = Array(repeating: 0, count: conditions.count)
    }

    /// Reads every data row from `reader` (at the file's first record).
    mutating func read(_ reader: CSVRecordReader) throws(DataError) {
        if columns.hasHeader { _ = try reader.nextRecord() }
        let expected = columns.names.count
        rowLoop: while try reader.nextRecord() {
            if storage.count + features.count > storage.capacity || rows & 0xFFFF == 0xFFFF { try checkGrowth(reader) }
            guard reader.fieldCount == expected else { throw CSVRowStream.raggedRow(reader, expected: expected) }
            for (position, column) in conditions.enumerated() where dialect.isMissing(reader.field(column)) {
                guard dropMissing else {
                    let text = reader.fieldString(column)
                    throw DataError("missing value: the condition cell is \(text.trimmed.isEmpty ? "empty" : "'\(text)'")",
                                    path: reader.path, line: reader.recordLine, column: column + 1,
                                    columnName: columns.names[column], hint: "load with drop_na=true to drop rows with missing values")
                }
                droppedForCondition[position] += 1
                continue rowLoop
            }
            for (position, column) in conditions.enumerated() {
                assembler.rowIds[position] = assembler.intern(position, reader.field(column))
            }
            for k in features.indices {
                // Fast path, most cells: a finite number in a column already known to hold numbers.
                if fastPath[k], let value = NumberParsing.parseDouble(reader.field(featureIndex[k])) {
                    let single = Float(value)
                    if single.isFinite {
                        storage.append(single)
                        continue
                    }
                }
                storage.append(try features[k].take(reader, dialect: dialect, row: rows))
                fastPath[k] = !dialect.hasNumericMarker && !features[k].isText && features[k].firstNumber != nil
            }
            assembler.commitRow()
            rows += 1
        }
    }

    /// Refuses to read on when the rows kept so far, grown once more (the storage doubles), would
    /// be over the memory budget: an endless source (a FIFO fed forever, a device) or a file too
    /// large for the machine stops here instead of growing until the system kills mfsh.
    private func checkGrowth(_ reader: CSVRecordReader) throws(DataError) {
        let values = max(storage.capacity * 2, storage.count + features.count)
        let rowsAfter = max(rows * 2, values / max(1, features.count))
        let bytesPerRow = MemoryLayout<Int>.stride * (1 + conditions.count)   // labels and condition ids
        // No overflow: both counts are at most twice an array that exists.
        let total = values * MemoryLayout<Float>.stride + rowsAfter * bytesPerRow
        let request = "load \"\(fileName(reader.path))\" with more than \(rows) rows"
        if let excess = MemoryBudget.excess(request, counts: [total], bytesPerItem: 1) {
            throw DataError(excess.description, path: reader.path, line: reader.recordLine,
                            hint: "a source that never ends (a FIFO, a device) cannot be loaded; save a finite part of it to a file")
        }
    }

    /// The points (kept rows x features), feature names, labels and condition metadata.
    mutating func finish() throws(DataError)
        -> (points: Matrix<Float>, names: [String], labels: [Int], metadata: [[MetadataEntry]]) {
        let chosenColumns = features.indices.filter { features[$0].isFeature }
        let chosen = chosenColumns.map { features[$0] }
        guard !chosen.isEmpty else {
            throw DataError("no numeric feature columns: no column outside the condition columns holds numbers",
                            path: columns.path, hint: "columns are \(quotedList(columns.names)); name them with features=[...]")
        }
        let missing = chosen.filter { !$0.missingRows.isEmpty }
        if !dropMissing, let first = missing.min(by: { ($0.firstMissingLine!, $0.index) < ($1.firstMissingLine!, $1.index) }) {
            let found = first.firstMissingText.isEmpty ? "an empty cell" : "'\(first.firstMissingText)'"
            throw DataError("missing value: expected a number, found \(found)", path: columns.path, line: first.firstMissingLine!,
                            column: first.index + 1, columnName: first.name,
                            hint: "load with drop_na=true to drop rows with missing values")
        }
        var dropped = [Bool](repeating: false, count: rows)
        for column in missing { for row in column.missingRows { dropped[row] = true } }
        let droppedCount = dropped.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard droppedCount < rows else {
            throw DataError(rows == 0 ? "the file has no data rows" : "every row has a missing value; nothing is left after drop_na=true",
                            path: columns.path)
        }
        squeeze(keeping: chosenColumns, dropped: droppedCount > 0 ? dropped : nil)
        let points = Matrix(rows: rows - droppedCount, cols: chosen.count, storage: storage)
        storage = []
        assembler.inferNumberColumns()
        let (metadata, labels) = assembler.conditions(order: .firstAppearance)
        let keptLabels = droppedCount == 0 ? labels : labels.indices.filter { !dropped[$0] }.map { labels[$0] }
        let (keptMetadata, renumbered) = CSVRowStream.withoutEmptyConditions(metadata, keptLabels)
        report.droppedRows = droppedCount + droppedForCondition.reduce(0, +)
        report.droppedByColumn = zip(conditions, droppedForCondition).map { (columns.names[$0.0], $0.1) }
            + chosen.map { ($0.name, $0.missingRows.count) }
        let unique = makeNamesUnique(chosen.map(\.name))
        if !unique.repeated.isEmpty {
            report.warnings.append("\(fileName(columns.path)): feature column names repeat (\(quotedList(unique.repeated, limit: 6))); "
                + "made unique ('\(unique.repeated[0])', '\(unique.repeated[0])-1', ...)")
        }
        return (points, unique.names, renumbered, keptMetadata)
    }

    /// Moves the kept columns of the kept rows to the front of `storage`, in order, and cuts the
    /// rest. Writes never overtake reads (each row shrinks or stays), so it works in place.
    private mutating func squeeze(keeping kept: [Int], dropped: [Bool]?) {
        let width = features.count
        guard kept.count < width || dropped != nil else { return }
        var written = 0
        storage.withUnsafeMutableBufferPointer { values in
            for row in 0..<rows where dropped?[row] != true {
                for column in kept {
                    values[written] = values[row * width + column]
                    written += 1
                }
            }
        }
        storage.removeLast(storage.count - written)
    }

    /// Conditions whose every row was dropped are removed; labels renumbered.
    private static func withoutEmptyConditions(_ metadata: [[MetadataEntry]], _ labels: [Int]) -> ([[MetadataEntry]], [Int]) {
        var used = [Bool](repeating: false, count: metadata.count)
        for label in labels { used[label] = true }
        guard used.contains(false) else { return (metadata, labels) }
        var renumber = [Int](repeating: -1, count: metadata.count)
        var kept: [[MetadataEntry]] = []
        for index in metadata.indices where used[index] {
            renumber[index] = kept.count
            kept.append(metadata[index])
        }
        return (kept, labels.map { renumber[$0] })
    }

    private static func raggedRow(_ reader: CSVRecordReader, expected: Int) -> DataError {
        let line = reader.recordLine
        let count = reader.fieldCount
        let isLast = (try? reader.nextRecord()) == false
        return DataError("this row has \(count) field\(count == 1 ? "" : "s"), expected \(expected) like the first row",
                         path: reader.path, line: line,
                         hint: isLast && count < expected ? "it is the last row: the file may be truncated" : nil)
    }

    /// File size over the first row's length: enough to reserve the storage once for typical
    /// files; capped so the reservation alone stays within a quarter of the memory budget (a
    /// larger file grows past it and meets `checkGrowth`).
    private static func estimateRowCount(path: String, firstRow: [String], width: Int) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        let rowBytes = max(1, firstRow.reduce(firstRow.count) { $0 + $1.utf8.count })
        let estimate = Double(info.st_size) / Double(rowBytes) * 1.05 + 16
        let affordable = Double(MemoryBudget.bytes / 4) / Double(MemoryLayout<Float>.stride * max(1, width) + MemoryLayout<Int>.stride * 2)
        return Int(min(estimate, affordable))
    }
}
