/// Where one block's backward pass writes: parameter gradients (nil when frozen) and the
/// requested input gradients (block-offset pointers, full leading dimensions).
struct GradientTargets<T: KernelScalar> {
    var outputGradient: UnsafePointer<T>
    var weight: [UnsafeMutablePointer<T>?]
    var bias: [UnsafeMutablePointer<T>?]
    /// The gain layers' parameter gradients (empty without a gain).
    var gainWeight: [UnsafeMutablePointer<T>?] = []
    var gainBias: [UnsafeMutablePointer<T>?] = []
    /// Add to the weight gradients instead of overwriting them (bias targets are always added
    /// to; the caller zeroes them first when not accumulating).
    var accumulate: Bool
    /// The lowest layer whose parameters need gradients; below it the pass stops unless input
    /// gradients were requested.
    var lowestLayer: Int
    var request: GradientRequest
    var input: UnsafeMutablePointer<T>?
    var time: UnsafeMutablePointer<T>?
    var condition: UnsafeMutablePointer<T>?
}

extension MLPWorkspace {
    /// Backward pass of the block last run through `forward` (same rows, same masks).
    func backward(rows n: Int, masks: [UnsafeMutablePointer<T>]?, layers: [Linear<T>], gains: [Linear<T>],
                  targets t: GradientTargets<T>) {
        let c = config, last = c.layerCount - 1, width = c.outputs
        if let cg = t.condition { T.fill2D(rows: n, cols: c.conditionWidth, 0, cg, ldd: c.conditionWidth) }
        if !gains.isEmpty && (t.condition != nil || t.time != nil) { T.fill(n * c.gainInputs, 0, gainInputGradient.pointer) }
        T.activationBackward(c.outputActivation, rows: n, cols: width, z: pre[last].pointer, ldz: width,
                             a: post[last].pointer, lda: width, ga: t.outputGradient, ldga: width,
                             gz: outputGradient.pointer, ldgz: width, biasGradient: t.bias[last])
        var gz = outputGradient.pointer, ldgz = width
        var l = last
        while true {
            let inWidth = c.inputs(ofLayer: l)
            if let wg = t.weight[l] {
                layers[l].accumulateWeightGradient(rows: n, x: input[l].pointer, ldx: inWidth, gz: gz, ldgz: ldgz,
                                                   into: wg, accumulate: t.accumulate)
            }
            if l <= t.lowestLayer && t.request.isEmpty { return }
            layers[l].inputGradient(rows: n, gz: gz, ldgz: ldgz, into: inputGradient[l].pointer, ldgx: inWidth)
            if let cg = t.condition, c.takesCondition(layer: l) {
                let lead = c.leadingInputs(ofLayer: l), cw = c.conditionWidth
                for r in 0..<n { T.axpy(cw, 1, inputGradient[l].pointer + r * inWidth + lead, cg + r * cw) }
            }
            if l == 0 {
                scatterInputGradients(rows: n, targets: t, gained: !gains.isEmpty)
                return
            }
            gz = hiddenActivationBackward(rows: n, layer: l - 1, masks: masks, biasGradient: t.bias[l - 1])
            if l - 1 < gains.count {
                backwardThroughGain(rows: n, layer: l - 1, gz: gz, ld: inWidth, gainLayer: gains[l - 1],
                                    biasGradient: t.bias[l - 1], targets: t)
            }
            ldgz = inWidth
            l -= 1
        }
    }

    /// Turns dL/d(input of layer l+1) into dL/dz of hidden layer l, in place in the leading
    /// columns of layer l+1's input gradient; returns that pointer.
    private func hiddenActivationBackward(rows n: Int, layer l: Int, masks: [UnsafeMutablePointer<T>]?,
                                          biasGradient: UnsafeMutablePointer<T>?) -> UnsafeMutablePointer<T> {
        let c = config, h = c.outputs(ofLayer: l), ld = c.inputs(ofLayer: l + 1)
        let ga = inputGradient[l + 1].pointer
        var a = UnsafePointer(input[l + 1].pointer), lda = ld
        if let mask = masks?[l] {
            for r in 0..<n { T.multiplyInPlace(h, mask + r * h, ga + r * ld) }
            a = UnsafePointer(post[l].pointer)
            lda = h
        }
        // With a gain the bias gradient is taken after the gain's factor (backwardThroughGain).
        T.activationBackward(c.activation, rows: n, cols: h, z: pre[l].pointer, ldz: h, a: a, lda: lda,
                             ga: ga, ldga: ld, gz: ga, ldgz: ld, biasGradient: l < gain.count ? nil : biasGradient)
        return ga
    }

    /// Given gz = dL/dz of gained hidden layer l (in place, leading dimension ld), where
    /// z = u * g, u = W_l [h, y] + b_l and g = 1 + G_l [t, y] + c_l: adds dL/dG_l, dL/dc_l and
    /// dL/db_l, adds dL/d[t, y] through g to `gainInputGradient`, and turns gz into dL/du.
    private func backwardThroughGain(rows n: Int, layer l: Int, gz: UnsafeMutablePointer<T>, ld: Int, gainLayer: Linear<T>,
                                     biasGradient: UnsafeMutablePointer<T>?, targets t: GradientTargets<T>) {
        let c = config, h = c.hidden[l], count = n * h, dGain = gainGradient.pointer
        T.copy2D(rows: n, cols: h, gz, lds: ld, dGain, ldd: h)
        T.multiplyInPlace(count, ungained[l].pointer, dGain)
        for r in 0..<n { T.multiplyInPlace(h, gain[l].pointer + r * h, gz + r * ld) }
        if let b = biasGradient { T.columnSums(rows: n, cols: h, gz, ldx: ld, into: b, accumulate: true) }
        let gainInput = input[0].pointer + c.inputs, width0 = c.inputs(ofLayer: 0)
        if let wg = t.gainWeight[l] {
            gainLayer.accumulateWeightGradient(rows: n, x: gainInput, ldx: width0, gz: dGain, ldgz: h, into: wg, accumulate: t.accumulate)
        }
        if let bg = t.gainBias[l] { T.columnSums(rows: n, cols: h, dGain, ldx: h, into: bg, accumulate: true) }
        if t.condition != nil || t.time != nil {
            T.gemmRaw(transposeA: false, transposeB: false, m: n, n: c.gainInputs, k: h, alpha: 1, a: dGain, lda: h,
                      b: gainLayer.weight.valuePointer, ldb: c.gainInputs, beta: 1, c: gainInputGradient.pointer, ldc: c.gainInputs)
        }
    }

    /// Copies the x and t columns of layer 0's input gradient to the requested targets and adds
    /// the gains' share of dL/dt and dL/dy.
    private func scatterInputGradients(rows n: Int, targets t: GradientTargets<T>, gained: Bool) {
        let c = config, width0 = c.inputs(ofLayer: 0), gi = c.gainInputs, timeColumns = c.hasTime ? 1 : 0
        if let gx = t.input {
            T.copy2D(rows: n, cols: c.inputs, inputGradient[0].pointer, lds: width0, gx, ldd: c.inputs)
        }
        if let gt = t.time, c.hasTime {
            T.copy2D(rows: n, cols: 1, inputGradient[0].pointer + c.inputs, lds: width0, gt, ldd: 1)
            if gained { for r in 0..<n { gt[r] += gainInputGradient.pointer[r * gi] } }
        }
        if let cg = t.condition, gained {
            for r in 0..<n { T.axpy(c.conditionWidth, 1, gainInputGradient.pointer + r * gi + timeColumns, cg + r * c.conditionWidth) }
        }
    }
}
