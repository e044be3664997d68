import MixFlowOps

/// Distances between two point sets as the metric builtins compute them: one number when both
/// sides are a single condition (or `pooled=true`), else one value per condition, matched by
/// name, in a metric table with the mean.
struct MetricsComparison {
    struct Side {
        var points: any PointSetValue
        /// How the argument was written (`gen`, `parts.test`), for messages.
        var label: String
        var data: Dataset { points.pointSet }
    }

    let metrics: [DistributionMetric]
    let options: MetricOptions
    let x: Side
    let y: Side
    let pooled: Bool

    /// Whether the result is a single number per metric rather than a table per condition.
    var comparesWholeSets: Bool {
        pooled || (x.data.conditions.count == 1 && y.data.conditions.count == 1)
    }

    /// Checks the inputs can be compared; the error names the side and what to do.
    func check(builtin: String) throws(RuntimeError) {
        guard x.data.dimension == y.data.dimension else {
            throw RuntimeError("\(builtin): \(x.label) has \(x.data.dimension)-D points but \(y.label) has \(y.data.dimension)-D")
        }
        for side in [x, y] where side.data.pointCount == 0 {
            throw RuntimeError("\(builtin): \(side.label) has no points")
        }
        guard !comparesWholeSets else { return }
        let (xCount, yCount) = (x.data.conditions.count, y.data.conditions.count)
        if xCount == 1 || yCount == 1 {
            let single = xCount == 1 ? x : y
            throw RuntimeError("\(builtin): \(x.label) has \(plural(xCount, "condition")) and \(y.label) has \(yCount)",
                               hint: "select the same conditions on both sides (e.g. \(xCount == 1 ? y.label : x.label)[\"\(single.data.conditions[0].name)\"]), or pass pooled=true to compare all points")
        }
        let xNames = Set(x.data.conditions.map(\.name)), yNames = Set(y.data.conditions.map(\.name))
        let onlyX = x.data.conditions.map(\.name).filter { !yNames.contains($0) }
        let onlyY = y.data.conditions.map(\.name).filter { !xNames.contains($0) }
        guard onlyX.isEmpty && onlyY.isEmpty else {
            var parts: [String] = []
            if !onlyX.isEmpty { parts.append("only in \(x.label): " + shortList(onlyX)) }
            if !onlyY.isEmpty { parts.append("only in \(y.label): " + shortList(onlyY)) }
            throw RuntimeError("\(builtin): the conditions differ (" + parts.joined(separator: "; ") + ")",
                               hint: "compare the same conditions on both sides, or pass pooled=true to compare all points")
        }
    }

    /// One value per metric between all points of both sides.
    func wholeSetValues() throws -> [Double] {
        let a = x.data.points.converted(to: Double.self), b = y.data.points.converted(to: Double.self)
        return try metrics.map { metric in try value(metric, a, b, condition: nil) }
    }

    /// The per-condition table (MixFlowOps' `evaluatePerCondition`, conditions matched by name
    /// in the order of `x`), with a progress bar when the work is large; Ctrl-C stops it
    /// between conditions.
    func perConditionTable(_ context: CallContext, task: String) throws -> MetricTable {
        let names = x.data.conditions.map(\.name)
        let work = names.indices.reduce(0.0) { total, index in
            total + Double(x.data.counts[index]) * Double(y.data.counts[y.data.conditionIndex(named: names[index])!])
        } * Double(metrics.count)
        let bar = work > MetricsComparison.progressWork ? context.progress(task, total: names.count) : nil
        bar?.unit = "conditions"
        do {
            let table = try evaluatePerCondition(ConditionedPoints(x.data, input: x.label), ConditionedPoints(y.data, input: y.label),
                                                 metrics: metrics, options: options, shouldStop: context.shouldStop) { done, _ in
                bar?.update(step: done)
            }
            bar?.finish()
            return table
        } catch {
            bar?.finish(stopped: error is Cancelled)
            throw error
        }
    }

    /// Pairs of points (n x m summed over conditions and metrics) above which a progress bar shows.
    static let progressWork = 2.0e7

    private func value(_ metric: DistributionMetric, _ a: Matrix<Double>, _ b: Matrix<Double>, condition: String?) throws -> Double {
        do {
            return try distance(metric, a, b, options: options)
        } catch let error as Cancelled {
            throw error
        } catch {
            let place = condition.map { " for condition \($0)" } ?? ""
            throw RuntimeError("\(metric.rawValue)\(place): \(error)")
        }
    }

    /// `W2 (exact OT, squared Euclidean cost) per condition: 3 conditions, 1000 vs 1000 points each`.
    func caption(_ table: MetricTable) -> String {
        let what = metrics.count == 1 ? MetricsComparison.describe(metrics[0], options)
            : metrics.map { MetricsComparison.describe($0, options) }.joined(separator: "; ")
        guard !comparesWholeSets else {
            return what + ", all points: \(x.data.pointCount) vs \(y.data.pointCount) points"
        }
        let counts = table.conditions.map { name in
            (x.data.counts[x.data.conditionIndex(named: name)!], y.data.counts[y.data.conditionIndex(named: name)!])
        }
        return what + " per condition: " + plural(table.conditions.count, "condition") + ", " + describeCounts(counts)
    }

    /// What a metric computes, with the options that change its value.
    static func describe(_ metric: DistributionMetric, _ options: MetricOptions) -> String {
        switch metric {
        case .w1: return "W1 (exact OT, Euclidean cost)"
        case .w2: return "W2 (exact OT, squared Euclidean cost)"
        case .w2sq: return "W2² (exact OT cost, squared Euclidean)"
        case .sinkhorn:
            return "Sinkhorn divergence (debiased, p=\(options.sinkhorn.p), blur=\(formatNumber(options.sinkhorn.blur)))"
        case .mmd:
            let gammas = options.mmd.gammas == MMDOptions.defaultGammas ? "6 default gammas"
                : "gammas " + options.mmd.gammas.map(formatNumber).joined(separator: ", ")
            return "MMD² (\(options.mmd.estimator == .biased ? "biased" : "unbiased"), RBF, \(gammas))"
        case .energy: return "energy distance (V-statistic)"
        }
    }
}

/// `1000 vs 1000 points each`, or ranges when the counts vary: `850–1000 vs 1000 points`.
private func describeCounts(_ counts: [(Int, Int)]) -> String {
    func range(_ values: [Int]) -> String {
        let (low, high) = (values.min() ?? 0, values.max() ?? 0)
        return low == high ? "\(low)" : "\(low)–\(high)"
    }
    let xs = counts.map(\.0), ys = counts.map(\.1)
    let each = Set(xs).count == 1 && Set(ys).count == 1 ? " each" : ""
    return range(xs) + " vs " + range(ys) + " points" + (counts.count == 1 ? "" : each)
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// At most 8 names, then how many more.
func shortList(_ names: [String]) -> String {
    names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", … (\(names.count) in all)" : "")
}
