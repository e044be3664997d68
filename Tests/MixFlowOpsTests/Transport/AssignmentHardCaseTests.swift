import XCTest
@testable import MixFlowOps

/// The assignment solver on inputs full of near-ties and exact ties (tight clusters, duplicated
/// points, small integer costs), where auction-style solvers slow down and rounding matters:
/// the result must be a permutation, its cost must equal the network simplex's optimum, and
/// the duals must certify it.
final class AssignmentHardCaseTests: XCTestCase {
    func testTightClustersMatchTheNetworkSimplex() throws {
        for (n, sigma, seed) in [(256, 0.01, UInt64(1)), (200, 1e-4, 2), (97, 1e-6, 3)] {
            let x = clusteredPoints(n, centres: [(-0.3, -0.3), (0.3, -0.3), (-0.3, 0.3), (0.3, 0.3)],
                                    weights: [0.4, 0.3, 0.2, 0.1], sigma: sigma, seed: seed)
            let y = clusteredPoints(n, centres: [(-0.5, 0), (0, 0.5), (0.5, 0), (0, -0.5)],
                                    weights: [0.1, 0.2, 0.3, 0.4], sigma: sigma, seed: seed + 100)
            try assertOptimal(costMatrix(x, y, cost: .squaredEuclidean), "clusters n = \(n), sigma = \(sigma)")
        }
    }

    func testDuplicatePointsMatchTheNetworkSimplex() throws {
        // x takes 3 distinct points and y 5, so each cost value repeats about n^2 / 15 times.
        var rng = RandomStream(seed: 11)
        for n in [64, 150] {
            var x = Matrix<Double>(rows: n, cols: 2), y = Matrix<Double>(rows: n, cols: 2)
            for i in 0..<n {
                x[i, 0] = Double(rng.nextInt(below: 3))
                y[i, 0] = Double(rng.nextInt(below: 5)) * 0.5
                y[i, 1] = 1
            }
            try assertOptimal(costMatrix(x, y, cost: .squaredEuclidean), "duplicates n = \(n)")
            // The set against itself: cost 0 with every point kept on a copy of itself.
            let selfResult = try solveAssignment(costs: costMatrix(x, x, cost: .squaredEuclidean))
            XCTAssertEqual(selfResult.cost, 0, "duplicates against themselves, n = \(n)")
        }
    }

    func testSmallIntegerCostsMatchTheNetworkSimplex() throws {
        var rng = RandomStream(seed: 12)
        for (n, levels) in [(120, 2), (160, 4), (200, 16), (64, 1000)] {
            var c = Matrix<Double>(rows: n, cols: n)
            for k in 0..<c.count { c.storage[k] = Double(rng.nextInt(below: levels)) }
            try assertOptimal(c, "integer costs n = \(n), \(levels) levels")
        }
    }

    func testGridPointsWithExactTiesMatchTheNetworkSimplex() throws {
        var rng = RandomStream(seed: 13)
        let n = 180
        var x = Matrix<Double>(rows: n, cols: 2), y = Matrix<Double>(rows: n, cols: 2)
        for i in 0..<n {
            for k in 0..<2 { x[i, k] = Double(rng.nextInt(below: 8)) }
            y[i, 0] = Double(rng.nextInt(below: 8)) + 2
            y[i, 1] = Double(rng.nextInt(below: 8))
        }
        try assertOptimal(costMatrix(x, y, cost: .squaredEuclidean), "grid n = \(n)")
    }

    func testReusedWorkspaceGivesTheSameAnswers() throws {
        // A workspace sized 64 solves problems of several sizes in turn; each must match a fresh one.
        let workspace = AssignmentWorkspace(capacity: 64)
        var rng = RandomStream(seed: 14)
        for n in [64, 7, 33, 1, 2, 64] {
            var c = Matrix<Double>(rows: n, cols: n)
            for k in 0..<c.count { c.storage[k] = Double(rng.nextInt(below: 5)) }
            let total = try c.storage.withUnsafeBufferPointer { try workspace.solve(cost: $0.baseAddress!, n: n, shouldStop: neverStop) }
            XCTAssertEqual(Set((0..<n).map { workspace.rowToColumn[$0] }), Set(0..<n), "n = \(n): not a permutation")
            XCTAssertEqual(total, try solveAssignment(costs: c).cost, "n = \(n)")
        }
    }

    /// Permutation, cost equal to the network simplex's (to 1e-9 relative), dual certificate.
    private func assertOptimal(_ c: Matrix<Double>, _ label: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let n = c.rows
        let result = try solveAssignment(costs: c)
        XCTAssertEqual(Set(result.columnOfRow), Set(0..<n), "\(label): not a permutation", file: file, line: line)
        let reported = (0..<n).reduce(0) { $0 + c[$1, result.columnOfRow[$1]] }
        XCTAssertEqual(result.cost, reported, accuracy: 1e-12 * max(1, abs(reported)), label, file: file, line: line)
        let simplex = try exactTransport(costMatrix: c, options: ExactTransportOptions(assignmentFastPath: false))
        XCTAssertEqual(simplex.method, .networkSimplex)
        let optimum = simplex.cost * Double(n)
        XCTAssertEqual(result.cost, optimum, accuracy: 1e-9 * max(1e-300, abs(optimum)),
                       "\(label): assignment vs network simplex", file: file, line: line)
        assertDualCertificate(result, c, file: file, line: line)
    }
}

/// n points of a 2-D Gaussian mixture: component by weight, then centre + sigma * N(0, I).
private func clusteredPoints(_ n: Int, centres: [(Double, Double)], weights: [Double], sigma: Double,
                             seed: UInt64) -> Matrix<Double> {
    var rng = RandomStream(seed: seed)
    var x = Matrix<Double>(rows: n, cols: 2)
    for i in 0..<n {
        let a = rng.nextDouble()
        var k = 0, cumulative = weights[0]
        while a >= cumulative && k + 1 < weights.count { k += 1; cumulative += weights[k] }
        x[i, 0] = centres[k].0 + sigma * rng.nextNormal()
        x[i, 1] = centres[k].1 + sigma * rng.nextNormal()
    }
    return x
}
