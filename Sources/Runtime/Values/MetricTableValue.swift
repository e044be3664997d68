import Foundation
import MixFlowOps

/// Metrics per condition with their mean (`w2(gen, real)` over several conditions, `evaluate`).
///
/// Echoed as a table whose caption says what was computed. Members: `.mean` (a number, or a
/// record of numbers when there are several metrics), `.conditions`, `.metrics`, `.values`
/// (condition -> number or record), `.caption`, and each metric by name (`t.w2`: that column as
/// a table of its own). `t["A@90"]` is one condition's value.
public final class MetricTableValue: TableExportable {
    public let table: MetricTable
    /// What was computed, e.g. `W2 (exact OT, squared Euclidean cost) per condition: 3
    /// conditions, 1000 vs 1000 points each`.
    public let caption: String

    public init(_ table: MetricTable, caption: String) {
        self.table = table
        self.caption = caption
    }

    public var typeName: String { "metric table" }

    public var summary: String {
        let count = table.conditions.count
        let means = zip(table.metrics, table.mean).map { "\($0) \(formatMetric($1))" }.joined(separator: ", ")
        return "metric table: \(count) condition\(count == 1 ? "" : "s"), mean \(means)"
    }

    private static let fixedMembers = ["mean", "conditions", "metrics", "values", "caption"]

    public var memberNames: [String] {
        MetricTableValue.fixedMembers + (table.metrics.count > 1 ? table.metrics.filter { !MetricTableValue.fixedMembers.contains($0) } : [])
    }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "mean": return rowValue(table.mean)
        case "conditions": return .list(table.conditions.map { .string($0) })
        case "metrics": return .list(table.metrics.map { .string($0) })
        case "values": return .record(Record(zip(table.conditions, table.values).map { ($0, rowValue($1)) }))
        case "caption": return .string(caption)
        default:
            guard table.metrics.count > 1, let column = table.column(name) else { return nil }
            return .object(MetricTableValue(MetricTable(conditions: table.conditions, metrics: [name], values: column.map { [$0] }),
                                            caption: caption + " (\(name) only)"))
        }
    }

    /// `t["A@90"]`: the condition's value (a record when there are several metrics).
    public func index(_ index: Value) throws -> Value {
        guard case .string(let name) = index else {
            throw RuntimeError("a metric table is indexed by a condition name, got \(index.typeNameWithArticle)",
                               hint: table.conditions.first.map { "e.g. t[\"\($0)\"]" })
        }
        guard let row = table.conditions.firstIndex(of: name) else {
            let hint = suggestName(for: name, among: table.conditions).map { "did you mean '\($0)'?" }
                ?? "its conditions are: " + table.conditions.prefix(12).joined(separator: ", ")
            throw RuntimeError("no condition '\(name)' in this metric table", hint: hint)
        }
        return rowValue(table.values[row])
    }

    /// Rows as records `(condition: "A@90", w2: 0.18)`, for `for row in t`.
    public var elements: [Value]? {
        zip(table.conditions, table.values).map { name, row in
            .record(Record([("condition", .string(name))] + zip(table.metrics, row).map { ($0, .number($1)) }))
        }
    }

    public func show(to output: any OutputSink) {
        output.table(outputTable)
    }

    /// The table for display: a row per condition, then the mean.
    public var outputTable: OutputTable {
        let formats = table.metrics.indices.map { column in MetricFormat(table.values.map { $0[column] } + [table.mean[column]]) }
        func cells(_ row: [Double]) -> [String] { zip(row, formats).map { $1.text($0) } }
        let rows = zip(table.conditions, table.values).map { [$0] + cells($1) }
        return OutputTable(title: caption, headers: ["condition"] + table.metrics, rows: rows + [["mean"] + cells(table.mean)])
    }

    public func exportTable(options: TableExportOptions) throws -> DataTable {
        var columns = [TableColumn("condition", .strings(table.conditions + ["mean"]))]
        for (index, metric) in table.metrics.enumerated() {
            columns.append(TableColumn(metric, .doubles(table.values.map { $0[index] } + [table.mean[index]])))
        }
        do {
            return try DataTable(columns: columns)
        } catch {
            throw RuntimeError("cannot make a table of the metrics: \(error)")
        }
    }

    private func rowValue(_ row: [Double]) -> Value {
        if row.count == 1 { return .number(row[0]) }
        return .record(Record(zip(table.metrics, row).map { ($0, .number($1)) }))
    }
}

/// How one column of metric values is printed: decimals that give the largest value 4
/// significant digits, or 4 significant digits per value when that would hide a small one.
struct MetricFormat {
    let decimals: Int?

    init(_ values: [Double]) {
        let magnitudes = values.filter { $0.isFinite && $0 != 0 }.map(abs)
        guard let largest = magnitudes.max(), let smallest = magnitudes.min() else {
            decimals = 0
            return
        }
        let shared = max(0, 3 - Int(log10(largest).rounded(.down)))
        let smallestDigits = Int(log10(smallest).rounded(.down)) + shared + 1
        decimals = shared <= 8 && smallestDigits >= 2 ? shared : nil
    }

    func text(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if let decimals { return String(format: "%.\(decimals)f", value) }
        return formatMetric(value)
    }
}

/// A metric value with 4 significant digits: `0.1834`, `1.029`, `2.3e-05`.
func formatMetric(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
    return String(format: "%.4g", value)
}
