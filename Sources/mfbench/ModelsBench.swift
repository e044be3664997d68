// The `models` suite: training steps per second of MixFlow and CFM in the default letters
// configuration (8 conditions x 32 points per step, velocity [128, 128, 128] ELU, embedding 16,
// 8 components), against scripts/bench_py/models.py, the same step in PyTorch (exact per-condition
// pairing with scipy's linear_sum_assignment). Cases:
//   train_mixflow  steps of the alternate phase (a base step every 10th step), steps/s
//   train_cfm      CFM steps with OT pairing, steps/s
//   sample_euler   generating 42 conditions x 1000 points with 50 Euler steps, runs/s
//   quality_letters  (only when named in MFBENCH_CASES) MixFlow vs CFM on held-out angles,
//                  see ModelsQuality.swift
import CBLAS
import Foundation
import MixFlowOps

func runModelsBench() {
    openblas_set_num_threads(Int32(benchThreads))
    let split = try! Letters.make(LettersOptions()).holdout(.matching(ConditionQuery(["angle": [.number(90), .number(210), .number(300)]])))
    for (name, options) in [("train_mixflow", FlowModelOptions.mixflow(seed: 1)), ("train_cfm", FlowModelOptions.cfm(seed: 1))]
    where benchSelected(name) {
        emit("models", name, "steps_per_s", trainingRate(options, data: split.train), unit: "steps/s", target: 2.0)
    }
    if benchSelected("sample_euler") {
        emit("models", "sample_euler", "runs_per_s", samplingRate(split), unit: "runs/s", target: 1.5)
    }
    if benchCases?.contains("quality_letters") == true { runModelsQuality() }
}

/// Steps per second of training in chunks of 100 steps (alternate phase for MixFlow).
private func trainingRate(_ options: FlowModelOptions, data: Dataset) -> Double {
    let model = try! FlowModel(options: options, name: "bench")
    let schedule: TrainingSchedule = options.base == nil ? .steps(100) : .phases(warmup: 0, alternate: 100, cooldown: 0)
    let training = TrainingOptions(schedule: schedule)
    try! model.train(on: data, options: training)   // builds the networks (k-means, pretraining) once
    let calls = measureRate(seconds: 3, warmup: 2) { try! model.train(on: data, options: training) }
    return calls * 100
}

/// Sampling runs per second: the 42 held-out conditions x 1000 points, 50 Euler steps.
private func samplingRate(_ split: Split) -> Double {
    let model = try! FlowModel(options: .mixflow(seed: 1), name: "bench")
    try! model.train(on: split.train, options: TrainingOptions(schedule: .steps(10)))
    let options = SamplingOptions(count: 1000, solver: .euler(steps: 50))
    return measureRate(seconds: 3, warmup: 1) { _ = try! model.sample(split.test, options: options) }
}
