/// How a `Linear` layer's weight (outputs x inputs) and bias are initialised. All draws come
/// from the `RandomStream` handed to the layer, so a seed fixes every value.
public enum Initialization: String, Sendable, Codable, CaseIterable {
    /// PyTorch's `nn.Linear` default (kaiming_uniform with a = sqrt(5)): weight and bias both
    /// U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    case pytorchDefault
    /// Glorot and Bengio (2010): weight U(-a, a), a = sqrt(6 / (fan_in + fan_out)); bias 0.
    case xavierUniform
    /// Glorot normal: weight N(0, 2 / (fan_in + fan_out)); bias 0.
    case xavierNormal
    /// He et al. (2015) for ReLU-like layers: weight U(-a, a), a = sqrt(6 / fan_in); bias 0.
    case heUniform
    /// He normal: weight N(0, 2 / fan_in); bias 0.
    case heNormal

    /// Draws a weight matrix (outputs x inputs) and a bias row (1 x outputs).
    func draw<T: KernelScalar>(inputs: Int, outputs: Int, random: inout RandomStream)
        -> (weight: Matrix<T>, bias: Matrix<T>) {
        var weight = Matrix<T>(rows: outputs, cols: inputs)
        var bias = Matrix<T>(rows: 1, cols: outputs)
        let fanIn = Double(max(inputs, 1)), fanOut = Double(max(outputs, 1))
        switch self {
        case .pytorchDefault:
            let bound = T(1 / fanIn.squareRoot())
            weight.fillUniform(low: -bound, high: bound, random: &random)
            bias.fillUniform(low: -bound, high: bound, random: &random)
        case .xavierUniform:
            let bound = T((6 / (fanIn + fanOut)).squareRoot())
            weight.fillUniform(low: -bound, high: bound, random: &random)
        case .xavierNormal:
            weight.fillNormal(mean: 0, std: T((2 / (fanIn + fanOut)).squareRoot()), random: &random)
        case .heUniform:
            let bound = T((6 / fanIn).squareRoot())
            weight.fillUniform(low: -bound, high: bound, random: &random)
        case .heNormal:
            weight.fillNormal(mean: 0, std: T((2 / fanIn).squareRoot()), random: &random)
        }
        return (weight, bias)
    }
}
