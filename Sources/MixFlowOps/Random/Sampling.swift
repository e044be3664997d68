/// Discrete draws: Gumbel noise, categorical draws, permutations and sampling without
/// replacement. Every algorithm is written out here (not delegated to the standard library,
/// whose shuffle algorithm may change between Swift versions) so a seed fixes the result.
extension RandomStream {
    /// Uniform in the open interval (0, 1): 52 random bits, centred in their cell, so the
    /// extremes are 2^-53 and 1 - 2^-53 (both exact: with 53 bits the top cell would round to 1).
    @inline(__always)
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1.0p-52
    }

    /// A standard Gumbel draw, -log(-log u) with u in (0, 1).
    public mutating func nextGumbel() -> Double {
        -Double.fastLog(-Double.fastLog(nextOpenUnit()))
    }

    /// An index drawn with probability proportional to `weights[i]` (non-negative, not all
    /// zero; they need not sum to 1), by inversion of the cumulative sum.
    public mutating func categorical<C: Collection>(weights: C) -> Int where C.Element: BinaryFloatingPoint {
        var total = 0.0
        for w in weights {
            precondition(w >= 0 && w.isFinite, "categorical: weights must be finite and >= 0, got \(w)")
            total += Double(w)
        }
        precondition(total > 0, "categorical: the weights are all zero")
        let target = nextDouble() * total
        var cumulative = 0.0
        var last = 0
        for (i, w) in weights.enumerated() {
            cumulative += Double(w)
            if w > 0 { last = i }
            if target < cumulative { return i }
        }
        return last   // rounding left target at the very top: the last positive weight
    }

    /// An index drawn from softmax(logits) by the Gumbel-max trick: argmax_i logits_i + G_i.
    public mutating func categorical<C: Collection>(logits: C) -> Int where C.Element: BinaryFloatingPoint {
        precondition(!logits.isEmpty, "categorical: no logits")
        var best = -Double.infinity, bestIndex = 0
        for (i, logit) in logits.enumerated() {
            let score = Double(logit) + nextGumbel()
            if score > best { best = score; bestIndex = i }
        }
        return bestIndex
    }

    /// One categorical draw per row of a matrix of logits (Gumbel-max).
    public mutating func categoricalRows<T: KernelScalar>(logits: Matrix<T>) -> [Int] {
        (0..<logits.rows).map { categorical(logits: logits[row: $0]) }
    }

    /// One categorical draw per row of a matrix of non-negative weights (inversion).
    public mutating func categoricalRows<T: KernelScalar>(weights: Matrix<T>) -> [Int] {
        (0..<weights.rows).map { categorical(weights: weights[row: $0]) }
    }

    /// Shuffles `array` in place (Fisher-Yates, from the back).
    public mutating func shuffle<Element>(_ array: inout [Element]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, nextInt(below: i + 1))
        }
    }

    /// A uniformly random permutation of 0..<n.
    public mutating func permutation(_ n: Int) -> [Int] {
        var indices = Array(0..<n)
        shuffle(&indices)
        return indices
    }

    /// k distinct indices from 0..<n, uniformly, in random order. Uses a partial Fisher-Yates
    /// shuffle when k is a sizeable fraction of n, and Floyd's algorithm (O(k) memory) when
    /// k is small next to n.
    public mutating func sampleWithoutReplacement(_ k: Int, from n: Int) -> [Int] {
        precondition(k >= 0 && k <= n, "sampleWithoutReplacement: cannot take \(k) of \(n)")
        if k * 8 >= n {
            var indices = Array(0..<n)
            for i in 0..<k { indices.swapAt(i, i + nextInt(below: n - i)) }
            return Array(indices.prefix(k))
        }
        var chosen = Set<Int>(minimumCapacity: k)
        var order: [Int] = []
        order.reserveCapacity(k)
        for j in (n - k)..<n {
            let candidate = nextInt(below: j + 1)
            let pick = chosen.contains(candidate) ? j : candidate
            chosen.insert(pick)
            order.append(pick)
        }
        shuffle(&order)
        return order
    }

    /// `count` independent streams: `stream(0)`, ..., `stream(count - 1)` (see `stream(_:)`).
    public func split(_ count: Int) -> [RandomStream] {
        (0..<count).map { stream(UInt64($0)) }
    }

    /// `count` standard normal draws (vectorised Box-Muller; see `KernelScalar.fillNormal`).
    public mutating func normals<T: KernelScalar>(_ count: Int, as _: T.Type = T.self) -> [T] {
        var values = [T](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { T.fillNormal(count, $0.baseAddress!, mean: 0, std: 1, random: &self) }
        return values
    }

    /// `count` uniform draws in [0, 1).
    public mutating func uniforms<T: KernelScalar>(_ count: Int, as _: T.Type = T.self) -> [T] {
        var values = [T](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { T.fillUniform(count, $0.baseAddress!, low: 0, high: 1, random: &self) }
        return values
    }
}
