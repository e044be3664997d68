import XCTest
@testable import MixFlowOps

/// Training behaviour: which groups each step changes, the base learning its targets, CFM's
/// errors, determinism.
final class FlowTrainingTests: XCTestCase {
    /// Two conditions, each two tight clusters: condition "h" at (+-1, 0), condition "v" at (0, +-1).
    private func twoConditionToy() -> Dataset {
        var random = RandomStream(seed: 9)
        let centres: [[(Float, Float)]] = [[(-1, 0), (1, 0)], [(0, -1), (0, 1)]]
        var storage: [Float] = [], labels: [Int] = []
        for (k, pair) in centres.enumerated() {
            for j in 0..<200 {
                let (x, y) = pair[j % 2]
                storage += [x + 0.02 * Float(random.nextNormal()), y + 0.02 * Float(random.nextNormal())]
                labels.append(k)
            }
        }
        let conditions = [Condition(name: "h", metadata: [], descriptor: [1, 0]),
                          Condition(name: "v", metadata: [], descriptor: [0, 1])]
        return try! Dataset(name: "toy", points: Matrix(rows: 400, cols: 2, storage: storage),
                            conditionOfPoint: labels, conditions: conditions)
    }

    /// Trains only the base (every step a base step) and returns each condition's nearest-mode
    /// distance to each of its two targets, before (after the k-means pretraining) and after.
    private func trainBaseOnToy(draw: GumbelDraw, temperature: Double) throws -> (before: [Float], after: [Float], weights: [[Float]]) {
        let data = twoConditionToy()
        // Pooled k-means start (not the default chained start, which would already sit on the targets).
        let base = GMMBaseOptions(components: 2, sigma: 0.05, initialization: .kmeans, temperature: temperature, draw: draw,
                                  hidden: [16], pretrainSteps: 100)
        let model = try FlowModel(options: .mixflow(base: base, velocity: VelocityOptions(hidden: [8]),
                                                    encoder: DescriptorEncoderOptions(hidden: [16], embedding: 4, dropout: 0),
                                                    seed: 4))
        var options = FlowFixtures.training(.phases(warmup: 0, alternate: 0, cooldown: 0), every: 1, lr: 1e-2)
        options.conditionsPerStep = 2
        options.pointsPerCondition = 128
        try model.train(on: data, options: options)   // builds and pretrains, no steps
        let targets: [[(Float, Float)]] = [[(-1, 0), (1, 0)], [(0, -1), (0, 1)]]
        func distances() throws -> [Float] {
            let mixtures = try XCTUnwrap(try model.baseMixtures(for: data.conditions))
            return mixtures.enumerated().flatMap { k, mixture in
                targets[k].map { x, y in (0..<2).map { i in hypotf(mixture.modes[i, 0] - x, mixture.modes[i, 1] - y) }.min()! }
            }
        }
        let before = try distances()
        options.schedule = .phases(warmup: 0, alternate: 400, cooldown: 0)
        try model.train(on: data, options: options)
        return (before, try distances(), try XCTUnwrap(try model.baseMixtures(for: data.conditions)).map(\.weights))
    }

    /// Near-hard relaxation (tau = 0.1): each condition's two modes land on its two clusters
    /// with equal weights. (At tau = 0.5 the relaxed draws fall between modes and the modes settle
    /// slightly outside the clusters, to make up for it.)
    func testBaseModesMoveOntoEachConditionsTargets() throws {
        let result = try trainBaseOnToy(draw: .soft, temperature: 0.1)
        XCTAssertTrue(result.before.allSatisfy { $0 > 0.3 }, "pretrained modes start at the pooled centres: \(result.before)")
        XCTAssertTrue(result.after.allSatisfy { $0 < 0.1 }, "every cluster has a mode within 0.1: \(result.after)")
        for w in result.weights.joined() { XCTAssertEqual(w, 0.5, accuracy: 0.1, "weights \(result.weights)") }
    }

    /// Straight-through hard draws also move the modes onto the clusters, less exactly: the
    /// straight-through logit gradient is biased, so weights drift and an over-weighted mode is
    /// pulled towards the other cluster.
    func testHardDrawBaseModesMoveTowardsTheTargets() throws {
        let result = try trainBaseOnToy(draw: .hard, temperature: 0.5)
        for (before, after) in zip(result.before, result.after) {
            XCTAssertLessThan(after, min(0.4, before), "every cluster's nearest mode comes closer: \(result.before) -> \(result.after)")
        }
        let mean = { (values: [Float]) in values.reduce(0, +) / Float(values.count) }
        XCTAssertLessThan(mean(result.after), 0.3 * mean(result.before), "on average most of the way: \(result.before) -> \(result.after)")
    }

    /// Per-condition k-means initialisation: before any training step, each condition's modes
    /// already sit on its own clusters, and the weights on its cluster proportions.
    func testConditionKMeansPretrainingPlacesEachConditionsModes() throws {
        let data = twoConditionToy()
        let base = GMMBaseOptions(components: 2, sigma: 0.05, initialization: .conditionKMeans, hidden: [16], pretrainSteps: 1500)
        let model = try FlowModel(options: .mixflow(base: base, velocity: VelocityOptions(hidden: [8]),
                                                    encoder: DescriptorEncoderOptions(hidden: [16], embedding: 4, dropout: 0), seed: 4))
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 0, alternate: 0, cooldown: 0)))
        let targets: [[(Float, Float)]] = [[(-1, 0), (1, 0)], [(0, -1), (0, 1)]]
        for (k, mixture) in try XCTUnwrap(try model.baseMixtures(for: data.conditions)).enumerated() {
            for (x, y) in targets[k] {
                let nearest = (0..<2).map { i in hypotf(mixture.modes[i, 0] - x, mixture.modes[i, 1] - y) }.min()!
                XCTAssertLessThan(nearest, 0.05, "condition \(k): a mode on (\(x), \(y)); modes \(mixture.modes.storage)")
            }
            for w in mixture.weights { XCTAssertEqual(w, 0.5, accuracy: 0.05) }
        }
        XCTAssertEqual(model.completedSteps, 0)
    }

    func testBaseStepsChangeBaseAndEncoderVelocityStepsChangeVelocity() throws {
        let data = FlowFixtures.letters()
        let model = FlowFixtures.mixflow()
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 1, alternate: 0, cooldown: 0)))
        let networks = model.networks!
        func snapshot(_ parameters: [Parameter<Float>]) -> [Float] { parameters.flatMap { $0.value.storage } }
        var (velocity, base, encoder) = (snapshot(networks.velocity.parameters), snapshot(networks.base!.parameters),
                                         snapshot(networks.encoder.parameters))
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 0, alternate: 1, cooldown: 0), every: 1))
        XCTAssertEqual(model.history.records.last?.update, .base)
        XCTAssertEqual(snapshot(networks.velocity.parameters), velocity, "a base step leaves v alone")
        XCTAssertNotEqual(snapshot(networks.base!.parameters), base, "a base step moves h_theta and h_p")
        XCTAssertNotEqual(snapshot(networks.encoder.parameters), encoder, "L_geo reaches the encoder through x0")
        (velocity, base, encoder) = (snapshot(networks.velocity.parameters), snapshot(networks.base!.parameters),
                                     snapshot(networks.encoder.parameters))
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 1, alternate: 0, cooldown: 0)))
        XCTAssertNotEqual(snapshot(networks.velocity.parameters), velocity, "a velocity step moves v")
        XCTAssertEqual(snapshot(networks.base!.parameters), base)
        XCTAssertEqual(snapshot(networks.encoder.parameters), encoder, "by default L_OT does not train the encoder")
    }

    func testEncoderTrainedByFlowLossWhenAsked() throws {
        let data = FlowFixtures.letters()
        let model = FlowFixtures.mixflow(encoderTraining: .both, condition: .embedding)
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 1, alternate: 0, cooldown: 0)))
        let encoder = model.networks!.encoder.parameters.flatMap { $0.value.storage }
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 1, alternate: 0, cooldown: 0)))
        XCTAssertNotEqual(model.networks!.encoder.parameters.flatMap { $0.value.storage }, encoder)
    }

    func testLossesDecreaseForBothMethods() throws {
        let data = FlowFixtures.letters()
        func mean(_ values: ArraySlice<Double>) -> Double { values.reduce(0, +) / Double(values.count) }
        // v learns: L_OT over the first and last 30 steps. MixFlow's runs with its base fixed
        // (warm-up only): while the base moves, L_OT's floor, the spread of u given x_t, moves
        // with it, so the curve mixes what v learns with what the base does.
        let cfm = FlowFixtures.cfm(), fixedBase = FlowFixtures.mixflow()
        try cfm.train(on: data, options: FlowFixtures.training(.steps(500), lr: 3e-3))
        try fixedBase.train(on: data, options: FlowFixtures.training(.phases(warmup: 500, alternate: 0, cooldown: 0), lr: 3e-3))
        for model in [cfm, fixedBase] {
            let losses = model.history.records.map(\.lossOT)
            let (first, last) = (mean(losses.prefix(30)), mean(losses.suffix(30)))
            XCTAssertLessThan(last, 0.85 * first, "\(model.method.name): L_OT falls from \(first) to \(last)")
        }
        // The base learns: L_geo, the OT cost of its draws to the data, over the alternate phase.
        let mixflow = FlowFixtures.mixflow()
        try mixflow.train(on: data, options: FlowFixtures.training(.steps(500), lr: 3e-3))
        let geometry = mixflow.history.records.filter { $0.phase == .alternate }.map(\.lossGeo)
        let (first, last) = (mean(geometry.prefix(30)), mean(geometry.suffix(30)))
        XCTAssertLessThan(last, 0.9 * first, "mixflow: L_geo falls from \(first) to \(last)")
    }

    func testCFMGivenPhasesIsAnErrorAndStaysUntrained() {
        let model = FlowFixtures.cfm()
        XCTAssertThrowsError(try model.train(on: FlowFixtures.letters(), options: FlowFixtures.training(.phases(warmup: 10, alternate: 10, cooldown: 0)))) {
            XCTAssertEqual($0 as? FlowError, .phasesForCFM(requested: "warmup: 10, alternate: 10, cooldown: 0"))
        }
        XCTAssertFalse(model.isTrained)
        XCTAssertThrowsError(try FlowModel(options: FlowModelOptions(method: .mixflow(GMMBaseOptions()), pairing: .independent)))
    }

    func testSameSeedSameModelOtherSeedOtherModel() throws {
        let data = FlowFixtures.letters()
        let options = FlowFixtures.training(.steps(40))
        let (a, b, c) = (FlowFixtures.mixflow(seed: 7), FlowFixtures.mixflow(seed: 7), FlowFixtures.mixflow(seed: 8))
        for model in [a, b, c] { try model.train(on: data, options: options) }
        XCTAssertEqual(FlowFixtures.weights(a), FlowFixtures.weights(b))
        XCTAssertEqual(a.history.records.map(\.lossOT), b.history.records.map(\.lossOT))
        XCTAssertNotEqual(FlowFixtures.weights(a), FlowFixtures.weights(c))
        let sampling = SamplingOptions(count: 50, solver: .euler(steps: 10), seed: 3)
        XCTAssertEqual(try a.sample(data, options: sampling).points, try b.sample(data, options: sampling).points)
    }

    func testDataOfAnotherShapeIsRejected() throws {
        let model = FlowFixtures.mixflow()
        try model.train(on: FlowFixtures.letters(), options: FlowFixtures.training(.steps(2)))
        let other = try Letters.make(LettersOptions(letters: "AEF", angles: [0], points: 50))
        XCTAssertThrowsError(try model.train(on: other, options: FlowFixtures.training(.steps(2)))) {
            guard case FlowError.descriptorMismatch(_, "A@0", 4, 5) = $0 else { return XCTFail("unexpected \($0)") }
        }
        let threeD = try Letters.make(LettersOptions(letters: "AE", angles: [0], points: 50, dim: 3))
        XCTAssertThrowsError(try model.train(on: threeD, options: FlowFixtures.training(.steps(2)))) {
            XCTAssertEqual($0 as? FlowError, .dimensionMismatch(model: "mix", expected: 2, found: 3))
        }
    }
}
