import Foundation

/// A MixFlow or CFM model (design section 4): options, networks (built on the first `train`,
/// when the data fixes the dimensions), optimiser state and training history.
///
/// A reference type: the model is the thing being trained, so `train` changes it in place and
/// every holder sees the change. Not thread-safe: one owner at a time.
///
///     let model = try FlowModel(options: .mixflow(base: GMMBaseOptions(components: 8)), name: "mix")
///     let report = try model.train(on: split.train, options: TrainingOptions(schedule: .steps(3000)))
///     let generated = try model.sample(split.test.conditions, options: SamplingOptions(count: 1000))
///     try model.save(to: "mix.mfm")
///
/// Randomness: initial weights come from `options.seed`; training step s draws everything
/// (batch, base noise, t, dropout masks) from a stream derived from (seed, s), so a run is
/// reproducible, and a run continued after `save`/`load` or after an interruption draws exactly
/// what an uninterrupted run would have.
public final class FlowModel: @unchecked Sendable {
    public let options: FlowModelOptions
    /// Display name (the language binding sets the variable's name).
    public var name: String
    public internal(set) var history = TrainingHistory()
    /// The data shape, known after the first `train` (or `load`).
    public internal(set) var layout: DataLayout?
    var networks: FlowNetworks<Float>?
    /// The moving average of the weights that sampling uses, when training kept one.
    var average: WeightAverage?
    let rollback = RollbackSnapshot()

    /// Checks the options' ranges; the networks are built by the first `train`.
    public init(options: FlowModelOptions, name: String = "model") throws(FlowError) {
        try options.validate()
        self.options = options
        self.name = name
    }

    public var method: FlowMethod { options.method }
    public var isTrained: Bool { networks != nil }
    /// Steps completed over all `train` calls.
    public var completedSteps: Int { history.count }
    /// Trainable scalars (0 before the first `train`).
    public var parameterCount: Int { networks?.parameterCount ?? 0 }

    /// `mixflow 'mix': 8 components, sigma 0.1, velocity [128, 128, 128] elu; 2-D, 3000 steps`
    public var summary: String {
        var text = "\(method.name) '\(name)': "
        if let base = options.base { text += "\(base.components) components, sigma \(base.sigma), " }
        else { text += "N(0, I) base, \(options.pairing.rawValue) pairing, " }
        text += "velocity \(options.velocity.hidden) \(options.velocity.activation)"
        if let layout {
            text += "; \(layout.dimension)-D, \(parameterCount) parameters, \(completedSteps) steps trained"
        } else {
            text += "; not trained"
        }
        return text
    }

    /// The trained networks, or `.notTrained`.
    func trainedNetworks() throws(FlowError) -> FlowNetworks<Float> {
        guard let networks else { throw FlowError.notTrained(model: name) }
        return networks
    }

    /// Checks that `conditions` have descriptors of the model's width.
    func checkDescriptors(_ conditions: [Condition], layout: DataLayout) throws(FlowError) {
        for condition in conditions where condition.descriptor.count != layout.descriptorWidth {
            throw FlowError.descriptorMismatch(model: name, condition: condition.name,
                                               expected: layout.descriptorWidth, found: condition.descriptor.count)
        }
    }

    /// The stream the weights are drawn from, and the one training step s draws from.
    var initializationRandom: RandomStream { RandomStream(seed: options.seed).stream(1) }
    func stepRandom(_ step: Int) -> RandomStream {
        RandomStream(seed: options.seed).stream(2).stream(UInt64(step))
    }

    /// Builds the networks for `data` (the first `train`; its points already in the units of
    /// `trainedLayout`, which the model keeps once the networks stand): weights from the seed,
    /// then for MixFlow the h_theta pretraining on the training conditions.
    func initialize(for data: Dataset, layout trainedLayout: DataLayout) throws(FlowError) {
        var random = initializationRandom
        let built = FlowNetworks<Float>(options: options, dimension: data.dimension,
                                        descriptorWidth: data.descriptorDimension, random: &random)
        if let base = built.base {
            let trainable = data.conditions.indices.filter { !data.pointIndices[$0].isEmpty }
            let embeddings = built.embedInference(data.subset(conditions: trainable).descriptors)
            let pooled = try BasePretraining.pooledCentres(points: data.points, components: base.components,
                                                           initialization: base.options.initialization, random: &random)
            let targets = BasePretraining.conditionTargets(data: data, conditions: trainable, pooled: pooled,
                                                           initialization: base.options.initialization)
            let steps = base.options.pretrainSteps
            BasePretraining.fit(base.modeNetwork, inputs: embeddings, targets: targets.modes, steps: steps)
            if let logits = targets.logits { BasePretraining.fit(base.logitNetwork, inputs: embeddings, targets: logits, steps: steps) }
        }
        networks = built
        layout = trainedLayout
    }

    /// The base mixture of each condition (MixFlow only; nil for CFM): modes (I x D, in data
    /// units) and weights softmax(h_p), with the fixed sigma (`baseSigma`). For plotting the base.
    public func baseMixtures(for conditions: [Condition]) throws(FlowError) -> [(modes: Matrix<Float>, weights: [Float])]? {
        let networks = try trainedNetworks()
        guard let base = networks.base, let layout else { return nil }
        try checkDescriptors(conditions, layout: layout)
        let descriptors = Matrix(rows: conditions.count, cols: layout.descriptorWidth, storage: conditions.flatMap(\.descriptor))
        let mixtures = withSamplingWeights { base.mixtures(embedding: networks.embedInference(descriptors)) }
        return mixtures.map { (modes: layout.dataUnits($0.modes), weights: $0.weights) }
    }

    /// The base's sigma in data units: the option's sigma (in the units the model trains in)
    /// times the standardization's scale. Nil for CFM; before training, the option's sigma.
    public var baseSigma: Double? {
        guard let sigma = options.base?.sigma else { return nil }
        return sigma * (layout?.standardization?.scale ?? 1)
    }

    /// Runs `body` with the weights sampling uses in the networks: the moving average when
    /// training kept one, else the last weights. The training weights are back afterwards.
    func withSamplingWeights<R>(_ body: () throws -> R) rethrows -> R {
        guard let average else { return try body() }
        average.swap()
        defer { average.swap() }
        return try body()
    }
}

extension MLP {
    /// `evaluate` returning a new matrix (no dropout, nothing kept).
    func forwardInference(_ x: Matrix<T>) -> Matrix<T> {
        var output = Matrix<T>(rows: 0, cols: configuration.outputs)
        evaluate(x, into: &output)
        return output
    }
}
