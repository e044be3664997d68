/// What a loader has to tell besides the data: warnings (duplicate names made unique) and rows
/// dropped by `drop_na=true`, for the load's summary.
public struct LoadReport: Sendable, Equatable {
    public var warnings: [String] = []
    /// Rows (cells) left out because a value they needed was missing.
    public var droppedRows = 0
    /// Per column, how many of the dropped rows had no value there (a row may count in several).
    public var droppedByColumn: [(column: String, count: Int)] = []
    /// `row` or `cell`, for the note.
    public var rowWord = "row"

    public init() {}

    /// `12 cells dropped (missing: bulk_labels 10, X 2)`, or nil when nothing was dropped.
    public var droppedNote: String? {
        guard droppedRows > 0 else { return nil }
        let columns = droppedByColumn.filter { $0.count > 0 }.map { "\($0.column) \($0.count)" }.joined(separator: ", ")
        return "\(droppedRows) \(rowWord)\(droppedRows == 1 ? "" : "s") with missing values dropped (\(columns))"
    }

    public static func == (a: LoadReport, b: LoadReport) -> Bool {
        a.warnings == b.warnings && a.droppedRows == b.droppedRows && a.rowWord == b.rowWord
            && a.droppedByColumn.map(\.column) == b.droppedByColumn.map(\.column)
            && a.droppedByColumn.map(\.count) == b.droppedByColumn.map(\.count)
    }
}

/// Names made unique the way anndata's `make_unique` does: the first occurrence keeps its name,
/// later ones get `-1`, `-2`, ... (skipping names already taken). Also returns the names that
/// were repeated, in first-appearance order.
public func makeNamesUnique(_ names: [String]) -> (names: [String], repeated: [String]) {
    var seen = Set<String>()
    var repeatedOrder: [String] = []
    var repeatedSet = Set<String>()
    for name in names where !seen.insert(name).inserted {
        if repeatedSet.insert(name).inserted { repeatedOrder.append(name) }
    }
    guard !repeatedOrder.isEmpty else { return (names, []) }
    var taken = Set(names)
    var nextSuffix: [String: Int] = [:]
    var firstSeen = Set<String>()
    let unique = names.map { name -> String in
        guard repeatedSet.contains(name), !firstSeen.insert(name).inserted else { return name }
        var suffix = nextSuffix[name] ?? 1
        while taken.contains("\(name)-\(suffix)") { suffix += 1 }
        nextSuffix[name] = suffix + 1
        taken.insert("\(name)-\(suffix)")
        return "\(name)-\(suffix)"
    }
    return (unique, repeatedOrder)
}
