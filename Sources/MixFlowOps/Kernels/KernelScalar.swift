import CBLAS

/// The element types the numerical kernels run on: `Float` (training and sampling) and `Double`
/// (metrics, PCA, and the gradient checks of every layer).
///
/// Why a protocol with static requirements: layers, optimisers and solvers are written once,
/// generically, but their per-element loops must run as specialised machine code. Every loop
/// is a requirement of this protocol; the witness for `Float` and for `Double` is compiled for
/// the concrete type (the default implementations in `Elementwise.swift`, `Reductions.swift`,
/// `ActivationKernels.swift` and `RandomKernels.swift` are specialised inside the witness), so
/// a generic caller pays one indirect call per kernel, never per element.
///
/// Buffers are raw pointers with explicit counts; 2-D buffers are row-major with a leading
/// dimension (`ld*`, the distance between rows in elements), so kernels can work on column
/// blocks of a wider matrix (the MLP writes activations straight into the next layer's input).
public protocol KernelScalar: MatrixScalar, SIMDScalar {
    /// `c = alpha * op(a) * op(b) + beta * c`; `op(a)` is m x k, `op(b)` is k x n, `c` is m x n.
    static func gemmRaw(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

    /// exp(x), vectorisable (see `FastMath.swift`); about 1 ulp; 0 below and +inf above range.
    static func fastExp(_ x: Self) -> Self
    /// log(x) for positive normal x, vectorisable; about 1 ulp.
    static func fastLog(_ x: Self) -> Self
    /// tanh(x), vectorisable; error about 1 ulp of 1.
    static func fastTanh(_ x: Self) -> Self
    /// (cos, sin) of 2 pi u for u in [0, 1).
    static func fastCosSinTurns(_ u: Self) -> (cos: Self, sin: Self)
    /// Uniform in [0, 1) from one 64-bit word (24 random bits for Float, 53 for Double).
    static func unitUniform(_ word: UInt64) -> Self

    // MARK: Elementwise (Elementwise.swift)
    /// x[i] = value.
    static func fill(_ n: Int, _ value: Self, _ x: UnsafeMutablePointer<Self>)
    /// x[i] *= alpha.
    static func scale(_ n: Int, _ alpha: Self, _ x: UnsafeMutablePointer<Self>)
    /// y[i] += alpha * x[i].
    static func axpy(_ n: Int, _ alpha: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
    /// y[i] *= x[i].
    static func multiplyInPlace(_ n: Int, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
    /// y[i] = exp(x[i]) (y may alias x).
    static func mapExp(_ n: Int, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
    /// Copies a rows x cols block between buffers with leading dimensions `lds` and `ldd`.
    static func copy2D(rows: Int, cols: Int, _ src: UnsafePointer<Self>, lds: Int,
                       _ dst: UnsafeMutablePointer<Self>, ldd: Int)
    /// Sets every element of a rows x cols block to `value`.
    static func fill2D(rows: Int, cols: Int, _ value: Self, _ dst: UnsafeMutablePointer<Self>, ldd: Int)

    // MARK: Reductions (Reductions.swift)
    static func sum(_ n: Int, _ x: UnsafePointer<Self>) -> Self
    static func dot(_ n: Int, _ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>) -> Self
    static func sumOfSquares(_ n: Int, _ x: UnsafePointer<Self>) -> Self
    /// out[c] (+)= sum over rows of x[r, c]; overwrites unless `accumulate`.
    static func columnSums(rows: Int, cols: Int, _ x: UnsafePointer<Self>, ldx: Int,
                           into out: UnsafeMutablePointer<Self>, accumulate: Bool)
    /// sum_i (p_i - q_i)^2; when `gradient` is given it receives `gradientScale * (p_i - q_i)`.
    static func squaredError(_ n: Int, _ p: UnsafePointer<Self>, _ q: UnsafePointer<Self>,
                             gradient: UnsafeMutablePointer<Self>?, gradientScale: Self) -> Self
    /// sqrt(mean_i (err_i / (atol + rtol * max(|a_i|, |b_i|)))^2): the error norm of adaptive
    /// ODE step control (Hairer, Norsett and Wanner, II.4).
    static func scaledRMS(_ n: Int, error: UnsafePointer<Self>, _ a: UnsafePointer<Self>,
                          _ b: UnsafePointer<Self>, atol: Self, rtol: Self) -> Self

    // MARK: Network kernels (ActivationKernels.swift)
    /// z += bias (per column, when given), then out = f(z). `out` may alias `z` (same ld).
    static func activationForward(_ f: Activation, rows: Int, cols: Int, z: UnsafeMutablePointer<Self>,
                                  ldz: Int, bias: UnsafePointer<Self>?, out: UnsafeMutablePointer<Self>, ldo: Int)
    /// gz = ga * f'(z) using z and a = f(z); adds the column sums of gz to `biasGradient` when
    /// given. `gz` may alias `ga` (same ld).
    static func activationBackward(_ f: Activation, rows: Int, cols: Int,
                                   z: UnsafePointer<Self>, ldz: Int, a: UnsafePointer<Self>, lda: Int,
                                   ga: UnsafePointer<Self>, ldga: Int, gz: UnsafeMutablePointer<Self>, ldgz: Int,
                                   biasGradient: UnsafeMutablePointer<Self>?)
    /// Row-wise softmax: y[r, :] = exp(x[r, :] - max) / sum. `y` may alias `x`.
    static func softmaxRows(rows: Int, cols: Int, _ x: UnsafePointer<Self>, ldx: Int,
                            _ y: UnsafeMutablePointer<Self>, ldy: Int)
    /// Softmax backward: gx[r, c] = y[r, c] * (gy[r, c] - sum_j gy[r, j] y[r, j]).
    static func softmaxBackwardRows(rows: Int, cols: Int, y: UnsafePointer<Self>, ldy: Int,
                                    gy: UnsafePointer<Self>, ldgy: Int, gx: UnsafeMutablePointer<Self>, ldgx: Int)
    /// One Adam / AdamW update of n parameters (see `Adam`).
    static func adamUpdate(_ n: Int, parameter: UnsafeMutablePointer<Self>, gradient: UnsafePointer<Self>,
                           firstMoment: UnsafeMutablePointer<Self>, secondMoment: UnsafeMutablePointer<Self>,
                           _ coefficients: AdamCoefficients<Self>)

    // MARK: Random fills (RandomKernels.swift)
    /// Uniform in [low, high).
    static func fillUniform(_ n: Int, _ x: UnsafeMutablePointer<Self>, low: Self, high: Self,
                            random: inout RandomStream)
    /// Normal(mean, std^2) by the Box-Muller transform, vectorised over blocks of pairs.
    static func fillNormal(_ n: Int, _ x: UnsafeMutablePointer<Self>, mean: Self, std: Self,
                           random: inout RandomStream)
    /// Standard Gumbel draws -log(-log u), u uniform in (0, 1) (for Gumbel-softmax relaxations).
    static func fillGumbel(_ n: Int, _ x: UnsafeMutablePointer<Self>, random: inout RandomStream)
    /// Inverted-dropout mask: each element is 1/keep with probability `keep`, else 0.
    static func fillDropoutMask(_ n: Int, _ mask: UnsafeMutablePointer<Self>, keep: Self,
                                random: inout RandomStream)
}

extension Float: KernelScalar {
    @inline(__always)
    public static func gemmRaw(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                               a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                               beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(max(1, lda)), b, Int32(max(1, ldb)),
                    beta, c, Int32(max(1, ldc)))
    }

    @inline(__always)
    public static func unitUniform(_ word: UInt64) -> Float { Float(word >> 40) * 0x1.0p-24 }
}

extension Double: KernelScalar {
    @inline(__always)
    public static func gemmRaw(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                               a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                               beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(max(1, lda)), b, Int32(max(1, ldb)),
                    beta, c, Int32(max(1, ldc)))
    }

    @inline(__always)
    public static func unitUniform(_ word: UInt64) -> Double { Double(word >> 11) * 0x1.0p-53 }
}
