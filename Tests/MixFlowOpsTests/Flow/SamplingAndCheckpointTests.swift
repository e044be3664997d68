import XCTest
@testable import MixFlowOps

/// Sampling output and the checkpoint round trip.
final class SamplingAndCheckpointTests: XCTestCase {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-flow-\(getpid())-\(name)").path
    }

    func testSamplesCarryConditionLabelsAndTrajectories() throws {
        let data = FlowFixtures.letters()
        let model = FlowFixtures.mixflow()
        try model.train(on: data, options: FlowFixtures.training(.steps(20)))
        let unseen = Letters.condition("A", index: 0, of: 2, angle: 45)
        let conditions = [data.conditions[1], unseen]
        let generated = try model.sample(conditions, options: SamplingOptions(count: 30, solver: .rk4(steps: 5),
                                                                              recordTimes: [0, 0.5, 1], seed: 2))
        XCTAssertEqual(generated.points.shapeDescription, "60x2")
        XCTAssertEqual(generated.conditionOfPoint, Array(repeating: 0, count: 30) + Array(repeating: 1, count: 30))
        XCTAssertEqual(generated.conditions.map(\.name), ["A@90", "A@45"])
        XCTAssertEqual(generated.trajectory.map(\.time), [0, 0.5, 1])
        XCTAssertEqual(generated.trajectory[0].points, generated.basePoints, "the path starts at the base draws")
        XCTAssertEqual(generated.trajectory[2].points, generated.points, "and ends at the generated points")
        XCTAssertEqual(generated.evaluations, 24, "rk4: 4 evaluations per step; t = 0.5 splits the third of 5 steps")
        let set = try generated.dataset(name: "generated")
        XCTAssertEqual(set.counts, [30, 30])
        XCTAssertEqual(set.conditions[1]["angle"], .number(45))
    }

    func testSamplingChecksDescriptorsAndStopsWhenAsked() throws {
        let model = FlowFixtures.cfm()
        XCTAssertThrowsError(try model.sample([FlowFixtures.letters().conditions[0]])) {
            XCTAssertEqual($0 as? FlowError, .notTrained(model: "cfm"))
        }
        try model.train(on: FlowFixtures.letters(), options: FlowFixtures.training(.steps(5)))
        let wrong = Condition(name: "odd", metadata: [], descriptor: [1, 2, 3])
        XCTAssertThrowsError(try model.sample([wrong])) {
            XCTAssertEqual($0 as? FlowError, .descriptorMismatch(model: "cfm", condition: "odd", expected: 4, found: 3))
        }
        XCTAssertThrowsError(try model.sample(FlowFixtures.letters(), options: SamplingOptions(count: 5, solver: .euler(steps: 10)),
                                              shouldStop: StopAfter(3).check)) {
            XCTAssertTrue(($0 as? Cancelled)?.progress.hasPrefix("euler step 4 of 10") == true, "\($0)")
        }
    }

    func testCheckpointRoundTripGivesIdenticalSamplesAndContinuesTraining() throws {
        let data = FlowFixtures.letters()
        let model = FlowFixtures.mixflow()
        model.name = "letters-mix"
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 5, alternate: 12, cooldown: 0)))
        let path = temporaryPath("round-trip.mfm")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try FlowModel.load(from: path)
        XCTAssertEqual(loaded.name, "letters-mix")
        XCTAssertEqual(loaded.options, model.options)
        XCTAssertEqual(loaded.layout, model.layout)
        XCTAssertEqual(loaded.history, model.history)
        XCTAssertEqual(loaded.layout?.trainingCondition(named: "E@270")?.descriptor, data.conditions[7].descriptor)
        let sampling = SamplingOptions(count: 40, solver: .dopri5(DormandPrinceOptions()), seed: 5)
        XCTAssertEqual(try loaded.sample(data, options: sampling).points, try model.sample(data, options: sampling).points)
        // Optimiser state and step counter survive: both continue identically.
        let more = FlowFixtures.training(.phases(warmup: 0, alternate: 6, cooldown: 3))
        try model.train(on: data, options: more)
        try loaded.train(on: data, options: more)
        XCTAssertEqual(FlowFixtures.weights(loaded), FlowFixtures.weights(model))
        XCTAssertEqual(loaded.history.records.map(\.lossGeo), model.history.records.map(\.lossGeo))
    }

    func testUntrainedModelRoundTripsAndBadFilesAreClearErrors() throws {
        let path = temporaryPath("untrained.mfm")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FlowFixtures.cfm().save(to: path)
        let loaded = try FlowModel.load(from: path)
        XCTAssertFalse(loaded.isTrained)
        XCTAssertEqual(loaded.method, .cfm)
        var other = Checkpoint()
        other.set("weights", Matrix<Float>(rows: 1, cols: 1))
        try other.write(to: path)
        XCTAssertThrowsError(try FlowModel.load(from: path)) { error in
            guard case let FlowError.badCheckpoint(file, reason) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(file, path)
            XCTAssertTrue(reason.hasPrefix("it holds no flow model"), reason)
        }
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try FlowModel.load(from: path)) { XCTAssertTrue($0 is CheckpointError, "\($0)") }
    }

    func testHistoryTableAndSummary() throws {
        let model = FlowFixtures.mixflow()
        try model.train(on: FlowFixtures.letters(), options: FlowFixtures.training(.phases(warmup: 2, alternate: 3, cooldown: 1)))
        let table = model.history.table
        XCTAssertEqual(table.columnNames, ["step", "phase", "update", "loss_ot", "loss_geo", "seconds"])
        XCTAssertEqual(table.rowCount, 6)
        XCTAssertEqual(table.columns[2].values, .strings(["velocity", "velocity", "velocity", "velocity", "base", "velocity"]))
        XCTAssertTrue(model.history.summary.hasPrefix("history: 6 steps (warm-up 1-2, alternate 3-5, cool-down 6-6)"), model.history.summary)
        let phases = model.history.phaseSpans.map { "\($0.phase) \($0.first)-\($0.last)" }
        XCTAssertEqual(phases, ["warm-up 1-2", "alternate 3-5", "cool-down 6-6"])
        let layers = model.history.figure(smoothing: 1).panels[0].layers
        guard layers.count == 3, case let .bands(bands) = layers[0], case let .line(ot) = layers[1], case let .line(geo) = layers[2] else {
            return XCTFail("expected phase bands and two loss curves, got \(layers.count) layers")
        }
        XCTAssertEqual(bands.map(\.start), [0, 2, 5])
        XCTAssertEqual(ot.xs, [1, 2, 3, 4, 6], "L_OT is drawn over the velocity steps")
        XCTAssertEqual(ot.ys, model.history.records.filter { $0.update == .velocity }.map(\.lossOT))
        XCTAssertEqual(geo.xs.count, 6)
    }
}
