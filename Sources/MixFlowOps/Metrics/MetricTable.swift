import Foundation

/// A table of distribution metrics: one row per condition, one column per metric, plus the
/// mean over conditions. Plain values, ready for display, plots and CSV.
public struct MetricTable: Sendable, Equatable {
    /// Row labels (condition names), in evaluation order.
    public var conditions: [String]
    /// Column labels (metric names such as "w2", "mmd").
    public var metrics: [String]
    /// `values[row][column]`.
    public var values: [[Double]]
    /// Mean of each column over the conditions.
    public var mean: [Double]

    public init(conditions: [String], metrics: [String], values: [[Double]]) {
        precondition(values.count == conditions.count && values.allSatisfy { $0.count == metrics.count },
                     "MetricTable: values must be \(conditions.count) rows of \(metrics.count)")
        self.conditions = conditions
        self.metrics = metrics
        self.values = values
        mean = metrics.indices.map { column in
            conditions.isEmpty ? .nan : values.reduce(0) { $0 + $1[column] } / Double(conditions.count)
        }
    }

    /// The value of `metric` for `condition`, or nil when either is not in the table.
    public func value(condition: String, metric: String) -> Double? {
        guard let row = conditions.firstIndex(of: condition), let column = metrics.firstIndex(of: metric) else {
            return nil
        }
        return values[row][column]
    }

    /// One metric over all conditions, in row order.
    public func column(_ metric: String) -> [Double]? {
        metrics.firstIndex(of: metric).map { column in values.map { $0[column] } }
    }

    /// CSV text: a header `condition,<metrics...>`, one line per condition, then a `mean` line.
    /// Numbers use the shortest form that reads back to the same Double.
    public func csv() -> String {
        var lines = [(["condition"] + metrics).map(csvField).joined(separator: ",")]
        for (name, row) in zip(conditions, values) {
            lines.append(([csvField(name)] + row.map { "\($0)" }).joined(separator: ","))
        }
        lines.append((["mean"] + mean.map { "\($0)" }).joined(separator: ","))
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Quotes a CSV field when it holds a comma, quote or line break.
private func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
