/// Metrics between generated and real points, condition by condition (design section 5:
/// "Metrics over a split are computed per condition, shown as a table, with the mean").

/// Why a per-condition evaluation refused its input.
public enum MetricError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Conditions present on one side only (names, sorted by label).
    case missingConditions(onlyGenerated: [String], onlyReal: [String])
    /// The label vector does not have one label per point.
    case labelCountMismatch(input: String, labels: Int, points: Int)
    /// A label outside `0..<conditionNames.count`.
    case unknownLabel(input: String, row: Int, label: Int, conditionCount: Int)
    /// A metric failed on one condition.
    case conditionFailed(condition: String, metric: String, reason: String)

    public var description: String {
        switch self {
        case .missingConditions(let generated, let real):
            var parts: [String] = []
            if !generated.isEmpty { parts.append("no real points for \(generated.joined(separator: ", "))") }
            if !real.isEmpty { parts.append("no generated points for \(real.joined(separator: ", "))") }
            return "cannot compare per condition: " + parts.joined(separator: "; ")
                + "; generate or select the same conditions on both sides"
        case .labelCountMismatch(let input, let labels, let points):
            return "\(input): \(labels) condition labels for \(points) points; need one label per point"
        case .unknownLabel(let input, let row, let label, let count):
            return "\(input): row \(row + 1) has condition label \(label), but only \(count) conditions are named"
        case .conditionFailed(let condition, let metric, let reason):
            return "\(metric) for condition \(condition): \(reason)"
        }
    }
}

/// One side of a per-condition comparison: its points and, per condition, its name and rows.
public struct ConditionedPoints {
    public var points: Matrix<Double>
    /// Condition names; conditions are matched across the sides by name.
    public var names: [String]
    /// The rows of each condition (increasing); a condition with none takes no part.
    public var rows: [[Int]]
    /// What the side is called in errors ("generated points", "gen").
    public var input: String

    public init(points: Matrix<Double>, names: [String], rows: [[Int]], input: String) {
        precondition(names.count == rows.count, "one row list per condition name")
        self.points = points
        self.names = names
        self.rows = rows
        self.input = input
    }

    /// A dataset's points by condition.
    public init(_ dataset: Dataset, input: String) {
        self.init(points: dataset.points.converted(), names: dataset.conditions.map(\.name), rows: dataset.pointIndices,
                  input: input)
    }
}

/// Computes `metrics` between two sides for every condition both have points of (matched by
/// name, in the order of `generated`), with the mean. The one per-condition evaluation: the
/// metric builtins, mfbench and the tests all run it.
///
/// - Parameters:
///   - shouldStop: polled before each condition; a stop throws `Cancelled`.
///   - progress: called with (conditions done, conditions in all) after each condition.
/// - Throws: `TransportError` naming a side's empty input or non-finite row,
///   `MetricError.missingConditions` naming conditions with points on only one side (never a
///   silent skip), `.conditionFailed` wrapping a metric's error with the condition's name, or
///   `Cancelled`.
public func evaluatePerCondition(
    _ generated: ConditionedPoints, _ real: ConditionedPoints, metrics: [DistributionMetric] = [.w2, .mmd],
    options: MetricOptions = MetricOptions(), shouldStop: ShouldStop = neverStop,
    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
) throws -> MetricTable {
    try checkPoints(generated.points, name: generated.input)
    try checkPoints(real.points, name: real.input)
    let present = { (side: ConditionedPoints) in side.names.indices.filter { !side.rows[$0].isEmpty } }
    let generatedPresent = present(generated), realPresent = present(real)
    var realIndex: [String: Int] = [:]
    for index in realPresent { realIndex[real.names[index]] = index }
    let generatedNames = Set(generatedPresent.map { generated.names[$0] })
    let onlyGenerated = generatedPresent.map { generated.names[$0] }.filter { realIndex[$0] == nil }
    let onlyReal = realPresent.map { real.names[$0] }.filter { !generatedNames.contains($0) }
    guard onlyGenerated.isEmpty && onlyReal.isEmpty else {
        throw MetricError.missingConditions(onlyGenerated: onlyGenerated, onlyReal: onlyReal)
    }
    var values: [[Double]] = []
    for (done, index) in generatedPresent.enumerated() {
        let name = generated.names[index]
        if shouldStop() { throw Cancelled("condition \(done + 1) of \(generatedPresent.count) (\(name))") }
        let x = generated.points.rows(generated.rows[index]), y = real.points.rows(real.rows[realIndex[name]!])
        values.append(try metrics.map { metric in
            do {
                return try distance(metric, x, y, options: options)
            } catch let error as Cancelled {
                throw error
            } catch {
                throw MetricError.conditionFailed(condition: name, metric: metric.rawValue, reason: "\(error)")
            }
        })
        progress(done + 1, generatedPresent.count)
    }
    return MetricTable(conditions: generatedPresent.map { generated.names[$0] }, metrics: metrics.map(\.rawValue),
                       values: values)
}

/// The per-condition evaluation of points labelled by condition index (`0..<conditionNames.count`
/// on both sides), conditions in label order.
///
/// - Throws: label errors (`labelCountMismatch`, `unknownLabel`), then as the evaluation above.
public func evaluatePerCondition(
    generated: Matrix<Double>, generatedLabels: [Int], real: Matrix<Double>, realLabels: [Int],
    conditionNames: [String], metrics: [DistributionMetric] = [.w2, .mmd],
    options: MetricOptions = MetricOptions()
) throws -> MetricTable {
    let generatedRows = try rowsByCondition(generatedLabels, points: generated.rows, input: "generated",
                                            conditionCount: conditionNames.count)
    let realRows = try rowsByCondition(realLabels, points: real.rows, input: "real",
                                       conditionCount: conditionNames.count)
    return try evaluatePerCondition(
        ConditionedPoints(points: generated, names: conditionNames, rows: generatedRows, input: "generated points"),
        ConditionedPoints(points: real, names: conditionNames, rows: realRows, input: "real points"),
        metrics: metrics, options: options)
}

/// Row indices of each condition label (increasing), after checking the labels.
private func rowsByCondition(_ labels: [Int], points: Int, input: String,
                             conditionCount: Int) throws -> [[Int]] {
    guard labels.count == points else {
        throw MetricError.labelCountMismatch(input: input, labels: labels.count, points: points)
    }
    var rows = [[Int]](repeating: [], count: conditionCount)
    for (row, label) in labels.enumerated() {
        guard label >= 0 && label < conditionCount else {
            throw MetricError.unknownLabel(input: input, row: row, label: label, conditionCount: conditionCount)
        }
        rows[label].append(row)
    }
    return rows
}
