/// The randomness of base draws for a batch of N = C x n rows, drawn before the forward pass so
/// that the pass is a deterministic function of the parameters (gradient checks rely on this).
struct BaseNoise<T: KernelScalar> {
    /// N x I standard Gumbel draws (component choice).
    var gumbel: Matrix<T>
    /// N x D standard normal draws (the Gaussian around the chosen mode).
    var normal: Matrix<T>

    init(gumbel: Matrix<T>, normal: Matrix<T>) {
        self.gumbel = gumbel
        self.normal = normal
    }

    init(rows: Int, components: Int, dimension: Int, random: inout RandomStream) {
        gumbel = Matrix(rows: rows, cols: components)
        for i in 0..<gumbel.count { gumbel.storage[i] = T(random.nextGumbel()) }
        normal = Matrix.normal(rows, dimension, random: &random)
    }
}

/// The conditional Gaussian-mixture base of MixFlow (design section 4):
///
///     mu(y) = sum_i p_i(y) N(theta_i(y), sigma^2 I),  theta = h_theta(e) (I x D),  p = softmax(h_p(e))
///
/// where e = e(y) is the descriptor embedding. A batch holds C conditions with n rows each
/// (condition-major: rows k n ..< (k + 1) n belong to condition k).
///
/// Training draw (`drawForTraining`), per row r of condition k:
///     w_r = softmax((h_p(e_k) + g_r) / tau)           (Gumbel-softmax; one-hot argmax if hard)
///     x0_r = sum_i w_r,i theta_k,i + sigma eps_r
/// and `backward` takes dL/dx0 to the parameters of h_theta and h_p and to dL/de:
///     dL/dtheta_k = W_k^T G_k,   dL/dW_k = G_k theta_k^T,   dL/dlogits_k by the Gumbel-softmax rule.
/// Sampling (`drawForSampling`) picks a hard component by Gumbel-max: i* = argmax_i h_p,i + g_r.
final class GMMBase<T: KernelScalar>: @unchecked Sendable {
    let options: GMMBaseOptions
    let dimension: Int
    /// h_theta: e -> I x D modes (flattened row-major per condition).
    let modeNetwork: MLP<T>
    /// h_p: e -> I mixture logits.
    let logitNetwork: MLP<T>

    // What the last training draw computed (kept for `backward`).
    private(set) var modes = Matrix<T>(rows: 0, cols: 0)
    private(set) var logits = Matrix<T>(rows: 0, cols: 0)
    private(set) var softWeights = Matrix<T>(rows: 0, cols: 0)
    private(set) var usedWeights = Matrix<T>(rows: 0, cols: 0)
    private var rowsPerCondition = 0
    // Gradient buffers, reused between steps.
    private var modeGradient = Matrix<T>(rows: 0, cols: 0)
    private var logitGradient = Matrix<T>(rows: 0, cols: 0)
    private var weightGradient = Matrix<T>(rows: 0, cols: 0)
    private var scratch = Matrix<T>(rows: 0, cols: 0)
    /// dL/de of the last `backward` (C x embedding width).
    private(set) var embeddingGradient = Matrix<T>(rows: 0, cols: 0)

    var components: Int { options.components }

    init(options: GMMBaseOptions, embeddingWidth: Int, dimension: Int, random: inout RandomStream) {
        self.options = options
        self.dimension = dimension
        func network(outputs: Int, name: String) -> MLP<T> {
            MLP(MLPConfiguration(inputs: embeddingWidth, hidden: options.hidden, outputs: outputs,
                                 activation: options.activation, dropout: options.dropout,
                                 initialization: .xavierUniform), random: &random, name: name)
        }
        modeNetwork = network(outputs: options.components * dimension, name: "base.modes")
        logitNetwork = network(outputs: options.components, name: "base.logits")
    }

    /// h_theta's parameters, then h_p's.
    var parameters: [Parameter<T>] { modeNetwork.parameters + logitNetwork.parameters }

    func setMode(_ mode: NetworkMode) {
        modeNetwork.mode = mode
        logitNetwork.mode = mode
    }

    /// Training draw of C x n rows into `x0` (reshaped to N x D); keeps what `backward` needs.
    func drawForTraining(embedding: Matrix<T>, rowsPerCondition n: Int, noise: BaseNoise<T>, into x0: inout Matrix<T>) {
        modeNetwork.forward(embedding, into: &modes)
        logitNetwork.forward(embedding, into: &logits)
        rowsPerCondition = n
        mixtureWeights(conditions: embedding.rows, rowsPerCondition: n, gumbel: noise.gumbel,
                       hard: options.draw == .hard)
        combine(conditions: embedding.rows, rowsPerCondition: n, noise: noise, into: &x0)
    }

    /// Given dL/dx0 of the last training draw (N x D), sets the gradients of h_theta and h_p
    /// and computes `embeddingGradient` (dL/de, C x embedding width).
    func backward(x0Gradient g: Matrix<T>) {
        let c = modes.rows, n = rowsPerCondition, i = components, d = dimension
        precondition(g.rows == c * n && g.cols == d, "base backward: gradient is \(g.shapeDescription), expected \(c * n)x\(d)")
        modeGradient.reshape(rows: c, cols: i * d)
        logitGradient.reshape(rows: c, cols: i)
        weightGradient.reshape(rows: c * n, cols: i)
        scratch.reshape(rows: n, cols: i)
        let temperature = T(options.temperature)
        g.withPointer { pg in modes.withPointer { pm in usedWeights.withPointer { pu in softWeights.withPointer { pw in
            modeGradient.withMutablePointer { pdm in weightGradient.withMutablePointer { pdw in
                logitGradient.withMutablePointer { pdl in scratch.withMutablePointer { ps in
                    T.fill(c * i, 0, pdl)
                    for k in 0..<c {
                        let gk = pg + k * n * d, mk = pm + k * i * d, uk = pu + k * n * i, wk = pw + k * n * i
                        T.gemmRaw(transposeA: true, transposeB: false, m: i, n: d, k: n, alpha: 1, a: uk, lda: i,
                                  b: gk, ldb: d, beta: 0, c: pdm + k * i * d, ldc: d)
                        T.gemmRaw(transposeA: false, transposeB: true, m: n, n: i, k: d, alpha: 1, a: gk, lda: d,
                                  b: mk, ldb: d, beta: 0, c: pdw + k * n * i, ldc: i)
                        GumbelSoftmax.backward(rows: n, count: i, w: wk, gw: pdw + k * n * i, temperature: temperature,
                                               scratch: ps, accumulateInto: pdl + k * i)
                    }
                } }
            } }
        } } } }
        modeNetwork.backward(outputGradient: modeGradient, inputGradients: .input)
        logitNetwork.backward(outputGradient: logitGradient, inputGradients: .input)
        embeddingGradient = modeNetwork.inputGradient
        embeddingGradient.add(logitNetwork.inputGradient)
    }

    /// Sampling draw: a hard component per row (Gumbel-max on h_p), x0 = theta_i* + sigma eps.
    /// Networks run in inference mode (no dropout).
    func drawForSampling(embedding: Matrix<T>, rowsPerCondition n: Int, noise: BaseNoise<T>, into x0: inout Matrix<T>) {
        modeNetwork.evaluate(embedding, into: &modes)
        logitNetwork.evaluate(embedding, into: &logits)
        mixtureWeights(conditions: embedding.rows, rowsPerCondition: n, gumbel: noise.gumbel, hard: true)
        combine(conditions: embedding.rows, rowsPerCondition: n, noise: noise, into: &x0)
    }

    /// The mixture of each embedding row: modes (I x D) and weights softmax(h_p) (inference mode).
    func mixtures(embedding: Matrix<T>) -> [(modes: Matrix<T>, weights: [T])] {
        var theta = Matrix<T>(rows: 0, cols: 0), scores = Matrix<T>(rows: 0, cols: 0)
        modeNetwork.evaluate(embedding, into: &theta)
        logitNetwork.evaluate(embedding, into: &scores)
        let p = Softmax.forward(scores)
        return (0..<embedding.rows).map { k in
            (Matrix(rows: components, cols: dimension, storage: theta.row(k)), p.row(k))
        }
    }

    /// softWeights = Gumbel-softmax of each row; usedWeights = softWeights or their one-hot argmax.
    private func mixtureWeights(conditions c: Int, rowsPerCondition n: Int, gumbel: Matrix<T>, hard: Bool) {
        let i = components
        precondition(gumbel.rows == c * n && gumbel.cols == i, "base draw: Gumbel noise is \(gumbel.shapeDescription), expected \(c * n)x\(i)")
        softWeights.reshape(rows: c * n, cols: i)
        usedWeights.reshape(rows: c * n, cols: i)
        let temperature = T(options.temperature)
        logits.withPointer { pl in gumbel.withPointer { pg in softWeights.withMutablePointer { pw in
            for k in 0..<c {
                GumbelSoftmax.forward(rows: n, count: i, logits: pl + k * i, gumbel: pg + k * n * i,
                                      temperature: temperature, into: pw + k * n * i)
            }
            usedWeights.withMutablePointer { pu in
                if hard {
                    GumbelSoftmax.harden(rows: c * n, count: i, pw, into: pu)
                } else {
                    pu.update(from: pw, count: c * n * i)
                }
            }
        } } }
    }

    /// x0 rows of condition k = usedWeights_k theta_k + sigma eps.
    private func combine(conditions c: Int, rowsPerCondition n: Int, noise: BaseNoise<T>, into x0: inout Matrix<T>) {
        let i = components, d = dimension
        precondition(noise.normal.rows == c * n && noise.normal.cols == d,
                     "base draw: normal noise is \(noise.normal.shapeDescription), expected \(c * n)x\(d)")
        x0.reshape(rows: c * n, cols: d)
        usedWeights.withPointer { pu in modes.withPointer { pm in x0.withMutablePointer { px in
            for k in 0..<c {
                T.gemmRaw(transposeA: false, transposeB: false, m: n, n: d, k: i, alpha: 1, a: pu + k * n * i, lda: i,
                          b: pm + k * i * d, ldb: d, beta: 0, c: px + k * n * d, ldc: d)
            }
            noise.normal.withPointer { T.axpy(c * n * d, T(options.sigma), $0, px) }
        } } }
    }
}
