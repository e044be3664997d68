import XCTest
@testable import MixFlowOps

/// Two runs with one seed give identical bytes: initialisation, dropout masks, data draws,
/// training steps and sampling.
final class DeterminismTests: XCTestCase {
    private func trainAndSample(seed: UInt64, threads: Int) -> (weights: [Matrix<Float>], samples: Matrix<Float>) {
        let config = MLPConfiguration(inputs: 2, hasTime: true, conditionWidth: 4, hidden: [32, 32], outputs: 2, dropout: 0.1)
        let mlp = MLP<Float>(config, seed: seed)
        mlp.threads = threads
        let adam = Adam(parameters: mlp.parameters)
        var random = RandomStream(seed: seed &+ 1)
        var output = Matrix<Float>(rows: 0, cols: 2), gradient = Matrix<Float>(rows: 0, cols: 2)
        for _ in 0..<5 {
            let x = Matrix<Float>.normal(200, 2, random: &random), t = Matrix<Float>.uniform(200, 1, random: &random)
            let y = Matrix<Float>.normal(200, 4, random: &random), u = Matrix<Float>.normal(200, 2, random: &random)
            mlp.forward(x, time: .column(t), condition: y, into: &output)
            _ = meanSquaredError(output, u, gradient: &gradient)
            mlp.backward(outputGradient: gradient)
            adam.step()
        }
        mlp.mode = .eval
        let y = Matrix<Float>.normal(300, 4, random: &random)
        let samples = try! ODEMethod.euler(steps: 10).integrate(Matrix<Float>.normal(300, 2, random: &random), from: 0, to: 1) { x, t, v in
            mlp.evaluate(x, time: .constant(t), condition: y, into: &v)
        }.final
        return (mlp.parameters.map(\.value), samples)
    }

    func testSameSeedSameBytes() {
        for threads in [1, 2] {
            let a = trainAndSample(seed: 5, threads: threads), b = trainAndSample(seed: 5, threads: threads)
            XCTAssertEqual(a.weights.map { $0.storage.map(\.bitPattern) }, b.weights.map { $0.storage.map(\.bitPattern) })
            XCTAssertEqual(a.samples.storage.map(\.bitPattern), b.samples.storage.map(\.bitPattern))
        }
        XCTAssertNotEqual(trainAndSample(seed: 5, threads: 1).samples, trainAndSample(seed: 6, threads: 1).samples)
    }

    func testEvaluateMatchesForwardInEvalMode() {
        let config = MLPConfiguration(inputs: 3, hasTime: true, conditionWidth: 2, hidden: [16, 16], outputs: 3, dropout: 0.5)
        let mlp = MLP<Float>(config, seed: 8)
        mlp.mode = .eval
        mlp.inferenceBlockRows = 7
        var random = RandomStream(seed: 9)
        let x = Matrix<Float>.normal(300, 3, random: &random), y = Matrix<Float>.normal(300, 2, random: &random)
        var blocked = Matrix<Float>(rows: 0, cols: 3)
        mlp.evaluate(x, time: .constant(0.25), condition: y, into: &blocked)
        // Same values up to float rounding (GEMMs of different row counts may sum in another order).
        let cached = mlp.forward(x, time: .column(Matrix(rows: 300, cols: 1, repeating: 0.25)), condition: y)
        XCTAssertLessThan(blocked.maxAbsDifference(cached), 1e-5)
    }
}
