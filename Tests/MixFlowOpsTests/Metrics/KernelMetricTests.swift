import XCTest
@testable import MixFlowOps

/// MMD and energy distance against numpy reference values and direct double loops.
final class KernelMetricTests: XCTestCase {
    func testMatchReferenceValues() throws {
        var worst = (mmd: 0.0, energy: 0.0)
        for c in try MetricFixtures.cases() {
            let m = try mmd(c.x, c.y), e = try energyDistance(c.x, c.y)
            worst.mmd = max(worst.mmd, relativeError(m, c.expected["mmd"]!))
            worst.energy = max(worst.energy, relativeError(e, c.expected["energy"]!))
            XCTAssertLessThan(relativeError(m, c.expected["mmd"]!), 1e-6, "\(c.name) mmd \(m)")
            XCTAssertLessThan(relativeError(e, c.expected["energy"]!), 1e-6, "\(c.name) energy \(e)")
        }
        print("mmd vs numpy: max relative error \(worst.mmd); energy: \(worst.energy)")
    }

    /// Blocked, triangular, multi-threaded sums against a plain double loop, both estimators,
    /// user gammas (including ones that are not integer multiples of each other).
    func testMatchesDirectDoubleLoops() throws {
        for (n, m, d) in [(37, 51, 3), (700, 650, 12), (1, 5, 2)] {
            let x = gaussianPoints(n, d, seed: UInt64(n)), y = gaussianPoints(m, d, seed: UInt64(m + 1), scale: 1.3)
            for gammas in [MMDOptions.defaultGammas, [0.3, 0.7, 2.1, 0.6]] {
                for estimator in [MMDEstimator.biased, .unbiased] where estimator == .biased || n > 1 {
                    let expected = directMMD(x, y, gammas: gammas, unbiased: estimator == .unbiased)
                    let value = try mmd(x, y, options: MMDOptions(gammas: gammas, estimator: estimator))
                    XCTAssertEqual(value, expected, accuracy: 1e-12 * max(1, abs(expected)), "\(n)x\(m) \(estimator)")
                }
            }
            XCTAssertEqual(try energyDistance(x, y), directEnergy(x, y), accuracy: 1e-10)
        }
    }

    func testIdentityAndSymmetry() throws {
        let x = gaussianPoints(200, 4, seed: 9), y = gaussianPoints(150, 4, seed: 10, shift: [0.5, 0, 0, 0])
        XCTAssertEqual(try mmd(x, x), 0, accuracy: 1e-14)
        XCTAssertEqual(try energyDistance(x, x), 0, accuracy: 1e-12)
        XCTAssertEqual(try mmd(x, y), try mmd(y, x), accuracy: 1e-14)
        XCTAssertEqual(try energyDistance(x, y), try energyDistance(y, x), accuracy: 1e-12)
        XCTAssertGreaterThan(try mmd(x, y), 0)
    }

    func testBadOptionsAndInputs() {
        let x = gaussianPoints(5, 2, seed: 1)
        XCTAssertThrowsError(try mmd(x, x, options: MMDOptions(gammas: [])))
        XCTAssertThrowsError(try mmd(x, x, options: MMDOptions(gammas: [1, -2])))
        XCTAssertThrowsError(try mmd(x.rows(0..<1), x, options: MMDOptions(estimator: .unbiased)))
        var bad = x
        bad[2, 1] = .infinity
        XCTAssertThrowsError(try energyDistance(x, bad)) {
            XCTAssertEqual($0 as? TransportError, .nonFinite(input: "y", row: 2, column: 1))
        }
    }
}

private func squaredDistance(_ a: Matrix<Double>, _ i: Int, _ b: Matrix<Double>, _ j: Int) -> Double {
    (0..<a.cols).reduce(0) { $0 + (a[i, $1] - b[j, $1]) * (a[i, $1] - b[j, $1]) }
}

private func directMMD(_ x: Matrix<Double>, _ y: Matrix<Double>, gammas: [Double], unbiased: Bool) -> Double {
    func mean(_ a: Matrix<Double>, _ b: Matrix<Double>, _ g: Double, skipDiagonal: Bool) -> Double {
        var s = 0.0
        for i in 0..<a.rows { for j in 0..<b.rows where !(skipDiagonal && i == j) { s += exp(-g * squaredDistance(a, i, b, j)) } }
        return s / Double(a.rows * (skipDiagonal ? a.rows - 1 : b.rows))
    }
    return gammas.reduce(0) {
        $0 + mean(x, x, $1, skipDiagonal: unbiased) + mean(y, y, $1, skipDiagonal: unbiased) - 2 * mean(x, y, $1, skipDiagonal: false)
    } / Double(gammas.count)
}

private func directEnergy(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Double {
    func mean(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
        var s = 0.0
        for i in 0..<a.rows { for j in 0..<b.rows { s += squaredDistance(a, i, b, j).squareRoot() } }
        return s / Double(a.rows * b.rows)
    }
    return 2 * mean(x, y) - mean(x, x) - mean(y, y)
}

final class MetricCancellationTests: XCTestCase {
    func testKernelMetricsStopWhenAsked() {
        let x = gaussianPoints(50, 3, seed: 1)
        let options = MetricOptions().stopping(when: { true })
        for metric in [DistributionMetric.mmd, .energy, .sinkhorn, .w1] {
            XCTAssertThrowsError(try distance(metric, x, x.rows(0..<40), options: options), "\(metric)") {
                XCTAssertTrue($0 is Cancelled, "\(metric): \($0)")
            }
        }
    }
}
