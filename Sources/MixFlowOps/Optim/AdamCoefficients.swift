/// The per-step constants of one Adam update (Kingma and Ba, 2015, in PyTorch's formulation):
///   g <- g + weightDecay * p                 (Adam: L2 penalty in the gradient)
///   p <- p * (1 - learningRate * weightDecay) (AdamW: decoupled decay, Loshchilov and Hutter)
///   m <- beta1 m + (1 - beta1) g,   v <- beta2 v + (1 - beta2) g^2
///   p <- p - stepSize * m / (sqrt(v) / secondCorrectionRoot + epsilon)
/// with stepSize = learningRate / (1 - beta1^t) and secondCorrectionRoot = sqrt(1 - beta2^t).
public struct AdamCoefficients<T: KernelScalar>: Sendable {
    public var learningRate: T
    public var beta1: T
    public var beta2: T
    public var epsilon: T
    public var weightDecay: T
    public var decoupledWeightDecay: Bool
    public var stepSize: T
    public var secondCorrectionRoot: T

    public init(learningRate: T, beta1: T, beta2: T, epsilon: T, weightDecay: T, decoupledWeightDecay: Bool,
                stepSize: T, secondCorrectionRoot: T) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        self.stepSize = stepSize
        self.secondCorrectionRoot = secondCorrectionRoot
    }
}
