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

/// Computes `metrics` between `generated` and `real` for every condition, with the mean.
///
/// - Parameters:
///   - generated, real: points, one a row, same dimension.
///   - generatedLabels, realLabels: condition index of each row, in `0..<conditionNames.count`.
///   - conditionNames: display name of each condition index.
/// - Returns: a table whose rows are the conditions present (in label order).
/// - Throws: `TransportError.nonFinite` naming the row of the whole set,
///   `MetricError.missingConditions` naming conditions present on only one side (never
///   a silent skip), label errors, `.conditionFailed` wrapping a metric's error with the
///   condition's name, or `Cancelled`.
public func evaluatePerCondition(
    generated: Matrix<Double>, generatedLabels: [Int], real: Matrix<Double>, realLabels: [Int],
    conditionNames: [String], metrics: [DistributionMetric] = [.w2, .mmd],
    options: MetricOptions = MetricOptions()
) throws -> MetricTable {
    try checkPoints(generated, name: "generated points")
    try checkPoints(real, name: "real points")
    let generatedRows = try rowsByCondition(generatedLabels, points: generated.rows, input: "generated",
                                            conditionCount: conditionNames.count)
    let realRows = try rowsByCondition(realLabels, points: real.rows, input: "real",
                                       conditionCount: conditionNames.count)
    let onlyGenerated = generatedRows.keys.filter { realRows[$0] == nil }.sorted()
    let onlyReal = realRows.keys.filter { generatedRows[$0] == nil }.sorted()
    guard onlyGenerated.isEmpty && onlyReal.isEmpty else {
        throw MetricError.missingConditions(onlyGenerated: onlyGenerated.map { conditionNames[$0] },
                                            onlyReal: onlyReal.map { conditionNames[$0] })
    }
    let labels = generatedRows.keys.sorted()
    var values: [[Double]] = []
    for label in labels {
        let x = generated.rows(generatedRows[label]!), y = real.rows(realRows[label]!)
        values.append(try metrics.map { metric in
            do {
                return try distance(metric, x, y, options: options)
            } catch let error as Cancelled {
                throw error
            } catch {
                throw MetricError.conditionFailed(condition: conditionNames[label], metric: metric.rawValue,
                                                  reason: "\(error)")
            }
        })
    }
    return MetricTable(conditions: labels.map { conditionNames[$0] }, metrics: metrics.map(\.rawValue),
                       values: values)
}

/// Row indices of each condition label, after checking the labels.
private func rowsByCondition(_ labels: [Int], points: Int, input: String,
                             conditionCount: Int) throws -> [Int: [Int]] {
    guard labels.count == points else {
        throw MetricError.labelCountMismatch(input: input, labels: labels.count, points: points)
    }
    var rows: [Int: [Int]] = [:]
    for (row, label) in labels.enumerated() {
        guard label >= 0 && label < conditionCount else {
            throw MetricError.unknownLabel(input: input, row: row, label: label, conditionCount: conditionCount)
        }
        rows[label, default: []].append(row)
    }
    return rows
}
