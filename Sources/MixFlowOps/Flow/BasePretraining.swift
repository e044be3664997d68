/// Initial placement of MixFlow's modes (design section 4: "h_theta starts from k-means centres
/// of the training data (pretrained to them)").
///
/// 1. Pooled centres: I points of the pooled training data (all training conditions together),
///    the k-means centres (`.kmeans`, `.conditionKMeans`) or I distinct points drawn uniformly
///    (`.random`).
/// 2. Targets per training condition: the pooled centres themselves (`.kmeans`, `.random`: every
///    condition starts with the same modes, as in the reference code), or (`.conditionKMeans`)
///    Lloyd iterations on the condition's own points started from the pooled centres, so mode i
///    of every condition is the local optimum nearest pooled centre i (modes keep one identity
///    across conditions, which is what lets h_theta interpolate between them).
/// 3. h_theta is fitted by full-batch Adam (lr 1e-3, `pretrainSteps` steps):
///    L = mean over conditions, modes and coordinates of (h_theta(e_c) - target_c)^2. With
///    per-condition targets h_p is fitted too, to the centred log cluster proportions. The
///    encoder does not move.
enum BasePretraining {
    /// Largest number of pooled points the k-means runs on (a uniform subsample beyond it).
    static let kMeansPointLimit = 50_000
    /// Lloyd iterations per condition (each condition's own k-means, started from the pooled centres).
    static let conditionIterations = 25

    /// I x D pooled centres.
    static func pooledCentres(points: Matrix<Float>, components: Int, initialization: BaseInitialization,
                              random: inout RandomStream) throws(FlowError) -> Matrix<Float> {
        guard points.rows >= components else {
            throw FlowError.invalidOption(name: "components", value: "\(components)",
                                          expected: "at most the \(points.rows) training points")
        }
        if initialization == .random {
            return points.rows(random.sampleWithoutReplacement(components, from: points.rows))
        }
        let sample = points.rows > kMeansPointLimit
            ? points.rows(random.sampleWithoutReplacement(kMeansPointLimit, from: points.rows)) : points
        do {
            return try kMeans(sample, k: components, random: &random).centers.converted(to: Float.self)
        } catch {
            throw FlowError.invalidOption(name: "components", value: "\(components)", expected: "\(error)")
        }
    }

    /// Per-condition targets: (C x I D) modes and (C x I) logits, one row per condition of
    /// `conditions` (indices into `data`).
    static func conditionTargets(data: Dataset, conditions: [Int], pooled: Matrix<Float>,
                                 initialization: BaseInitialization) -> (modes: Matrix<Float>, logits: Matrix<Float>?) {
        let k = pooled.rows
        guard initialization == .conditionKMeans else {
            return (expandRows(pooled.reshaped(rows: 1, cols: pooled.count), times: conditions.count), nil)
        }
        var modes = Matrix<Float>(rows: conditions.count, cols: pooled.count)
        var logits = Matrix<Float>(rows: conditions.count, cols: k)
        for (row, condition) in conditions.enumerated() {
            var state = LloydState(data: data.points(of: condition).converted(to: Double.self), k: k)
            state.centers = pooled.converted(to: Double.self)
            for _ in 0..<conditionIterations {
                state.assign()
                if state.updateCenters() == 0 { break }
            }
            state.assign()
            modes[row: row] = state.centers.converted(to: Float.self).storage[...]
            var counts = [Float](repeating: 0, count: k)
            for a in state.assignments { counts[a] += 1 }
            let logs = counts.map { Float(_log(Double(max($0 / Float(state.assignments.count), 1e-3)))) }
            let mean = logs.reduce(0, +) / Float(k)
            logits[row: row] = logs.map { $0 - mean }[...]
        }
        return (modes, logits)
    }

    /// Fits `network` so that network(inputs row c) = targets row c; returns the final loss.
    @discardableResult
    static func fit<T: KernelScalar>(_ network: MLP<T>, inputs: Matrix<T>, targets: Matrix<T>, steps: Int,
                                     learningRate: Double = 1e-3) -> Double {
        let adam = Adam(parameters: network.parameters, options: AdamOptions(learningRate: learningRate))
        var output = Matrix<T>(rows: 0, cols: 0), gradient = Matrix<T>(rows: 0, cols: 0)
        let mode = network.mode
        network.mode = .eval
        defer { network.mode = mode }
        for _ in 0..<steps {
            network.forward(inputs, into: &output)
            _ = meanSquaredError(output, targets, gradient: &gradient)
            network.backward(outputGradient: gradient)
            adam.step()
        }
        return Double(meanSquaredError(network.forwardInference(inputs), targets))
    }
}
