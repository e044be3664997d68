/// A fully connected layer z = x W^T + b.
///
/// Shapes: x is rows x inputs, W is outputs x inputs (PyTorch's layout, so checkpoints and
/// reference code compare directly), b is 1 x outputs, z is rows x outputs.
/// Backward, given gz = dL/dz: dL/dW = gz^T x (outputs x inputs), dL/db = column sums of gz,
/// dL/dx = gz W (rows x inputs).
///
/// The raw entry points work on row-major blocks with leading dimensions; the MLP uses them to
/// read its inputs from, and write gradients into, column blocks of wider buffers.
public final class Linear<T: KernelScalar>: @unchecked Sendable {
    public let inputs: Int
    public let outputs: Int
    public let weight: Parameter<T>
    public let bias: Parameter<T>?

    public init(inputs: Int, outputs: Int, bias hasBias: Bool = true,
                initialization: Initialization = .pytorchDefault,
                random: inout RandomStream, name: String = "linear") {
        precondition(inputs >= 0 && outputs > 0, "Linear(\(inputs) -> \(outputs)): sizes must be positive")
        self.inputs = inputs
        self.outputs = outputs
        let (w, b): (Matrix<T>, Matrix<T>) = initialization.draw(inputs: inputs, outputs: outputs, random: &random)
        weight = Parameter(name: name + ".weight", value: w)
        bias = hasBias ? Parameter(name: name + ".bias", value: b) : nil
    }

    /// A layer whose weight and bias start at zero (draws nothing).
    public init(zerosWithInputs inputs: Int, outputs: Int, name: String = "linear") {
        precondition(inputs >= 0 && outputs > 0, "Linear(\(inputs) -> \(outputs)): sizes must be positive")
        self.inputs = inputs
        self.outputs = outputs
        weight = Parameter(name: name + ".weight", value: Matrix<T>(rows: outputs, cols: inputs))
        bias = Parameter(name: name + ".bias", value: Matrix<T>(rows: 1, cols: outputs))
    }

    /// Weight first, then bias (the order checkpoints and optimisers see).
    public var parameters: [Parameter<T>] { bias.map { [weight, $0] } ?? [weight] }

    /// z (rows x outputs, ld ldz) = x (rows x inputs, ld ldx) W^T + b. The bias is broadcast
    /// into z first and the product added with beta = 1, which spares OpenBLAS its separate
    /// zeroing pass over z (beta = 0) and the activation kernel a read-modify-write.
    func multiply(rows: Int, x: UnsafePointer<T>, ldx: Int, z: UnsafeMutablePointer<T>, ldz: Int) {
        var beta: T = 0
        if let b = bias {
            T.copy2D(rows: rows, cols: outputs, b.valuePointer, lds: 0, z, ldd: ldz)
            beta = 1
        }
        T.gemmRaw(transposeA: false, transposeB: true, m: rows, n: outputs, k: inputs, alpha: 1,
                  a: x, lda: ldx, b: weight.valuePointer, ldb: inputs, beta: beta, c: z, ldc: ldz)
    }

    // The backward products zero their destination themselves and then accumulate (beta = 1):
    // OpenBLAS's beta = 0 path clears C column by column with many small memsets.

    /// dW (+)= gz^T x into `weightGradient` (outputs x inputs).
    func accumulateWeightGradient(rows: Int, x: UnsafePointer<T>, ldx: Int, gz: UnsafePointer<T>, ldgz: Int,
                                  into weightGradient: UnsafeMutablePointer<T>, accumulate: Bool) {
        if !accumulate { T.fill(outputs * inputs, 0, weightGradient) }
        T.gemmRaw(transposeA: true, transposeB: false, m: outputs, n: inputs, k: rows, alpha: 1,
                  a: gz, lda: ldgz, b: x, ldb: ldx, beta: 1, c: weightGradient, ldc: inputs)
    }

    /// gx (rows x inputs, ld ldgx) = gz W.
    func inputGradient(rows: Int, gz: UnsafePointer<T>, ldgz: Int, into gx: UnsafeMutablePointer<T>, ldgx: Int) {
        T.fill2D(rows: rows, cols: inputs, 0, gx, ldd: ldgx)
        T.gemmRaw(transposeA: false, transposeB: false, m: rows, n: inputs, k: outputs, alpha: 1,
                  a: gz, lda: ldgz, b: weight.valuePointer, ldb: inputs, beta: 1, c: gx, ldc: ldgx)
    }

    // MARK: Matrix-level API (allocates; for tests, small models and glue code)

    /// z = x W^T + b.
    public func forward(_ x: Matrix<T>) -> Matrix<T> {
        precondition(x.cols == inputs, "Linear(\(inputs) -> \(outputs)): input is \(x.shapeDescription)")
        var z = Matrix<T>(rows: x.rows, cols: outputs)
        let (rows, n) = (x.rows, outputs)
        x.withPointer { px in
            z.withMutablePointer { pz in
                multiply(rows: rows, x: px, ldx: inputs, z: pz, ldz: n)
            }
        }
        return z
    }

    /// Given the input x of the forward pass and gz = dL/dz, adds dL/dW and dL/db to the
    /// parameters' gradients (unless frozen) and returns dL/dx.
    public func backward(input x: Matrix<T>, outputGradient gz: Matrix<T>) -> Matrix<T> {
        precondition(gz.rows == x.rows && gz.cols == outputs,
                     "Linear.backward: gradient is \(gz.shapeDescription), expected \(x.rows)x\(outputs)")
        var gx = Matrix<T>(rows: x.rows, cols: inputs)
        let rows = x.rows
        x.withPointer { px in
            gz.withPointer { pg in
                if !weight.isFrozen {
                    accumulateWeightGradient(rows: rows, x: px, ldx: inputs, gz: pg, ldgz: outputs,
                                             into: weight.gradientPointer, accumulate: true)
                }
                if let b = bias, !b.isFrozen {
                    T.columnSums(rows: rows, cols: outputs, pg, ldx: outputs, into: b.gradientPointer, accumulate: true)
                }
                gx.withMutablePointer { inputGradient(rows: rows, gz: pg, ldgz: outputs, into: $0, ldgx: inputs) }
            }
        }
        return gx
    }
}
