import XCTest
@testable import MixFlowOps

/// Exact OT against POT's `ot.emd2` on the shared reference clouds, 1e-6 relative.
final class ExactTransportReferenceTests: XCTestCase {
    func testWassersteinMatchesPOT() throws {
        var worst = 0.0
        for c in try MetricFixtures.cases() {
            let w1 = try wasserstein1(c.x, c.y)
            let w2sq = try wasserstein2Squared(c.x, c.y)
            let w2 = try wasserstein2(c.x, c.y)
            for (key, value) in [("w1", w1), ("w2sq", w2sq), ("w2", w2)] {
                let error = relativeError(value, c.expected[key]!)
                worst = max(worst, error)
                XCTAssertLessThan(error, 1e-6, "\(c.name) \(key): \(value) vs POT \(c.expected[key]!)")
            }
        }
        print("exact OT vs POT: max relative error \(worst)")
    }

    /// The n == m case also through the network simplex, so both solvers meet the reference.
    func testNetworkSimplexMatchesPOTOnEqualSizes() throws {
        let c = try MetricFixtures.cases().first { $0.x.rows == $0.y.rows }!
        let options = ExactTransportOptions(assignmentFastPath: false)
        let result = try exactTransport(c.x, c.y, cost: .squaredEuclidean, options: options)
        XCTAssertEqual(result.method, .networkSimplex)
        XCTAssertLessThan(relativeError(result.cost, c.expected["w2sq"]!), 1e-6)
    }
}
