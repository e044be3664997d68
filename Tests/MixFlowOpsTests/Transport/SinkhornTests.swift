import XCTest
@testable import MixFlowOps

final class SinkhornTests: XCTestCase {
    /// geomloss `SamplesLoss("sinkhorn", p=2, blur=0.05, scaling=0.99)` on the reference clouds.
    func testMatchesGeomlossReference() throws {
        var worst = 0.0
        for c in try MetricFixtures.cases() {
            let expected = c.expected["sinkhorn_p2_blur0.05"]!
            let result = try sinkhorn(c.x, c.y)
            let error = relativeError(result.value, expected)
            worst = max(worst, error)
            XCTAssertLessThan(error, 1e-3, "\(c.name): \(result.value) vs geomloss \(expected)")
        }
        print("sinkhorn vs geomloss: max relative error \(worst)")
    }
}
