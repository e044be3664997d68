import XCTest
@testable import MixFlowOps

/// The options added by the letters quality study: chained k-means initialisation, the cosine
/// learning-rate schedule, and a velocity field that also reads the raw descriptor.
final class QualityOptionsTests: XCTestCase {
    /// Prim's order on 1-D descriptors 0, 3, 1, 10, 2.5: each row joins its nearest placed row.
    func testDescriptorChainJoinsEachConditionToItsNearestPlacedNeighbour() {
        let chain = BasePretraining.descriptorChain([[0], [3], [1], [10], [2.5]])
        XCTAssertEqual(chain.map(\.row), [0, 2, 4, 1, 3])
        XCTAssertEqual(chain.map(\.parent), [nil, 0, 2, 4, 1])
    }

    /// A two-part shape at 12 rotations (descriptor cos, sin): a heavy part (150 points) at
    /// R(a) (0.8, 0) and a light one (50 points) at R(a) (-0.4, 0.3).
    private func rotatingShape() -> Dataset {
        var random = RandomStream(seed: 5)
        var storage: [Float] = [], labels: [Int] = [], conditions: [Condition] = []
        for k in 0..<12 {
            let angle = Double(k) * Double.pi / 6
            for j in 0..<200 {
                let (x, y) = j < 150 ? (0.8, 0.0) : (-0.4, 0.3)
                let rx = cos(angle) * x - sin(angle) * y + 0.03 * random.nextNormal()
                let ry = sin(angle) * x + cos(angle) * y + 0.03 * random.nextNormal()
                storage += [Float(rx), Float(ry)]
                labels.append(k)
            }
            conditions.append(Condition(name: "s@\(30 * k)", metadata: [], descriptor: [Float(cos(angle)), Float(sin(angle))]))
        }
        return try! Dataset(name: "shape", points: Matrix(rows: storage.count / 2, cols: 2, storage: storage),
                            conditionOfPoint: labels, conditions: conditions)
    }

    /// For each condition, the index of the mode nearest the heavy part.
    private func heavyModeIndices(_ initialization: BaseInitialization) throws -> (indices: [Int], logits: Matrix<Float>?) {
        let data = rotatingShape()
        var random = RandomStream(seed: 1)
        let pooled = try BasePretraining.pooledCentres(points: data.points, components: 2, initialization: .kmeans, random: &random)
        let targets = BasePretraining.conditionTargets(data: data, conditions: Array(0..<12), pooled: pooled,
                                                       initialization: initialization)
        let indices = (0..<12).map { k -> Int in
            let angle = Double(k) * Double.pi / 6
            let (hx, hy) = (Float(0.8 * cos(angle)), Float(0.8 * sin(angle)))
            let d = (0..<2).map { i in hypotf(targets.modes[k, 2 * i] - hx, targets.modes[k, 2 * i + 1] - hy) }
            return d[0] < d[1] ? 0 : 1
        }
        return (indices, targets.logits)
    }

    /// Chained k-means: one mode follows the heavy part all the way round, with logits of its
    /// 3 : 1 share (centred: +-log(3)/2); per-condition k-means from the pooled centres (spatially
    /// anchored) must hand the heavy part from one mode to the other somewhere on the circle.
    func testChainedKMeansKeepsEachModeOnOnePartAsTheShapeRotates() throws {
        let chained = try heavyModeIndices(.chainedKMeans)
        XCTAssertEqual(Set(chained.indices).count, 1, "one mode holds the heavy part at every angle: \(chained.indices)")
        let logits = try XCTUnwrap(chained.logits)
        let heavy = chained.indices[0]
        for k in 0..<12 {
            XCTAssertEqual(logits[k, heavy], Float(log(3.0) / 2), accuracy: 1e-4)
            XCTAssertEqual(logits[k, 1 - heavy], -Float(log(3.0) / 2), accuracy: 1e-4)
        }
        let anchored = try heavyModeIndices(.conditionKMeans)
        XCTAssertEqual(Set(anchored.indices).count, 2, "spatially anchored modes swap: \(anchored.indices)")
    }

    /// Four unequal parts turned in 60-degree steps (six conditions): with the parent's centres
    /// moved rigidly before Lloyd, every mode stays on its part at every angle. Started from the
    /// unmoved centres, as before, a centre claims a neighbouring part somewhere on the circle.
    func testChainedKMeansKeepsIdentitiesAcrossLargeSteps() throws {
        let parts: [(Double, Double)] = [(0.9, 0.0), (0.1, 0.6), (-0.7, 0.2), (-0.2, -0.8)]
        var random = RandomStream(seed: 11)
        var storage: [Float] = [], labels: [Int] = [], conditions: [Condition] = []
        for k in 0..<6 {
            let angle = Double(k) * Double.pi / 3
            for (x, y) in parts {
                for _ in 0..<60 {
                    storage += [Float(cos(angle) * x - sin(angle) * y + 0.03 * random.nextNormal()),
                                Float(sin(angle) * x + cos(angle) * y + 0.03 * random.nextNormal())]
                    labels.append(k)
                }
            }
            conditions.append(Condition(name: "s@\(60 * k)", metadata: [], descriptor: [Float(cos(angle)), Float(sin(angle))]))
        }
        let data = try Dataset(name: "parts", points: Matrix(rows: storage.count / 2, cols: 2, storage: storage),
                               conditionOfPoint: labels, conditions: conditions)
        var pooledRandom = RandomStream(seed: 1)
        let pooled = try BasePretraining.pooledCentres(points: data.points, components: 4, initialization: .kmeans,
                                                       random: &pooledRandom)
        let modes = BasePretraining.conditionTargets(data: data, conditions: Array(0..<6), pooled: pooled,
                                                     initialization: .chainedKMeans).modes
        // For every condition, which mode sits on each part.
        let owners = (0..<6).map { k -> [Int] in
            let angle = Double(k) * Double.pi / 3
            return parts.map { x, y in
                let (px, py) = (Float(cos(angle) * x - sin(angle) * y), Float(sin(angle) * x + cos(angle) * y))
                return (0..<4).min { hypotf(modes[k, 2 * $0] - px, modes[k, 2 * $0 + 1] - py)
                                     < hypotf(modes[k, 2 * $1] - px, modes[k, 2 * $1 + 1] - py) }!
            }
        }
        XCTAssertEqual(Set(owners[0]).count, 4, "one mode per part: \(owners[0])")
        for k in 1..<6 { XCTAssertEqual(owners[k], owners[0], "angle \(60 * k): \(owners)") }
    }

    func testCosineScheduleFactors() {
        let schedule = LearningRateSchedule.cosine(final: 0.1)
        XCTAssertEqual(schedule.factor(step: 0, of: 11), 1, accuracy: 1e-12)
        XCTAssertEqual(schedule.factor(step: 5, of: 11), 0.55, accuracy: 1e-12)
        XCTAssertEqual(schedule.factor(step: 10, of: 11), 0.1, accuracy: 1e-12)
        XCTAssertEqual(LearningRateSchedule.constant.factor(step: 7, of: 11), 1)
    }

    /// After a run the optimisers hold the last step's rates: final x each run's rate.
    func testTrainingAppliesTheScheduleToEveryOptimiser() throws {
        let model = FlowFixtures.mixflow()
        var options = FlowFixtures.training(.phases(warmup: 2, alternate: 6, cooldown: 2), lr: 2e-3)
        options.baseOptimizer.learningRate = 4e-3
        options.learningRateSchedule = .cosine(final: 0.25)
        try model.train(on: FlowFixtures.letters(), options: options)
        let networks = try XCTUnwrap(model.networks)
        XCTAssertEqual(networks.velocityOptimizer.options.learningRate, 5e-4, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(networks.baseOptimizer).options.learningRate, 1e-3, accuracy: 1e-12)
        XCTAssertEqual(networks.encoderOptimizer.options.learningRate, 1e-3, accuracy: 1e-12)
        options.learningRateSchedule = .cosine(final: 1.5)
        XCTAssertThrowsError(try model.train(on: FlowFixtures.letters(), options: options)) {
            XCTAssertEqual($0 as? FlowError, .invalidOption(name: "lr_final", value: "1.5", expected: "a fraction in [0, 1]"))
        }
    }

    private func cfmReadingDescriptors() throws -> FlowModel {
        try FlowModel(options: .cfm(velocity: VelocityOptions(hidden: [32, 32], condition: .embeddingAndDescriptor),
                                    encoder: DescriptorEncoderOptions(hidden: [16], embedding: 4), seed: 3), name: "cfm")
    }

    /// v reads [e(y), y] (4 + 4 columns); L_OT still trains the encoder through the e(y) columns;
    /// a checkpoint gives identical samples.
    func testVelocityReadingTheDescriptorTrainsAndRoundTrips() throws {
        let data = FlowFixtures.letters()
        let model = try cfmReadingDescriptors()
        try model.train(on: data, options: FlowFixtures.training(.steps(1)))
        let encoderBefore = try XCTUnwrap(model.networks).encoder.parameters.flatMap { $0.value.storage }
        try model.train(on: data, options: FlowFixtures.training(.steps(10)))
        let networks = try XCTUnwrap(model.networks)
        XCTAssertEqual(networks.velocity.configuration.conditionWidth, 8)
        XCTAssertNotEqual(networks.encoder.parameters.flatMap { $0.value.storage }, encoderBefore, "L_OT reaches the encoder")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-flow-\(getpid())-vdesc.mfm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try FlowModel.load(from: path)
        XCTAssertEqual(loaded.options.velocity.condition, .embeddingAndDescriptor)
        let sampling = SamplingOptions(count: 20, solver: .euler(steps: 8), seed: 4)
        XCTAssertEqual(try loaded.sample(data, options: sampling).points, try model.sample(data, options: sampling).points)
    }

    /// Options written before `condition` existed decode as the embedding.
    func testVelocityOptionsWithoutConditionDecodeAsEmbedding() throws {
        let written = VelocityOptions(hidden: [8], condition: .embeddingAndDescriptor)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(written)) as? [String: Any])
        XCTAssertNotNil(object.removeValue(forKey: "condition"))
        let decoded = try JSONDecoder().decode(VelocityOptions.self, from: JSONSerialization.data(withJSONObject: object))
        XCTAssertEqual(decoded, VelocityOptions(hidden: [8], condition: .embedding))
    }

    /// Options written before `conditionGain` existed decode without a gain (their checkpoints
    /// hold no gain parameters); new options have it.
    func testVelocityOptionsWithoutConditionGainDecodeWithoutIt() throws {
        let written = VelocityOptions(hidden: [8])
        XCTAssertTrue(written.conditionGain)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(written)) as? [String: Any])
        XCTAssertNotNil(object.removeValue(forKey: "conditionGain"))
        let decoded = try JSONDecoder().decode(VelocityOptions.self, from: JSONSerialization.data(withJSONObject: object))
        XCTAssertEqual(decoded, VelocityOptions(hidden: [8], conditionGain: false))
    }
}
