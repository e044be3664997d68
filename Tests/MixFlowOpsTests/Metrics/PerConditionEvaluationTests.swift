import XCTest
@testable import MixFlowOps

final class PerConditionEvaluationTests: XCTestCase {
    /// Three conditions interleaved in both sets; each table entry must equal the metric on
    /// that condition's rows alone, and the mean row the column mean.
    func testTableMatchesPerConditionMetrics() throws {
        let names = ["A", "B, tilted", "C"]
        let parts = (0..<3).map { gaussianPoints(40 + 10 * $0, 2, seed: UInt64($0), shift: [Double($0), 0]) }
        let truth = (0..<3).map { gaussianPoints(30 + 5 * $0, 2, seed: UInt64(10 + $0), shift: [Double($0), 0.2]) }
        let (generated, generatedLabels) = interleave(parts)
        let (real, realLabels) = interleave(truth)
        let table = try evaluatePerCondition(generated: generated, generatedLabels: generatedLabels, real: real,
                                             realLabels: realLabels, conditionNames: names,
                                             metrics: [.w2, .w1, .mmd, .energy])
        XCTAssertEqual(table.conditions, names)
        XCTAssertEqual(table.metrics, ["w2", "w1", "mmd", "energy"])
        for c in 0..<3 {
            XCTAssertEqual(table.value(condition: names[c], metric: "w2")!, try wasserstein2(parts[c], truth[c]), accuracy: 1e-12)
            XCTAssertEqual(table.value(condition: names[c], metric: "mmd")!, try mmd(parts[c], truth[c]), accuracy: 1e-12)
        }
        XCTAssertEqual(table.mean[0], table.column("w2")!.reduce(0, +) / 3, accuracy: 1e-15)
        let csv = table.csv().split(separator: "\n")
        XCTAssertEqual(csv.first, "condition,w2,w1,mmd,energy")
        XCTAssertTrue(csv[2].hasPrefix("\"B, tilted\","), String(csv[2]))
        XCTAssertTrue(csv.last!.hasPrefix("mean,"))
        XCTAssertEqual(csv.count, 5)
    }

    /// Datasets are matched by condition name (the other side may order them differently);
    /// progress comes after each condition, and a stop asked for from inside the work (after the
    /// first condition) ends it before the next one.
    func testDatasetsMatchByNameReportProgressAndStopBetweenConditions() throws {
        let a = try ToyDatasets.make(ToyOptions(kind: .gaussians, values: [1, 2, 3], points: 30, seed: 1))
        let b = try ToyDatasets.make(ToyOptions(kind: .gaussians, values: [3, 2, 1], points: 20, seed: 2))
        var reported: [Int] = []
        let table = try evaluatePerCondition(ConditionedPoints(a, input: "a"), ConditionedPoints(b, input: "b"), metrics: [.w2],
                                             progress: { done, total in
            reported.append(done)
            XCTAssertEqual(total, 3)
        })
        XCTAssertEqual(table.conditions, a.conditions.map(\.name))
        XCTAssertEqual(reported, [1, 2, 3])
        for (index, condition) in a.conditions.enumerated() {
            let x: Matrix<Double> = a.points(of: index).converted()
            let y: Matrix<Double> = b.points(of: try XCTUnwrap(b.conditionIndex(named: condition.name))).converted()
            XCTAssertEqual(table.value(condition: condition.name, metric: "w2"), try wasserstein2(x, y), "bit for bit")
        }
        let stop = StopRequest()
        XCTAssertThrowsError(try evaluatePerCondition(ConditionedPoints(a, input: "a"), ConditionedPoints(b, input: "b"),
                                                      metrics: [.w2], shouldStop: { stop.requested }) { done, _ in
            if done == 1 { stop.requested = true }
        }) { error in
            XCTAssertEqual((error as? Cancelled)?.progress, "condition 2 of 3 (\(a.conditions[1].name))")
        }
    }

    func testMissingConditionsAreNamed() throws {
        let x = gaussianPoints(20, 2, seed: 1)
        XCTAssertThrowsError(try evaluatePerCondition(
            generated: x, generatedLabels: (0..<20).map { $0 % 2 }, real: x, realLabels: (0..<20).map { $0 % 2 == 0 ? 0 : 2 },
            conditionNames: ["A", "B", "C"])) { error in
            XCTAssertEqual(error as? MetricError, .missingConditions(onlyGenerated: ["B"], onlyReal: ["C"]))
            XCTAssertTrue("\(error)".contains("no real points for B") && "\(error)".contains("no generated points for C"), "\(error)")
        }
    }

    func testLabelErrorsAndFailingConditions() {
        let x = gaussianPoints(6, 2, seed: 1)
        XCTAssertThrowsError(try evaluatePerCondition(generated: x, generatedLabels: [0, 0], real: x,
                                                      realLabels: [Int](repeating: 0, count: 6), conditionNames: ["A"])) {
            XCTAssertEqual($0 as? MetricError, .labelCountMismatch(input: "generated", labels: 2, points: 6))
        }
        XCTAssertThrowsError(try evaluatePerCondition(generated: x, generatedLabels: [0, 0, 0, 0, 0, 3], real: x,
                                                      realLabels: [Int](repeating: 0, count: 6), conditionNames: ["A"])) {
            XCTAssertEqual($0 as? MetricError, .unknownLabel(input: "generated", row: 5, label: 3, conditionCount: 1))
        }
        var bad = x
        bad[4, 0] = .nan
        XCTAssertThrowsError(try evaluatePerCondition(generated: bad, generatedLabels: [0, 0, 1, 1, 1, 1], real: x,
                                                      realLabels: [0, 0, 0, 1, 1, 1], conditionNames: ["A", "B"],
                                                      metrics: [.w1])) {
            XCTAssertEqual($0 as? TransportError, .nonFinite(input: "generated points", row: 4, column: 0))
        }
        // A metric that fails inside one condition is reported with that condition's name.
        let tiny = Matrix<Double>([[0, 0], [1, 1]])
        XCTAssertThrowsError(try evaluatePerCondition(
            generated: tiny, generatedLabels: [0, 1], real: tiny, realLabels: [0, 1], conditionNames: ["A", "B"],
            metrics: [.mmd], options: MetricOptions(mmd: MMDOptions(estimator: .unbiased)))) { error in
            guard case .conditionFailed(let condition, let metric, let reason)? = error as? MetricError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(condition, "A"); XCTAssertEqual(metric, "mmd")
            XCTAssertTrue(reason.contains("at least 2 points"), reason)
        }
    }
}

/// Concatenates the parts with rows interleaved round-robin, returning the labels.
private func interleave(_ parts: [Matrix<Double>]) -> (Matrix<Double>, [Int]) {
    var rows: [[Double]] = [], labels: [Int] = []
    let longest = parts.map(\.rows).max() ?? 0
    for r in 0..<longest {
        for (label, part) in parts.enumerated() where r < part.rows {
            rows.append(part.row(r)); labels.append(label)
        }
    }
    return (Matrix(rows), labels)
}

/// A stop flag the progress callback raises and the `shouldStop` check reads (one thread).
private final class StopRequest: @unchecked Sendable {
    var requested = false
}
