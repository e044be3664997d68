import XCTest
@testable import MixFlowOps

/// Which encoder v reads and which losses train it: v's own encoder (MixFlow's
/// `VelocityCondition.ownEmbedding`) and CFM's frozen encoder (the reference code's baseline).
final class ConditionEncoderTests: XCTestCase {
    private func values(_ network: MLP<Float>) -> [Float] { network.parameters.flatMap { $0.value.storage } }

    private func mixflowWithOwnEncoder() -> FlowModel {
        let base = GMMBaseOptions(components: 4, sigma: 0.1, hidden: [16], pretrainSteps: 20)
        return try! FlowModel(options: .mixflow(base: base, velocity: VelocityOptions(hidden: [32, 32], condition: .ownEmbedding),
                                                encoder: DescriptorEncoderOptions(hidden: [16], embedding: 4), seed: 1), name: "own")
    }

    func testVelocityStepsTrainVsOwnEncoderAndBaseStepsTheSharedOne() throws {
        let data = FlowFixtures.letters(), model = mixflowWithOwnEncoder()
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 1, alternate: 0, cooldown: 0)))
        let networks = try XCTUnwrap(model.networks)
        let own = try XCTUnwrap(networks.velocityEncoder)
        XCTAssertEqual(own.configuration.outputs, DescriptorEncoderOptions.flow.embedding, "v's encoder is built from its own options")
        XCTAssertEqual(own.configuration.hidden, DescriptorEncoderOptions.flow.hidden)
        XCTAssertEqual(networks.encoder.configuration.outputs, 4, "the shared one from the shared options")
        let (shared, ownBefore) = (values(networks.encoder), values(own))
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 3, alternate: 0, cooldown: 0)))
        XCTAssertEqual(values(networks.encoder), shared, "velocity steps leave the base's encoder alone")
        XCTAssertNotEqual(values(own), ownBefore, "and train v's own")
        let ownAfterWarmup = values(own)
        try model.train(on: data, options: FlowFixtures.training(.phases(warmup: 0, alternate: 1, cooldown: 0), every: 1))
        XCTAssertNotEqual(values(networks.encoder), shared, "a base step trains the shared encoder by L_geo")
        XCTAssertEqual(values(own), ownAfterWarmup, "and not v's")
    }

    func testOwnEncoderRoundTripsAndSamplesTheSame() throws {
        let data = FlowFixtures.letters(), model = mixflowWithOwnEncoder()
        try model.train(on: data, options: FlowFixtures.training(.steps(20)))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-own-\(getpid()).mfm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try FlowModel.load(from: path)
        let sampling = SamplingOptions(count: 10, solver: .euler(steps: 3), seed: 4)
        XCTAssertEqual(try loaded.sample(data, options: sampling).points, try model.sample(data, options: sampling).points)
    }

    func testFrozenCFMEncoderKeepsItsInitialWeights() throws {
        let data = FlowFixtures.letters()
        let model = try FlowModel(options: .cfm(velocity: VelocityOptions(hidden: [16]), encoder: DescriptorEncoderOptions(hidden: [8], embedding: 3),
                                                encoderTraining: .frozen, seed: 2))
        try model.train(on: data, options: FlowFixtures.training(.steps(1)))
        let networks = try XCTUnwrap(model.networks), encoder = values(networks.encoder), velocity = values(networks.velocity)
        try model.train(on: data, options: FlowFixtures.training(.steps(5)))
        XCTAssertEqual(values(networks.encoder), encoder)
        XCTAssertNotEqual(values(networks.velocity), velocity)
        XCTAssertThrowsError(try FlowModel(options: FlowModelOptions(method: .cfm, encoderTraining: .geometry)))
    }
}
