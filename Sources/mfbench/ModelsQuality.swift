// The quality case of the `models` suite: MixFlow against CFM on the letters benchmark with
// held-out angles (design section 4 and the issue's "Quality" check), with the same velocity
// network and step budget, over several seeds. Prints per seed and model: W1, W2 (exact) and
// MMD means over the held-out conditions, training and evaluation seconds; then the means.
//
// Settings come from MODELS_CONFIG="key=value ..." so configurations can be compared without
// rebuilding. Defaults: the library's defaults and the demo configuration (train's default budget of 8 conditions x 32 points, every 5,
// the base of GMMBaseOptions() (8 components, sigma 0.4 in standardised units, chained k-means, temperature 0.1),
// velocity [128, 128, 128], Euler 50 for sampling).
//   steps, fractions (w,a,c), components, sigma, temperature, draw (soft|hard), velocity_draw
//   (sampling|relaxed), init (kmeans|random|conditionKMeans|chainedKMeans), pretrain, hidden (e.g. 128x3),
//   embedding, encoder_dropout, encoder_training (geometry|flow|both), conditions, points, lr,
//   base_lr, every, seeds (e.g. 1,2,3), letters, angle_step, holdout (e.g. 90,210,300),
//   n (points per condition), eval_n (generated points per test condition), solver
//   (euler:50 | rk4:25 | dopri5), methods (e.g. mixflow,cfm), v_condition (embedding | ownEmbedding |
//   embeddingAndDescriptor), lr_final (cosine learning-rate decay to this fraction), ema (weight
//   average decay), beta1 / base_beta1, exclude (angles dropped from the data, e.g. the test
//   angles when holdout= names a validation angle);
//   cfm_encoder (trained | frozen; or the method name cfm_frozen); gain (1 | 0: v's condition gain); activation (elu | silu | relu | tanh: v's);
//   pool (points per condition the OT pairing sees, of which points= train), base_pool (the same for base steps only);
//   standardize (1 | 0: the model option), data_scale (the letters multiplied by it; W1 and W2 reported divided);
//   descriptor_features (raw | quadratic: [y, y_i y_j], applied to the data), features and encoder_hidden
//   (e.g. 128 or none) of CFM's or MixFlow's base encoder, v_features and v_encoder_hidden of MixFlow's own
//   v encoder (defaults: the library's, DescriptorEncoderOptions.flow for the encoder v reads), encoder_activation;
//   diagnostics: diagnose=1 (base and seen-condition W2), modes=1 (base modes of the first
//   letter at every angle), plot=/path/%.svg, plot_seen=...
import Foundation
import MixFlowOps

struct QualityConfig {
    var values: [String: String] = [:]

    init(_ text: String) {
        for pair in text.split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
    }

    func int(_ key: String, _ fallback: Int) -> Int { values[key].flatMap { Int($0) } ?? fallback }
    func double(_ key: String, _ fallback: Double) -> Double { values[key].flatMap { Double($0) } ?? fallback }
    func string(_ key: String, _ fallback: String) -> String { values[key] ?? fallback }
    func list(_ key: String, _ fallback: [Double]) -> [Double] {
        values[key].map { $0.split(separator: ",").compactMap { Double($0) } } ?? fallback
    }

    var hidden: [Int] {
        let text = string("hidden", "128x3"), parts = text.split(separator: "x").compactMap { Int($0) }
        return parts.count == 2 ? Array(repeating: parts[0], count: parts[1]) : [128, 128, 128]
    }

    var solver: ODEMethod {
        let text = string("solver", "euler:50"), parts = text.split(separator: ":")
        let steps = parts.count > 1 ? Int(parts[1]) ?? 50 : 50
        switch parts[0] {
        case "rk4": return .rk4(steps: steps)
        case "midpoint": return .midpoint(steps: steps)
        case "dopri5": return .dopri5(DormandPrinceOptions(rtol: 1e-4, atol: 1e-4))
        default: return .euler(steps: steps)
        }
    }

    /// standardize=0: train in the letters' own units (the model option `standardize`).
    var standardize: Bool { int("standardize", 1) == 1 }
    /// data_scale=s: the letters multiplied by s before training; W1 and W2 are divided by s.
    var dataScale: Double { double("data_scale", 1) }

    func modelOptions(_ method: String, seed: UInt64) -> FlowModelOptions {
        let velocityDefaults = VelocityOptions()
        func widths(_ key: String) -> [Int]? { values[key].map { $0 == "none" ? [] : $0.split(separator: ",").compactMap { Int($0) } } }
        // An encoder from the library's default for its role, with the keys given applied:
        // prefix "" for the base's / CFM's encoder, "v_" for MixFlow's own v encoder.
        func encoder(_ defaults: DescriptorEncoderOptions, prefix: String) -> DescriptorEncoderOptions {
            var options = defaults
            options.hidden = widths(prefix + "encoder_hidden") ?? defaults.hidden
            options.features = values[prefix + "features"].flatMap(DescriptorFeatures.init(rawValue:)) ?? defaults.features
            options.embedding = int("embedding", defaults.embedding)
            options.activation = values["encoder_activation"].flatMap(Activation.init(name:)) ?? defaults.activation
            options.dropout = double("encoder_dropout", defaults.dropout)
            return options
        }
        let velocity = VelocityOptions(hidden: hidden,
                                       activation: values["activation"].flatMap(Activation.init(name:)) ?? velocityDefaults.activation,
                                       condition: values["v_condition"].flatMap(VelocityCondition.init(rawValue:))
                                           ?? velocityDefaults.condition,
                                       conditionGain: values["gain"].map { $0 == "1" } ?? velocityDefaults.conditionGain)
        if method.hasPrefix("cfm") {  // "cfm_frozen": the reference code's baseline, with its encoder
            let frozen = method == "cfm_frozen" || string("cfm_encoder", "trained") == "frozen"
            return .cfm(velocity: velocity, encoder: encoder(frozen ? DescriptorEncoderOptions() : .flow, prefix: ""),
                        encoderTraining: frozen ? .frozen : .flow, standardize: standardize, seed: seed)
        }
        let defaults = GMMBaseOptions()
        let base = GMMBaseOptions(components: int("components", defaults.components), sigma: double("sigma", defaults.sigma),
                                  initialization: values["init"].flatMap(BaseInitialization.init(rawValue:)) ?? defaults.initialization,
                                  temperature: double("temperature", 0.1),
                                  draw: GumbelDraw(rawValue: string("draw", "soft")) ?? .soft,
                                  velocityDraw: VelocityStepDraw(rawValue: string("velocity_draw", "sampling")) ?? .sampling,
                                  pretrainSteps: int("pretrain", 300))
        return .mixflow(base: base, velocity: velocity, encoder: encoder(DescriptorEncoderOptions(), prefix: ""),
                        velocityEncoder: encoder(.flow, prefix: "v_"),
                        encoderTraining: EncoderTraining(rawValue: string("encoder_training", "geometry")) ?? .geometry,
                        standardize: standardize, seed: seed)
    }

    /// The library's defaults (`TrainingOptions`) with the keys given applied; steps default to
    /// `train`'s default budget for the training conditions, every 5.
    func trainingOptions(_ method: String, trainingConditions: Int) -> TrainingOptions {
        let fractions = method.hasPrefix("cfm") ? nil : values["fractions"].map { text in
            let f = text.split(separator: ",").compactMap { Double($0) }
            return PhaseFractions(warmup: f[0], alternate: f[1], cooldown: f[2])
        }
        var options = TrainingOptions(schedule: .steps(int("steps", DefaultBudget.steps(trainingConditions: trainingConditions)), fractions: fractions), baseEvery: int("every", 5),
                                      conditionsPerStep: int("conditions", 8), pointsPerCondition: int("points", 32),
                                      pairingPool: values["pool"].flatMap { Int($0) })
        options.basePairingPool = int("base_pool", options.basePairingPool)
        options.velocityOptimizer.learningRate = double("lr", options.velocityOptimizer.learningRate)
        options.velocityOptimizer.beta1 = double("beta1", options.velocityOptimizer.beta1)
        options.baseOptimizer.learningRate = double("base_lr", options.baseOptimizer.learningRate)
        options.baseOptimizer.beta1 = double("base_beta1", options.baseOptimizer.beta1)
        if let final = values["lr_final"].flatMap(Double.init) { options.learningRateSchedule = final == 1 ? .constant : .cosine(final: final) }
        options.averageDecay = double("ema", options.averageDecay)
        return options
    }
}

/// Means over the held-out conditions and the time each part took.
struct QualityResult {
    var w1 = 0.0, w2 = 0.0, mmd = 0.0, baseW2 = 0.0, trainW2 = 0.0, seenBaseW2 = 0.0, trainSeconds = 0.0, sampleSeconds = 0.0, metricSeconds = 0.0, stepsPerSecond = 0.0
}

func runModelsQuality() {
    let config = QualityConfig(ProcessInfo.processInfo.environment["MODELS_CONFIG"] ?? "")
    let split = try! lettersSplit(config)
    let seeds = config.list("seeds", [1, 2, 3]).map { UInt64($0) }
    modelsLog("models quality: \(split.summary); \(config.values)")
    if config.int("floor", 0) == 1 {
        // W2 of a second, independent sample of the same test conditions: the best a model can score.
        let again = try! lettersSplit(config, seed: 2).test
        modelsLog(String(format: "floor: held-out W2 of a fresh sample %.4f", meanW2(again.points, again.conditionOfPoint, split.test) / config.dataScale))
    }
    var totals: [String: [QualityResult]] = [:]
    for seed in seeds {
        for method in config.string("methods", "mixflow,cfm").split(separator: ",").map(String.init) {
            let result = evaluateModel(method, seed: seed, split: split, config: config)
            totals[method, default: []].append(result)
            modelsLog("seed \(seed) \(method.padding(toLength: 8, withPad: " ", startingAt: 0))" + String(format: "W1 %.4f  W2 %.4f  MMD %.5f  train %.1f s (%.0f steps/s)  sample %.1f s  metrics %.1f s",
                       result.w1, result.w2, result.mmd, result.trainSeconds, result.stepsPerSecond,
                       result.sampleSeconds, result.metricSeconds)
                      + (config.int("diagnose", 0) == 1 ? String(format: "  [base W2 %.4f, seen W2 %.4f, seen base W2 %.4f]", result.baseW2, result.trainW2, result.seenBaseW2) : ""))
            for (metric, value) in [("w1", result.w1), ("w2", result.w2), ("mmd", result.mmd)] {
                emit("models", "letters_\(method)_seed\(seed)", metric, value, unit: "", higherIsBetter: false)
            }
            emit("models", "letters_\(method)_seed\(seed)", "train_seconds", result.trainSeconds, unit: "s", higherIsBetter: false)
        }
    }
    for (method, results) in totals.sorted(by: { $0.key > $1.key }) {
        let mean = { (key: KeyPath<QualityResult, Double>) in results.map { $0[keyPath: key] }.reduce(0, +) / Double(results.count) }
        modelsLog("mean   \(method.padding(toLength: 8, withPad: " ", startingAt: 0))" + String(format: "W1 %.4f  W2 %.4f  MMD %.5f  train %.1f s  sample %.1f s  metrics %.1f s",
                   mean(\.w1), mean(\.w2), mean(\.mmd), mean(\.trainSeconds), mean(\.sampleSeconds), mean(\.metricSeconds)))
        emit("models", "letters_\(method)", "w2_mean", mean(\.w2), unit: "", higherIsBetter: false)
    }
}

private func lettersSplit(_ config: QualityConfig, seed: UInt64 = 1) throws -> Split {
    let options = LettersOptions(letters: config.string("letters", "AEFHKLMNTVWXYZ"),
                                 angles: stride(from: 0.0, to: 360.0, by: config.double("angle_step", 30)).map { $0 },
                                 points: config.int("n", 1000), seed: seed)
    let holdout = config.list("holdout", [90, 210, 300]).map { MetadataValue.number($0) }
    var data = try Letters.make(options)
    // data_scale=s: the letters multiplied by s before training (study 6 of the quality notes,
    // with standardize=0); every W1 and W2 below is divided by s, so it is in the letters' units.
    let scale = config.dataScale
    if scale != 1 {
        var points = data.points
        points.scale(by: Float(scale))
        data = try Dataset(name: data.name, points: points, conditionOfPoint: data.conditionOfPoint, conditions: data.conditions,
                           featureNames: data.featureNames)
    }
    // descriptor_features=quadratic: every descriptor y replaced by [y, y_i y_j for i <= j]
    // (study 8: products of the letter's one-hot and (cos, sin) make a rotation linear in them).
    if config.string("descriptor_features", "raw") == "quadratic" {
        let conditions = data.conditions.map { condition -> Condition in
            let y = condition.descriptor
            var expanded = y
            for i in y.indices { for j in i..<y.count { expanded.append(y[i] * y[j]) } }
            return Condition(name: condition.name, metadata: condition.metadata, descriptor: expanded)
        }
        data = try Dataset(name: data.name, points: data.points, conditionOfPoint: data.conditionOfPoint, conditions: conditions,
                           featureNames: data.featureNames)
    }
    // exclude=...: angles left out of the data entirely (the test angles, when holdout= names
    // a validation angle carved from the training angles).
    let excluded = Set(config.list("exclude", []))
    if !excluded.isEmpty {
        data = data.subset(conditions: data.conditions.indices.filter { !excluded.contains(data.conditions[$0]["angle"]!.number!) })
    }
    return try data.holdout(.matching(ConditionQuery(["angle": holdout])))
}

private func evaluateModel(_ method: String, seed: UInt64, split: Split, config: QualityConfig) -> QualityResult {
    var result = QualityResult()
    let model = try! FlowModel(options: config.modelOptions(method, seed: seed), name: method)
    var start = Date()
    let report = try! model.train(on: split.train, options: config.trainingOptions(method, trainingConditions: split.train.conditions.count))
    result.trainSeconds = Date().timeIntervalSince(start)
    result.stepsPerSecond = report.stepsPerSecond
    start = Date()
    let generated = try! model.sample(split.test, options: SamplingOptions(count: config.int("eval_n", 1000),
                                                                          solver: config.solver, seed: seed))
    result.sampleSeconds = Date().timeIntervalSince(start)
    start = Date()
    let table = try! evaluatePerCondition(generated: generated.points.converted(), generatedLabels: generated.conditionOfPoint,
                                          real: split.test.points.converted(), realLabels: split.test.conditionOfPoint,
                                          conditionNames: split.test.conditions.map(\.name), metrics: [.w1, .w2, .mmd])
    result.metricSeconds = Date().timeIntervalSince(start)
    let scale = config.dataScale
    (result.w1, result.w2, result.mmd) = (table.mean[0] / scale, table.mean[1] / scale, table.mean[2])
    if config.int("modes", 0) == 1 {
        let all = split.train.conditions + split.test.conditions
        let first = all.filter { $0["letter"] == all[0]["letter"] }.sorted { $0["angle"]!.number! < $1["angle"]!.number! }
        let mixtures = (try? model.baseMixtures(for: first)) ?? nil
        for (condition, mixture) in zip(first, mixtures ?? []) {
            let angle = condition["angle"]!.number!
            let polar = (0..<mixture.modes.rows).map { i -> String in
                let (x, y) = (Double(mixture.modes[i, 0]), Double(mixture.modes[i, 1]))
                var phi = atan2(y, x) * 180 / .pi - angle
                phi = (phi + 720).truncatingRemainder(dividingBy: 360)
                return String(format: "(%.2f, %3.0f°, %.2f)", (x * x + y * y).squareRoot(), phi, mixture.weights[i])
            }
            modelsLog("\(condition.name): " + polar.joined(separator: " "))
        }
    }
    if let path = config.values["plot"] {
        plotConditions(generated, real: split.test, path: path.replacingOccurrences(of: "%", with: "\(method)\(seed)"))
    }
    if config.int("diagnose", 0) == 1 {
        result.baseW2 = meanW2(generated.basePoints, generated.conditionOfPoint, split.test) / scale
        let seen = split.train.subset(conditions: Array(stride(from: 1, to: split.train.conditions.count, by: 9)))
        let again = try! model.sample(seen, options: SamplingOptions(count: config.int("eval_n", 1000), solver: config.solver, seed: seed))
        result.trainW2 = meanW2(again.points, again.conditionOfPoint, seen) / scale
        result.seenBaseW2 = meanW2(again.basePoints, again.conditionOfPoint, seen) / scale
        if let path = config.values["plot_seen"] {
            plotConditions(again, real: seen, path: path.replacingOccurrences(of: "%", with: "\(method)\(seed)"))
        }
    }
    return result
}

/// Real (grey), base draws (blue) and generated points (orange) of the first 9 test conditions.
private func plotConditions(_ generated: GeneratedSamples, real: Dataset, path: String) {
    let panels = (0..<min(9, real.conditions.count)).map { k -> (title: String, layers: [PlotLayer]) in
        let rows = generated.conditionOfPoint.indices.filter { generated.conditionOfPoint[$0] == k }
        return (real.conditions[k].name, [
            .scatter(ScatterLayer(points: real.points(of: k), label: "real", color: Color(red: 0xAA, green: 0xAA, blue: 0xAA), size: 2)),
            .scatter(ScatterLayer(points: generated.basePoints.rows(rows), label: "base", color: PlotPalette.color(0), size: 2)),
            .scatter(ScatterLayer(points: generated.points.rows(rows), label: "generated", color: PlotPalette.color(1), size: 2)),
        ])
    }
    try! Figure.byCondition(panels, options: PlotOptions(equalAspect: true, xRange: -0.8...0.8, yRange: -0.8...0.8)).write(to: path)
}

/// Mean exact W2 over the conditions of `real` between `points` (labelled by condition) and it.
private func meanW2(_ points: Matrix<Float>, _ labels: [Int], _ real: Dataset) -> Double {
    let table = try! evaluatePerCondition(generated: points.converted(), generatedLabels: labels, real: real.points.converted(),
                                          realLabels: real.conditionOfPoint, conditionNames: real.conditions.map(\.name), metrics: [.w2])
    return table.mean[0]
}

func modelsLog(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
