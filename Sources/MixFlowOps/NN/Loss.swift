/// Mean squared error over all elements, PyTorch's `F.mse_loss` (reduction "mean"):
///   L = (1 / (rows cols)) sum_ij (p_ij - q_ij)^2,   dL/dp = 2 (p - q) / (rows cols).
/// `gradient` is reshaped to the prediction's shape (its capacity is reused).
public func meanSquaredError<T: KernelScalar>(_ prediction: Matrix<T>, _ target: Matrix<T>,
                                              gradient: inout Matrix<T>) -> T {
    precondition(prediction.rows == target.rows && prediction.cols == target.cols,
                 "meanSquaredError: prediction is \(prediction.shapeDescription), target is \(target.shapeDescription)")
    let n = prediction.count
    guard n > 0 else { return 0 }
    gradient.reshape(rows: prediction.rows, cols: prediction.cols)
    let sum = prediction.withPointer { p in
        target.withPointer { q in
            gradient.withMutablePointer { g in T.squaredError(n, p, q, gradient: g, gradientScale: 2 / T(n)) }
        }
    }
    return sum / T(n)
}

/// The loss alone, without a gradient.
public func meanSquaredError<T: KernelScalar>(_ prediction: Matrix<T>, _ target: Matrix<T>) -> T {
    precondition(prediction.rows == target.rows && prediction.cols == target.cols,
                 "meanSquaredError: prediction is \(prediction.shapeDescription), target is \(target.shapeDescription)")
    let n = prediction.count
    guard n > 0 else { return 0 }
    let sum = prediction.withPointer { p in target.withPointer { q in T.squaredError(n, p, q, gradient: nil, gradientScale: 0) } }
    return sum / T(n)
}
