import Foundation

/// Settings of an Adam or AdamW optimiser; defaults are PyTorch's.
public struct AdamOptions: Sendable, Codable, Equatable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var weightDecay: Double
    /// false: Adam (decay added to the gradient, `torch.optim.Adam`); true: AdamW (decoupled
    /// decay, `torch.optim.AdamW`, whose PyTorch default weightDecay is 0.01).
    public var decoupledWeightDecay: Bool

    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                weightDecay: Double = 0, decoupledWeightDecay: Bool = false) {
        precondition(learningRate >= 0, "Adam: learning rate must be >= 0, got \(learningRate)")
        precondition((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam: betas must be in [0, 1), got (\(beta1), \(beta2))")
        precondition(epsilon >= 0 && weightDecay >= 0, "Adam: epsilon and weight decay must be >= 0")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// AdamW with PyTorch's defaults (weight decay 0.01).
    public static func adamW(learningRate: Double = 1e-3, weightDecay: Double = 0.01) -> AdamOptions {
        AdamOptions(learningRate: learningRate, weightDecay: weightDecay, decoupledWeightDecay: true)
    }
}

/// Adam / AdamW over a fixed group of parameters, matching `torch.optim.Adam(W)` step for step
/// (see `AdamCoefficients` for the update). Each parameter keeps its own step count, as in
/// PyTorch, so a parameter that was frozen for some steps gets the bias correction of the
/// steps it actually took. Frozen parameters are skipped.
///
/// Parameter groups: build one optimiser per disjoint set of parameters (e.g. the velocity
/// network and the base networks), each with its own options and state.
public final class Adam<T: KernelScalar>: @unchecked Sendable {
    public var options: AdamOptions
    public let parameters: [Parameter<T>]
    /// Updates taken by each parameter.
    public internal(set) var steps: [Int]
    let firstMoments: [Buffer<T>]
    let secondMoments: [Buffer<T>]
    /// How many threads an update is split across (each takes a contiguous share of all the
    /// parameters' elements; the result does not depend on the split).
    public var threads: Int = Parallel.processorCount
    /// Elements per thread below which the update stays on the calling thread: starting a
    /// second thread costs about as much as updating a few thousand elements.
    public var minimumElementsPerThread = 16_384
    /// The parameters this step updates, with their coefficients (reused between steps).
    private var pending: [(index: Int, coefficients: AdamCoefficients<T>)] = []

    public init(parameters: [Parameter<T>], options: AdamOptions = AdamOptions()) {
        precondition(Set(parameters.map { ObjectIdentifier($0) }).count == parameters.count,
                     "Adam: a parameter appears twice in the group")
        self.options = options
        self.parameters = parameters
        steps = Array(repeating: 0, count: parameters.count)
        firstMoments = parameters.map { Buffer(capacity: $0.count) }
        secondMoments = parameters.map { Buffer(capacity: $0.count) }
    }

    /// Applies one update to every non-frozen parameter from its current gradient.
    public func step() {
        pending.removeAll(keepingCapacity: true)
        var total = 0
        for (i, parameter) in parameters.enumerated() where !parameter.isFrozen {
            steps[i] += 1
            let t = Double(steps[i])
            let o = options
            let coefficients = AdamCoefficients<T>(
                learningRate: T(o.learningRate), beta1: T(o.beta1), beta2: T(o.beta2), epsilon: T(o.epsilon),
                weightDecay: T(o.weightDecay), decoupledWeightDecay: o.decoupledWeightDecay,
                stepSize: T(o.learningRate / (1 - pow(o.beta1, t))),
                secondCorrectionRoot: T((1 - pow(o.beta2, t)).squareRoot()))
            pending.append((i, coefficients))
            total += parameter.count
        }
        // The update is elementwise and memory-bound: in a training step it is the largest part
        // that would otherwise keep one core busy while the other waits.
        let shares = Parallel.partition(total, parts: threads, minimum: minimumElementsPerThread)
        Parallel.run(shares.count) { share in update(elements: shares[share]) }
    }

    /// Updates the elements `range` of the concatenation of the pending parameters.
    private func update(elements range: Range<Int>) {
        var start = 0
        for (i, coefficients) in pending {
            let p = parameters[i], end = start + p.count
            defer { start = end }
            let part = range.clamped(to: start..<end)
            guard !part.isEmpty else { continue }
            let s = part.lowerBound - start
            T.adamUpdate(part.count, parameter: p.valuePointer + s, gradient: p.gradientPointer + s,
                         firstMoment: firstMoments[i].pointer + s, secondMoment: secondMoments[i].pointer + s, coefficients)
        }
    }

    /// Sets every parameter's gradient to zero.
    public func zeroGradients() { parameters.zeroGradients() }

    /// Forgets the moments and step counts.
    public func reset() {
        for i in parameters.indices {
            steps[i] = 0
            T.fill(parameters[i].count, 0, firstMoments[i].pointer)
            T.fill(parameters[i].count, 0, secondMoments[i].pointer)
        }
    }

    /// First and second moment estimates of parameter i (copies), for tests and checkpoints.
    public func moments(of i: Int) -> (first: Matrix<T>, second: Matrix<T>) {
        let p = parameters[i]
        return (Matrix(rows: p.rows, cols: p.cols, storage: firstMoments[i].array(count: p.count)),
                Matrix(rows: p.rows, cols: p.cols, storage: secondMoments[i].array(count: p.count)))
    }
}
