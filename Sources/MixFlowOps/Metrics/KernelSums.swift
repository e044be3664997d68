/// How to evaluate exp(-g d) for a set of gammas with as few exponentials as possible: in
/// ascending order, a gamma that is an integer multiple r (2...64) of an earlier one is that
/// kernel raised to the power r; the others call `expApprox`.
struct KernelPowerPlan: Sendable {
    struct Step: Sendable {
        var gamma: Double
        /// Index (into `steps`) of the kernel to raise to `power`, or nil for a direct exp.
        var base: Int?
        var power: Int
    }
    let steps: [Step]
    var count: Int { steps.count }

    init(gammas: [Double]) {
        var steps: [Step] = []
        for gamma in gammas.sorted() {
            var chosen: Step = Step(gamma: gamma, base: nil, power: 1)
            for (index, earlier) in steps.enumerated().reversed() {
                let ratio = gamma / earlier.gamma
                let rounded = ratio.rounded()
                if rounded >= 2, rounded <= 64, abs(ratio - rounded) <= 1e-12 * ratio {
                    chosen = Step(gamma: gamma, base: index, power: Int(rounded))
                    break
                }
            }
            steps.append(chosen)
        }
        self.steps = steps
    }
}

/// Sums of each RBF kernel over the pairs fed to it (a `PairwiseReducer`).
struct KernelSums: PairwiseReducer {
    let plan: KernelPowerPlan
    /// Per gamma (in `plan.steps` order): sum over all pairs, and over the diagonal alone.
    var sums: [Double]
    var diagonalSums: [Double]

    static let chunk = 256

    init(plan: KernelPowerPlan) {
        self.plan = plan
        sums = [Double](repeating: 0, count: plan.count)
        diagonalSums = [Double](repeating: 0, count: plan.count)
    }

    mutating func add(_ d: UnsafePointer<Double>, count: Int, weight: Double) {
        let g = plan.count, size = Self.chunk
        withUnsafeTemporaryAllocation(of: Double.self, capacity: (g + 1) * size) { buffer in
            let values = buffer.baseAddress!, spare = values + g * size
            var start = 0
            while start < count {
                let length = min(size, count - start)
                for (k, step) in plan.steps.enumerated() {
                    let out = values + k * size
                    if let base = step.base {
                        raise(values + base * size, to: step.power, into: out, spare: spare, count: length)
                    } else {
                        let scale = -step.gamma
                        for j in 0..<length { out[j] = expApprox(scale * d[start + j]) }
                    }
                    sums[k] += weight * partialSums(out, count: length)
                }
                start += length
            }
        }
    }

    mutating func addDiagonal(_ squaredDistance: Double) {
        for (k, step) in plan.steps.enumerated() {
            let value = expApprox(-step.gamma * squaredDistance)
            sums[k] += value
            diagonalSums[k] += value
        }
    }

    mutating func merge(_ other: KernelSums) {
        for k in 0..<plan.count {
            sums[k] += other.sums[k]
            diagonalSums[k] += other.diagonalSums[k]
        }
    }
}

/// `out[j] = source[j]^power` by binary powering over the whole chunk (vectorisable loops).
/// Squares below 1e-150 are flushed to zero so products never become slow denormals.
@inline(__always)
private func raise(_ source: UnsafePointer<Double>, to power: Int, into out: UnsafeMutablePointer<Double>,
                   spare: UnsafeMutablePointer<Double>, count: Int) {
    for j in 0..<count { out[j] = 1; spare[j] = source[j] }
    var e = power
    while true {
        if e & 1 == 1 { for j in 0..<count { out[j] *= spare[j] } }
        e >>= 1
        if e == 0 { break }
        for j in 0..<count {
            let square = spare[j] * spare[j]
            spare[j] = square < 1e-150 ? 0 : square
        }
    }
}

/// Sum of `count` values with eight independent partial sums (a single running sum would
/// wait on the adder's latency for every element).
@inline(__always)
func partialSums(_ values: UnsafePointer<Double>, count: Int) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0
    var j = 0
    while j + 8 <= count {
        s0 += values[j]; s1 += values[j + 1]; s2 += values[j + 2]; s3 += values[j + 3]
        s4 += values[j + 4]; s5 += values[j + 5]; s6 += values[j + 6]; s7 += values[j + 7]
        j += 8
    }
    while j < count { s0 += values[j]; j += 1 }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
}
