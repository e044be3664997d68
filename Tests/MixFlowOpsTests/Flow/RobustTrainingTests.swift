import XCTest
@testable import MixFlowOps

/// Cancellation, NaN recovery and continuing: the model stays consistent and training resumes
/// exactly where it stopped.
final class RobustTrainingTests: XCTestCase {
    func testCancellationKeepsTheLastWholeStepAndContinuesExactly() throws {
        let data = FlowFixtures.letters()
        let stopped = FlowFixtures.mixflow(), reference = FlowFixtures.mixflow()
        let stop = StopAfter(4)
        XCTAssertThrowsError(try stopped.train(on: data, options: FlowFixtures.training(.phases(warmup: 2, alternate: 6, cooldown: 2)),
                                               shouldStop: stop.check)) { error in
            guard let cancelled = error as? Cancelled else { return XCTFail("expected Cancelled, got \(error)") }
            XCTAssertEqual(cancelled.progress, "training step 5 (5 of 10, alternate); 'mix' keeps the weights of step 4")
        }
        XCTAssertEqual(stopped.completedSteps, 4)
        XCTAssertEqual(stopped.history.records.map(\.step), [1, 2, 3, 4])
        try reference.train(on: data, options: FlowFixtures.training(.phases(warmup: 2, alternate: 2, cooldown: 0)))
        XCTAssertEqual(FlowFixtures.weights(stopped), FlowFixtures.weights(reference), "the model holds exactly the weights of step 4")
        // Continuing both with the same remaining plan gives the same model again.
        let rest = FlowFixtures.training(.phases(warmup: 0, alternate: 4, cooldown: 2))
        try stopped.train(on: data, options: rest)
        try reference.train(on: data, options: rest)
        XCTAssertEqual(FlowFixtures.weights(stopped), FlowFixtures.weights(reference))
        XCTAssertEqual(stopped.history.records.map(\.lossOT), reference.history.records.map(\.lossOT))
    }

    /// A learning rate of 1e30 makes the first update's weights overflow the next forward pass:
    /// training stops naming the step, and the model is back at the weights of the step before.
    func testNonFiniteLossStopsAndRestoresTheLastFiniteWeights() throws {
        let data = FlowFixtures.letters()
        let model = FlowFixtures.mixflow()
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 5, alternate: 0, cooldown: 0)))
        let good = FlowFixtures.weights(model)
        let moments = model.networks!.velocityOptimizer.moments(of: 0)
        XCTAssertThrowsError(try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 5, alternate: 0, cooldown: 0), lr: 1e30))) { error in
            guard case let FlowError.nonFiniteLoss(step, phase, loss, _, restored) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(step, 7, "step 6 applied the huge update, step 7's forward pass overflowed")
            XCTAssertEqual(phase, .warmup)
            XCTAssertEqual(loss, "L_OT")
            XCTAssertEqual(restored, 5)
            XCTAssertTrue("\(error)".contains("training stopped at step 7 (warm-up)"), "\(error)")
        }
        XCTAssertEqual(model.completedSteps, 5, "the undone step's record is dropped")
        XCTAssertEqual(FlowFixtures.weights(model), good, "weights of step 5 restored")
        XCTAssertEqual(model.networks!.velocityOptimizer.moments(of: 0).first, moments.first, "Adam state restored too")
        XCTAssertEqual(model.networks!.velocityOptimizer.steps[0], 5)
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 3, alternate: 0, cooldown: 0)))
        XCTAssertEqual(model.history.records.map(\.step), Array(1...8), "training continues after the error")
        XCTAssertTrue(FlowFixtures.weights(model).allSatisfy(\.isFinite))
    }

    func testNonFiniteDataIsRejectedBeforeTraining() throws {
        var points = FlowFixtures.letters().points
        points[7, 1] = .nan
        let data = try Dataset(name: "broken", points: points, conditionOfPoint: FlowFixtures.letters().conditionOfPoint,
                               conditions: FlowFixtures.letters().conditions)
        let model = FlowFixtures.cfm()
        XCTAssertThrowsError(try model.train(on: data, options: FlowFixtures.training(.steps(3)))) {
            XCTAssertEqual($0 as? FlowError, .nonFiniteData(dataset: "broken", condition: "A@0", row: 7))
        }
        XCTAssertEqual(model.completedSteps, 0)
    }

    func testProgressEventsArriveInOrder() throws {
        var events: [String] = []
        var last: TrainingProgress?
        let model = FlowFixtures.mixflow()
        var options = FlowFixtures.training(.phases(warmup: 4, alternate: 6, cooldown: 3))
        options.progressInterval = 5
        let report = try model.train(on: FlowFixtures.letters(), options: options, observer: { event in
            switch event {
            case let .started(plan, first): events.append("started \(plan.totalSteps) from \(first)")
            case let .progress(progress): events.append("\(progress.phase) \(progress.stepsDone)"); last = progress
            case let .finished(report): events.append("finished \(report.steps)")
            }
        })
        XCTAssertEqual(events, ["started 13 from 1", "warm-up 4", "alternate 5", "alternate 10", "cool-down 13", "finished 13"])
        XCTAssertEqual(last?.fractionDone, 1)
        XCTAssertGreaterThan(last?.stepsPerSecond ?? 0, 0)
        XCTAssertEqual(report.firstStep, 1)
        XCTAssertEqual(report.lastStep, 13)
        XCTAssertNotNil(report.finalLossGeo)
    }
}
