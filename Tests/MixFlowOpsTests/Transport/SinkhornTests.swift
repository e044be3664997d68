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

/// Sinkhorn against its limits and invariants.
final class SinkhornPropertyTests: XCTestCase {
    func testDivergenceOfASetToItselfIsZeroAndSymmetric() throws {
        let x = gaussianPoints(120, 3, seed: 1), y = gaussianPoints(90, 3, seed: 2, shift: [1, 0, 0])
        let options = SinkhornOptions(scaling: 0.9)
        XCTAssertEqual(try sinkhorn(x, x, options: options).value, 0, accuracy: 1e-10)
        XCTAssertEqual(try sinkhorn(x, y, options: options).value, try sinkhorn(y, x, options: options).value,
                       accuracy: 1e-9)
    }

    /// For a huge blur, S_eps -> E C(x, y) - E C(x, x')/2 - E C(y, y')/2, which for p = 1 is
    /// half the energy distance.
    func testLargeBlurGivesHalfTheEnergyDistance() throws {
        let x = gaussianPoints(80, 2, seed: 3), y = gaussianPoints(70, 2, seed: 4, shift: [0.7, 0])
        let result = try sinkhorn(x, y, options: SinkhornOptions(p: 1, blur: 1e6, scaling: 0.5))
        XCTAssertEqual(result.value, try energyDistance(x, y) / 2, accuracy: 1e-4 * result.value)
    }

    /// For a small blur, S_eps -> OT with cost |x-y|^2 / 2, i.e. W2^2 / 2 (entropic bias about
    /// eps log n).
    func testSmallBlurApproachesHalfW2Squared() throws {
        let x = gaussianPoints(60, 2, seed: 5), y = gaussianPoints(50, 2, seed: 6, shift: [1, 0.5])
        let result = try sinkhorn(x, y, options: SinkhornOptions(blur: 0.01, scaling: 0.9))
        let half = try wasserstein2Squared(x, y) / 2
        XCTAssertEqual(result.value, half, accuracy: 0.01 * half)
    }

    func testPlanHasTheWeightsAsMarginals() throws {
        let x = gaussianPoints(70, 2, seed: 7), y = gaussianPoints(40, 2, seed: 8, shift: [0.5, 0])
        let b = (0..<40).map { 1 + Double($0 % 3) }
        let result = try sinkhorn(x, y, targetWeights: b,
                                  options: SinkhornOptions(blur: 0.3, scaling: 0.9, computePlan: true))
        let plan = try XCTUnwrap(result.plan)
        let total = b.reduce(0, +)
        for i in 0..<70 {
            XCTAssertEqual((0..<40).reduce(0) { $0 + plan[i, $1] }, 1.0 / 70, accuracy: 1e-8)
        }
        for j in 0..<40 {
            XCTAssertEqual((0..<70).reduce(0) { $0 + plan[$1, j] }, b[j] / total, accuracy: 1e-8)
        }
    }

    /// Far-apart clouds in 60-D: every C/eps is in the tens of thousands, where a
    /// non-logarithmic Sinkhorn would underflow to 0/0.
    func testHighDimensionFarApartStaysFinite() throws {
        let d = 60
        let x = gaussianPoints(50, d, seed: 9), y = gaussianPoints(40, d, seed: 10, shift: [Double](repeating: 3, count: d))
        let value = try sinkhorn(x, y, options: SinkhornOptions(blur: 0.05, scaling: 0.8)).value
        XCTAssertTrue(value.isFinite)
        // The blur is tiny next to the distances, so S is close to the exact W2^2 / 2.
        let half = try wasserstein2Squared(x, y) / 2
        XCTAssertEqual(value, half, accuracy: 0.01 * half)
    }

    func testOptionAndBudgetErrors() {
        let x = gaussianPoints(10, 2, seed: 1)
        XCTAssertThrowsError(try sinkhorn(x, x, options: SinkhornOptions(p: 3)))
        XCTAssertThrowsError(try sinkhorn(x, x, options: SinkhornOptions(blur: 0)))
        XCTAssertThrowsError(try sinkhorn(x, x, options: SinkhornOptions(scaling: 1)))
        XCTAssertThrowsError(try sinkhorn(x, x, options: SinkhornOptions(memoryBudget: 100))) {
            XCTAssertEqual($0 as? TransportError, .sinkhornTooLarge(rows: 10, cols: 10, bytes: 3200, budget: 100))
        }
        XCTAssertThrowsError(try sinkhorn(x, x, options: SinkhornOptions(shouldStop: { true }))) {
            XCTAssertTrue($0 is Cancelled)
        }
    }
}
