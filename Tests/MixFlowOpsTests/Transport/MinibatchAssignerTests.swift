import XCTest
@testable import MixFlowOps

final class MinibatchAssignerTests: XCTestCase {
    func testPairingIsOptimalAndSolverIsReusable() throws {
        let assigner = MinibatchAssigner(maxSize: 256, dimension: 2)
        var permutation: [Int] = []
        for (n, d, seed) in [(256, 2, 1), (64, 5, 2), (7, 3, 3), (256, 2, 4), (1, 2, 5)] as [(Int, Int, UInt64)] {
            let x0 = gaussianPoints(n, d, seed: seed), x1 = gaussianPoints(n, d, seed: seed + 10, shift: [Double](repeating: 1, count: d))
            try assigner.assign(x0.converted(to: Float.self), x1.converted(to: Float.self), into: &permutation)
            XCTAssertEqual(Set(permutation), Set(0..<n))
            // The Float32 inputs, widened, define the problem the assigner solves exactly.
            let c = costMatrix(x0.converted(to: Float.self).converted(), x1.converted(to: Float.self).converted(),
                               cost: .squaredEuclidean)
            let best = try solveAssignment(costs: c).cost
            let paired = (0..<n).reduce(0) { $0 + c[$1, permutation[$1]] }
            XCTAssertEqual(paired, best, accuracy: 1e-9 * best, "n = \(n), d = \(d)")
            XCTAssertEqual(assigner.lastMeanCost, best / Double(n), accuracy: 1e-9 * best)
            if n <= 7 { XCTAssertEqual(paired, bruteForceMinimum(c), accuracy: 1e-9) }
        }
    }

    func testRejectsOversizedAndNonFiniteBatches() {
        let assigner = MinibatchAssigner(maxSize: 8)
        var permutation: [Int] = []
        let big = Matrix<Float>(rows: 9, cols: 2)
        XCTAssertThrowsError(try assigner.assign(big, big, into: &permutation))
        var x1 = Matrix<Float>(rows: 4, cols: 2, repeating: 1)
        x1[3, 1] = .nan
        XCTAssertThrowsError(try assigner.assign(Matrix<Float>(rows: 4, cols: 2), x1, into: &permutation)) {
            XCTAssertEqual($0 as? TransportError, .nonFinite(input: "x1", row: 3, column: 1))
        }
    }
}
