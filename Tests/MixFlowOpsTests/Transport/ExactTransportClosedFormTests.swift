import XCTest
@testable import MixFlowOps

/// Exact OT against closed forms: 1-D formulas, Gaussians, identity and symmetry.
final class ExactTransportClosedFormTests: XCTestCase {
    /// In 1-D, W1 is the area between the two empirical CDFs, for any sizes.
    func testW1In1DIsAreaBetweenCDFs() throws {
        for (n, m, seed) in [(200, 200, 1), (300, 170, 2), (1, 40, 3), (57, 1000, 4)] as [(Int, Int, UInt64)] {
            let x = gaussianPoints(n, 1, seed: seed), y = gaussianPoints(m, 1, seed: seed + 9, scale: 1.5, shift: [0.4])
            let area = areaBetweenCDFs(x.storage, y.storage)
            XCTAssertEqual(try wasserstein1(x, y), area, accuracy: 1e-12 * area, "n=\(n) m=\(m)")
        }
    }

    /// In 1-D with equal sizes, W2^2 pairs the sorted samples.
    func testW2SquaredIn1DPairsSortedPoints() throws {
        let x = gaussianPoints(500, 1, seed: 7), y = gaussianPoints(500, 1, seed: 8, scale: 0.5)
        let sx = x.storage.sorted(), sy = y.storage.sorted()
        let expected = zip(sx, sy).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 500
        XCTAssertEqual(try wasserstein2Squared(x, y), expected, accuracy: 1e-12 * expected)
    }

    /// W2^2(N(0, I), N(mu, s^2 I)) = |mu|^2 + d (1 - s)^2. Two samples of n points each differ
    /// from their laws by about sqrt(log n / n) in W2 (d = 2), which sets the tolerance.
    func testW2BetweenGaussians() throws {
        let n = 2000
        let mu = [1.5, -1.0], s = 2.0
        let x = gaussianPoints(n, 2, seed: 21), y = gaussianPoints(n, 2, seed: 22, scale: s, shift: mu)
        let truth = (mu[0] * mu[0] + mu[1] * mu[1] + 2 * (1 - s) * (1 - s)).squareRoot()
        let tolerance = 3 * (1 + s) * (log(Double(n)) / Double(n)).squareRoot()
        XCTAssertEqual(try wasserstein2(x, y), truth, accuracy: tolerance)
        // Unequal sizes go through the network simplex and must agree just as well.
        XCTAssertEqual(try wasserstein2(x, y.rows(0..<1500)), truth, accuracy: tolerance)
    }

    func testDistanceOfASetToItselfIsZero() throws {
        let x = gaussianPoints(300, 4, seed: 3)
        XCTAssertEqual(try wasserstein1(x, x), 0, accuracy: 1e-12)
        XCTAssertEqual(try wasserstein2Squared(x, x), 0, accuracy: 1e-12)
        let shuffled = x.rows((0..<300).reversed())
        XCTAssertEqual(try wasserstein2(x, shuffled), 0, accuracy: 1e-6)
    }

    func testSymmetry() throws {
        let x = gaussianPoints(120, 3, seed: 4), y = gaussianPoints(90, 3, seed: 5, shift: [1, 0, 0])
        XCTAssertEqual(try wasserstein1(x, y), try wasserstein1(y, x), accuracy: 1e-12)
        XCTAssertEqual(try wasserstein2Squared(x, y), try wasserstein2Squared(y, x), accuracy: 1e-12)
    }
}

/// `integral |F_x(t) - F_y(t)| dt` for two 1-D samples with uniform weights.
func areaBetweenCDFs(_ x: [Double], _ y: [Double]) -> Double {
    let events = (x.map { ($0, 1.0 / Double(x.count)) } + y.map { ($0, -1.0 / Double(y.count)) })
        .sorted { $0.0 < $1.0 }
    var area = 0.0, difference = 0.0
    for k in 0..<(events.count - 1) {
        difference += events[k].1
        area += abs(difference) * (events[k + 1].0 - events[k].0)
    }
    return area
}
