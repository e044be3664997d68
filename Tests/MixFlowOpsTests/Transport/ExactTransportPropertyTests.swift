import XCTest
@testable import MixFlowOps

/// Optimality certificates on random problems: feasible plan, plan cost equal to the reported
/// cost, dual feasibility, complementary slackness and zero duality gap.
final class ExactTransportPropertyTests: XCTestCase {
    /// Checks every optimality condition of `result` for costs `c` and weights `a`, `b`.
    func assertOptimal(_ result: ExactTransportResult, costs c: Matrix<Double>, a: [Double], b: [Double],
                       _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let scale = max(c.storage.max() ?? 1, 1e-12)
        let tol = 1e-9 * scale
        for (i, s) in result.plan.sourceMarginal.enumerated() {
            XCTAssertEqual(s, a[i], accuracy: 1e-12, "\(label): row \(i) marginal", file: file, line: line)
        }
        for (j, s) in result.plan.targetMarginal.enumerated() {
            XCTAssertEqual(s, b[j], accuracy: 1e-12, "\(label): column \(j) marginal", file: file, line: line)
        }
        XCTAssertTrue(result.plan.entries.allSatisfy { $0.mass > 0 }, label, file: file, line: line)
        XCTAssertLessThanOrEqual(result.plan.entries.count, c.rows + c.cols - 1, label, file: file, line: line)
        XCTAssertEqual(result.plan.cost(under: c), result.cost, accuracy: tol, label, file: file, line: line)
        let f = result.sourcePotential, g = result.targetPotential
        var worstReduced = 0.0
        for i in 0..<c.rows { for j in 0..<c.cols { worstReduced = min(worstReduced, c[i, j] - f[i] - g[j]) } }
        XCTAssertGreaterThan(worstReduced, -tol, "\(label): dual infeasible", file: file, line: line)
        for e in result.plan.entries {
            XCTAssertEqual(c[e.source, e.target] - f[e.source] - g[e.target], 0, accuracy: tol,
                           "\(label): slackness at \(e)", file: file, line: line)
        }
        let dual = zip(a, f).reduce(0) { $0 + $1.0 * $1.1 } + zip(b, g).reduce(0) { $0 + $1.0 * $1.1 }
        XCTAssertEqual(dual, result.cost, accuracy: tol * 10, "\(label): duality gap", file: file, line: line)
    }

    func testRandomProblemsOfManyShapes() throws {
        var rng = RandomStream(seed: 11)
        let shapes = [(1, 1), (1, 7), (7, 1), (2, 3), (5, 5), (13, 8), (40, 40), (64, 50), (30, 90)]
        for (caseIndex, (n, m)) in shapes.enumerated() {
            for variant in 0..<4 {
                let d = 1 + variant
                let x = gaussianPoints(n, d, seed: UInt64(100 * caseIndex + variant))
                let y = gaussianPoints(m, d, seed: UInt64(100 * caseIndex + variant + 50), shift: [Double](repeating: 0.3, count: d))
                let weighted = variant >= 2
                let a = weighted ? (0..<n).map { _ in rng.nextDouble() + 0.05 } : nil
                let b = weighted ? (0..<m).map { _ in rng.nextDouble() + 0.05 } : nil
                for cost in GroundCost.allCases {
                    let result = try exactTransport(x, y, cost: cost, sourceWeights: a, targetWeights: b)
                    let c = costMatrix(x, y, cost: cost)
                    let na = try normalizedWeights(a, count: n, name: "a")
                    let nb = try normalizedWeights(b, count: m, name: "b")
                    assertOptimal(result, costs: c, a: na, b: nb, "\(n)x\(m) d=\(d) \(cost) weighted=\(weighted)")
                }
            }
        }
    }

    /// Integer costs with many ties and duplicate points: degenerate pivots must not cycle.
    func testTiesAndDuplicates() throws {
        var rng = RandomStream(seed: 5)
        for trial in 0..<20 {
            let n = 2 + rng.nextInt(below: 25), m = 2 + rng.nextInt(below: 25)
            var c = Matrix<Double>(rows: n, cols: m)
            for k in 0..<c.count { c.storage[k] = Double(rng.nextInt(below: 3)) }
            for fast in [true, false] {
                let result = try exactTransport(costMatrix: c, options: ExactTransportOptions(assignmentFastPath: fast))
                assertOptimal(result, costs: c, a: [Double](repeating: 1 / Double(n), count: n),
                              b: [Double](repeating: 1 / Double(m), count: m), "ties trial \(trial)")
            }
        }
        let x = Matrix<Double>([[0, 0], [0, 0], [1, 1], [1, 1]])
        let y = Matrix<Double>([[1, 1], [0, 0], [0, 0]])
        let result = try exactTransport(x, y, cost: .squaredEuclidean)
        // x puts 1/2 on each corner, y puts 2/3 on the origin: 1/6 moves a squared distance of 2.
        XCTAssertEqual(result.cost, 1.0 / 3.0, accuracy: 1e-15)
    }

    func testZeroWeightsAreAllowed() throws {
        let x = gaussianPoints(6, 2, seed: 1), y = gaussianPoints(5, 2, seed: 2)
        let a = [0.2, 0, 0.3, 0.1, 0, 0.4], b = [0, 0.5, 0.25, 0.25, 0]
        let result = try exactTransport(x, y, sourceWeights: a, targetWeights: b)
        assertOptimal(result, costs: costMatrix(x, y, cost: .squaredEuclidean), a: a, b: b, "zero weights")
    }

    func testBothSolversAgreeOnEqualSizes() throws {
        for seed in 0..<6 as Range<UInt64> {
            let x = gaussianPoints(150, 3, seed: seed), y = gaussianPoints(150, 3, seed: seed + 100, scale: 2)
            let fast = try exactTransport(x, y)
            let simplex = try exactTransport(x, y, options: ExactTransportOptions(assignmentFastPath: false))
            XCTAssertEqual(fast.method, .assignment)
            XCTAssertEqual(simplex.method, .networkSimplex)
            XCTAssertEqual(fast.cost, simplex.cost, accuracy: 1e-12 * simplex.cost)
            assertOptimal(fast, costs: costMatrix(x, y, cost: .squaredEuclidean),
                          a: [Double](repeating: 1.0 / 150, count: 150),
                          b: [Double](repeating: 1.0 / 150, count: 150), "assignment seed \(seed)")
        }
    }
}
