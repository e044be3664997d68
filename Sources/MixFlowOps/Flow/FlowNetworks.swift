/// The networks of a flow model once the data has fixed the dimensions, with one Adam optimiser
/// per parameter group (design section 4: "Separate Adam optimisers").
///
/// - encoder e(y): descriptor (descriptorWidth) -> embedding (DescriptorEncoderOptions.embedding)
/// - velocity v(x, t, e): [x (D), t, e] -> D, e re-concatenated at every hidden layer
/// - base (MixFlow only): h_theta and h_p, see `GMMBase`
///
/// Parameter names (checkpoints): "encoder.layer<l>.weight", "velocity.layer<l>.bias",
/// "base.modes.layer<l>.weight", "base.logits.layer<l>.bias", ...
final class FlowNetworks<T: KernelScalar>: @unchecked Sendable {
    let dimension: Int
    let descriptorWidth: Int
    let encoder: MLP<T>
    /// v's own descriptor encoder (`VelocityCondition.ownEmbedding`, MixFlow), trained with v
    /// by L_OT; nil when v reads the shared encoder's embedding.
    let velocityEncoder: MLP<T>?
    let velocity: MLP<T>
    let base: GMMBase<T>?
    let velocityOptimizer: Adam<T>
    let encoderOptimizer: Adam<T>
    let baseOptimizer: Adam<T>?
    /// v's condition is [e(y), y] rather than e(y).
    let appendsDescriptor: Bool
    /// What each encoder reads (`DescriptorFeatures`).
    let encoderFeatures: DescriptorFeatures
    let velocityEncoderFeatures: DescriptorFeatures

    /// Draws every initial weight from `random` in a fixed order: encoder, velocity, base.
    init(options: FlowModelOptions, dimension: Int, descriptorWidth: Int, random: inout RandomStream) {
        self.dimension = dimension
        self.descriptorWidth = descriptorWidth
        let e = options.encoder, ve = options.velocityEncoderOptions
        encoderFeatures = e.features
        velocityEncoderFeatures = ve.features
        let encoder = Self.encoderNetwork(e, descriptorWidth: descriptorWidth, name: "encoder", random: &random)
        self.encoder = encoder
        let v = options.velocity
        appendsDescriptor = v.condition == .embeddingAndDescriptor
        let velocityEncoder = v.condition == .ownEmbedding && options.base != nil
            ? Self.encoderNetwork(ve, descriptorWidth: descriptorWidth, name: "velocity_encoder", random: &random)
            : nil
        self.velocityEncoder = velocityEncoder
        velocity = MLP(MLPConfiguration(inputs: dimension, hasTime: true,
                                        conditionWidth: (velocityEncoder ?? encoder).configuration.outputs
                                            + (appendsDescriptor ? descriptorWidth : 0),
                                        conditionPlacement: v.conditionPlacement, hidden: v.hidden, outputs: dimension,
                                        activation: v.activation, dropout: v.dropout, conditionGain: v.conditionGain),
                       random: &random, name: "velocity")
        base = options.base.map { GMMBase(options: $0, embeddingWidth: e.embedding, dimension: dimension, random: &random) }
        velocityOptimizer = Adam(parameters: velocity.parameters + (velocityEncoder?.parameters ?? []))
        encoderOptimizer = Adam(parameters: encoder.parameters)
        baseOptimizer = base.map { Adam(parameters: $0.parameters) }
    }

    /// A descriptor encoder: an MLP from the features `options` reads to the embedding.
    private static func encoderNetwork(_ options: DescriptorEncoderOptions, descriptorWidth: Int, name: String,
                                       random: inout RandomStream) -> MLP<T> {
        MLP(MLPConfiguration(inputs: options.features.inputWidth(descriptorWidth: descriptorWidth), hidden: options.hidden,
                             outputs: options.embedding, activation: options.activation, dropout: options.dropout,
                             initialization: .xavierUniform),
            random: &random, name: name)
    }

    /// Every parameter: encoder, velocity (with its own encoder), base.
    var parameters: [Parameter<T>] { encoder.parameters + velocityOptimizer.parameters + (base?.parameters ?? []) }

    /// The encoder whose embedding v reads.
    var conditionEncoder: MLP<T> { velocityEncoder ?? encoder }

    /// The shared encoder's embedding of descriptor rows `y` (training mode: dropout, cached
    /// for backward).
    func embed(_ y: Matrix<T>, into out: inout Matrix<T>) { encoder.forward(encoderFeatures.input(y), into: &out) }
    /// The same without dropout or caching.
    func embedInference(_ y: Matrix<T>) -> Matrix<T> { encoder.forwardInference(encoderFeatures.input(y)) }
    /// v's own encoder's embedding (nil without one), training and inference.
    func embedForVelocity(_ y: Matrix<T>, into out: inout Matrix<T>) {
        velocityEncoder?.forward(velocityEncoderFeatures.input(y), into: &out)
    }
    func embedForVelocityInference(_ y: Matrix<T>) -> Matrix<T>? {
        velocityEncoder.map { $0.forwardInference(velocityEncoderFeatures.input(y)) }
    }

    /// (name, optimiser) pairs, the names being the checkpoint prefixes.
    var optimizers: [(name: String, adam: Adam<T>)] {
        [("optimizer.velocity", velocityOptimizer), ("optimizer.encoder", encoderOptimizer)]
            + (baseOptimizer.map { [("optimizer.base", $0)] } ?? [])
    }

    /// Dropout on (`train`) or off (`eval`) in the encoder and base networks, and separately in
    /// the velocity field.
    func setModes(conditioning: NetworkMode, velocity velocityMode: NetworkMode) {
        encoder.mode = conditioning
        base?.setMode(conditioning)
        velocity.mode = velocityMode
        velocityEncoder?.mode = velocityMode
    }

    /// Seeds every network's dropout stream from `random` (one sub-stream each).
    func seedDropout(_ random: RandomStream) {
        encoder.dropoutRandom = random.stream(1)
        velocity.dropoutRandom = random.stream(2)
        base?.modeNetwork.dropoutRandom = random.stream(3)
        base?.logitNetwork.dropoutRandom = random.stream(4)
        velocityEncoder?.dropoutRandom = random.stream(5)
    }

    /// v's condition rows: row r is [embedding row r / n] or [embedding row r / n, descriptor row r / n].
    func velocityCondition(embedding: Matrix<T>, descriptors: Matrix<T>, rowsPerCondition n: Int, into out: inout Matrix<T>) {
        let e = embedding.cols, d = appendsDescriptor ? descriptors.cols : 0, width = e + d, rows = embedding.rows * n
        out.reshape(rows: rows, cols: width)
        embedding.withPointer { pe in descriptors.withPointer { py in out.withMutablePointer { po in
            for r in 0..<rows {
                (po + r * width).update(from: pe + (r / n) * e, count: e)
                if d > 0 { (po + r * width + e).update(from: py + (r / n) * d, count: d) }
            }
        } } }
    }

    /// Number of trainable scalars.
    var parameterCount: Int { parameters.scalarCount() }
}
