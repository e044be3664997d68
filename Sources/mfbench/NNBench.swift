// The `nn` suite: the velocity MLP of design section 4 against PyTorch on CPU
// (scripts/bench_py/nn.py builds the same network). Input [x (2), t (1), y (16)], hidden layers
// of equal width with ELU and y re-concatenated at every hidden layer, output 2.
import CBLAS
import MixFlowOps
import Foundation

private let xDim = 2, conditionDim = 16, trainBatch = 256

private func velocityConfiguration(width: Int) -> MLPConfiguration {
    MLPConfiguration(inputs: xDim, hasTime: true, conditionWidth: conditionDim, conditionPlacement: .everyHiddenLayer,
                     hidden: [width, width, width], outputs: xDim, activation: .elu)
}

func runNNBench() {
    openblas_set_num_threads(Int32(benchThreads))
    emit("nn", "threads", "mfbench_threads", Double(benchThreads), unit: "threads")
    if benchSelected("sgemm_peak") { emit("nn", "sgemm_peak", "gflops", sgemmPeak(), unit: "GFLOP/s") }
    for (width, target) in [(128, 2.0), (256, 1.5)] where benchSelected("train_w\(width)") {
        let (rate, flops) = trainRate(width: width)
        emit("nn", "train_w\(width)", "steps_per_s", rate, unit: "steps/s", target: target)
        emit("nn", "train_w\(width)", "gflops", rate * flops / 1e9, unit: "GFLOP/s")
    }
    guard benchSelected("euler_w128") else { return }
    // MFBENCH_EULER_POINTS shrinks the sampling case for instruction-count profiles.
    let points = Int(ProcessInfo.processInfo.environment["MFBENCH_EULER_POINTS"] ?? "") ?? 10_000
    let (runs, flops) = eulerRate(width: 128, points: points)
    emit("nn", "euler_w128", "runs_per_s", runs, unit: "runs/s", target: 1.5)
    emit("nn", "euler_w128", "gflops", runs * flops / 1e9, unit: "GFLOP/s")
}

/// The machine's sgemm rate on a 2000 x 2000 x 2000 product with `benchThreads` OpenBLAS threads.
private func sgemmPeak() -> Double {
    let n = 2000
    var random = RandomStream(seed: 1)
    let a = Matrix<Float>.uniform(n, n, random: &random), b = Matrix<Float>.uniform(n, n, random: &random)
    var c = Matrix<Float>(rows: n, cols: n)
    let rate = measureRate(seconds: 2, warmup: 2) { gemm(a, b, into: &c) }
    return rate * 2 * Double(n * n * n) / 1e9
}

/// Training steps per second (forward, MSE, backward, Adam) and FLOPs per step
/// (3 x forward: the usual forward + backward count).
private func trainRate(width: Int) -> (Double, Double) {
    let config = velocityConfiguration(width: width)
    let mlp = MLP<Float>(config, seed: 0, name: "velocity")
    mlp.threads = benchThreads
    let adam = Adam(parameters: mlp.parameters, options: AdamOptions(learningRate: 1e-3))
    var random = RandomStream(seed: 7)
    let x = Matrix<Float>.normal(trainBatch, xDim, random: &random)
    let t = Matrix<Float>.uniform(trainBatch, 1, random: &random)
    let y = Matrix<Float>.normal(trainBatch, conditionDim, random: &random)
    let u = Matrix<Float>.normal(trainBatch, xDim, random: &random)
    var output = Matrix<Float>(rows: trainBatch, cols: xDim)
    var gradient = Matrix<Float>(rows: trainBatch, cols: xDim)
    let rate = measureRate {
        mlp.forward(x, time: .column(t), condition: y, into: &output)
        _ = meanSquaredError(output, u, gradient: &gradient)
        mlp.backward(outputGradient: gradient)
        adam.step()
    }
    return (rate, 3 * 2 * Double(trainBatch * config.multiplyAddsPerRow))
}

/// Euler sampling runs per second (100 steps from t = 0 to 1, 10,000 points) and FLOPs per run.
private func eulerRate(width: Int, points: Int = 10_000, steps: Int = 100) -> (Double, Double) {
    let config = velocityConfiguration(width: width)
    let mlp = MLP<Float>(config, seed: 0, name: "velocity")
    mlp.threads = benchThreads
    mlp.mode = .eval
    var random = RandomStream(seed: 7)
    let y = Matrix<Float>.normal(points, conditionDim, random: &random)
    let x0 = Matrix<Float>.normal(points, xDim, random: &random)
    let solver = FixedStepSolver<Float>(method: .euler, steps: steps)
    let rate = measureRate(seconds: 3, warmup: 2) {
        _ = try! solver.integrate(x0, from: 0, to: 1) { x, t, dxdt in
            mlp.evaluate(x, time: .constant(t), condition: y, into: &dxdt)
        }
    }
    return (rate, Double(steps) * 2 * Double(points * config.multiplyAddsPerRow))
}
