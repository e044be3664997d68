import Foundation

/// The log-sum-exp over rows of a dense cost matrix that every Sinkhorn update needs:
///
///     lse_i = log sum_j exp(h_j - C_ij / eps)
///
/// Each row is shifted by a guess of its result (the row's previous log-sum-exp, which moves
/// little between annealing steps) so the exponentials stay in Float32 range; if the guess
/// was off by more than ~57 (sum outside [1e-25, 1e25]) the row is redone with its exact
/// maximum. The shifted exponents are formed in Float64 and exponentiated in Float32
/// (`expApproxFloat`), three vectorisable passes over a row buffer. Float32 terms put an error
/// of about 2e-7 * eps into each potential, negligible unless eps is large next to the costs;
/// `precise` rows use Float64 exponentials instead.
final class RowLogSumExp {
    let costs: Matrix<Double>
    let precise: Bool
    /// Last result per row, the next call's shift; NaN until the first call.
    private var guesses: [Double]

    init(costs: Matrix<Double>, precise: Bool) {
        self.costs = costs
        self.precise = precise
        guesses = [Double](repeating: .nan, count: costs.rows)
    }

    /// `-eps * lse_i` for every row i, with `h` of length `costs.cols`. Rows are split over
    /// up to two threads.
    func softmin(_ h: [Double], epsilon: Double) -> [Double] {
        let rows = costs.rows, cols = costs.cols
        let inverse = 1 / epsilon
        let chunks = rows * cols >= 200_000 ? 2 : 1
        guesses.withUnsafeMutableBufferPointer { guess in
            costs.storage.withUnsafeBufferPointer { c in
                h.withUnsafeBufferPointer { ph in
                    let g = guess.baseAddress!, pc = c.baseAddress!, hp = ph.baseAddress!
                    nonisolated(unsafe) let (gs, cs, hs) = (g, pc, hp)
                    let precise = self.precise
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: max(cols, 1))
                        defer { scratch.deallocate() }
                        for i in (rows * chunk / chunks)..<(rows * (chunk + 1) / chunks) {
                            gs[i] = rowLogSumExp(cs + i * cols, hs, inverse, cols, gs[i], scratch, precise: precise)
                        }
                    }
                }
            }
        }
        return guesses.map { -epsilon * $0 }
    }
}

/// `log sum_j exp(h_j - c_j * inverseEps)` for one row, shifted by `guess` (NaN: exact maximum).
func rowLogSumExp(_ c: UnsafePointer<Double>, _ h: UnsafePointer<Double>, _ inverseEps: Double,
                  _ count: Int, _ guess: Double, _ scratch: UnsafeMutablePointer<Double>,
                  precise: Bool) -> Double {
    var shift = guess.isFinite ? guess : rowMaximum(c, h, inverseEps, count)
    func sum() -> Double {
        precise ? preciseExpSum(c, h, inverseEps, count, shift, scratch)
            : shiftedExpSum(c, h, inverseEps, count, shift,
                            UnsafeMutableRawPointer(scratch).assumingMemoryBound(to: Float.self))
    }
    var total = sum()
    if !(total > 1e-25 && total < 1e25) {
        shift = rowMaximum(c, h, inverseEps, count)
        total = sum()
    }
    return shift + log(total)
}

/// Float64 version of `shiftedExpSum`.
@inline(__always)
private func preciseExpSum(_ c: UnsafePointer<Double>, _ h: UnsafePointer<Double>, _ inverseEps: Double,
                           _ count: Int, _ shift: Double, _ scratch: UnsafeMutablePointer<Double>) -> Double {
    for j in 0..<count { scratch[j] = expApprox(h[j] - c[j] * inverseEps - shift) }
    return partialSums(scratch, count: count)
}

/// `sum_j exp(h_j - c_j * inverseEps - shift)`, exponentials in Float32, sum in eight partial
/// sums (a single running sum would serialise on the adder's latency).
@inline(__always)
private func shiftedExpSum(_ c: UnsafePointer<Double>, _ h: UnsafePointer<Double>, _ inverseEps: Double,
                           _ count: Int, _ shift: Double, _ scratch: UnsafeMutablePointer<Float>) -> Double {
    for j in 0..<count { scratch[j] = Float(h[j] - c[j] * inverseEps - shift) }
    for j in 0..<count { scratch[j] = expApproxFloat(scratch[j]) }
    var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
    var s4: Float = 0, s5: Float = 0, s6: Float = 0, s7: Float = 0
    var j = 0
    while j + 8 <= count {
        s0 += scratch[j]; s1 += scratch[j + 1]; s2 += scratch[j + 2]; s3 += scratch[j + 3]
        s4 += scratch[j + 4]; s5 += scratch[j + 5]; s6 += scratch[j + 6]; s7 += scratch[j + 7]
        j += 8
    }
    while j < count { s0 += scratch[j]; j += 1 }
    return Double((s0 + s1) + (s2 + s3)) + Double((s4 + s5) + (s6 + s7))
}

/// `max_j (h_j - c_j * inverseEps)`.
private func rowMaximum(_ c: UnsafePointer<Double>, _ h: UnsafePointer<Double>, _ inverseEps: Double,
                        _ count: Int) -> Double {
    var largest = -Double.infinity
    for j in 0..<count { largest = max(largest, h[j] - c[j] * inverseEps) }
    return largest
}
