/// The distribution metrics of design section 5, by name, with one entry point that the
/// language bindings (`w1`, `w2`, `w2sq`, `sinkhorn`, `mmd`, `energy`) and the per-condition
/// evaluation share.
public enum DistributionMetric: String, Sendable, CaseIterable {
    case w1, w2, w2sq, sinkhorn, mmd, energy

    /// One line saying what is computed, for help texts and table captions.
    public var summary: String {
        switch self {
        case .w1: return "exact earth mover's distance, Euclidean cost, uniform weights"
        case .w2: return "square root of the exact OT cost with squared Euclidean cost"
        case .w2sq: return "exact OT cost with squared Euclidean cost (W2 squared)"
        case .sinkhorn: return "debiased Sinkhorn divergence (geomloss convention, cost |x-y|^2/2)"
        case .mmd: return "biased MMD^2, mean of RBF kernels over the gamma set"
        case .energy: return "energy distance 2E|X-Y| - E|X-X'| - E|Y-Y'| (V-statistic)"
        }
    }
}

/// Settings for every metric (each metric reads its own part).
public struct MetricOptions: Sendable {
    public var exact: ExactTransportOptions
    public var sinkhorn: SinkhornOptions
    public var mmd: MMDOptions
    /// Cancellation check of the energy distance.
    public var energyShouldStop: ShouldStop = neverStop

    public init(exact: ExactTransportOptions = ExactTransportOptions(),
                sinkhorn: SinkhornOptions = SinkhornOptions(), mmd: MMDOptions = MMDOptions()) {
        self.exact = exact
        self.sinkhorn = sinkhorn
        self.mmd = mmd
    }

    /// The same options with one cancellation check for every metric.
    public func stopping(when shouldStop: @escaping ShouldStop) -> MetricOptions {
        var copy = self
        copy.exact.shouldStop = shouldStop
        copy.sinkhorn.shouldStop = shouldStop
        copy.mmd.shouldStop = shouldStop
        copy.energyShouldStop = shouldStop
        return copy
    }
}

/// `metric` between the rows of `x` and `y` (uniform weights).
public func distance(_ metric: DistributionMetric, _ x: Matrix<Double>, _ y: Matrix<Double>,
                     options: MetricOptions = MetricOptions()) throws -> Double {
    switch metric {
    case .w1: return try wasserstein1(x, y, options: options.exact)
    case .w2: return try wasserstein2(x, y, options: options.exact)
    case .w2sq: return try wasserstein2Squared(x, y, options: options.exact)
    case .sinkhorn: return try sinkhorn(x, y, options: options.sinkhorn).value
    case .mmd: return try mmd(x, y, options: options.mmd)
    case .energy: return try energyDistance(x, y, shouldStop: options.energyShouldStop)
    }
}
