import MixFlowOps

/// Memory estimates for `train` and `sample`, checked against `MemoryBudget` before the
/// networks, batches or samples are allocated. The estimates are upper bounds within a small
/// factor (weights, gradients, two Adam moments and the rollback snapshot per parameter;
/// forward caches and gradients per activation); their job is to refuse `hidden=[999999, 999999]`
/// or `batch=1000000000` with a message instead of an abort, not to account for every byte.
enum ModelMemory {
    /// Bytes per network parameter while training (Float weights, gradient, Adam m and v,
    /// rollback copy, slack).
    static let bytesPerParameter = 24
    /// Bytes per activation value in a forward and backward pass (Float, cached, gradient, slack).
    static let bytesPerActivation = 16

    /// The refusal for training `model` on `data` with `options`, or nil when it fits.
    static func trainingExcess(_ model: FlowModel, data: Dataset, options: TrainingOptions,
                               request: String) -> MemoryBudgetExceeded? {
        let dimension = data.dimension, width = data.descriptorDimension
        let networks = model.options.estimatedNetworkSizes(dimension: dimension, descriptorWidth: width)
        let perCondition = options.pointsPerCondition, conditions = options.conditionsPerStep
        let pool = max(options.pairedPoints(for: .velocity), options.pairedPoints(for: .base))
        let components = model.options.base?.components ?? 1
        let shownParameters = networks.parameters == Int.max ? "too many to count" : "\(networks.parameters)"
        let request = "\(request) (network parameters: \(shownParameters);"
            + " \(conditions) conditions x \(perCondition) points per step" + (pool > perCondition ? ", OT pool \(pool))" : ")")
        return excess(request, [
            [networks.parameters, bytesPerParameter],
            [conditions, perCondition, networks.activations, bytesPerActivation],
            // the OT pairing of each condition's pool: a dense cost matrix and solver copies per thread
            [pool, pool, 24, 2],
            // base draws of the pools: each point's distance to every component
            [conditions, pool, components, saturatingSum([dimension, 1]), 8],
        ])
    }

    /// The refusal for sampling `count` points for each of `conditions` conditions, or nil.
    static func samplingExcess(_ model: FlowModel, conditions: Int, count: Int, recordedTimes: Int,
                               request: String) -> MemoryBudgetExceeded? {
        guard let layout = model.layout else { return nil }
        let networks = model.options.estimatedNetworkSizes(dimension: layout.dimension, descriptorWidth: layout.descriptorWidth)
        return excess(request, [
            // results, base points and solver stages per point (Double), plus recorded snapshots
            [conditions, count, layout.dimension, 8 * (recordedTimes + 10)],
            [count, networks.activations, bytesPerActivation],
        ])
    }

    /// The sum of the products in `terms`, refused as `request` when over the budget or overflowing.
    private static func excess(_ request: String, _ terms: [[Int]]) -> MemoryBudgetExceeded? {
        var total = 0
        for term in terms {
            guard let bytes = MemoryBudget.checkedProduct(term) else { return MemoryBudget.excess(request, counts: [-1], bytesPerItem: 1) }
            let (sum, overflow) = total.addingReportingOverflow(bytes)
            if overflow { return MemoryBudget.excess(request, counts: [-1], bytesPerItem: 1) }
            total = sum
        }
        return MemoryBudget.excess(request, counts: [total], bytesPerItem: 1)
    }

    private static func saturatingSum(_ values: [Int]) -> Int {
        var total = 0
        for value in values {
            let (sum, overflow) = total.addingReportingOverflow(value)
            if overflow { return Int.max }
            total = sum
        }
        return total
    }
}
