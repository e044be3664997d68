/// Row-wise softmax and its backward pass (for mixture logits and Gumbel-softmax draws).
///
/// Forward: y[r, c] = exp(x[r, c] - max_c x[r, :]) / sum_j exp(x[r, j] - max).
/// Backward: given gy = dL/dy, dL/dx[r, c] = y[r, c] (gy[r, c] - sum_j gy[r, j] y[r, j]).
public enum Softmax {
    /// Row-wise softmax into `output` (reshaped to x's shape; capacity reused).
    public static func forward<T: KernelScalar>(_ x: Matrix<T>, into output: inout Matrix<T>) {
        output.reshape(rows: x.rows, cols: x.cols)
        let (rows, cols) = (x.rows, x.cols)
        x.withPointer { px in output.withMutablePointer { T.softmaxRows(rows: rows, cols: cols, px, ldx: cols, $0, ldy: cols) } }
    }

    public static func forward<T: KernelScalar>(_ x: Matrix<T>) -> Matrix<T> {
        var y = Matrix<T>(rows: 0, cols: x.cols)
        forward(x, into: &y)
        return y
    }

    /// dL/dx from the softmax output y and dL/dy, into `inputGradient` (reshaped).
    public static func backward<T: KernelScalar>(output y: Matrix<T>, outputGradient gy: Matrix<T>,
                                                 into inputGradient: inout Matrix<T>) {
        precondition(y.rows == gy.rows && y.cols == gy.cols,
                     "Softmax.backward: output is \(y.shapeDescription), gradient is \(gy.shapeDescription)")
        inputGradient.reshape(rows: y.rows, cols: y.cols)
        let (rows, cols) = (y.rows, y.cols)
        y.withPointer { py in
            gy.withPointer { pg in
                inputGradient.withMutablePointer {
                    T.softmaxBackwardRows(rows: rows, cols: cols, y: py, ldy: cols, gy: pg, ldgy: cols, gx: $0, ldgx: cols)
                }
            }
        }
    }

    public static func backward<T: KernelScalar>(output y: Matrix<T>, outputGradient gy: Matrix<T>) -> Matrix<T> {
        var gx = Matrix<T>(rows: 0, cols: y.cols)
        backward(output: y, outputGradient: gy, into: &gx)
        return gx
    }
}

/// A pointwise activation applied to a whole matrix, with its backward pass (for glue code
/// between networks; inside an MLP the fused kernels are used).
extension Activation {
    public func forward<T: KernelScalar>(_ z: Matrix<T>) -> Matrix<T> {
        var zz = z
        var a = Matrix<T>(rows: z.rows, cols: z.cols)
        let (rows, cols) = (z.rows, z.cols)
        zz.withMutablePointer { pz in a.withMutablePointer { T.activationForward(self, rows: rows, cols: cols, z: pz, ldz: cols, bias: nil, out: $0, ldo: cols) } }
        return a
    }

    /// dL/dz given z, a = f(z) and dL/da.
    public func backward<T: KernelScalar>(input z: Matrix<T>, output a: Matrix<T>, outputGradient ga: Matrix<T>) -> Matrix<T> {
        precondition(z.rows == a.rows && z.cols == a.cols && ga.rows == z.rows && ga.cols == z.cols,
                     "\(self).backward: shapes differ: \(z.shapeDescription), \(a.shapeDescription), \(ga.shapeDescription)")
        var gz = Matrix<T>(rows: z.rows, cols: z.cols)
        let (rows, cols) = (z.rows, z.cols)
        z.withPointer { pz in a.withPointer { pa in ga.withPointer { pg in gz.withMutablePointer {
            T.activationBackward(self, rows: rows, cols: cols, z: pz, ldz: cols, a: pa, lda: cols, ga: pg, ldga: cols,
                                 gz: $0, ldgz: cols, biasGradient: nil)
        } } } }
        return gz
    }
}
