/// Initial placement of MixFlow's modes (design section 4: "h_theta starts from k-means centres
/// of the training data (pretrained to them)").
///
/// 1. Pooled centres: I points of the pooled training data (all training conditions together),
///    the k-means centres (`.kmeans`, `.conditionKMeans`) or I distinct points drawn uniformly
///    (`.random`).
/// 2. Targets per training condition: the pooled centres themselves (`.kmeans`, `.random`: every
///    condition starts with the same modes, as in the reference code), or Lloyd iterations on
///    the condition's own points started from the pooled centres (`.conditionKMeans`: mode i
///    is the local optimum nearest pooled centre i) or from the centres of the condition's
///    nearest neighbour in descriptor space, visited in Prim's order, moved rigidly onto the
///    condition's clusters first where a rigid motion explains the step (`.chainedKMeans`: mode
///    i follows one part of the data as the descriptor changes, even across large steps, so
///    h_theta can interpolate).
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
        var modes = Matrix<Float>(rows: conditions.count, cols: pooled.count)
        var logits = Matrix<Float>(rows: conditions.count, cols: k)
        func place(_ row: Int, _ fitted: (centres: Matrix<Float>, logits: [Float])) {
            modes[row: row] = fitted.centres.storage[...]
            logits[row: row] = fitted.logits[...]
        }
        switch initialization {
        case .kmeans, .random:
            return (expandRows(pooled.reshaped(rows: 1, cols: pooled.count), times: conditions.count), nil)
        case .conditionKMeans:
            for row in conditions.indices { place(row, conditionKMeans(data.points(of: conditions[row]), start: pooled)) }
        case .chainedKMeans:
            let descriptors = conditions.map { data.conditions[$0].descriptor }
            for (row, parent) in descriptorChain(descriptors) {
                let points = data.points(of: conditions[row])
                guard let parent else { place(row, conditionKMeans(points, start: pooled)); continue }
                place(row, carriedKMeans(parent: Matrix(rows: k, cols: pooled.cols, storage: Array(modes[row: parent])),
                                         parentPoints: data.points(of: conditions[parent]), points: points))
            }
        }
        return (modes, logits)
    }

    /// A chained condition's k-means. Lloyd from the parent's centres as they are; then, when
    /// the rigid motion that lays the parent's centres best onto those clusters explains the
    /// change of the whole cloud (the same shape, turned or shifted), Lloyd again from the moved
    /// centres, so that each mode keeps its part of the data even across a step larger than the
    /// modes' spacing. Otherwise (a different shape) the first fit stands, and mode i stays in
    /// the same region of space (`RigidModeAlignment`).
    static func carriedKMeans(parent: Matrix<Float>, parentPoints: Matrix<Float>,
                              points: Matrix<Float>) -> (centres: Matrix<Float>, logits: [Float]) {
        let own = conditionKMeans(points, start: parent)
        let alignment = RigidModeAlignment.alignment(parent.converted(to: Double.self), onto: own.centres.converted(to: Double.self))
        guard alignment.explains(parentPoints: parentPoints.converted(to: Double.self), childPoints: points.converted(to: Double.self)) else {
            return own
        }
        return conditionKMeans(points, start: alignment.moved.converted(to: Float.self))
    }

    /// Lloyd iterations on `points` from `start` (I x D): the centres and the centred log
    /// proportions of their clusters (floored at 1e-3).
    static func conditionKMeans(_ points: Matrix<Float>, start: Matrix<Float>) -> (centres: Matrix<Float>, logits: [Float]) {
        let k = start.rows
        var state = LloydState(data: points.converted(to: Double.self), k: k)
        state.centers = start.converted(to: Double.self)
        for _ in 0..<conditionIterations {
            state.assign()
            if state.updateCenters() == 0 { break }
        }
        state.assign()
        var counts = [Float](repeating: 0, count: k)
        for a in state.assignments { counts[a] += 1 }
        let logs = counts.map { Float(_log(Double(max($0 / Float(state.assignments.count), 1e-3)))) }
        let mean = logs.reduce(0, +) / Float(k)
        return (state.centers.converted(to: Float.self), logs.map { $0 - mean })
    }

    /// Prim's order over the complete graph of descriptor distances: (row, parent) pairs, the
    /// first with no parent, every later row after its parent, each row joined to its nearest
    /// already-ordered row. O(C^2 d) for C descriptors of width d.
    static func descriptorChain(_ descriptors: [[Float]]) -> [(row: Int, parent: Int?)] {
        guard !descriptors.isEmpty else { return [] }
        func distance(_ a: Int, _ b: Int) -> Double {
            zip(descriptors[a], descriptors[b]).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
        }
        var order: [(row: Int, parent: Int?)] = [(0, nil)]
        var nearest = descriptors.indices.map { (distance: distance($0, 0), parent: 0) }
        var done = [Bool](repeating: false, count: descriptors.count)
        done[0] = true
        for _ in 1..<descriptors.count {
            let next = descriptors.indices.filter { !done[$0] }.min { nearest[$0].distance < nearest[$1].distance }!
            done[next] = true
            order.append((next, nearest[next].parent))
            for r in descriptors.indices where !done[r] {
                let d = distance(r, next)
                if d < nearest[r].distance { nearest[r] = (d, next) }
            }
        }
        return order
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
