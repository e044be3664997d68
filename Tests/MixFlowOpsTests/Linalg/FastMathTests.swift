import XCTest
@testable import MixFlowOps

/// The vectorisable approximations against libm in Float64.
final class FastMathTests: XCTestCase {
    /// Largest error in units of the last place of the Float result.
    private func worstFloatUlps(_ inputs: [Float], _ fast: (Float) -> Float, _ exact: (Double) -> Double) -> Double {
        inputs.map { x in
            let reference = exact(Double(x))
            return abs(Double(fast(x)) - reference) / Double(Float(reference).ulp)
        }.max()!
    }

    private func grid(_ low: Float, _ high: Float, _ count: Int = 20001) -> [Float] {
        (0..<count).map { low + (high - low) * Float($0) / Float(count - 1) }
    }

    func testFloatExpLogTanhWithinAFewUlps() {
        XCTAssertLessThan(worstFloatUlps(grid(-87, 88), Float.fastExp, Foundation.exp), 2)
        XCTAssertLessThan(worstFloatUlps(grid(1e-30, 1e-20) + grid(1e-6, 1000), Float.fastLog, Foundation.log), 2)
        let tanhErrors = grid(-12, 12).map { x in abs(Double(Float.fastTanh(x)) - tanh(Double(x))) }
        XCTAssertLessThan(tanhErrors.max()!, 2.5e-7)   // absolute, about 2 ulp of 1
        let nearZero = grid(-0.5, 0.5).filter { $0 != 0 }
        XCTAssertLessThan(worstFloatUlps(nearZero, Float.fastTanh, Foundation.tanh), 3)
    }

    func testFloatExpEdges() {
        XCTAssertEqual(Float.fastExp(0), 1)
        XCTAssertEqual(Float.fastExp(-200), 0)
        XCTAssertEqual(Float.fastExp(200), .infinity)
        XCTAssertTrue(Float.fastExp(.nan).isNaN)
    }

    func testDoubleExpLogWithinAFewUlps() {
        for i in 0..<20001 {
            let x = -700 + 1400 * Double(i) / 20000
            XCTAssertLessThan(abs(Double.fastExp(x) - exp(x)) / exp(x).ulp, 3, "exp(\(x))")
            let y = exp(x / 10)
            XCTAssertLessThan(abs(Double.fastLog(y) - log(y)), 3 * max(log(y).ulp, 1e-300), "log(\(y))")
        }
        XCTAssertLessThan(abs(Double.fastTanh(0.7) - tanh(0.7)), 1e-15)
        XCTAssertLessThan(abs(Double.fastTanh(-0.1) - tanh(-0.1)) / abs(tanh(-0.1)), 1e-15)
    }

    func testCosSinOfTurns() {
        for i in 0..<4096 {
            let u = Double(i) / 4096
            let (c, s) = Double.fastCosSinTurns(u)
            XCTAssertEqual(c, cos(2 * .pi * u), accuracy: 1e-15)
            XCTAssertEqual(s, sin(2 * .pi * u), accuracy: 1e-15)
            let (cf, sf) = Float.fastCosSinTurns(Float(u))
            XCTAssertEqual(Double(cf), cos(2 * .pi * Double(Float(u))), accuracy: 2e-7)
            XCTAssertEqual(Double(sf), sin(2 * .pi * Double(Float(u))), accuracy: 2e-7)
        }
    }
}
