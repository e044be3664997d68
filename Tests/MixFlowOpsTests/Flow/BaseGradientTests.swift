import XCTest
@testable import MixFlowOps

/// Gumbel-softmax and the whole L_geo chain (encoder -> h_theta, h_p -> x0 -> L_geo) against
/// central finite differences in Float64, with the noise drawn once and held fixed.
final class BaseGradientTests: XCTestCase {
    func testGumbelSoftmaxGradientMatchesFiniteDifferences() {
        let rows = 4, count = 5
        var random = RandomStream(seed: 11)
        let logits = Box(Matrix<Double>.normal(1, count, random: &random))
        let gumbel = Matrix<Double>(rows: rows, cols: count, storage: (0..<rows * count).map { _ in random.nextGumbel() })
        let weights = Matrix<Double>.normal(rows, count, random: &random)
        func forward() -> Matrix<Double> {
            var w = Matrix<Double>(rows: rows, cols: count)
            logits.value.withPointer { pl in gumbel.withPointer { pg in w.withMutablePointer {
                GumbelSoftmax.forward(rows: rows, count: count, logits: pl, gumbel: pg, temperature: 0.5, into: $0)
            } } }
            return w
        }
        let w = forward()
        for r in 0..<rows { XCTAssertEqual(w.row(r).reduce(0, +), 1, accuracy: 1e-12, "row \(r) of the weights sums to 1") }
        var analytic = Matrix<Double>(rows: 1, cols: count)
        var scratch = Matrix<Double>(rows: rows, cols: count)
        w.withPointer { pw in weights.withPointer { pg in scratch.withMutablePointer { ps in analytic.withMutablePointer {
            GumbelSoftmax.backward(rows: rows, count: count, w: pw, gw: pg, temperature: 0.5, scratch: ps, accumulateInto: $0)
        } } } }
        GradientCheck().check("dL/dlogits", analytic: analytic, input: logits) { weightedSum(forward(), weights) }
    }

    func testHardeningPicksTheLargestWeight() {
        let w = Matrix<Double>([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]])
        var hard = Matrix<Double>(rows: 2, cols: 3)
        w.withPointer { pw in hard.withMutablePointer { GumbelSoftmax.harden(rows: 2, count: 3, pw, into: $0) } }
        XCTAssertEqual(hard, Matrix([[0, 1, 0], [1, 0, 0]]))
    }

    /// The chain of a base step with C = 2 conditions, n = 3 rows each, I = 3, D = 2.
    private struct Chain {
        let encoder: MLP<Double>
        let base: GMMBase<Double>
        let descriptors: Matrix<Double>
        let noise: BaseNoise<Double>
        let targets: Matrix<Double>
        let n = 3

        init(draw: GumbelDraw) {
            var random = RandomStream(seed: 5)
            encoder = MLP(MLPConfiguration(inputs: 4, hidden: [8], outputs: 3, activation: .tanh), random: &random, name: "encoder")
            let options = GMMBaseOptions(components: 3, sigma: 0.1, temperature: 0.5, draw: draw, hidden: [6], activation: .tanh)
            base = GMMBase(options: options, embeddingWidth: 3, dimension: 2, random: &random)
            descriptors = Matrix.normal(2, 4, random: &random)
            noise = BaseNoise(rows: 6, components: 3, dimension: 2, random: &random)
            targets = Matrix.normal(6, 2, random: &random)
        }

        /// L_geo = (1/N) sum_r |x1_r - x0_r|^2 for the fixed noise and targets.
        func loss() -> Double {
            var x0 = Matrix<Double>(rows: 0, cols: 0)
            base.drawForTraining(embedding: encoder.forward(descriptors), rowsPerCondition: n, noise: noise, into: &x0)
            return zip(targets.storage, x0.storage).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(targets.rows)
        }

        /// Sets every parameter's gradient of L_geo by the analytic backward pass.
        func backward() {
            var x0 = Matrix<Double>(rows: 0, cols: 0)
            base.drawForTraining(embedding: encoder.forward(descriptors), rowsPerCondition: n, noise: noise, into: &x0)
            var g = targets - x0
            g.scale(by: -2 / Double(targets.rows))
            base.backward(x0Gradient: g)
            encoder.backward(outputGradient: base.embeddingGradient)
        }
    }

    func testSoftDrawGradientReachesModesLogitsAndEncoder() {
        let chain = Chain(draw: .soft)
        chain.backward()
        let checker = GradientCheck(step: 1e-6, tolerance: 1e-5)
        for parameter in chain.base.parameters + chain.encoder.parameters {
            XCTAssertGreaterThan(parameter.gradient.frobeniusNorm(), 1e-8, "\(parameter.name) gets a gradient")
            checker.check(parameter, indices: probeIndices(parameter.count), loss: chain.loss)
        }
    }

    /// Straight-through: the forward pass is piecewise constant in the logits, so finite
    /// differences only check h_theta; h_p must still receive the relaxed gradient.
    func testStraightThroughDrawGradientOfModesAndNonZeroLogitGradient() {
        let chain = Chain(draw: .hard)
        chain.backward()
        for parameter in chain.base.modeNetwork.parameters {
            GradientCheck(step: 1e-6, tolerance: 1e-5).check(parameter, indices: probeIndices(parameter.count), loss: chain.loss)
        }
        for parameter in chain.base.logitNetwork.parameters {
            XCTAssertGreaterThan(parameter.gradient.frobeniusNorm(), 1e-8, "\(parameter.name) gets the straight-through gradient")
        }
        let hard = chain.base.usedWeights
        XCTAssertTrue(hard.storage.allSatisfy { $0 == 0 || $0 == 1 }, "hard draws use one-hot weights")
    }

    func testSamplingDrawsPointsAroundOneMode() {
        let chain = Chain(draw: .soft)
        var x0 = Matrix<Double>(rows: 0, cols: 0)
        let embedding = chain.encoder.forwardInference(chain.descriptors)
        chain.base.drawForSampling(embedding: embedding, rowsPerCondition: 3, noise: chain.noise, into: &x0)
        let modes = chain.base.modes
        for r in 0..<6 {
            let k = r / 3, component = chain.base.usedWeights.row(r).firstIndex(of: 1)!
            for c in 0..<2 {
                let expected = modes[k, component * 2 + c] + 0.1 * chain.noise.normal[r, c]
                XCTAssertEqual(x0[r, c], expected, accuracy: 1e-12, "row \(r) = its mode + sigma eps")
            }
        }
    }
}
