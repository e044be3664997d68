/// Gradient clipping by global norm, as `torch.nn.utils.clip_grad_norm_`: with
/// total = sqrt(sum over parameters of |grad|^2), every gradient is scaled by
/// min(1, maxNorm / (total + 1e-6)). Frozen parameters are left out. Returns the total norm
/// before clipping (infinite or NaN norms are returned as they are, gradients untouched).
@discardableResult
public func clipGradientNorm<T: KernelScalar>(_ parameters: [Parameter<T>], maxNorm: Double) -> Double {
    precondition(maxNorm > 0, "clipGradientNorm: maxNorm must be positive, got \(maxNorm)")
    let trainable = parameters.filter { !$0.isFrozen }
    var sumOfSquares = 0.0
    for p in trainable { sumOfSquares += Double(T.sumOfSquares(p.count, p.gradientPointer)) }
    let total = sumOfSquares.squareRoot()
    guard total.isFinite else { return total }
    let coefficient = maxNorm / (total + 1e-6)
    if coefficient < 1 {
        for p in trainable { T.scale(p.count, T(coefficient), p.gradientPointer) }
    }
    return total
}
