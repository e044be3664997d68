import XCTest
@testable import MixFlowOps

/// Each building block alone against central finite differences in Float64.
final class LayerGradientTests: XCTestCase {
    func testLinearLayerWeightBiasAndInput() {
        var random = RandomStream(seed: 11)
        let layer = Linear<Double>(inputs: 5, outputs: 4, random: &random, name: "fc")
        let x = Box(Matrix<Double>.normal(7, 5, random: &random))
        let weights = Matrix<Double>.normal(7, 4, random: &random)
        layer.parameters.zeroGradients()
        let gx = layer.backward(input: x.value, outputGradient: weights)
        let loss = { weightedSum(layer.forward(x.value), weights) }
        let check = GradientCheck()
        for p in layer.parameters { check.check(p, loss: loss) }
        check.check("dL/dx", analytic: gx, input: x, loss: loss)
    }

    func testLinearForwardMatchesDefinition() {
        var random = RandomStream(seed: 12)
        let layer = Linear<Double>(inputs: 3, outputs: 2, random: &random)
        let x = Matrix<Double>.normal(4, 3, random: &random)
        let z = layer.forward(x)
        let w = layer.weight.value, b = layer.bias!.value
        for r in 0..<4 {
            for o in 0..<2 {
                let expected = (0..<3).reduce(b[0, o]) { $0 + x[r, $1] * w[o, $1] }
                XCTAssertEqual(z[r, o], expected, accuracy: 1e-14)
            }
        }
    }

    func testEveryActivation() {
        var random = RandomStream(seed: 13)
        for activation in [Activation.identity, .relu, .elu, .elu(alpha: 0.5), .silu, .tanh] {
            let z = Box(Matrix<Double>.normal(6, 5, random: &random))
            z.value.scale(by: 2)   // reach the saturating parts of tanh and elu
            let weights = Matrix<Double>.normal(6, 5, random: &random)
            let a = activation.forward(z.value)
            let gz = activation.backward(input: z.value, output: a, outputGradient: weights)
            GradientCheck().check("\(activation)", analytic: gz, input: z) { weightedSum(activation.forward(z.value), weights) }
        }
    }

    func testActivationValues() {
        let z = Matrix<Double>([[-2, -0.1, 0, 0.3, 3]])
        let expectations: [(Activation, (Double) -> Double)] = [
            (.relu, { max($0, 0) }), (.elu, { $0 > 0 ? $0 : exp($0) - 1 }),
            (.elu(alpha: 0.5), { $0 > 0 ? $0 : 0.5 * (exp($0) - 1) }),
            (.silu, { $0 / (1 + exp(-$0)) }), (.tanh, { tanh($0) }), (.identity, { $0 }),
        ]
        for (activation, reference) in expectations {
            let a = activation.forward(z)
            for c in 0..<z.cols { XCTAssertEqual(a[0, c], reference(z[0, c]), accuracy: 1e-14, "\(activation)(\(z[0, c]))") }
        }
    }

    func testSoftmaxForwardAndBackward() {
        var random = RandomStream(seed: 14)
        let x = Box(Matrix<Double>.normal(4, 6, random: &random))
        x.value.scale(by: 3)
        let y = Softmax.forward(x.value)
        for r in 0..<4 {
            XCTAssertEqual(y[row: r].reduce(0, +), 1, accuracy: 1e-14)
            let denominator = x.value[row: r].reduce(0) { $0 + exp($1) }
            XCTAssertEqual(y[r, 2], exp(x.value[r, 2]) / denominator, accuracy: 1e-14)
        }
        let weights = Matrix<Double>.normal(4, 6, random: &random)
        let gx = Softmax.backward(output: y, outputGradient: weights)
        GradientCheck().check("softmax", analytic: gx, input: x) { weightedSum(Softmax.forward(x.value), weights) }
    }

    func testSoftmaxIsStableForHugeLogits() {
        let y = Softmax.forward(Matrix<Float>([[1000, 1001, -1000]]))
        XCTAssertEqual(y[0, 1], Float(1 / (1 + exp(-1.0))), accuracy: 1e-6)
        XCTAssertEqual(y[0, 2], 0)
    }

    func testMeanSquaredErrorGradient() {
        var random = RandomStream(seed: 15)
        let p = Box(Matrix<Double>.normal(5, 3, random: &random))
        let q = Matrix<Double>.normal(5, 3, random: &random)
        var gradient = Matrix<Double>(rows: 0, cols: 0)
        let loss = meanSquaredError(p.value, q, gradient: &gradient)
        let direct = zip(p.value.storage, q.storage).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 15
        XCTAssertEqual(loss, direct, accuracy: 1e-14)
        GradientCheck().check("mse", analytic: gradient, input: p) { meanSquaredError(p.value, q) }
    }

    func testInitialisationBounds() {
        var random = RandomStream(seed: 16)
        let fanIn = 64.0, fanOut = 32.0
        let cases: [(Initialization, Double, Bool)] = [
            (.pytorchDefault, 1 / fanIn.squareRoot(), true), (.xavierUniform, (6 / (fanIn + fanOut)).squareRoot(), false),
            (.heUniform, (6 / fanIn).squareRoot(), false),
        ]
        for (initialization, bound, hasBias) in cases {
            let layer = Linear<Double>(inputs: 64, outputs: 32, initialization: initialization, random: &random)
            let w = layer.weight.value.storage
            XCTAssertLessThanOrEqual(w.map(abs).max()!, bound, "\(initialization)")
            XCTAssertGreaterThan(w.map(abs).max()!, 0.9 * bound, "\(initialization) should fill its range")
            XCTAssertEqual(layer.bias!.value.storage.allSatisfy { $0 == 0 }, !hasBias, "\(initialization) bias")
        }
        let he = Linear<Double>(inputs: 400, outputs: 100, initialization: .heNormal, random: &random).weight.value.storage
        let variance = he.reduce(0) { $0 + $1 * $1 } / Double(he.count)
        XCTAssertEqual(variance, 2.0 / 400, accuracy: 0.1 * 2.0 / 400)
    }

    func testSeededInitialisationIsReproducible() {
        let config = MLPConfiguration(inputs: 2, hasTime: true, conditionWidth: 3, hidden: [8, 8], outputs: 2)
        let a = MLP<Float>(config, seed: 42), b = MLP<Float>(config, seed: 42), c = MLP<Float>(config, seed: 43)
        XCTAssertEqual(a.parameters.map(\.value), b.parameters.map(\.value))
        XCTAssertNotEqual(a.parameters.map(\.value), c.parameters.map(\.value))
    }
}
