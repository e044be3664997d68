import XCTest
@testable import MixFlowOps

/// The whole MLP against finite differences in Float64: parameters and the x, t and condition
/// inputs, for every condition placement, activation and thread split, with dropout.
final class MLPGradientTests: XCTestCase {
    private func makeInputs(rows: Int, config: MLPConfiguration, seed: UInt64)
        -> (x: Matrix<Double>, t: Matrix<Double>, y: Matrix<Double>, weights: Matrix<Double>) {
        var random = RandomStream(seed: seed)
        return (Matrix.normal(rows, config.inputs, random: &random), Matrix.uniform(rows, 1, random: &random),
                Matrix.normal(rows, max(config.conditionWidth, 1), random: &random),
                Matrix.normal(rows, config.outputs, random: &random))
    }

    private func checkMLP(_ config: MLPConfiguration, rows: Int = 6, threads: Int = 1, seed: UInt64 = 1,
                          file: StaticString = #filePath, line: UInt = #line) {
        let mlp = MLP<Double>(config, seed: seed, name: "net")
        var gainRandom = RandomStream(seed: seed + 200)
        for gain in mlp.gains.flatMap(\.parameters) {  // away from their zero start, so the factor is felt
            gain.value = 0.5 * Matrix.normal(gain.rows, gain.cols, random: &gainRandom)
        }
        mlp.threads = threads
        mlp.minimumRowsPerThread = 2
        let inputs = makeInputs(rows: rows, config: config, seed: seed + 100)
        let (x, t, y, weights) = (Box(inputs.x), Box(inputs.t), Box(inputs.y), inputs.weights)
        let hasCondition = config.conditionWidth > 0
        func loss() -> Double {
            let time: TimeInput<Double> = config.hasTime ? .column(t.value) : .none
            return weightedSum(mlp.forward(x.value, time: time, condition: hasCondition ? y.value : nil), weights)
        }
        _ = loss()
        mlp.reuseDropoutMasks = true   // finite differences must see the same masks
        var request: GradientRequest = [.input]
        if config.hasTime { request.insert(.time) }
        if hasCondition { request.insert(.condition) }
        mlp.backward(outputGradient: weights, inputGradients: request)
        let checker = GradientCheck()
        for parameter in mlp.parameters {
            checker.check(parameter, indices: probeIndices(parameter.count), loss: loss, file: file, line: line)
        }
        checker.check("dL/dx", analytic: mlp.inputGradient, input: x, loss: loss, file: file, line: line)
        if config.hasTime { checker.check("dL/dt", analytic: mlp.timeGradient, input: t, loss: loss, file: file, line: line) }
        if hasCondition {
            checker.check("dL/dy", analytic: mlp.conditionGradient, input: y, loss: loss, file: file, line: line)
        }
    }

    func testVelocityNetworkWithConditionAtEveryHiddenLayer() {
        checkMLP(MLPConfiguration(inputs: 2, hasTime: true, conditionWidth: 3, conditionPlacement: .everyHiddenLayer,
                                  hidden: [7, 5, 6], outputs: 2, activation: .elu))
    }

    func testEveryPlacementAndActivation() {
        for placement in ConditionPlacement.allCases {
            for activation in [Activation.relu, .elu(alpha: 0.7), .silu, .tanh, .identity] {
                checkMLP(MLPConfiguration(inputs: 3, hasTime: placement == .everyLayer, conditionWidth: 2,
                                          conditionPlacement: placement, hidden: [5, 4], outputs: 3,
                                          activation: activation, outputActivation: .tanh))
            }
        }
    }

    func testConditionGainWithEveryPlacementAndDropout() {
        for placement in ConditionPlacement.allCases {
            for hasTime in [true, false] {
                checkMLP(MLPConfiguration(inputs: 2, hasTime: hasTime, conditionWidth: 3, conditionPlacement: placement,
                                          hidden: [6, 5], outputs: 2, activation: .elu, conditionGain: true))
            }
        }
        checkMLP(MLPConfiguration(inputs: 3, hasTime: true, conditionWidth: 2, hidden: [7, 7], outputs: 2, activation: .silu,
                                  dropout: 0.3, conditionGain: true), rows: 9, threads: 3)
    }

    func testConditionGainStartsAsThePlainNetwork() {
        let plain = MLPConfiguration(inputs: 2, hasTime: true, conditionWidth: 3, hidden: [8, 8], outputs: 2)
        var gained = plain
        gained.conditionGain = true
        let a = MLP<Double>(plain, seed: 4), b = MLP<Double>(gained, seed: 4)
        XCTAssertEqual(b.gains.count, 2)
        XCTAssertEqual(b.parameters.map(\.name).suffix(4), ["mlp.gain0.weight", "mlp.gain0.bias", "mlp.gain1.weight", "mlp.gain1.bias"])
        let (x, t, y, _) = makeInputs(rows: 5, config: plain, seed: 8)
        XCTAssertEqual(a.forward(x, time: .column(t), condition: y).maxAbsDifference(b.forward(x, time: .column(t), condition: y)), 0)
        XCTAssertEqual(gained.multiplyAddsPerRow - plain.multiplyAddsPerRow, 2 * 4 * 8)
    }

    /// Two copies of one network: one on a single thread, one splitting 9 rows over three.
    private func oneThreadAndThree(_ config: MLPConfiguration, seed: UInt64) -> (single: MLP<Double>, split: MLP<Double>) {
        let single = MLP<Double>(config, seed: seed), split = MLP<Double>(config, seed: seed)
        single.threads = 1
        split.threads = 3
        split.minimumRowsPerThread = 2
        return (single, split)
    }

    func testThreadSplitGivesTheSameGradients() {
        let config = MLPConfiguration(inputs: 2, hasTime: true, conditionWidth: 4, hidden: [8, 8], outputs: 2)
        checkMLP(config, rows: 9, threads: 3)
        let (single, split) = oneThreadAndThree(config, seed: 5)
        let (x, t, y, weights) = makeInputs(rows: 9, config: config, seed: 9)
        for mlp in [single, split] {
            _ = mlp.forward(x, time: .column(t), condition: y)
            mlp.backward(outputGradient: weights, inputGradients: .all)
        }
        for (a, b) in zip(single.parameters, split.parameters) {
            XCTAssertLessThan(a.gradient.maxAbsDifference(b.gradient), 1e-12, a.name)
        }
        XCTAssertEqual(single.conditionGradient.maxAbsDifference(split.conditionGradient), 0, accuracy: 1e-12)
    }

    func testThreadSplitAccumulatesLikeOneThread() {
        let config = MLPConfiguration(inputs: 2, hasTime: true, conditionWidth: 4, hidden: [8, 8], outputs: 2)
        let (single, split) = oneThreadAndThree(config, seed: 6)
        let (x, t, y, weights) = makeInputs(rows: 9, config: config, seed: 10)
        for mlp in [single, split] {
            for p in mlp.parameters { p.gradient = Matrix(rows: p.rows, cols: p.cols, repeating: 0.5) }
            _ = mlp.forward(x, time: .column(t), condition: y)
            mlp.backward(outputGradient: weights, accumulate: true)
            mlp.backward(outputGradient: weights, accumulate: true)
        }
        for (a, b) in zip(single.parameters, split.parameters) {
            XCTAssertLessThan(a.gradient.maxAbsDifference(b.gradient), 1e-12, a.name)
        }
        // A pass without accumulate overwrites what the accumulating ones left.
        split.backward(outputGradient: weights)
        single.backward(outputGradient: weights)
        for (a, b) in zip(single.parameters, split.parameters) {
            XCTAssertLessThan(a.gradient.maxAbsDifference(b.gradient), 1e-12, a.name)
        }
    }

    /// The blocks' gradients summed in element shares across threads (shares crossing parameter
    /// boundaries) give the bits of the serial sum, with and without `accumulate`.
    func testSplitGradientSumGivesTheBitsOfTheSerialSum() {
        let config = MLPConfiguration(inputs: 2, hasTime: true, conditionWidth: 4, hidden: [8, 8], outputs: 2,
                                      conditionGain: true)
        let (serial, split) = (oneThreadAndThree(config, seed: 7).split, oneThreadAndThree(config, seed: 7).split)
        serial.minimumElementsPerGradientShare = .max
        split.minimumElementsPerGradientShare = 1
        let (x, t, y, weights) = makeInputs(rows: 9, config: config, seed: 11)
        for accumulate in [false, true] {
            for mlp in [serial, split] {
                _ = mlp.forward(x, time: .column(t), condition: y)
                mlp.backward(outputGradient: weights, accumulate: accumulate)
            }
            for (a, b) in zip(serial.parameters, split.parameters) {
                XCTAssertEqual(a.gradient.storage, b.gradient.storage, "\(a.name), accumulate: \(accumulate)")
            }
        }
    }

    func testDropoutInTrainModeWithFixedMasks() {
        checkMLP(MLPConfiguration(inputs: 4, conditionWidth: 0, hidden: [9, 9], outputs: 3, activation: .relu,
                                  dropout: 0.3))
    }

    func testFrozenParametersKeepTheirGradientAndInputGradientsStillFlow() {
        let config = MLPConfiguration(inputs: 3, conditionWidth: 2, hidden: [6], outputs: 2)
        let mlp = MLP<Double>(config, seed: 3)
        mlp.parameters.setFrozen(true)
        for p in mlp.parameters { p.gradient = Matrix(rows: p.rows, cols: p.cols, repeating: 7) }
        let (x, _, y, weights) = makeInputs(rows: 4, config: config, seed: 4)
        _ = mlp.forward(x, condition: y)
        mlp.backward(outputGradient: weights, inputGradients: [.condition])
        for p in mlp.parameters { XCTAssertTrue(p.gradient.storage.allSatisfy { $0 == 7 }, p.name) }
        let yy = Box(y)
        GradientCheck().check("dL/dy (frozen net)", analytic: mlp.conditionGradient, input: yy) {
            weightedSum(mlp.forward(x, condition: yy.value), weights)
        }
    }
}
