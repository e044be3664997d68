import XCTest
@testable import MixFlowOps

/// Small data and models for the flow tests (each test trains in well under a second).
enum FlowFixtures {
    /// Letters A and E at 0, 90, 180, 270 degrees, 200 points each (8 conditions, descriptors 4-D).
    static func letters(points: Int = 200) -> Dataset {
        try! Letters.make(LettersOptions(letters: "AE", angles: [0, 90, 180, 270], points: points, seed: 3))
    }

    /// A MixFlow model with small networks.
    static func mixflow(seed: UInt64 = 1, draw: GumbelDraw = .soft, encoderTraining: EncoderTraining = .geometry,
                        condition: VelocityCondition = .ownEmbedding) -> FlowModel {
        let base = GMMBaseOptions(components: 4, sigma: 0.1, draw: draw, hidden: [16], pretrainSteps: 50)
        return try! FlowModel(options: .mixflow(base: base, velocity: VelocityOptions(hidden: [32, 32], condition: condition),
                                                encoder: DescriptorEncoderOptions(hidden: [16], embedding: 4),
                                                encoderTraining: encoderTraining, seed: seed), name: "mix")
    }

    /// A CFM model with the same small networks.
    static func cfm(seed: UInt64 = 1, pairing: Pairing = .ot) -> FlowModel {
        try! FlowModel(options: .cfm(pairing: pairing, velocity: VelocityOptions(hidden: [32, 32]),
                                     encoder: DescriptorEncoderOptions(hidden: [16], embedding: 4), seed: seed), name: "cfm")
    }

    /// Training options with small batches.
    static func training(_ schedule: TrainingSchedule, every: Int = 3, lr: Double = 1e-3) -> TrainingOptions {
        TrainingOptions(schedule: schedule, baseEvery: every, conditionsPerStep: 4, pointsPerCondition: 16,
                        velocityOptimizer: AdamOptions(learningRate: lr, beta1: 0, beta2: 0.99),
                        baseOptimizer: AdamOptions(learningRate: lr), learningRateSchedule: .constant, averageDecay: 0)
    }

    /// Every parameter value of a trained model, in order (for comparing models).
    static func weights(_ model: FlowModel) -> [Float] {
        model.networks!.parameters.flatMap { $0.value.storage }
    }
}

/// A ShouldStop that asks to stop after it has been polled `allowed` times.
final class StopAfter: @unchecked Sendable {
    private let lock = NSLock()
    private var polls = 0
    let allowed: Int

    init(_ allowed: Int) { self.allowed = allowed }

    var check: ShouldStop {
        { [self] in
            lock.lock()
            defer { lock.unlock() }
            polls += 1
            return polls > allowed
        }
    }
}
