/// Turns per-point values of one or more condition columns into a dataset's conditions: the
/// distinct value combinations, a label per point, and descriptors.
///
/// A loader registers each column's distinct values (up front, as for categorical codes, or by
/// interning cells as they stream in), then for every point sets `rowIds[column]` and calls
/// `commitRow()`. Consecutive equal rows hit a one-entry cache, so sorted files cost one
/// comparison per row.
struct ConditionAssembler {
    enum Order {
        /// Conditions in the order their value combination first appears.
        case firstAppearance
        /// Conditions sorted by their columns' value positions (category order), column-major.
        case valueOrder
    }

    let fieldNames: [String]
    /// Distinct values per column; a point's `rowIds[c]` indexes `values[c]`.
    private(set) var values: [[MetadataValue]]
    /// The current row's value index per column, set by the loader before `commitRow()`.
    var rowIds: [Int]
    private var stringIndex: [[String: Int]]
    private var lastBytes: [[UInt8]]
    private var lastId: [Int]
    private var comboIndex: [[Int]: Int] = [:]
    private var combos: [[Int]] = []
    private var lastCombo: [Int] = []
    private var lastLabel = -1
    private(set) var labels: [Int] = []

    init(fieldNames: [String]) {
        self.fieldNames = fieldNames
        values = Array(repeating: [], count: fieldNames.count)
        rowIds = Array(repeating: 0, count: fieldNames.count)
        stringIndex = Array(repeating: [:], count: fieldNames.count)
        lastBytes = Array(repeating: [], count: fieldNames.count)
        lastId = Array(repeating: -1, count: fieldNames.count)
    }

    mutating func reserve(points: Int) { labels.reserveCapacity(points) }

    /// Sets the distinct values of `column` (for codes that index them).
    mutating func setValues(_ column: Int, _ columnValues: [MetadataValue]) {
        values[column] = columnValues
    }

    /// The value index of a string cell of `column`, adding it when new.
    mutating func intern(_ column: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if lastId[column] >= 0, lastBytes[column].elementsEqual(bytes) { return lastId[column] }
        let text = String(decoding: bytes, as: UTF8.self)
        let id: Int
        if let known = stringIndex[column][text] {
            id = known
        } else {
            id = values[column].count
            values[column].append(.string(text))
            stringIndex[column][text] = id
        }
        lastBytes[column] = Array(bytes)
        lastId[column] = id
        return id
    }

    /// Records one point with the value indices in `rowIds`.
    mutating func commitRow() {
        if rowIds == lastCombo, lastLabel >= 0 {
            labels.append(lastLabel)
            return
        }
        let label: Int
        if let known = comboIndex[rowIds] {
            label = known
        } else {
            label = combos.count
            combos.append(rowIds)
            comboIndex[rowIds] = label
        }
        lastCombo = rowIds
        lastLabel = label
        labels.append(label)
    }

    /// Reads string columns whose every value is a number as number columns.
    mutating func inferNumberColumns() {
        for column in values.indices {
            let numbers = values[column].map { value -> Double? in
                if case let .string(text) = value { return NumberParsing.parseDouble(text) }
                return value.number
            }
            if !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) {
                values[column] = numbers.map { .number($0!) }
            }
        }
    }

    /// The conditions (metadata only, descriptors empty) and the label of every point.
    /// Combinations that became equal (e.g. "90" and "90.0" read as numbers) are merged.
    func conditions(order: Order) -> (metadata: [[MetadataEntry]], labels: [Int]) {
        var ranked = Array(combos.indices)
        if order == .valueOrder {
            ranked.sort { combos[$0].lexicographicallyPrecedes(combos[$1]) }
        }
        var tupleIndex: [[MetadataValue]: Int] = [:]
        var metadata: [[MetadataEntry]] = []
        var remap = [Int](repeating: 0, count: combos.count)
        for combo in ranked {
            let tuple = combos[combo].enumerated().map { values[$0.offset][$0.element] }
            if let existing = tupleIndex[tuple] {
                remap[combo] = existing
            } else {
                remap[combo] = metadata.count
                tupleIndex[tuple] = metadata.count
                metadata.append(zip(fieldNames, tuple).map { MetadataEntry($0.0, $0.1) })
            }
        }
        return (metadata, labels.map { remap[$0] })
    }
}

/// Default descriptors when none are supplied: per metadata field in order, a number field
/// contributes its value and a string field a one-hot vector over its distinct values (in
/// condition order). A dataset without condition fields gets 0-D descriptors.
func defaultDescriptors(_ metadata: [[MetadataEntry]]) -> [[Float]] {
    guard let first = metadata.first else { return [] }
    var descriptors = Array(repeating: [Float](), count: metadata.count)
    for field in first.indices {
        let column = metadata.map { $0[field].value }
        if column.allSatisfy({ $0.number != nil }) {
            for (c, value) in column.enumerated() { descriptors[c].append(Float(value.number!)) }
            continue
        }
        var position: [MetadataValue: Int] = [:]
        for value in column where position[value] == nil { position[value] = position.count }
        for (c, value) in column.enumerated() {
            var oneHot = [Float](repeating: 0, count: position.count)
            oneHot[position[value]!] = 1
            descriptors[c].append(contentsOf: oneHot)
        }
    }
    return descriptors
}
