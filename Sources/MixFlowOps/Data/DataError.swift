/// An error from loading, selecting or splitting data, phrased for the person who asked.
///
/// Errors about a file carry its path and, when the problem sits at one place in it, the
/// 1-based line and column (field number for CSV) and the column's name. `description` renders
/// them compiler-style, `data.csv:17:3 (column 'x'): expected a number, found 'abc'`, followed by
/// the hint when there is one. Every loader builds its result completely before returning, so a
/// thrown `DataError` never leaves a half-loaded dataset behind.
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var path: String?
    public var line: Int?
    public var column: Int?
    public var columnName: String?
    /// How to fix it, when there is something specific to say.
    public var hint: String?

    public init(_ message: String, path: String? = nil, line: Int? = nil, column: Int? = nil,
                columnName: String? = nil, hint: String? = nil) {
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.columnName = columnName
        self.hint = hint
    }

    /// Where the error is, e.g. `data.csv:17:3 (column 'x')`, or nil when it has no place.
    public var location: String? {
        var parts: [String] = []
        if let path {
            var place = path
            if let line { place += ":\(line)" }
            if let column { place += ":\(column)" }
            parts.append(place)
        } else if let line {
            parts.append(column.map { "line \(line), column \($0)" } ?? "line \(line)")
        }
        if let columnName { parts.append("(column '\(columnName)')") }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    public var description: String {
        var text = location.map { "\($0): \(message)" } ?? message
        if let hint { text += " (\(hint))" }
        return text
    }
}

/// Formats a list of names for an error message: `'a', 'b', 'c'`, shortened after `limit` names.
func quotedList<S: Sequence>(_ names: S, limit: Int = 12) -> String where S.Element == String {
    let all = Array(names)
    let shown = all.prefix(limit).map { "'\($0)'" }.joined(separator: ", ")
    return all.count > limit ? shown + ", … (\(all.count) in all)" : shown
}
