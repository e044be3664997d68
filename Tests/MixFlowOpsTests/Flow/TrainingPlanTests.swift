import XCTest
@testable import MixFlowOps

/// The planner's step sequence for given phases and `every`, and its errors.
final class TrainingPlanTests: XCTestCase {
    private let mixflow = FlowMethod.mixflow(GMMBaseOptions())

    func testPhasesAndEveryGiveTheExpectedSequence() throws {
        let plan = try TrainingPlan(schedule: .phases(warmup: 3, alternate: 10, cooldown: 2), method: mixflow, baseEvery: 4)
        let expected: [(TrainingPhase, StepUpdate)] =
            Array(repeating: (.warmup, .velocity), count: 3)
            + (1...10).map { ($0 % 4 == 0) ? (.alternate, .base) : (.alternate, .velocity) }
            + Array(repeating: (.cooldown, .velocity), count: 2)
        XCTAssertEqual(plan.totalSteps, 15)
        XCTAssertEqual(plan.sequence.map(\.phase), expected.map(\.0))
        XCTAssertEqual(plan.sequence.map(\.update), expected.map(\.1))
        XCTAssertEqual(plan.sequence.enumerated().filter { $0.element.update == .base }.map(\.offset), [6, 10],
                       "base steps are the 4th and 8th steps of the alternate phase")
        XCTAssertEqual(plan.baseSteps, 2)
    }

    func testEveryOneMakesTheWholeAlternatePhaseBaseSteps() throws {
        let plan = try TrainingPlan(schedule: .phases(warmup: 0, alternate: 5, cooldown: 0), method: mixflow, baseEvery: 1)
        XCTAssertEqual(plan.sequence.map(\.update), Array(repeating: .base, count: 5))
        XCTAssertEqual(plan.phases.map(\.phase), [.alternate], "empty phases are left out")
    }

    func testStepsSplitByTheStandardFractions() throws {
        let plan = try TrainingPlan(schedule: .steps(3000), method: mixflow, baseEvery: 10)
        XCTAssertEqual(plan.phases.map(\.steps), [300, 2400, 300])
        XCTAssertEqual(plan.baseSteps, 240)
        let odd = try TrainingPlan(schedule: .steps(7), method: mixflow, baseEvery: 10)
        XCTAssertEqual(odd.phases.map(\.phase), [.alternate, .cooldown])
        XCTAssertEqual(odd.phases.map(\.steps), [5, 2], "floor(0.7) = 0 warm-up, floor(5.6) = 5 alternate, the rest cool-down")
        let custom = try TrainingPlan(schedule: .steps(100, fractions: PhaseFractions(warmup: 0.29, alternate: 0.71, cooldown: 0)),
                                      method: mixflow, baseEvery: 10)
        XCTAssertEqual(custom.phases.map(\.steps), [29, 71], "0.29 x 100 is 29 despite rounding")
    }

    func testCFMRunsVelocityStepsAndRejectsPhases() throws {
        let plan = try TrainingPlan(schedule: .steps(5), method: .cfm, baseEvery: 10)
        XCTAssertEqual(plan.sequence.map(\.phase), Array(repeating: .flow, count: 5))
        XCTAssertEqual(plan.sequence.map(\.update), Array(repeating: .velocity, count: 5))
        XCTAssertThrowsError(try TrainingPlan(schedule: .phases(warmup: 1, alternate: 2, cooldown: 1), method: .cfm, baseEvery: 10)) {
            guard case FlowError.phasesForCFM = $0 else { return XCTFail("expected phasesForCFM, got \($0)") }
            XCTAssertEqual(($0 as? FlowError)?.hint, "train cfm models with steps=N")
        }
        XCTAssertThrowsError(try TrainingPlan(schedule: .steps(10, fractions: .standard), method: .cfm, baseEvery: 10))
    }

    func testBadSchedulesAreErrorsNamingTheOption() {
        let cases: [(TrainingSchedule, Int, String)] = [
            (.phases(warmup: -1, alternate: 2, cooldown: 0), 10, "phases.warmup"),
            (.steps(10, fractions: PhaseFractions(warmup: 0.5, alternate: 0.6, cooldown: 0)), 10, "phases"),
            (.steps(-5), 10, "steps"),
            (.steps(10), 0, "every"),
        ]
        for (schedule, every, option) in cases {
            XCTAssertThrowsError(try TrainingPlan(schedule: schedule, method: mixflow, baseEvery: every)) { error in
                guard case let FlowError.invalidOption(name, _, _) = error else { return XCTFail("unexpected \(error)") }
                XCTAssertEqual(name, option)
            }
        }
    }
}
