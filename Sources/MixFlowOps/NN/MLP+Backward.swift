extension MLP {
    /// Backward pass for the last `forward`: given dL/d(output) (rows x outputs), sets (or, with
    /// `accumulate`, adds to) the gradient of every non-frozen parameter, and computes the input
    /// gradients in `request` into `inputGradient`, `timeGradient`, `conditionGradient`
    /// (the condition gradient sums the contributions of every layer the condition enters).
    public func backward(outputGradient: Matrix<T>, inputGradients request: GradientRequest = [],
                         accumulate: Bool = false) {
        guard let pass = lastPass else {
            preconditionFailure("\(name).backward: no forward pass to differentiate (call forward, not evaluate, first)")
        }
        let c = configuration, rows = pass.rows
        precondition(outputGradient.rows == rows && outputGradient.cols == c.outputs,
                     "\(name).backward: output gradient is \(outputGradient.shapeDescription), expected \(rows)x\(c.outputs)")
        precondition(!request.contains(.time) || c.hasTime, "\(name).backward: the network has no time input")
        precondition(!request.contains(.condition) || c.conditionWidth > 0, "\(name).backward: the network has no condition")
        if request.contains(.input) { inputGradient.reshape(rows: rows, cols: c.inputs) }
        if request.contains(.time) { timeGradient.reshape(rows: rows, cols: 1) }
        if request.contains(.condition) { conditionGradient.reshape(rows: rows, cols: c.conditionWidth) }
        // Block 0 writes into the parameters' gradients; further blocks into private buffers,
        // added afterwards (one pass per extra block instead of zeroing and adding them all).
        if !accumulate { zeroBiasGradients() }
        let lowest = request.isEmpty ? lowestTrainableLayer : 0
        outputGradient.withPointer { pg in
            inputGradient.withMutablePointer { px in
                timeGradient.withMutablePointer { pt in
                    conditionGradient.withMutablePointer { py in
                        Parallel.run(pass.blocks.count) { i in
                            let s = pass.blocks[i].lowerBound
                            let own = i == 0 ? nil : workspaces[i]
                            var targets = GradientTargets(
                                outputGradient: pg + s * c.outputs,
                                weight: weightTargets(layers, privately: own?.weightGradient),
                                bias: biasTargets(layers, privately: own?.biasGradient),
                                accumulate: i == 0 && accumulate, lowestLayer: lowest, request: request,
                                input: request.contains(.input) ? px + s * c.inputs : nil,
                                time: request.contains(.time) ? pt + s : nil,
                                condition: request.contains(.condition) ? py + s * c.conditionWidth : nil)
                            targets.gainWeight = weightTargets(gains, privately: own?.gainWeightGradient)
                            targets.gainBias = biasTargets(gains, privately: own?.gainBiasGradient)
                            let blockMasks = pass.dropout ? maskPointers(fromRow: s) : nil
                            workspaces[i].backward(rows: pass.blocks[i].count, masks: blockMasks, layers: layers, gains: gains,
                                                   targets: targets)
                        }
                    }
                }
            }
        }
        addBlockGradients(blocks: pass.blocks.count)
    }

    /// Index of the lowest layer with a trainable parameter (layerCount when all are frozen);
    /// gain l counts as layer l.
    var lowestTrainableLayer: Int {
        let trainable = { (layer: Linear<T>) in layer.parameters.contains { !$0.isFrozen } }
        return min(layers.firstIndex(where: trainable) ?? layers.count, gains.firstIndex(where: trainable) ?? layers.count)
    }

    private func zeroBiasGradients() {
        for layer in layers + gains { if let b = layer.bias, !b.isFrozen { b.zeroGradient() } }
    }

    /// Weight-gradient destinations of `linears`: the parameters themselves (block 0), or the
    /// given private buffers (blocks 1...).
    private func weightTargets(_ linears: [Linear<T>], privately buffers: [Buffer<T>]?) -> [UnsafeMutablePointer<T>?] {
        linears.indices.map { l in
            linears[l].weight.isFrozen ? nil : (buffers?[l].pointer ?? linears[l].weight.gradientPointer)
        }
    }

    /// Bias-gradient destinations, as `weightTargets`; private buffers are zeroed here.
    private func biasTargets(_ linears: [Linear<T>], privately buffers: [Buffer<T>]?) -> [UnsafeMutablePointer<T>?] {
        linears.indices.map { l in
            guard let b = linears[l].bias, !b.isFrozen else { return nil }
            guard let buffer = buffers?[l] else { return b.gradientPointer }
            T.fill(b.count, 0, buffer.pointer)
            return buffer.pointer
        }
    }

    func maskPointers(fromRow s: Int) -> [UnsafeMutablePointer<T>] {
        configuration.hidden.indices.map { l in masks[l].pointer + s * configuration.hidden[l] }
    }

    /// Adds the private parameter gradients of blocks 1..<blocks to the parameters' (where
    /// block 0 wrote its own).
    private func addBlockGradients(blocks: Int) {
        guard blocks > 1 else { return }
        let others = workspaces[1..<blocks]
        var pairs: [(Parameter<T>, [Buffer<T>])] = []
        for (l, layer) in layers.enumerated() {
            pairs.append((layer.weight, others.map { $0.weightGradient[l] }))
            if let b = layer.bias { pairs.append((b, others.map { $0.biasGradient[l] })) }
        }
        for (l, layer) in gains.enumerated() {
            pairs.append((layer.weight, others.map { $0.gainWeightGradient[l] }))
            if let b = layer.bias { pairs.append((b, others.map { $0.gainBiasGradient[l] })) }
        }
        pairs.removeAll { $0.0.isFrozen }
        // The sum is elementwise, so shares of the parameters' elements run on the pass's
        // threads (each element adds its blocks in the same order: same bits). Serially it kept
        // one core busy between the backward pass and the optimiser while the other waited.
        let total = pairs.reduce(0) { $0 + $1.0.count }
        let shares = Parallel.partition(total, parts: threads, minimum: minimumElementsPerGradientShare)
        Parallel.run(shares.count) { share in
            var start = 0
            for (parameter, sources) in pairs {
                let end = start + parameter.count
                defer { start = end }
                let part = shares[share].clamped(to: start..<end)
                guard !part.isEmpty else { continue }
                let s = part.lowerBound - start
                for source in sources { T.axpy(part.count, 1, source.pointer + s, parameter.gradientPointer + s) }
            }
        }
    }

    /// Calls `body` with a block covering all rows of the pass: pointers to x, t, y and output.
    func withBlockPointers(_ x: Matrix<T>, time: TimeInput<T>, condition: Matrix<T>?, output: inout Matrix<T>,
                           _ body: (RowBlock<T>) -> Void) {
        let rows = x.rows
        var constant: T = 0
        var column: Matrix<T>?
        switch time {
        case .none: break
        case let .constant(value): constant = value
        case let .column(values): column = values
        }
        let y = condition ?? Matrix<T>(rows: 0, cols: 0)
        let t = column ?? Matrix<T>(rows: 0, cols: 0)
        x.withPointer { px in
            y.withPointer { py in
                t.withPointer { pt in
                    output.withMutablePointer { po in
                        body(RowBlock(rows: rows, x: px, timeConstant: constant, timeColumn: column == nil ? nil : pt,
                                      condition: condition == nil ? nil : py, output: po, masks: nil))
                    }
                }
            }
        }
    }
}

extension RowBlock {
    /// The sub-block for `range` of the rows this block covers (which must start at row 0).
    func offset(to range: Range<Int>, config c: MLPConfiguration, masks: [Buffer<T>]?) -> RowBlock {
        let s = range.lowerBound
        var block = self
        block.rows = range.count
        block.x = x + s * c.inputs
        block.timeColumn = timeColumn.map { $0 + s }
        block.condition = condition.map { $0 + s * c.conditionWidth }
        block.output = output + s * c.outputs
        block.masks = masks.map { buffers in buffers.indices.map { buffers[$0].pointer + s * c.hidden[$0] } }
        return block
    }
}
