import Foundation
import Runtime

/// `mfsh sweep --summary DIR [by=KEY,...]`: each numeric result's mean, standard deviation and
/// count over the runs that ended ok, for each combination of the `by` parameters (over all runs
/// when none is given). The sd is the sample standard deviation (n − 1); with one run it is
/// left empty.
struct SweepSummary {
    struct Group {
        /// The `by` parameters' values, in `by` order.
        var values: [String]
        /// Per result name, the values of the ok runs in the group.
        var samples: [String: [Double]]
    }

    let table: ResultsTable
    let plan: SweepPlan
    let by: [String]
    let groups: [Group]
    /// Results with at least one number.
    let numericResults: [String]

    init(table: ResultsTable, plan: SweepPlan, by: [String]) throws(UsageError) {
        for key in by where !plan.parameters.contains(where: { $0.key == key }) {
            let known = plan.parameters.map(\.key).joined(separator: ", ")
            throw UsageError(message: "by=\(key): the sweep has no parameter '\(key)' (it has \(known))")
        }
        self.table = table
        self.plan = plan
        self.by = by
        var groups: [[String]: Group] = [:]
        var order: [[String]] = []
        var numeric = Set<String>()
        for row in table.rows where row.status == .ok {
            let values = by.map { row.combination.value(of: $0) ?? "" }
            if groups[values] == nil {
                groups[values] = Group(values: values, samples: [:])
                order.append(values)
            }
            for (name, result) in row.record?.results ?? [] {
                guard let number = result.number else { continue }
                groups[values]!.samples[name, default: []].append(number)
                numeric.insert(name)
            }
        }
        let positions = by.map { key in plan.parameters.first { $0.key == key }!.values }
        let sorted = order.sorted { left, right in
            for (index, values) in positions.enumerated() where left[index] != right[index] {
                return (values.firstIndex(of: left[index]) ?? 0) < (values.firstIndex(of: right[index]) ?? 0)
            }
            return false
        }
        self.groups = sorted.map { groups[$0]! }
        numericResults = table.resultNames.filter(numeric.contains)
    }

    /// (mean, sd, n) of a list of numbers; sd nil below two values.
    static func statistics(_ values: [Double]) -> (mean: Double, sd: Double?, n: Int) {
        let n = values.count
        let mean = values.reduce(0, +) / Double(max(n, 1))
        guard n >= 2 else { return (mean, nil, n) }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, (squares / Double(n - 1)).squareRoot(), n)
    }

    var outputTable: OutputTable {
        let over = plan.parameters.map(\.key).filter { !by.contains($0) }
        let ok = table.count(.ok)
        var title = "mean, sd and n" + (over.isEmpty ? "" : " over " + over.joined(separator: ", "))
        title += by.isEmpty ? "" : " for each " + by.joined(separator: ", ")
        title += "; \(ok) of \(table.rows.count) runs ok"
        if ok < table.rows.count { title += " (the others are left out)" }
        var rows: [[String]] = []
        for group in groups {
            for name in numericResults {
                guard let samples = group.samples[name], !samples.isEmpty else { continue }
                let (mean, sd, n) = Self.statistics(samples)
                rows.append(group.values + [name, Self.format(mean), sd.map(Self.format) ?? "", String(n)])
            }
        }
        return OutputTable(title: title, headers: by + ["result", "mean", "sd", "n"], rows: rows)
    }

    /// Five significant digits: enough to compare runs, short enough to read.
    static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.5g", value) : (value.isNaN ? "NaN" : (value > 0 ? "Inf" : "-Inf"))
    }
}
