import MixFlowOps

/// Grouped bars of metric tables: a group per condition (and one for the mean), a bar per table
/// (two models side by side) or, for one table of several metrics, a bar per metric.
enum PlotBars {
    static func chart(_ request: PlotRequest) throws -> Chart {
        for keyword in ["by", "equal", "logx", "points"] where request.isGiven(keyword) {
            throw RuntimeError("\(keyword)= applies to scatter plots of point sets, not to metric tables")
        }
        let tables = try request.items.map { item -> (table: MetricTable, label: String) in
            guard case .object(let object) = item.value, let value = object as? MetricTableValue else {
                throw RuntimeError("cannot plot \(item.value.typeNameWithArticle) together with metric tables", at: item.span)
            }
            return (value.table, item.label)
        }
        let metric = try chosenMetric(request, tables)
        let categories = categoryNames(tables.map(\.table))
        let series: [BarSeries]
        if let metric {
            series = tables.map { BarSeries(name: $0.label, values: values(of: metric, in: $0.table, categories)) }
        } else {
            series = tables[0].table.metrics.map { BarSeries(name: $0, values: values(of: $0, in: tables[0].table, categories)) }
        }
        var options = request.options
        if options.yLabel == nil { options.yLabel = metric ?? "value" }
        if options.xLabel == nil { options.xLabel = "condition" }
        if options.title == nil { options.title = "\(metric ?? "metrics") per condition" }
        if series.count == 1 && !request.isGiven("legend") { options.legend = .none }
        return .bars(BarChart(categories: categories, series: series, options: options))
    }

    /// The metric drawn for each table; nil when one table's metrics are the series.
    private static func chosenMetric(_ request: PlotRequest, _ tables: [(table: MetricTable, label: String)]) throws -> String? {
        if let metric = request.metric {
            for (table, label) in tables where !table.metrics.contains(metric) {
                throw RuntimeError("metric=\"\(metric)\": \(label) has no column '\(metric)'",
                                   hint: "its metrics are " + table.metrics.joined(separator: ", "))
            }
            return metric
        }
        if tables.count == 1 { return tables[0].table.metrics.count == 1 ? tables[0].table.metrics[0] : nil }
        let common = tables[0].table.metrics.filter { metric in tables.allSatisfy { $0.table.metrics.contains(metric) } }
        guard let first = common.first else {
            throw RuntimeError("these metric tables share no metric to compare",
                               hint: tables.map { "\($0.label): " + $0.table.metrics.joined(separator: ", ") }.joined(separator: "; "))
        }
        guard common.count == 1 || tables.allSatisfy({ $0.table.metrics.count == 1 }) else {
            throw RuntimeError("the tables have several metrics; say which to draw",
                               hint: "e.g. metric=\"\(first)\" (shared: " + common.joined(separator: ", ") + ")")
        }
        return first
    }

    /// Conditions of all tables in order of first appearance, then "mean" when there are several.
    private static func categoryNames(_ tables: [MetricTable]) -> [String] {
        var names: [String] = []
        for table in tables { for name in table.conditions where !names.contains(name) { names.append(name) } }
        return names.count > 1 ? names + ["mean"] : names
    }

    /// The table's values of `metric` per category (NaN where the table lacks the condition).
    private static func values(of metric: String, in table: MetricTable, _ categories: [String]) -> [Double] {
        let column = table.metrics.firstIndex(of: metric)!
        return categories.map { category in
            if category == "mean" && !table.conditions.contains("mean") { return table.mean[column] }
            return table.conditions.firstIndex(of: category).map { table.values[$0][column] } ?? .nan
        }
    }
}
