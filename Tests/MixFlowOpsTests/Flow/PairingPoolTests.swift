import XCTest
@testable import MixFlowOps

/// `TrainingOptions.pairingPool`: the OT pairing of a step sees a pool of points per condition
/// and a random share of its pairs train.
final class PairingPoolTests: XCTestCase {
    private func options(pool: Int, steps: Int = 40) -> TrainingOptions {
        var options = FlowFixtures.training(.steps(steps))
        options.pairingPool = pool
        return options
    }

    /// A pool no larger than the trained points is no pool: the same model, bit for bit.
    func testPoolNoLargerThanTheBatchTrainsTheSameModel() throws {
        let data = FlowFixtures.letters()
        let points = FlowFixtures.training(.steps(1)).pointsPerCondition
        let (small, exact) = (FlowFixtures.mixflow(seed: 4), FlowFixtures.mixflow(seed: 4))
        try small.train(on: data, options: options(pool: 1))
        try exact.train(on: data, options: options(pool: points))
        XCTAssertEqual(FlowFixtures.weights(small), FlowFixtures.weights(exact))
        XCTAssertEqual(small.history.records.map(\.lossGeo), exact.history.records.map(\.lossGeo))
    }

    /// The trained pairs of a pool are a uniform share of an OT plan over more points, and the
    /// expected OT cost per pair does not grow with the number of points paired (a plan over 2n
    /// points costs at most two plans over n each). CFM's L_geo is exactly that cost (x0 is
    /// N(0, I), whatever the weights), so over many steps the pool's mean must be lower.
    func testPoolLowersTheCostOfThePairs() throws {
        let data = FlowFixtures.letters()
        let points = FlowFixtures.training(.steps(1)).pointsPerCondition
        func meanCost(pool: Int) throws -> Double {
            let model = FlowFixtures.cfm(seed: 6)
            try model.train(on: data, options: options(pool: pool, steps: 150))
            let costs = model.history.records.map(\.lossGeo)
            return costs.reduce(0, +) / Double(costs.count)
        }
        let plain = try meanCost(pool: points), pooled = try meanCost(pool: 8 * points)
        XCTAssertLessThan(pooled, 0.9 * plain, "pairs from a pool of \(8 * points): \(pooled), from \(points): \(plain)")
    }

    /// MixFlow's base steps take their gradient from the trained share of the pool only; every
    /// step stays finite and a run reproduces exactly.
    func testMixFlowTrainsWithAPool() throws {
        let data = FlowFixtures.letters()
        let (first, second) = (FlowFixtures.mixflow(seed: 2), FlowFixtures.mixflow(seed: 2))
        let schedule = TrainingSchedule.phases(warmup: 10, alternate: 30, cooldown: 10)
        for model in [first, second] {
            var pooled = FlowFixtures.training(schedule)
            pooled.pairingPool = 48
            try model.train(on: data, options: pooled)
        }
        XCTAssertEqual(first.history.count, 50)
        XCTAssertTrue(first.history.records.contains { $0.update == .base })
        XCTAssertTrue(first.history.records.allSatisfy { $0.lossOT.isFinite && $0.lossGeo.isFinite })
        XCTAssertEqual(FlowFixtures.weights(first), FlowFixtures.weights(second))
        let plain = FlowFixtures.mixflow(seed: 2)
        try plain.train(on: data, options: FlowFixtures.training(schedule))
        XCTAssertNotEqual(FlowFixtures.weights(first), FlowFixtures.weights(plain), "the pool changed nothing")
    }

    /// A base-step pool changes base steps only: every step draws from (seed, step), so the steps
    /// before the first base step are the same as without it, bit for bit, and the first base
    /// step (its L_geo from more points) and everything after differ.
    func testBasePoolChangesBaseStepsOnly() throws {
        let data = FlowFixtures.letters()
        let schedule = TrainingSchedule.phases(warmup: 10, alternate: 30, cooldown: 10)
        let (plain, pooled) = (FlowFixtures.mixflow(seed: 3), FlowFixtures.mixflow(seed: 3))
        var options = FlowFixtures.training(schedule)
        options.basePairingPool = 1
        try plain.train(on: data, options: options)
        options.basePairingPool = 64
        try pooled.train(on: data, options: options)
        let firstBase = try XCTUnwrap(plain.history.records.firstIndex { $0.update == .base })
        let losses = { (model: FlowModel) -> [Double] in model.history.records.prefix(firstBase).flatMap { [$0.lossOT, $0.lossGeo] } }
        XCTAssertEqual(losses(plain), losses(pooled))
        XCTAssertNotEqual(plain.history.records[firstBase].lossGeo, pooled.history.records[firstBase].lossGeo)
        XCTAssertNotEqual(FlowFixtures.weights(plain), FlowFixtures.weights(pooled))
    }

    func testPoolOutsideItsRangeIsRefused() {
        let data = FlowFixtures.letters()
        for pool in [0, TrainingOptions.maxPairingPool + 1] {
            XCTAssertThrowsError(try FlowFixtures.cfm().train(on: data, options: options(pool: pool))) { error in
                guard case let FlowError.invalidOption(name, value, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(name, "ot_pool")
                XCTAssertEqual(value, "\(pool)")
            }
            var base = FlowFixtures.training(.steps(1))
            base.basePairingPool = pool
            XCTAssertThrowsError(try FlowFixtures.mixflow().train(on: data, options: base)) { error in
                guard case let FlowError.invalidOption(name, _, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(name, "base_ot_pool")
            }
        }
    }
}
