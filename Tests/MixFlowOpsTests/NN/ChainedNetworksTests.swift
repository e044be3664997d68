import XCTest
@testable import MixFlowOps

/// The way the models code uses the pieces: a descriptor encoder (with dropout) feeds the
/// condition of the velocity network and the inputs of h_theta and h_p; gradients are chained
/// by hand through `conditionGradient` / `inputGradient`, and two Adam optimisers own disjoint
/// parameter groups.
final class ChainedNetworksTests: XCTestCase {
    func testGradientChainsThroughTheEncoder() {
        let encoder = MLP<Double>(MLPConfiguration(inputs: 5, hidden: [8], outputs: 3, activation: .silu), seed: 1, name: "encoder")
        let velocity = MLP<Double>(MLPConfiguration(inputs: 2, hasTime: true, conditionWidth: 3, hidden: [6, 6], outputs: 2),
                                   seed: 2, name: "velocity")
        let modes = MLP<Double>(MLPConfiguration(inputs: 3, hidden: [4], outputs: 4), seed: 3, name: "h_theta")
        var random = RandomStream(seed: 4)
        let y = Matrix<Double>.normal(5, 5, random: &random), x = Matrix<Double>.normal(5, 2, random: &random)
        let t = Matrix<Double>.uniform(5, 1, random: &random)
        let w1 = Matrix<Double>.normal(5, 2, random: &random), w2 = Matrix<Double>.normal(5, 4, random: &random)

        // L = <w1, v(x, t, enc(y))> + <w2, h_theta(enc(y))>
        func loss() -> Double {
            let embedding = encoder.forward(y)
            return weightedSum(velocity.forward(x, time: .column(t), condition: embedding), w1)
                + weightedSum(modes.forward(embedding), w2)
        }
        _ = loss()
        velocity.backward(outputGradient: w1, inputGradients: .condition)
        modes.backward(outputGradient: w2, inputGradients: .input)
        var embeddingGradient = velocity.conditionGradient
        embeddingGradient.add(modes.inputGradient)
        encoder.backward(outputGradient: embeddingGradient)
        for p in encoder.parameters { GradientCheck().check(p, loss: loss) }
        for p in velocity.parameters + modes.parameters { GradientCheck().check(p, indices: probeIndices(p.count, limit: 5), loss: loss) }
    }

    func testTwoOptimisersAndSamplingWithDopri5() throws {
        let config = MLPConfiguration(inputs: 2, hasTime: true, conditionWidth: 4, conditionPlacement: .everyHiddenLayer,
                                      hidden: [32, 32], outputs: 2, activation: .elu)
        let velocity = MLP<Float>(config, seed: 1, name: "velocity")
        let encoder = MLP<Float>(MLPConfiguration(inputs: 3, hidden: [16], outputs: 4, dropout: 0.1), seed: 2, name: "encoder")
        let velocityAdam = Adam(parameters: velocity.parameters, options: AdamOptions(learningRate: 1e-2))
        let baseAdam = Adam(parameters: encoder.parameters, options: AdamOptions(learningRate: 1e-2))
        var random = RandomStream(seed: 3)
        let descriptors = Matrix<Float>.normal(256, 3, random: &random)
        var prediction = Matrix<Float>(rows: 0, cols: 2), gradient = Matrix<Float>(rows: 0, cols: 2)
        var losses: [Float] = []
        for step in 0..<60 {
            let x0 = Matrix<Float>.normal(256, 2, random: &random), t = Matrix<Float>.uniform(256, 1, random: &random)
            var x1 = x0
            x1.scale(by: 0.5)                        // target flow: shrink towards the origin
            var xt = x0
            for r in 0..<256 { for c in 0..<2 { xt[r, c] = (1 - t[r, 0]) * x0[r, c] + t[r, 0] * x1[r, c] } }
            let target = x1 - x0
            let embedding = encoder.forward(descriptors)
            velocity.forward(xt, time: .column(t), condition: embedding, into: &prediction)
            losses.append(meanSquaredError(prediction, target, gradient: &gradient))
            velocity.backward(outputGradient: gradient, inputGradients: .condition)
            velocityAdam.step()
            if step % 5 == 0 {                     // a base step every 5th step
                encoder.backward(outputGradient: velocity.conditionGradient)
                baseAdam.step()
            }
        }
        XCTAssertLessThan(losses.suffix(5).reduce(0, +) / 5, losses.prefix(5).reduce(0, +) / 5 * 0.2)
        XCTAssertEqual(baseAdam.steps, [12, 12, 12, 12])
        velocity.mode = .eval
        encoder.mode = .eval
        let embedding = encoder.forward(descriptors)
        let start = Matrix<Float>.normal(256, 2, random: &random)
        let solution = try ODEMethod.dopri5(DormandPrinceOptions(rtol: 1e-4, atol: 1e-4))
            .integrate(start, from: 0, to: 1, record: [0.5]) { x, t, dxdt in
                velocity.evaluate(x, time: .constant(t), condition: embedding, into: &dxdt)
            }
        let shrink = solution.final.frobeniusNorm() / start.frobeniusNorm()
        XCTAssertEqual(shrink, 0.5, accuracy: 0.1, "the learned flow halves the points")
        XCTAssertEqual(solution.trajectory.count, 1)
    }
}
