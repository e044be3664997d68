/// Options of `sample` (design section 4, "Sampling").
public struct SamplingOptions: Sendable {
    /// Points per condition (default 1000).
    public var count: Int
    /// The integrator of dx/dt = v(x, t, y) from t = 0 to 1 (default adaptive dopri5 with
    /// rtol = atol = 1e-4, the reference code's tolerances).
    public var solver: ODEMethod
    /// Times in [0, 1] at which to keep the points (trajectories); empty by default.
    public var recordTimes: [Double]
    /// Seed of the base draws (default 0).
    public var seed: UInt64

    public init(count: Int = 1000, solver: ODEMethod = .dopri5(DormandPrinceOptions(rtol: 1e-4, atol: 1e-4)),
                recordTimes: [Double] = [], seed: UInt64 = 0) {
        self.count = count
        self.solver = solver
        self.recordTimes = recordTimes
        self.seed = seed
    }
}

/// Generated points with their conditions, so per-condition metrics, plots and CSV files work.
public struct GeneratedSamples: Sendable {
    /// (C count) x D points, condition-major: rows k count ..< (k + 1) count are condition k.
    public var points: Matrix<Float>
    public var conditionOfPoint: [Int]
    public var conditions: [Condition]
    public var featureNames: [String]
    /// The base draws x0 the points started from (same rows).
    public var basePoints: Matrix<Float>
    /// The points at each requested record time, in the order requested.
    public var trajectory: [(time: Double, points: Matrix<Float>)]
    /// Solver work: accepted steps and evaluations of v.
    public var solverSteps: Int
    public var evaluations: Int

    /// The samples as a dataset named `name` (conditions with metadata and descriptors).
    public func dataset(name: String) throws(DataError) -> Dataset {
        try Dataset(name: name, points: points, conditionOfPoint: conditionOfPoint, conditions: conditions,
                    featureNames: featureNames)
    }
}

extension FlowModel {
    /// Generates `options.count` points for each condition (seen or unseen in training) from
    /// its descriptor: a base draw (MixFlow: a hard mixture component of mu(y), then the
    /// Gaussian around its mode; CFM: N(0, I)), carried from t = 0 to 1 along v. Points, base
    /// draws and trajectories come back in data units.
    /// `shouldStop` is polled before every solver step (`Cancelled` when it asks); `progress`
    /// receives the time t in [0, 1] of every evaluation of v (not monotone within an adaptive
    /// step: a caller showing progress keeps the largest).
    public func sample(_ conditions: [Condition], options: SamplingOptions = SamplingOptions(),
                       shouldStop: ShouldStop = neverStop,
                       progress: ((Double) -> Void)? = nil) throws -> GeneratedSamples {
        let networks = try trainedNetworks()
        guard let layout else { throw FlowError.notTrained(model: name) }
        try require(options.count >= 1, "n", options.count, "an integer >= 1")
        try require(!conditions.isEmpty, "conditions", "[]", "at least one condition")
        try checkDescriptors(conditions, layout: layout)
        let n = options.count, rows = conditions.count * n
        return try withSamplingWeights {
            let descriptors = Matrix(rows: conditions.count, cols: layout.descriptorWidth, storage: conditions.flatMap(\.descriptor))
            let embedding = networks.embedInference(descriptors)
            var random = RandomStream(seed: options.seed)
            var x0 = Matrix<Float>(rows: 0, cols: 0)
            if let base = networks.base {
                let noise = BaseNoise<Float>(rows: rows, components: base.components, dimension: layout.dimension, random: &random)
                base.drawForSampling(embedding: embedding, rowsPerCondition: n, noise: noise, into: &x0)
            } else {
                x0 = Matrix.normal(rows, layout.dimension, random: &random)
            }
            var condition = Matrix<Float>(rows: 0, cols: 0)
            let conditionEmbedding = networks.embedForVelocityInference(descriptors) ?? embedding
            networks.velocityCondition(embedding: conditionEmbedding, descriptors: descriptors, rowsPerCondition: n, into: &condition)
            let velocity = networks.velocity
            let solution = try options.solver.integrate(x0, from: Float(0), to: Float(1),
                                                        record: options.recordTimes.map { Float($0) },
                                                        shouldStop: shouldStop) { x, t, dxdt in
                progress?(Double(t))
                velocity.evaluate(x, time: .constant(t), condition: condition, into: &dxdt)
            }
            return GeneratedSamples(points: layout.dataUnits(solution.final), conditionOfPoint: (0..<rows).map { $0 / n },
                                    conditions: conditions, featureNames: layout.featureNames, basePoints: layout.dataUnits(x0),
                                    trajectory: zip(options.recordTimes, solution.trajectory).map { ($0, layout.dataUnits($1)) },
                                    solverSteps: solution.steps, evaluations: solution.evaluations)
        }
    }

    /// Samples the conditions of `data` (e.g. a split's test set).
    public func sample(_ data: Dataset, options: SamplingOptions = SamplingOptions(),
                       shouldStop: ShouldStop = neverStop) throws -> GeneratedSamples {
        try sample(data.conditions, options: options, shouldStop: shouldStop)
    }
}

/// Each row of `m` repeated `times` times, in order.
func expandRows<T: MatrixScalar>(_ m: Matrix<T>, times: Int) -> Matrix<T> {
    var out = Matrix<T>(rows: m.rows * times, cols: m.cols)
    for r in 0..<m.rows {
        let row = m[row: r]
        for j in 0..<times { out[row: r * times + j] = row }
    }
    return out
}
