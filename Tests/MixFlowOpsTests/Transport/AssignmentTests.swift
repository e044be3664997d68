import XCTest
@testable import MixFlowOps

/// The assignment solver against brute force over all permutations, and its dual certificate.
final class AssignmentTests: XCTestCase {
    func testMatchesBruteForceForSmallSizes() throws {
        var rng = RandomStream(seed: 3)
        for trial in 0..<300 {
            let n = 1 + trial % 8
            var c = Matrix<Double>(rows: n, cols: n)
            let integral = trial % 3 == 0        // many ties
            for k in 0..<c.count {
                c.storage[k] = integral ? Double(rng.nextInt(below: 4)) : rng.nextDouble() * 10 - 3
            }
            let result = try solveAssignment(costs: c)
            XCTAssertEqual(Set(result.columnOfRow), Set(0..<n), "trial \(trial): not a permutation")
            let reported = (0..<n).reduce(0) { $0 + c[$1, result.columnOfRow[$1]] }
            XCTAssertEqual(result.cost, reported, accuracy: 1e-12)
            XCTAssertEqual(result.cost, bruteForceMinimum(c), accuracy: 1e-9, "trial \(trial), n = \(n)")
            assertDualCertificate(result, c)
        }
    }

    func testLargerGeometricProblemsHaveACertificate() throws {
        for (n, d) in [(300, 2), (200, 20), (257, 1)] {
            let x = gaussianPoints(n, d, seed: UInt64(n)), y = gaussianPoints(n, d, seed: UInt64(n + d), shift: [Double](repeating: 0.5, count: d))
            let c = costMatrix(x, y, cost: .squaredEuclidean)
            let result = try solveAssignment(costs: c)
            assertDualCertificate(result, c)
        }
    }

    func testConstantAndNonSquareInputs() throws {
        let constant = Matrix<Double>(rows: 5, cols: 5, repeating: 2)
        XCTAssertEqual(try solveAssignment(costs: constant).cost, 10)
        XCTAssertThrowsError(try solveAssignment(costs: Matrix<Double>(rows: 2, cols: 3)))
        XCTAssertEqual(try solveAssignment(costs: Matrix<Double>(rows: 0, cols: 0)).cost, 0)
    }
}

/// u[i] + v[j] <= C[i, j] everywhere, equality on the assignment.
func assertDualCertificate(_ result: AssignmentResult, _ c: Matrix<Double>,
                           file: StaticString = #filePath, line: UInt = #line) {
    let n = c.rows
    let tol = 1e-9 * max(1, c.storage.map(abs).max() ?? 1)
    for i in 0..<n {
        for j in 0..<n {
            let reduced = c[i, j] - result.rowPotential[i] - result.columnPotential[j]
            XCTAssertGreaterThan(reduced, -tol, "reduced cost at (\(i), \(j))", file: file, line: line)
            if j == result.columnOfRow[i] { XCTAssertEqual(reduced, 0, accuracy: tol, file: file, line: line) }
        }
    }
}

/// Minimum of `sum_i C[i, sigma(i)]` over all permutations (Heap's algorithm), n <= 8.
func bruteForceMinimum(_ c: Matrix<Double>) -> Double {
    let n = c.rows
    var perm = Array(0..<n)
    var best = Double.infinity
    func visit() { best = min(best, (0..<n).reduce(0) { $0 + c[$1, perm[$1]] }) }
    var counters = [Int](repeating: 0, count: n)
    visit()
    var i = 0
    while i < n {
        if counters[i] < i {
            if i % 2 == 0 { perm.swapAt(0, i) } else { perm.swapAt(counters[i], i) }
            visit()
            counters[i] += 1
            i = 0
        } else {
            counters[i] = 0
            i += 1
        }
    }
    return best
}

/// Cost scales far from 1 and negative costs, through both exact solvers.
final class CostScaleTests: XCTestCase {
    func testTinyHugeAndNegativeCosts() throws {
        var rng = RandomStream(seed: 17)
        for scale in [1e-200, 1e-20, 1.0, 1e40, 1e250] {
            for offset in [0.0, -5.0] {
                let n = 6
                var c = Matrix<Double>(rows: n, cols: n)
                for k in 0..<c.count { c.storage[k] = (rng.nextDouble() + offset) * scale }
                let best = bruteForceMinimum(c)
                XCTAssertEqual(try solveAssignment(costs: c).cost, best, accuracy: 1e-12 * abs(best), "scale \(scale)")
                let simplex = try exactTransport(costMatrix: c, options: ExactTransportOptions(assignmentFastPath: false))
                XCTAssertEqual(simplex.cost * Double(n), best, accuracy: 1e-12 * abs(best), "simplex scale \(scale)")
            }
        }
    }
}
