/// The cells of a file being loaded: which ones lack a value they need (a condition, or a finite
/// number in the matrix), and the conditions of those that are kept.
struct CellTable {
    let file: AnnDataFile
    let cells: Int
    let cellNames: [String]?
    /// Per cell, whether it is dropped (only ever set when dropping is allowed).
    private(set) var dropped: [Bool]
    /// Per column (and the matrix), how many cells lack a value there.
    private(set) var missingCounts: [(column: String, count: Int)] = []

    init(file: AnnDataFile, cells: Int, cellNames: [String]?) {
        self.file = file
        self.cells = cells
        self.cellNames = cellNames
        dropped = Array(repeating: false, count: cells)
    }

    /// NaN in the matrix is a missing value (dropped with `dropping`, an error otherwise); an
    /// infinity is always an error: no model can learn from it.
    mutating func markNonFinite(_ points: Matrix<Float>, what: String, names: [String], dropping: Bool) throws(DataError) {
        var count = 0
        for row in 0..<points.rows {
            for column in 0..<points.cols where !points[row, column].isFinite {
                let value = points[row, column]
                guard value.isNaN, dropping else {
                    throw file.file.error("\(cellText(row)), gene '\(names[column])' (column \(column + 1)): found \(value), expected a finite number",
                                          object: what, hint: value.isNaN ? "load with drop_na=true to drop cells with missing values" : nil)
                }
                dropped[row] = true
                count += 1
                break
            }
        }
        missingCounts.append((what, count))
    }

    /// The conditions of the kept cells from obs columns `columns`, with the rows kept.
    mutating func conditions(columns: [String], dropping: Bool) throws(DataError)
        -> (metadata: [[MetadataEntry]], labels: [Int], keptRows: [Int]) {
        var assembler = ConditionAssembler(fieldNames: columns)
        var idsPerColumn: [[Int]] = []
        for (position, name) in columns.enumerated() {
            let column = try file.obsColumn(name)
            guard column.count == cells else {
                throw file.file.error("obs column '\(name)' has \(column.count) values but the matrix has \(cells) rows")
            }
            let (values, ids) = try valueIds(column, name: name)
            let missing = ids.indices.filter { ids[$0] < 0 }
            if let first = missing.first, !dropping {
                throw file.file.error("\(cellText(first)) has no '\(name)' value (missing)", object: "obs/" + name,
                                      hint: "\(missing.count) cell\(missing.count == 1 ? " lacks" : "s lack") one; load with drop_na=true to drop them")
            }
            for row in missing { dropped[row] = true }
            missingCounts.append((name, missing.count))
            assembler.setValues(position, values)
            idsPerColumn.append(ids)
        }
        let kept = (0..<cells).filter { !dropped[$0] }
        assembler.reserve(points: kept.count)
        for cell in kept {
            for position in columns.indices { assembler.rowIds[position] = idsPerColumn[position][cell] }
            assembler.commitRow()
        }
        let (metadata, labels) = assembler.conditions(order: .valueOrder)
        return (metadata, labels, kept)
    }

    /// `cell 3 ('AAAC-1')`, 0-based as in Python.
    private func cellText(_ row: Int) -> String {
        "cell \(row) (0-based\(cellNames.map { ", '\($0[row])'" } ?? ""))"
    }

    /// The distinct values of a column and each cell's index into them (-1: missing).
    private func valueIds(_ column: ObsColumn, name: String) throws(DataError) -> ([MetadataValue], [Int]) {
        switch column {
        case let .categorical(codes, categories):
            // Missing categories (NaN) are dropped from the list; codes are renumbered to match.
            var renumber = [Int](repeating: -1, count: categories.count)
            var present: [MetadataValue] = []
            for (index, category) in categories.enumerated() {
                guard let category else { continue }
                renumber[index] = present.count
                present.append(category)
            }
            var ids: [Int] = []
            ids.reserveCapacity(codes.count)
            for (cell, code) in codes.enumerated() {
                guard code < Int64(categories.count) else {
                    throw file.file.error("\(cellText(cell)) has category code \(code), but '\(name)' has \(categories.count) categories",
                                          object: "obs/" + name)
                }
                ids.append(code < 0 ? -1 : renumber[Int(code)])
            }
            return (present, ids)
        case let .values(values):
            var index: [MetadataValue: Int] = [:]
            var distinct: [MetadataValue] = []
            let ids = values.map { value -> Int in
                guard let value else { return -1 }
                if let known = index[value] { return known }
                index[value] = distinct.count
                distinct.append(value)
                return distinct.count - 1
            }
            return (distinct, ids)
        }
    }
}

extension Matrix {
    /// The columns at `indices`, in that order.
    func columns(_ indices: [Int]) -> Matrix {
        var result = Matrix(rows: rows, cols: indices.count)
        for row in 0..<rows {
            for (position, column) in indices.enumerated() { result[row, position] = self[row, column] }
        }
        return result
    }
}
