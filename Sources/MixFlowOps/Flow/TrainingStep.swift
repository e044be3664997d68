/// Points per condition that velocity and base steps draw and pair by OT (at least the trained
/// points per condition).
struct PairingPools {
    var velocity: Int
    var base: Int

    /// The pools of `options`; without OT pairing there is nothing to pool, so a step draws the
    /// points it trains.
    init(_ options: TrainingOptions, pairing: Pairing) {
        let pooled = pairing == .ot
        velocity = pooled ? options.pairedPoints(for: .velocity) : options.pointsPerCondition
        base = pooled ? options.pairedPoints(for: .base) : options.pointsPerCondition
    }
}

/// The parameter groups, each with its own Adam optimiser.
enum ParameterGroup: String, CaseIterable, Sendable {
    case velocity = "velocity field"
    case encoder = "descriptor encoder"
    case base = "base networks"
}

/// Losses of one step. Both are computed at every step (L_geo is free; in base steps L_OT is a
/// forward pass of v without dropout) so the history has unbroken curves.
struct StepLosses {
    /// L_OT = (1/N) sum_r |v(x_t,r, t_r, e) - u_r|^2.
    var flow: Double
    /// L_geo = (1/N) sum_r |x1_r - x0_r|^2 over the paired rows (the batch's OT cost).
    var geometry: Double
}

/// Computes one training step's losses and gradients (design section 4), leaving the updates
/// to the trainer:
///
///  1. batch: C conditions x n points x1; e = encoder(y) per condition
///  2. x0: MixFlow base draw (base steps: Gumbel-softmax, `GMMBase`; velocity steps: a hard
///     component as in sampling, unless `velocityDraw` is `.relaxed`) or N(0, I) for CFM
///  3. pairing per condition: exact OT assignment of x0 rows to x1 rows (or none); with a
///     pairing pool the batch has pool rows per condition and the first `sampler.pointsPerCondition`
///     pairs of each train (x0's rows are i.i.d., so they are a uniform choice of the pairs)
///  4. t ~ U(0, 1), x_t = (1 - t) x0 + t x1, u = x1 - x0
///  5. velocity step: L_OT, gradients of v (and of the encoder through v's condition input)
///     base step: L_geo, dL/dx0 = -(2/N) u to h_theta, h_p (and to the encoder through x0)
///
/// Losses are means over pairs of squared Euclidean norms (D times PyTorch's `mse_loss`).
/// Buffers are reused between steps. Not thread-safe.
final class TrainingStepper {
    let networks: FlowNetworks<Float>
    let sampler: BatchSampler
    /// Points per condition each kind of step draws and pairs (`TrainingOptions.pairedPoints`).
    let pools: PairingPools
    let pairing: Pairing
    let encoderTraining: EncoderTraining
    /// One OT assigner per thread the conditions' pairings are split across (grown on use).
    private var assigners: [MinibatchAssigner]
    private var batch = TrainingBatch()
    private var embedding = Matrix<Float>(rows: 0, cols: 0)
    /// v's own embedding (`FlowNetworks.velocityEncoder`), when it has one.
    private var velocityEmbedding = Matrix<Float>(rows: 0, cols: 0)
    private var x0 = Matrix<Float>(rows: 0, cols: 0)
    private var x1 = Matrix<Float>(rows: 0, cols: 0)
    private var time = Matrix<Float>(rows: 0, cols: 0)
    private var xt = Matrix<Float>(rows: 0, cols: 0)
    private var u = Matrix<Float>(rows: 0, cols: 0)
    private var condition = Matrix<Float>(rows: 0, cols: 0)
    private var prediction = Matrix<Float>(rows: 0, cols: 0)
    private var gradient = Matrix<Float>(rows: 0, cols: 0)
    private var embeddingGradient = Matrix<Float>(rows: 0, cols: 0)
    private var permutation: [Int] = []
    /// A base step's x0 gradient over the whole pool (zero outside the trained rows).
    private var poolGradient = Matrix<Float>(rows: 0, cols: 0)

    init(networks: FlowNetworks<Float>, sampler: BatchSampler, pools: PairingPools, pairing: Pairing,
         encoderTraining: EncoderTraining) {
        precondition(min(pools.velocity, pools.base) >= sampler.pointsPerCondition, "a pairing pool smaller than the trained points")
        self.networks = networks
        self.sampler = sampler
        self.pools = pools
        self.pairing = pairing
        self.encoderTraining = encoderTraining
        assigners = [MinibatchAssigner(maxSize: max(1, pools.velocity, pools.base), dimension: networks.dimension)]
    }

    /// The groups a step of kind `update` changes.
    func groups(for update: StepUpdate) -> [ParameterGroup] {
        switch update {
        case .velocity: return [.flow, .both].contains(encoderTraining) ? [.velocity, .encoder] : [.velocity]
        case .base: return [.geometry, .both].contains(encoderTraining) ? [.base, .encoder] : [.base]
        }
    }

    /// Draws a batch, pairs it and computes the losses and the gradients of `groups(for: update)`.
    func run(_ update: StepUpdate, random: inout RandomStream) throws -> StepLosses {
        sampler.draw(into: &batch, points: update == .base ? pools.base : pools.velocity, random: &random)
        let pool = batch.rowsPerCondition, rows = batch.targets.rows, n = trainedPerCondition
        // v's condition encoder learns from L_OT when it is v's own or the encoder trains by L_OT.
        let trainsConditionEncoder = update == .velocity && (networks.velocityEncoder != nil || groups(for: update).contains(.encoder))
        networks.embed(batch.descriptors, into: &embedding)
        networks.embedForVelocity(batch.descriptors, into: &velocityEmbedding)
        if let base = networks.base {
            let noise = BaseNoise<Float>(rows: rows, components: base.components, dimension: networks.dimension, random: &random)
            if update == .velocity && base.options.velocityDraw == .sampling {
                base.drawForSampling(embedding: embedding, rowsPerCondition: pool, noise: noise, into: &x0)
            } else {
                base.drawForTraining(embedding: embedding, rowsPerCondition: pool, noise: noise, into: &x0)
            }
        } else {
            x0 = Matrix.normal(rows, networks.dimension, random: &random)
        }
        try pair()
        keepTrainedPairs(pool: pool)
        time = Matrix.uniform(x0.rows, 1, random: &random)
        interpolate()
        let geometry = meanSquaredNorm(u)
        expandEmbedding(rowsPerCondition: n)
        switch update {
        case .velocity:
            let flow = velocityLossAndGradient(trainsEncoder: trainsConditionEncoder)
            if trainsConditionEncoder { encoderBackward(fromVelocity: n) }
            return StepLosses(flow: flow, geometry: geometry)
        case .base:
            networks.velocity.evaluate(xt, time: .column(time), condition: condition, into: &prediction)
            let flow = Double(meanSquaredError(prediction, u)) * Double(u.cols)
            baseBackward(trainsEncoder: groups(for: update).contains(.encoder), pool: pool)
            return StepLosses(flow: flow, geometry: geometry)
        }
    }

    /// x1 rows reordered so that x1 row r is the partner of x0 row r.
    private func pair() throws {
        let n = batch.rowsPerCondition, d = networks.dimension
        guard pairing == .ot else { x1 = batch.targets; return }
        x1.reshape(rows: batch.targets.rows, cols: d)
        // The conditions are paired independently (each from its own rows, no random draws), so
        // shares of them run on the velocity network's threads: serially the pairing was a fifth
        // of a step's CPU time. Same pairs whatever the split.
        let conditions = batch.conditions.count
        let shares = Parallel.partition(conditions, parts: networks.velocity.threads, minimum: 2)
        while assigners.count < shares.count {
            assigners.append(MinibatchAssigner(maxSize: assigners[0].maxSize, dimension: d))
        }
        if permutation.count != conditions * n { permutation = [Int](repeating: 0, count: conditions * n) }
        var failures = [Error?](repeating: nil, count: shares.count)
        x0.withPointer { p0 in
            batch.targets.withPointer { p1 in
                x1.withMutablePointer { out in
                    permutation.withUnsafeMutableBufferPointer { perm in
                        failures.withUnsafeMutableBufferPointer { failed in
                            Parallel.run(shares.count) { share in
                                do {
                                    for k in shares[share] {
                                        let block = k * n * d, sigma = perm.baseAddress! + k * n
                                        try assigners[share].assign(x0: p0 + block, x1: p1 + block, count: n, dimension: d,
                                                                    into: sigma)
                                        for r in 0..<n { (out + block + r * d).update(from: p1 + block + sigma[r] * d, count: d) }
                                    }
                                } catch { failed[share] = error }
                            }
                        }
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Pairs per condition that train.
    private var trainedPerCondition: Int { sampler.pointsPerCondition }

    /// Keeps the first `trainedPerCondition` pairs of each condition's `pool` (x0 and x1 compacted
    /// in place, condition-major).
    private func keepTrainedPairs(pool: Int) {
        let n = trainedPerCondition
        guard n < pool else { return }
        Self.keepFirstRows(n, ofEvery: pool, in: &x0)
        Self.keepFirstRows(n, ofEvery: pool, in: &x1)
    }

    /// Rows k pool ..< k pool + n of every block k, moved to rows k n ..< (k + 1) n.
    private static func keepFirstRows(_ n: Int, ofEvery pool: Int, in m: inout Matrix<Float>) {
        let blocks = m.rows / pool, d = m.cols
        m.withMutablePointer { p in
            // Destination rows k n ... lie before source rows k pool ..., so a forward copy is safe.
            for k in stride(from: 1, to: blocks, by: 1) {
                for i in 0..<(n * d) { p[k * n * d + i] = p[k * pool * d + i] }
            }
        }
        m.reshape(rows: blocks * n, cols: d)
    }

    /// x_t = (1 - t) x0 + t x1 and u = x1 - x0, row by row.
    private func interpolate() {
        let rows = x0.rows, d = x0.cols
        xt.reshape(rows: rows, cols: d)
        u.reshape(rows: rows, cols: d)
        x0.withPointer { p0 in x1.withPointer { p1 in time.withPointer { pt in
            xt.withMutablePointer { px in u.withMutablePointer { pu in
                for r in 0..<rows {
                    let t = pt[r]
                    for c in 0..<d {
                        let a = p0[r * d + c], b = p1[r * d + c]
                        pu[r * d + c] = b - a
                        px[r * d + c] = a + t * (b - a)
                    }
                }
            } }
        } } }
    }

    /// v's condition row r: embedding row r / n (and descriptor row r / n, see `FlowNetworks`).
    private func expandEmbedding(rowsPerCondition n: Int) {
        networks.velocityCondition(embedding: velocityReads, descriptors: batch.descriptors, rowsPerCondition: n, into: &condition)
    }

    /// The embedding v reads: its own encoder's, else the shared one's (the two may differ in width).
    private var velocityReads: Matrix<Float> { networks.velocityEncoder == nil ? embedding : velocityEmbedding }

    /// L_OT and its gradient through v (parameter gradients set; condition gradient on request).
    private func velocityLossAndGradient(trainsEncoder: Bool) -> Double {
        let v = networks.velocity
        v.forward(xt, time: .column(time), condition: condition, into: &prediction)
        let d = Double(u.cols)
        let loss = Double(meanSquaredError(prediction, u, gradient: &gradient)) * d
        gradient.scale(by: Float(d))
        v.backward(outputGradient: gradient, inputGradients: trainsEncoder ? .condition : [])
        return loss
    }

    /// Sums v's condition gradient over each condition's rows and backpropagates it through the
    /// encoder v reads.
    private func encoderBackward(fromVelocity n: Int) {
        let width = velocityReads.cols, c = velocityReads.rows, stride = condition.cols
        embeddingGradient.reshape(rows: c, cols: width)
        networks.velocity.conditionGradient.withPointer { pg in embeddingGradient.withMutablePointer { out in
            for k in 0..<c {
                Float.columnSums(rows: n, cols: width, pg + k * n * stride, ldx: stride, into: out + k * width, accumulate: false)
            }
        } }
        networks.conditionEncoder.backward(outputGradient: embeddingGradient)
    }

    /// dL_geo/dx0 = -(2/N) u over the N trained pairs (zero for the rest of a pool), through the
    /// base networks (and the encoder).
    private func baseBackward(trainsEncoder: Bool, pool: Int) {
        guard let base = networks.base else { preconditionFailure("base step on a model without a base") }
        gradient = u
        gradient.scale(by: -2 / Float(u.rows))
        let n = trainedPerCondition, d = u.cols
        if n < pool {
            let conditions = u.rows / n
            poolGradient.reshape(rows: conditions * pool, cols: d)
            poolGradient.withMutablePointer { out in
                out.update(repeating: 0, count: conditions * pool * d)
                gradient.withPointer { g in
                    for k in 0..<conditions { (out + k * pool * d).update(from: g + k * n * d, count: n * d) }
                }
            }
            swap(&gradient, &poolGradient)
        }
        base.backward(x0Gradient: gradient)
        if trainsEncoder { networks.encoder.backward(outputGradient: base.embeddingGradient) }
    }

    private func meanSquaredNorm(_ m: Matrix<Float>) -> Double {
        Double(m.withPointer { Float.sumOfSquares(m.count, $0) }) / Double(max(m.rows, 1))
    }
}
