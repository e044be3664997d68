import XCTest
@testable import MixFlowOps

/// Solvers against closed-form flows.
final class ODETests: XCTestCase {
    /// dx/dt = A x with A = [[0, -1], [1, 0]] (per row): x(t) = R(t) x0, a rotation.
    private let rotation: VectorField<Double> = { x, _, dxdt in
        dxdt.reshape(rows: x.rows, cols: 2)
        for r in 0..<x.rows { dxdt[r, 0] = -x[r, 1]; dxdt[r, 1] = x[r, 0] }
    }

    private func rotated(_ x0: Matrix<Double>, by t: Double) -> Matrix<Double> {
        var out = x0
        for r in 0..<x0.rows {
            out[r, 0] = cos(t) * x0[r, 0] - sin(t) * x0[r, 1]
            out[r, 1] = sin(t) * x0[r, 0] + cos(t) * x0[r, 1]
        }
        return out
    }

    private let start = Matrix<Double>([[1, 0], [0.5, -2], [3, 1]])

    private func error(_ method: FixedStepSolver<Double>.Method, steps: Int) throws -> Double {
        let solution = try FixedStepSolver(method: method, steps: steps).integrate(start, from: 0, to: 2, rotation)
        return solution.final.maxAbsDifference(rotated(start, by: 2))
    }

    func testEmpiricalOrderOfFixedStepMethods() throws {
        for (method, order) in [(FixedStepSolver<Double>.Method.euler, 1.0), (.midpoint, 2.0), (.rk4, 4.0)] {
            let coarse = try error(method, steps: 40), fine = try error(method, steps: 80)
            XCTAssertEqual(log2(coarse / fine), order, accuracy: 0.15, "\(method)")
        }
        XCTAssertLessThan(try error(.rk4, steps: 100), 1e-7)
    }

    func testTimeDependentLinearFlow() throws {
        // dx/dt = -2 t x: x(t) = x0 exp(-t^2).
        let decay: VectorField<Double> = { x, t, dxdt in
            dxdt = x
            dxdt.scale(by: -2 * t)
        }
        let x0 = Matrix<Double>([[1, -2]])
        let solution = try FixedStepSolver(method: .rk4, steps: 200).integrate(x0, from: 0, to: 1.5, decay)
        XCTAssertEqual(solution.final[0, 1], -2 * exp(-2.25), accuracy: 1e-9)
        XCTAssertEqual(solution.evaluations, 800)
    }

    func testDopri5MeetsItsToleranceWithFSAL() throws {
        for tolerance in [1e-4, 1e-7, 1e-10] {
            let options = DormandPrinceOptions(rtol: tolerance, atol: tolerance)
            let solution = try DormandPrince<Double>(options).integrate(start, from: 0, to: 2 * .pi, rotation)
            let error = solution.final.maxAbsDifference(start)
            XCTAssertLessThan(error, 30 * tolerance * 3, "tolerance \(tolerance)")
            XCTAssertEqual(solution.evaluations, 2 + 6 * (solution.steps + solution.rejectedSteps), "FSAL: 6 per step")
        }
        let loose = try DormandPrince<Double>(DormandPrinceOptions(rtol: 1e-3, atol: 1e-3)).integrate(start, from: 0, to: 6, rotation)
        let tight = try DormandPrince<Double>(DormandPrinceOptions(rtol: 1e-9, atol: 1e-9)).integrate(start, from: 0, to: 6, rotation)
        XCTAssertLessThan(loose.steps, tight.steps, "tighter tolerance, more steps")
    }

    func testTrajectoryRecordingAtRequestedTimes() throws {
        let times = [1.0, 0.0, 0.3, 2.0]
        for method in [ODEMethod.euler(steps: 7), .rk4(steps: 50), .dopri5(DormandPrinceOptions(rtol: 1e-9, atol: 1e-9))] {
            let solution = try method.integrate(start, from: 0, to: 2, record: times, rotation)
            XCTAssertEqual(solution.trajectory.count, 4)
            let tolerance: Double
            if case .euler = method { tolerance = 1.5 } else { tolerance = 1e-6 }
            for (t, state) in zip(times, solution.trajectory) {
                XCTAssertLessThan(state.maxAbsDifference(rotated(start, by: t)), tolerance, "\(method) at t = \(t)")
            }
            XCTAssertEqual(solution.trajectory[1], start)
            XCTAssertEqual(solution.trajectory[3], solution.final)
        }
        XCTAssertThrowsError(try ODEMethod.rk4(steps: 4).integrate(start, from: 0, to: 1, record: [1.5], rotation))
    }

    func testBackwardIntegration() throws {
        let solution = try FixedStepSolver(method: .rk4, steps: 100).integrate(start, from: 1, to: 0, rotation)
        XCTAssertLessThan(solution.final.maxAbsDifference(rotated(start, by: -1)), 1e-8)
        let adaptive = try DormandPrince<Double>(DormandPrinceOptions(rtol: 1e-8, atol: 1e-8)).integrate(start, from: 1, to: 0, rotation)
        XCTAssertLessThan(adaptive.final.maxAbsDifference(rotated(start, by: -1)), 1e-6)
    }

    func testCancellationReportsProgress() {
        let calls = Counter()
        let stop: ShouldStop = { calls.increment() > 3 }
        XCTAssertThrowsError(try FixedStepSolver(method: .euler, steps: 10).integrate(start, from: 0, to: 1, shouldStop: stop, rotation)) { error in
            XCTAssertEqual((error as? Cancelled)?.progress, "euler step 4 of 10 at t = 0.30000000000000004")
        }
        let again = Counter()
        XCTAssertThrowsError(try DormandPrince<Double>().integrate(start, from: 0, to: 5, shouldStop: { again.increment() > 2 }, rotation)) { error in
            XCTAssertTrue((error as? Cancelled)?.progress.hasPrefix("dopri5 step 3 at t = ") ?? false, "\(error)")
        }
    }

    func testGuardsAgainstRunawayAndNonFiniteFields() {
        let options = DormandPrinceOptions(rtol: 1e-12, atol: 1e-12, maxSteps: 5)
        XCTAssertThrowsError(try DormandPrince<Double>(options).integrate(start, from: 0, to: 100, rotation)) { error in
            XCTAssertEqual(error as? ODEError, .tooManySteps(limit: 5, time: (error as? ODEError).map { if case let .tooManySteps(_, t) = $0 { return t }; return -1 } ?? -1))
        }
        let blowUp: VectorField<Double> = { x, t, dxdt in dxdt = x; if t > 0.5 { dxdt.fill(.nan) } }
        XCTAssertThrowsError(try DormandPrince<Double>().integrate(start, from: 0, to: 1, blowUp)) { error in
            guard case .nonFinite = error as? ODEError else { return XCTFail("\(error)") }
        }
    }
}

/// A thread-safe call counter for `ShouldStop` closures.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    /// Adds one and returns the new count.
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
