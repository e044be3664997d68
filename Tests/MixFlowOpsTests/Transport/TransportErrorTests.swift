import XCTest
@testable import MixFlowOps

final class TransportErrorTests: XCTestCase {
    func testNonFiniteCoordinateIsReportedWithItsRow() {
        var y = gaussianPoints(10, 3, seed: 1)
        y[6, 2] = .nan
        XCTAssertThrowsError(try wasserstein2(gaussianPoints(10, 3, seed: 2), y)) { error in
            XCTAssertEqual(error as? TransportError, .nonFinite(input: "y", row: 6, column: 2))
            XCTAssertTrue("\(error)".contains("row 7"), "\(error)")
        }
        var x = gaussianPoints(4, 2, seed: 3)
        x[0, 0] = .infinity
        XCTAssertThrowsError(try wasserstein1(x, gaussianPoints(4, 2, seed: 4))) { error in
            XCTAssertEqual(error as? TransportError, .nonFinite(input: "x", row: 0, column: 0))
        }
    }

    func testMemoryBudgetRefusesLargeProblemsAndSuggestsSinkhorn() {
        let x = gaussianPoints(300, 2, seed: 1), y = gaussianPoints(200, 2, seed: 2)
        let options = ExactTransportOptions(memoryBudget: 100_000)
        XCTAssertThrowsError(try exactTransport(x, x, options: options)) {
            XCTAssertEqual($0 as? TransportError,
                           .costMatrixTooLarge(rows: 300, cols: 300, bytes: 300 * 300 * 12, budget: 100_000))
        }
        XCTAssertThrowsError(try exactTransport(x, y, options: options)) { error in
            XCTAssertEqual(error as? TransportError,
                           .costMatrixTooLarge(rows: 300, cols: 200, bytes: 480_000, budget: 100_000))
            let text = "\(error)"
            XCTAssertTrue(text.contains("300") && text.contains("200") && text.contains("sinkhorn"), text)
        }
    }

    func testShapeAndWeightErrors() {
        XCTAssertThrowsError(try wasserstein1(gaussianPoints(3, 2, seed: 1), gaussianPoints(3, 3, seed: 1))) {
            XCTAssertEqual($0 as? TransportError, .dimensionMismatch(x: 2, y: 3))
        }
        XCTAssertThrowsError(try wasserstein1(Matrix(rows: 0, cols: 2), gaussianPoints(3, 2, seed: 1))) {
            XCTAssertEqual($0 as? TransportError, .emptyInput(input: "x"))
        }
        let x = gaussianPoints(3, 2, seed: 1)
        XCTAssertThrowsError(try exactTransport(x, x, sourceWeights: [1, -1, 1])) {
            XCTAssertTrue("\($0)".contains("weight 2"), "\($0)")
        }
        XCTAssertThrowsError(try exactTransport(x, x, targetWeights: [1, 1])) {
            XCTAssertTrue("\($0)".contains("3 weights"), "\($0)")
        }
    }

    func testCancellationStopsTheSolvers() {
        let x = gaussianPoints(400, 2, seed: 1), y = gaussianPoints(300, 2, seed: 2)
        let stop: ShouldStop = { true }
        XCTAssertThrowsError(try exactTransport(x, y, options: ExactTransportOptions(shouldStop: stop))) {
            XCTAssertTrue($0 is Cancelled, "\($0)")
        }
        XCTAssertThrowsError(try exactTransport(x, x.rows(0..<400), options: ExactTransportOptions(shouldStop: stop))) {
            XCTAssertTrue($0 is Cancelled, "\($0)")
        }
    }
}
