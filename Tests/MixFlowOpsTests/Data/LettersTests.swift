import XCTest
@testable import MixFlowOps

final class LettersTests: XCTestCase {
    func testDeterministicPerSeed() throws {
        let options = LettersOptions(letters: "AEFHK", angles: [0, 90], points: 50, noise: 0.02, seed: 11)
        XCTAssertEqual(try Letters.make(options), try Letters.make(options))
        var other = options
        other.seed = 12
        XCTAssertNotEqual(try Letters.make(options).points, try Letters.make(other).points)
    }

    func testConditionsAndDescriptorLayout() throws {
        let data = try Letters.make(LettersOptions(letters: "aek", angles: [0, 90, 210], points: 10))
        XCTAssertEqual(data.summary, "dataset 90x2, 9 conditions (letter, angle), descriptors 5-D")
        XCTAssertEqual(data.conditions.map(\.name), ["A@0", "A@90", "A@210", "E@0", "E@90", "E@210", "K@0", "K@90", "K@210"])
        let e210 = data.conditions[5]
        XCTAssertEqual(e210["letter"], .string("E"))
        XCTAssertEqual(e210["angle"], .number(210))
        XCTAssertEqual(Array(e210.descriptor[0..<3]), [0, 1, 0])   // one-hot over A, E, K
        XCTAssertEqual(e210.descriptor[3], Float(-0.75.squareRoot()), accuracy: 1e-6)   // cos 210°
        XCTAssertEqual(e210.descriptor[4], -0.5, accuracy: 1e-6)                        // sin 210°
        XCTAssertEqual(data.featureNames, ["x", "y"])
    }

    func testEachConditionIndependentOfTheOthersRequested() throws {
        let many = try Letters.make(LettersOptions(letters: "KAE", angles: [0, 90, 30], points: 40, seed: 5))
        let one = try Letters.make(LettersOptions(letters: "A", angles: [90], points: 40, seed: 5))
        XCTAssertEqual(many.points(of: many.conditionIndex(named: "A@90")!), one.points)
    }

    /// L has a vertical stroke of length 1 and a horizontal one of 0.55: uniform sampling by arc
    /// length puts 1/1.55 of the points on the vertical stroke (binomial s.e. 0.0034 at n=20000).
    func testUniformByArcLength() throws {
        let data = try Letters.make(LettersOptions(letters: "L", angles: [0], points: 20_000, noise: 0))
        var vertical = 0
        for r in 0..<data.pointCount {
            let (x, y) = (data.points[r, 0], data.points[r, 1])
            if y > -0.5 + 1e-6 { vertical += 1; XCTAssertEqual(x, -0.275, accuracy: 1e-6) } else { XCTAssertEqual(y, -0.5, accuracy: 1e-6) }
        }
        XCTAssertEqual(Double(vertical) / 20_000, 1 / 1.55, accuracy: 0.015)
    }

    /// Noise-free O lies on its ellipse (x/0.4)^2 + (y/0.5)^2 = 1, centred at the origin.
    func testCurvedStrokesLieOnTheirArcs() throws {
        let data = try Letters.make(LettersOptions(letters: "O", angles: [0], points: 2000, noise: 0))
        for r in 0..<data.pointCount {
            let (x, y) = (Double(data.points[r, 0]), Double(data.points[r, 1]))
            XCTAssertEqual((x / 0.4) * (x / 0.4) + (y / 0.5) * (y / 0.5), 1, accuracy: 2e-3)   // chord sag at 2.5° steps
        }
    }

    func testAllLettersCentredInTheUnitBoxAndRotatedAboutTheirCentre() throws {
        let data = try Letters.make(LettersOptions(letters: Letters.alphabet, angles: [0, 90], points: 400, noise: 0))
        for letter in 0..<26 {
            let upright = data.points(of: 2 * letter), turned = data.points(of: 2 * letter + 1)
            let (lo0, hi0) = bounds(upright), (lo90, hi90) = bounds(turned)
            XCTAssertGreaterThanOrEqual(lo0.min()!, -0.56)
            XCTAssertLessThanOrEqual(hi0.max()!, 0.56)
            XCTAssertEqual(hi0[1], 0.5, accuracy: 0.02, "letter \(letter) reaches the cap height")
            // 90° counter-clockwise: (x, y) -> (-y, x), so the x-range of the turned letter is the
            // mirrored y-range of the upright one (up to sampling of the extremes).
            XCTAssertEqual(lo90[0], -hi0[1], accuracy: 0.03)
            XCTAssertEqual(hi90[1], hi0[0], accuracy: 0.03)
        }
    }

    func testEmbeddingIsAnIsometryOfTheLetterPlane() throws {
        let plane = try Letters.make(LettersOptions(letters: "AK", angles: [0], points: 30, seed: 9))
        let embedded = try Letters.make(LettersOptions(letters: "AK", angles: [0], points: 30, seed: 9, dim: 7))
        XCTAssertEqual(embedded.dimension, 7)
        XCTAssertEqual(embedded.featureNames.first, "x1")
        for (i, j) in [(0, 1), (3, 40), (17, 59)] {
            XCTAssertEqual(distance(plane, i, j), distance(embedded, i, j), accuracy: 1e-5)
        }
        let (u, v) = Letters.randomIsometry(dimension: 7, seed: 9)
        XCTAssertEqual(zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }, 0, accuracy: 1e-12)
        XCTAssertEqual(u.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-12)
    }

    func testInvalidOptions() {
        XCTAssertEqual(expectDataError { try Letters.make(LettersOptions(letters: "A1", angles: [0])) }?.message,
                       "letters: '1' is not a capital letter A-Z")
        XCTAssertEqual(expectDataError { try Letters.make(LettersOptions(letters: "AA", angles: [0])) }?.message,
                       "letters: 'A' is given twice in \"AA\"")
        XCTAssertEqual(expectDataError { try Letters.make(LettersOptions(letters: "A", angles: [0, 0])) }?.message,
                       "letters: angle 0 is given twice")
        XCTAssertEqual(expectDataError { try Letters.make(LettersOptions(letters: "A", angles: [0], dim: 1)) }?.message,
                       "letters: dim must be at least 2, got 1")
    }

    private func bounds(_ points: Matrix<Float>) -> (low: [Float], high: [Float]) {
        var low: [Float] = [.infinity, .infinity], high: [Float] = [-.infinity, -.infinity]
        for r in 0..<points.rows {
            for c in 0..<2 {
                low[c] = min(low[c], points[r, c])
                high[c] = max(high[c], points[r, c])
            }
        }
        return (low, high)
    }

    private func distance(_ data: Dataset, _ i: Int, _ j: Int) -> Float {
        (0..<data.dimension).reduce(Float(0)) { $0 + (data.points[i, $1] - data.points[j, $1]) * (data.points[i, $1] - data.points[j, $1]) }
            .squareRoot()
    }
}
