/// Options of the networks and the base distribution of a flow model (design section 4). Every
/// default here is the one the `mixflow`, `cfm` and `gmm_base` commands document.

/// The descriptor encoder y -> e(y): an MLP from the condition's descriptor (one vector per
/// condition) to an embedding that both the base networks and the velocity field read.
public struct DescriptorEncoderOptions: Sendable, Codable, Equatable {
    /// Hidden widths (default one layer of 128, as in the reference code).
    public var hidden: [Int] = [128]
    /// Width of the embedding e(y) (default 16).
    public var embedding: Int = 16
    /// Hidden activation (default ReLU, as in the reference code).
    public var activation: Activation = .relu
    /// Dropout after each hidden activation while training (default 0.1; the reference code
    /// uses 0.5 on high-dimensional perturbation embeddings).
    public var dropout: Double = 0.1
    /// What the encoder reads (default the descriptor as given).
    public var features: DescriptorFeatures = .raw

    public init(hidden: [Int] = [128], embedding: Int = 16, activation: Activation = .relu, dropout: Double = 0.1,
                features: DescriptorFeatures = .raw) {
        self.hidden = hidden
        self.embedding = embedding
        self.activation = activation
        self.dropout = dropout
        self.features = features
    }

    /// The encoder v reads by default: CFM's, and MixFlow's own v encoder. A linear map of the
    /// quadratic features, chosen on the letters' validation splits for both models (quality
    /// notes, study 8): it carried both further past the training angles and between them than
    /// the ReLU encoder on the raw descriptor did. MixFlow's shared (base) encoder keeps
    /// `DescriptorEncoderOptions()`, which placed its modes better.
    public static let flow = DescriptorEncoderOptions(hidden: [], features: .quadratic)

    private enum CodingKeys: String, CodingKey { case hidden, embedding, activation, dropout, features }

    /// Models saved before `features` existed read the raw descriptor: absent reads as `.raw`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hidden = try container.decode([Int].self, forKey: .hidden)
        embedding = try container.decode(Int.self, forKey: .embedding)
        activation = try container.decode(Activation.self, forKey: .activation)
        dropout = try container.decode(Double.self, forKey: .dropout)
        features = try container.decodeIfPresent(DescriptorFeatures.self, forKey: .features) ?? .raw
    }
}

/// How the base networks h_theta (modes) start.
public enum BaseInitialization: String, Sendable, Codable, CaseIterable {
    /// h_theta is pretrained so that every condition's I modes sit on the I k-means centres of
    /// the pooled training points (all training conditions together; the reference code's
    /// choice, which keeps the modes of nearby conditions in corresponding places).
    case kmeans
    /// h_theta is pretrained towards I training points drawn uniformly at random (pooled).
    case random
    /// Each training condition's modes are pretrained to its own k-means centres, found by
    /// Lloyd iterations on its points started from the pooled k-means centres (so mode i has
    /// one identity across conditions); h_p is pretrained to the clusters' proportions.
    case conditionKMeans
    /// Each training condition's modes are pretrained to its own k-means centres, found by
    /// Lloyd iterations started from the centres of its nearest already-placed condition in
    /// descriptor space (conditions taken in Prim's order over descriptor distances; the first
    /// starts from the pooled centres); h_p is pretrained to the clusters' proportions. Mode i
    /// then follows one part of the data as the descriptor changes, so h_theta is a smooth
    /// function of the descriptor and interpolates to unseen ones. (Spatially anchored modes,
    /// as in `.kmeans` and `.conditionKMeans`, cannot follow data that rotates with the
    /// descriptor: mode i must jump between parts somewhere on the circle.) Not in the paper.
    case chainedKMeans
}

/// How training draws pick mixture components (Gumbel-softmax, Jang et al. 2017).
public enum GumbelDraw: String, Sendable, Codable, CaseIterable {
    /// x0 = sum_i w_i theta_i + sigma eps with w = softmax((logits + g) / tau): the relaxed
    /// draw, gradients reach every mode and every logit (default; the reference code's default).
    case soft
    /// Straight-through: the forward pass uses the one-hot argmax of w (a true mixture draw),
    /// the backward pass uses the gradient of the soft w.
    case hard
}

/// Which draws velocity steps train v on.
public enum VelocityStepDraw: String, Sendable, Codable, CaseIterable {
    /// Hard component draws, exactly as sampling draws x0 (default): v learns to carry the
    /// distribution it will be started from.
    case sampling
    /// The base step's relaxed Gumbel-softmax draws (the reference code's behaviour). Soft draws
    /// fall between modes, where sampling never starts, so v is trained off its test distribution.
    case relaxed
}

/// The conditional Gaussian-mixture base of MixFlow (`gmm_base`):
/// mu(y) = sum_i p_i(y) N(theta_i(y), sigma^2 I), with theta = h_theta(e(y)) (I x D modes) and
/// p = softmax(h_p(e(y))) (I weights).
public struct GMMBaseOptions: Sendable, Codable, Equatable {
    /// Number of mixture components I (default 8, with sigma 0.4; the reference code uses 20).
    /// Chosen on validation splits of the letters (an extrapolation and an interpolation split
    /// carved from the training angles; docs/quality-notes.md, studies 5 and 6).
    public var components: Int = 8
    /// Fixed standard deviation of every component, in the units the model trains in: with
    /// `FlowModelOptions.standardize` (the default) the training points' spread is 1, so sigma is
    /// a fraction of it whatever the data's units. Default 0.4, the lowest validation W2 among the
    /// bases whose flow fits the training conditions within 1.5x the noise floor (the issue's
    /// target; docs/quality-notes.md, study 7): on the letters' two validation splits (seeds 1-3),
    /// with `train`'s default base-step pool, seen W2 0.060 and validation W2 0.121 (sigma 0.15
    /// without the pool: 0.076 and 0.123; CFM 0.054 and 0.136). A smaller sigma places the base
    /// nearer unseen conditions, but the flow does not spread its small blobs along the strokes
    /// and they survive as clumps. On the letters (spread 0.28) 0.4 is 0.11 in data units. The
    /// reference code uses variance 0.01, sigma 0.1, on PCA coordinates scaled to [-1, 1], not
    /// standardised.
    public var sigma: Double = 0.4
    /// Initial placement of the modes (default `.chainedKMeans`, per-condition k-means centres
    /// whose identities follow the descriptor; a departure from the paper, whose reference code
    /// uses `.kmeans`, the pooled centres for every condition: on the letters benchmark chained
    /// centres gave a lower held-out W2 than pooled ones on 4 of 5 seeds (the fifth equal within
    /// 0.0002), mean 0.148 against 0.154, CFM 0.156; see docs/quality-notes.md).
    public var initialization: BaseInitialization = .chainedKMeans
    /// Gumbel-softmax temperature tau of base-step draws (default 0.1; the reference code uses
    /// 0.5). At 0.5 the relaxed draws fall between modes, so L_geo pushes the modes outwards
    /// to compensate and the hard draws of sampling then sit beside the data (on the letters
    /// benchmark held-out W2 0.18 instead of 0.155); at 0.1 the relaxed draws are nearly hard
    /// and the gradient still reaches h_p.
    public var temperature: Double = 0.1
    /// Soft (default) or straight-through hard draws in base steps. Sampling always draws a
    /// hard component from softmax(h_p).
    public var draw: GumbelDraw = .soft
    /// The draws of velocity steps (default: as sampling does).
    public var velocityDraw: VelocityStepDraw = .sampling
    /// Hidden widths of h_theta and of h_p (default one layer of 128, as in the reference code).
    public var hidden: [Int] = [128]
    /// Hidden activation of h_theta and h_p (default ReLU).
    public var activation: Activation = .relu
    /// Dropout in h_theta and h_p while training (default 0).
    public var dropout: Double = 0
    /// Adam steps of the h_theta pretraining (default 300, full batch over the training
    /// conditions, learning rate 1e-3).
    public var pretrainSteps: Int = 300

    public init(components: Int = 8, sigma: Double = 0.4, initialization: BaseInitialization = .chainedKMeans,
                temperature: Double = 0.1, draw: GumbelDraw = .soft, velocityDraw: VelocityStepDraw = .sampling,
                hidden: [Int] = [128],
                activation: Activation = .relu, dropout: Double = 0, pretrainSteps: Int = 300) {
        self.components = components
        self.sigma = sigma
        self.initialization = initialization
        self.temperature = temperature
        self.draw = draw
        self.velocityDraw = velocityDraw
        self.hidden = hidden
        self.activation = activation
        self.dropout = dropout
        self.pretrainSteps = pretrainSteps
    }
}

extension GMMBaseOptions {
    /// The MixFlow reference code's base: 20 components, sigma 0.1 (variance 0.01, meant for
    /// data scaled to [-1, 1]), Gumbel-softmax temperature 0.5, modes pretrained to the pooled
    /// k-means centres, and velocity steps trained on the relaxed draws. The reference code's
    /// other choices are training and encoder options: a base step every 10 (`train every=10`)
    /// and encoder dropout 0.5 (`mixflow encoder_dropout=0.5`).
    public static let reference = GMMBaseOptions(components: 20, sigma: 0.1, initialization: .kmeans, temperature: 0.5,
                                                 draw: .soft, velocityDraw: .relaxed)
}

/// What the velocity field reads as its condition.
public enum VelocityCondition: String, Sendable, Codable, CaseIterable {
    /// The descriptor embedding e(y) of the shared encoder (the design's and the reference
    /// code's choice). For MixFlow that encoder is trained by L_geo for the base (by default),
    /// so v reads an embedding made to place mixture modes, not to tell v what to generate.
    case embedding
    /// [e(y), y]: the shared embedding and the raw descriptor. Not in the paper.
    case embeddingAndDescriptor
    /// An embedding from v's own descriptor encoder (same shape as the shared one), trained by
    /// L_OT together with v, exactly as CFM's encoder is; the shared encoder then serves the
    /// base alone. For CFM this is the same as `.embedding`. Not in the paper: with the shared,
    /// L_geo-trained embedding, MixFlow's flow hardly improved on its base draws when there were
    /// many conditions (letters: seen-condition W2 0.114 from a base at 0.121; CFM 0.080), and
    /// training the shared encoder by both losses fitted better but made the base generalise
    /// worse (docs/quality-notes.md).
    case ownEmbedding
}

/// The velocity field v(x, t, y): input [x, t, c], the condition c (e(y), or [e(y), y])
/// re-concatenated at every hidden layer.
public struct VelocityOptions: Sendable, Codable, Equatable {
    /// Hidden widths (default three layers of 128).
    public var hidden: [Int] = [128, 128, 128]
    /// Hidden activation (default ELU).
    public var activation: Activation = .elu
    /// Dropout after each hidden activation while training (default 0).
    public var dropout: Double = 0
    /// Where e(y) enters (default: the input of every hidden layer; `.everyLayer` also feeds it
    /// to the output layer, as the reference code does).
    public var conditionPlacement: ConditionPlacement = .everyHiddenLayer
    /// What v reads as its condition (default: an embedding of its own, `.ownEmbedding`, which
    /// for CFM is its only encoder; chosen on a validation angle of the letters, see
    /// docs/quality-notes.md).
    public var condition: VelocityCondition = .ownEmbedding
    /// Each hidden layer's pre-activation also scaled feature-wise by 1 + G [t, c] + b
    /// (`MLPConfiguration.conditionGain`; default on, for both models: with concatenation alone
    /// both fitted the letters' training conditions at about 2x the noise floor, see
    /// docs/quality-notes.md, study 3).
    public var conditionGain = true

    public init(hidden: [Int] = [128, 128, 128], activation: Activation = .elu, dropout: Double = 0,
                conditionPlacement: ConditionPlacement = .everyHiddenLayer, condition: VelocityCondition = .ownEmbedding,
                conditionGain: Bool = true) {
        self.hidden = hidden
        self.activation = activation
        self.dropout = dropout
        self.conditionPlacement = conditionPlacement
        self.condition = condition
        self.conditionGain = conditionGain
    }

    private enum CodingKeys: String, CodingKey { case hidden, activation, dropout, conditionPlacement, condition, conditionGain }

    /// Decodes older checkpoints too (written before `condition` existed: the embedding; before
    /// `conditionGain`: no gain).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hidden = try container.decode([Int].self, forKey: .hidden)
        activation = try container.decode(Activation.self, forKey: .activation)
        dropout = try container.decode(Double.self, forKey: .dropout)
        conditionPlacement = try container.decode(ConditionPlacement.self, forKey: .conditionPlacement)
        condition = try container.decodeIfPresent(VelocityCondition.self, forKey: .condition) ?? .embedding
        conditionGain = try container.decodeIfPresent(Bool.self, forKey: .conditionGain) ?? false
    }
}

/// How base draws are paired with data points within one condition of a batch.
public enum Pairing: String, Sendable, Codable, CaseIterable {
    /// Exact optimal assignment for the squared Euclidean cost (mini-batch OT; default).
    case ot
    /// Draws and data points in the order drawn (plain conditional flow matching).
    case independent
}

/// Which losses train the descriptor encoder.
public enum EncoderTraining: String, Sendable, Codable, CaseIterable {
    /// L_geo only, through x0 (the design's and the reference code's choice for MixFlow).
    case geometry
    /// L_OT only, through the velocity field's condition input (CFM's only choice: it has no base).
    case flow
    /// Both: L_geo in base steps, L_OT in velocity steps.
    case both
    /// None: the encoder keeps its initial (random) weights. The reference code's CFM baseline
    /// trains this way (its encoder sits in the base optimiser, which CFM never steps), which
    /// makes that baseline weaker than one whose encoder learns.
    case frozen
}

/// The method: MixFlow (learned conditional mixture base) or the CFM baseline (N(0, I) base).
public enum FlowMethod: Sendable, Codable, Equatable {
    case mixflow(GMMBaseOptions)
    case cfm

    public var name: String {
        switch self {
        case .mixflow: return "mixflow"
        case .cfm: return "cfm"
        }
    }
}

/// Everything that defines a flow model before it has seen data. Networks are built on the
/// first `train` (the data fixes D and the descriptor width) from `seed`.
public struct FlowModelOptions: Sendable, Codable, Equatable {
    public var method: FlowMethod
    /// The descriptor encoder: CFM's, and MixFlow's shared one (the base's; v's too unless v
    /// has its own).
    public var encoder: DescriptorEncoderOptions
    /// MixFlow with `VelocityCondition.ownEmbedding`: the options of v's own encoder, the
    /// counterpart of CFM's encoder (default `.flow`; nil: the same as `encoder`, as in models
    /// saved before this option existed).
    public var velocityEncoder: DescriptorEncoderOptions?
    public var velocity: VelocityOptions
    /// Pairing of base draws and data (default exact OT; MixFlow requires OT, since L_geo is the
    /// cost of the OT pairs).
    public var pairing: Pairing
    /// Which losses train the encoder (default: MixFlow `.geometry`, CFM `.flow`).
    public var encoderTraining: EncoderTraining
    /// Seed of the initial weights and of every training and dropout draw (default 0).
    public var seed: UInt64
    /// Train in standardised units (`Standardization`, fitted on the first `train`'s points):
    /// default true. The base's sigma is then in units of the data's spread.
    public var standardize: Bool

    /// `encoder` defaults to `.flow` for CFM (its encoder is the one v reads) and to
    /// `DescriptorEncoderOptions()` for MixFlow (the base's); `velocityEncoder` (MixFlow's own v
    /// encoder) to `.flow`, so what v reads starts the same in both models.
    public init(method: FlowMethod, encoder: DescriptorEncoderOptions? = nil, velocityEncoder: DescriptorEncoderOptions? = .flow,
                velocity: VelocityOptions = VelocityOptions(), pairing: Pairing = .ot,
                encoderTraining: EncoderTraining? = nil, standardize: Bool = true, seed: UInt64 = 0) {
        self.method = method
        self.standardize = standardize
        if case .cfm = method {
            self.encoder = encoder ?? .flow
            self.velocityEncoder = nil
            self.encoderTraining = encoderTraining ?? .flow
        } else {
            self.encoder = encoder ?? DescriptorEncoderOptions()
            self.velocityEncoder = velocityEncoder
            self.encoderTraining = encoderTraining ?? .geometry
        }
        self.velocity = velocity
        self.pairing = pairing
        self.seed = seed
    }

    /// MixFlow with the given base.
    public static func mixflow(base: GMMBaseOptions = GMMBaseOptions(), velocity: VelocityOptions = VelocityOptions(),
                               encoder: DescriptorEncoderOptions = DescriptorEncoderOptions(),
                               velocityEncoder: DescriptorEncoderOptions? = .flow,
                               encoderTraining: EncoderTraining = .geometry, standardize: Bool = true,
                               seed: UInt64 = 0) -> FlowModelOptions {
        FlowModelOptions(method: .mixflow(base), encoder: encoder, velocityEncoder: velocityEncoder, velocity: velocity, pairing: .ot,
                         encoderTraining: encoderTraining, standardize: standardize, seed: seed)
    }

    /// The CFM baseline: N(0, I) base, the same velocity network, an encoder with the defaults
    /// of MixFlow's own v encoder; the encoder is trained by L_OT (`.flow`, default) or
    /// `.frozen` (the reference code's baseline, whose encoder is `DescriptorEncoderOptions()`).
    public static func cfm(pairing: Pairing = .ot, velocity: VelocityOptions = VelocityOptions(),
                           encoder: DescriptorEncoderOptions = .flow,
                           encoderTraining: EncoderTraining = .flow, standardize: Bool = true,
                           seed: UInt64 = 0) -> FlowModelOptions {
        FlowModelOptions(method: .cfm, encoder: encoder, velocity: velocity, pairing: pairing,
                         encoderTraining: encoderTraining, standardize: standardize, seed: seed)
    }

    /// The base options, nil for CFM.
    public var base: GMMBaseOptions? {
        if case let .mixflow(base) = method { return base }
        return nil
    }

    /// The options v's own encoder is built with (MixFlow, `.ownEmbedding`).
    public var velocityEncoderOptions: DescriptorEncoderOptions { velocityEncoder ?? encoder }

    private enum CodingKeys: String, CodingKey { case method, encoder, velocityEncoder, velocity, pairing, encoderTraining, seed, standardize }

    /// Models saved before `standardize` existed trained in their data's own units: absent reads as false.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(FlowMethod.self, forKey: .method)
        encoder = try container.decode(DescriptorEncoderOptions.self, forKey: .encoder)
        velocityEncoder = try container.decodeIfPresent(DescriptorEncoderOptions.self, forKey: .velocityEncoder)
        velocity = try container.decode(VelocityOptions.self, forKey: .velocity)
        pairing = try container.decode(Pairing.self, forKey: .pairing)
        encoderTraining = try container.decode(EncoderTraining.self, forKey: .encoderTraining)
        seed = try container.decode(UInt64.self, forKey: .seed)
        standardize = try container.decodeIfPresent(Bool.self, forKey: .standardize) ?? false
    }
}
