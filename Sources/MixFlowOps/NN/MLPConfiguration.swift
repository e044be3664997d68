/// Where the conditioning vector y enters an `MLP`.
public enum ConditionPlacement: String, Sendable, Codable, CaseIterable {
    /// Only the first layer sees y: input [x, t, y].
    case inputOnly
    /// y is re-concatenated to the input of every hidden layer: layer l > 0 of the hidden stack
    /// sees [h_{l-1}, y]; the output layer sees h alone (design section 4, the velocity network).
    case everyHiddenLayer
    /// Like `everyHiddenLayer`, and the output layer also sees [h, y].
    case everyLayer
}

/// Whether dropout is active: `train` applies it, `eval` turns it off (PyTorch's
/// `model.train()` / `model.eval()`).
public enum NetworkMode: String, Sendable, Codable {
    case train, eval
}

/// The shape of an `MLP`: input x (inputs), an optional time column t, an optional condition y
/// (conditionWidth), hidden widths, outputs, activations, dropout and initialisation.
///
/// Layer 0 reads [x, t, y] (t and y when present); layer l > 0 reads [h_{l-1}] or
/// [h_{l-1}, y] as `conditionPlacement` says. Hidden layers apply `activation` and then
/// dropout (train mode only); the output layer applies `outputActivation`.
///
/// With `conditionGain`, hidden layer l also scales its pre-activation feature-wise by a gain
/// computed from [t, y]: z_l = (W_l [h, y] + b_l) * (1 + G_l [t, y] + c_l), G_l and c_l starting
/// at zero (feature-wise linear modulation, Perez et al. 2018). Concatenation alone lets y only
/// shift each unit's input; the gain lets y and t turn units up and down, which a network shared
/// by many conditions needs to draw each one sharply (docs/quality-notes.md, study 3).
public struct MLPConfiguration: Sendable, Codable, Equatable {
    public var inputs: Int
    public var hasTime: Bool
    public var conditionWidth: Int
    public var conditionPlacement: ConditionPlacement
    public var hidden: [Int]
    public var outputs: Int
    public var activation: Activation
    public var outputActivation: Activation
    /// Probability of zeroing a hidden activation in train mode (inverted dropout).
    public var dropout: Double
    public var initialization: Initialization
    /// Scale each hidden pre-activation by 1 + G_l [t, y] + c_l (needs a condition).
    public var conditionGain: Bool

    public init(inputs: Int, hasTime: Bool = false, conditionWidth: Int = 0,
                conditionPlacement: ConditionPlacement = .everyHiddenLayer, hidden: [Int], outputs: Int,
                activation: Activation = .elu, outputActivation: Activation = .identity,
                dropout: Double = 0, initialization: Initialization = .pytorchDefault, conditionGain: Bool = false) {
        precondition(inputs >= 0 && conditionWidth >= 0 && outputs > 0, "MLP sizes must be positive")
        precondition(inputs + (hasTime ? 1 : 0) + conditionWidth > 0, "MLP needs at least one input column")
        precondition(hidden.allSatisfy { $0 > 0 }, "hidden widths must be positive, got \(hidden)")
        precondition(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got \(dropout)")
        precondition(!conditionGain || conditionWidth > 0, "a condition gain needs a condition")
        self.inputs = inputs
        self.hasTime = hasTime
        self.conditionWidth = conditionWidth
        self.conditionPlacement = conditionPlacement
        self.hidden = hidden
        self.outputs = outputs
        self.activation = activation
        self.outputActivation = outputActivation
        self.dropout = dropout
        self.initialization = initialization
        self.conditionGain = conditionGain
    }

    private enum CodingKeys: String, CodingKey {
        case inputs, hasTime, conditionWidth, conditionPlacement, hidden, outputs, activation, outputActivation, dropout,
             initialization, conditionGain
    }

    /// Decodes configurations written before `conditionGain` existed (no gain).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(inputs: try c.decode(Int.self, forKey: .inputs), hasTime: try c.decode(Bool.self, forKey: .hasTime),
                  conditionWidth: try c.decode(Int.self, forKey: .conditionWidth),
                  conditionPlacement: try c.decode(ConditionPlacement.self, forKey: .conditionPlacement),
                  hidden: try c.decode([Int].self, forKey: .hidden), outputs: try c.decode(Int.self, forKey: .outputs),
                  activation: try c.decode(Activation.self, forKey: .activation),
                  outputActivation: try c.decode(Activation.self, forKey: .outputActivation),
                  dropout: try c.decode(Double.self, forKey: .dropout),
                  initialization: try c.decode(Initialization.self, forKey: .initialization),
                  conditionGain: try c.decodeIfPresent(Bool.self, forKey: .conditionGain) ?? false)
    }

    /// Number of Linear layers (hidden layers plus the output layer).
    public var layerCount: Int { hidden.count + 1 }

    /// Width of layer l's output.
    public func outputs(ofLayer l: Int) -> Int { l < hidden.count ? hidden[l] : outputs }

    /// Whether layer l's input ends with the condition y.
    public func takesCondition(layer l: Int) -> Bool {
        guard conditionWidth > 0 else { return false }
        switch conditionPlacement {
        case .inputOnly: return l == 0
        case .everyHiddenLayer: return l < hidden.count || l == 0
        case .everyLayer: return true
        }
    }

    /// Columns of layer l's input before the condition: [x, t] for layer 0, h_{l-1} after.
    public func leadingInputs(ofLayer l: Int) -> Int { l == 0 ? inputs + (hasTime ? 1 : 0) : outputs(ofLayer: l - 1) }

    /// Width of layer l's whole input.
    public func inputs(ofLayer l: Int) -> Int {
        leadingInputs(ofLayer: l) + (takesCondition(layer: l) ? conditionWidth : 0)
    }

    /// Width of the gain layers' input [t, y]: the trailing columns of layer 0's input.
    public var gainInputs: Int { (hasTime ? 1 : 0) + conditionWidth }

    /// Multiply-adds per row of one forward pass (for FLOP counts in benchmarks).
    public var multiplyAddsPerRow: Int {
        (0..<layerCount).reduce(0) { $0 + inputs(ofLayer: $1) * outputs(ofLayer: $1) }
            + (conditionGain ? hidden.reduce(0) { $0 + gainInputs * $1 } : 0)
    }
}

/// Which input gradients `MLP.backward` should compute besides the parameter gradients.
public struct GradientRequest: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// dL/dx (rows x inputs).
    public static let input = GradientRequest(rawValue: 1)
    /// dL/dt (rows x 1), for a per-row time column.
    public static let time = GradientRequest(rawValue: 2)
    /// dL/dy (rows x conditionWidth), summed over every layer y enters.
    public static let condition = GradientRequest(rawValue: 4)
    public static let all: GradientRequest = [.input, .time, .condition]
}

/// The time input of an MLP forward pass.
public enum TimeInput<T: KernelScalar> {
    /// The network has no time column.
    case none
    /// Every row has the same t (ODE sampling).
    case constant(T)
    /// One t per row: a rows x 1 matrix (training).
    case column(Matrix<T>)
}
