/// Pointwise activation functions of the MLP layers. Forward and backward kernels are in
/// `Kernels/ActivationKernels.swift`; both are checked against finite differences in Float64.
public enum Activation: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// f(z) = z.
    case identity
    /// f(z) = max(z, 0); f'(0) is taken as 0, as in PyTorch.
    case relu
    /// f(z) = z for z > 0, alpha (exp(z) - 1) otherwise (Clevert et al., 2016). PyTorch default alpha = 1.
    case elu(alpha: Double)
    /// f(z) = z sigmoid(z) (also called swish).
    case silu
    /// f(z) = tanh(z).
    case tanh

    /// ELU with alpha = 1 (the default of the velocity networks).
    public static let elu: Activation = .elu(alpha: 1)

    public var description: String {
        switch self {
        case .identity: return "identity"
        case .relu: return "relu"
        case let .elu(alpha): return alpha == 1 ? "elu" : "elu(alpha: \(alpha))"
        case .silu: return "silu"
        case .tanh: return "tanh"
        }
    }

    /// Looks an activation up by the name used in scripts ("elu", "relu", "silu", "tanh",
    /// "identity"); nil for an unknown name.
    public init?(name: String) {
        switch name.lowercased() {
        case "identity", "linear", "none": self = .identity
        case "relu": self = .relu
        case "elu": self = .elu
        case "silu", "swish": self = .silu
        case "tanh": self = .tanh
        default: return nil
        }
    }

    /// Names accepted by `init(name:)`, for help texts and "did you mean".
    public static let names = ["elu", "relu", "silu", "tanh", "identity"]
}
