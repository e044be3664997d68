import XCTest
@testable import MixFlowOps

/// The OT pairing of a step's conditions split across threads gives the pairs one thread gives:
/// the same trained weights, bit for bit. (4 conditions x 16 points: the velocity network runs
/// its 64 rows as one block whatever its thread count, so only the pairing is split.)
final class ParallelPairingTests: XCTestCase {
    func testSplitPairingTrainsTheSameModel() throws {
        let data = FlowFixtures.letters()
        let options = FlowFixtures.training(.steps(1))
        let (one, split) = (FlowFixtures.cfm(seed: 5), FlowFixtures.cfm(seed: 5))
        for model in [one, split] { try model.train(on: data, options: options) }   // builds the networks
        one.networks!.velocity.threads = 1
        split.networks!.velocity.threads = 4   // 4 conditions, at least 2 per thread: 2 shares
        for model in [one, split] { try model.train(on: data, options: FlowFixtures.training(.steps(30))) }
        XCTAssertEqual(FlowFixtures.weights(one), FlowFixtures.weights(split))
        XCTAssertEqual(one.history.records.map(\.lossOT), split.history.records.map(\.lossOT))
        XCTAssertEqual(one.history.records.map(\.lossGeo), split.history.records.map(\.lossGeo))
    }
}
