/// Raw views of one block of rows of an MLP pass: where its inputs are and where its outputs go.
/// Pointers already point at the block's first row; leading dimensions are the full widths.
struct RowBlock<T: KernelScalar> {
    var rows: Int
    var x: UnsafePointer<T>
    var timeConstant: T = 0
    var timeColumn: UnsafePointer<T>?
    var condition: UnsafePointer<T>?
    var output: UnsafeMutablePointer<T>
    /// Dropout masks per hidden layer (rows x width), nil when dropout is off for this pass.
    var masks: [UnsafeMutablePointer<T>]?
}

/// Scratch buffers for forward and backward passes over up to `capacityRows` rows, one set per
/// thread. Layer l's input buffer is rows x inputs(l): layer l-1 writes its activations straight
/// into the leading columns, and the condition is copied into the trailing ones, so no
/// concatenation copies of hidden activations are ever made.
final class MLPWorkspace<T: KernelScalar>: @unchecked Sendable {
    let config: MLPConfiguration
    private(set) var capacityRows = 0
    /// Per layer: the layer's input [h or (x, t), y] and its gradient.
    var input: [Buffer<T>], inputGradient: [Buffer<T>]
    /// Per layer: pre-activation z (bias added) and post-activation a (for hidden layers only
    /// used when dropout is on; for the output layer always: the block's output).
    var pre: [Buffer<T>], post: [Buffer<T>]
    /// dL/dz of the output layer.
    var outputGradient: Buffer<T>
    /// Private parameter gradients (weight, bias per layer) when several threads split a batch.
    var weightGradient: [Buffer<T>], biasGradient: [Buffer<T>]
    /// Per gained hidden layer: W_l [h, y] + b_l before the gain, and the gain 1 + G_l [t, y] + c_l.
    var ungained: [Buffer<T>], gain: [Buffer<T>]
    /// dL/d(gain) of the layer being differentiated, and dL/d[t, y] summed over the gains.
    var gainGradient = Buffer<T>(), gainInputGradient = Buffer<T>()
    /// The gain layers' private parameter gradients, as `weightGradient` / `biasGradient`.
    var gainWeightGradient: [Buffer<T>], gainBiasGradient: [Buffer<T>]

    /// `gains`: (inputs, outputs) of each gain layer (empty without a gain).
    init(_ config: MLPConfiguration, gains: [(inputs: Int, outputs: Int)] = []) {
        self.config = config
        ungained = gains.map { _ in Buffer() }
        gain = gains.map { _ in Buffer() }
        gainWeightGradient = gains.map { Buffer(capacity: $0.inputs * $0.outputs) }
        gainBiasGradient = gains.map { Buffer(capacity: $0.outputs) }
        let n = config.layerCount
        input = (0..<n).map { _ in Buffer() }
        inputGradient = (0..<n).map { _ in Buffer() }
        pre = (0..<n).map { _ in Buffer() }
        post = (0..<n).map { _ in Buffer() }
        outputGradient = Buffer()
        weightGradient = (0..<n).map { Buffer(capacity: config.inputs(ofLayer: $0) * config.outputs(ofLayer: $0)) }
        biasGradient = (0..<n).map { Buffer(capacity: config.outputs(ofLayer: $0)) }
    }

    func reserve(rows: Int, forBackward: Bool) {
        guard rows > capacityRows || (forBackward && inputGradient[0].capacity < rows * config.inputs(ofLayer: 0)) else { return }
        capacityRows = max(rows, capacityRows)
        for l in 0..<config.layerCount {
            input[l].reserve(capacityRows * config.inputs(ofLayer: l))
            pre[l].reserve(capacityRows * config.outputs(ofLayer: l))
            post[l].reserve(capacityRows * config.outputs(ofLayer: l))
            if forBackward { inputGradient[l].reserve(capacityRows * config.inputs(ofLayer: l)) }
        }
        outputGradient.reserve(capacityRows * config.outputs)
        for l in gain.indices {
            ungained[l].reserve(capacityRows * config.hidden[l])
            gain[l].reserve(capacityRows * config.hidden[l])
        }
        if !gain.isEmpty {
            gainGradient.reserve(capacityRows * (config.hidden.max() ?? 0))
            gainInputGradient.reserve(capacityRows * config.gainInputs)
        }
    }

    /// Copies [x, t] and y of the block into the layer input buffers.
    private func loadInputs(_ block: RowBlock<T>) {
        let n = block.rows, c = config, width0 = c.inputs(ofLayer: 0)
        T.copy2D(rows: n, cols: c.inputs, block.x, lds: c.inputs, input[0].pointer, ldd: width0)
        if c.hasTime {
            if let column = block.timeColumn {
                T.copy2D(rows: n, cols: 1, column, lds: 1, input[0].pointer + c.inputs, ldd: width0)
            } else {
                T.fill2D(rows: n, cols: 1, block.timeConstant, input[0].pointer + c.inputs, ldd: width0)
            }
        }
        guard let y = block.condition else { return }
        for l in 0..<c.layerCount where c.takesCondition(layer: l) {
            let width = c.inputs(ofLayer: l)
            T.copy2D(rows: n, cols: c.conditionWidth, y, lds: c.conditionWidth,
                     input[l].pointer + c.leadingInputs(ofLayer: l), ldd: width)
        }
    }

    /// Forward pass of one block: every layer's z and a are kept for `backward`.
    /// `forBackward`: keep what `backward` needs beyond z and a (the gains' inputs).
    func forward(_ block: RowBlock<T>, layers: [Linear<T>], gains: [Linear<T>], forBackward: Bool) {
        loadInputs(block)
        let n = block.rows, c = config, last = c.layerCount - 1
        for l in 0...last {
            let width = c.outputs(ofLayer: l), layer = layers[l]
            layer.multiply(rows: n, x: input[l].pointer, ldx: c.inputs(ofLayer: l), z: pre[l].pointer, ldz: width)
            if l < gains.count { applyGain(rows: n, layer: l, gainLayer: gains[l], keepingFactors: forBackward) }
            let bias: UnsafePointer<T>? = nil   // added by `multiply`
            if l == last {
                T.activationForward(c.outputActivation, rows: n, cols: width, z: pre[l].pointer, ldz: width,
                                    bias: bias, out: post[l].pointer, ldo: width)
                T.copy2D(rows: n, cols: width, post[l].pointer, lds: width, block.output, ldd: width)
            } else if let mask = block.masks?[l] {
                T.activationForward(c.activation, rows: n, cols: width, z: pre[l].pointer, ldz: width,
                                    bias: bias, out: post[l].pointer, ldo: width)
                applyMask(rows: n, cols: width, source: post[l].pointer, mask: mask,
                          into: input[l + 1].pointer, ldd: c.inputs(ofLayer: l + 1))
            } else {
                T.activationForward(c.activation, rows: n, cols: width, z: pre[l].pointer, ldz: width,
                                    bias: bias, out: input[l + 1].pointer, ldo: c.inputs(ofLayer: l + 1))
            }
        }
    }

    /// z_l *= 1 + G_l [t, y] + c_l, keeping z_l for `backward` when asked (the gain is kept
    /// anyway: it is computed in place); [t, y] are the trailing columns of layer 0's input.
    private func applyGain(rows n: Int, layer l: Int, gainLayer: Linear<T>, keepingFactors: Bool) {
        let width = config.hidden[l], count = n * width
        gainLayer.multiply(rows: n, x: input[0].pointer + config.inputs, ldx: config.inputs(ofLayer: 0),
                           z: gain[l].pointer, ldz: width)
        let g = gain[l].pointer
        for i in 0..<count { g[i] += 1 }
        if keepingFactors { T.copy2D(rows: 1, cols: count, pre[l].pointer, lds: count, ungained[l].pointer, ldd: count) }
        T.multiplyInPlace(count, g, pre[l].pointer)
    }

    /// dst[r, c] = source[r, c] * mask[r, c] (source and mask contiguous, dst with ld).
    private func applyMask(rows: Int, cols: Int, source: UnsafePointer<T>, mask: UnsafePointer<T>,
                           into dst: UnsafeMutablePointer<T>, ldd: Int) {
        T.copy2D(rows: rows, cols: cols, source, lds: cols, dst, ldd: ldd)
        for r in 0..<rows { T.multiplyInPlace(cols, mask + r * cols, dst + r * ldd) }
    }
}
