import Foundation

/// Exponentials over buffers, written so the compiler vectorises them with plain SSE2: the
/// kernel sums of MMD and the log-sum-exps of Sinkhorn spend most of their time here, and
/// libm's scalar `exp` is several times slower.
///
/// Both versions compute exp(x) = 2^k exp(r) with k = round(x / ln 2), r = x - k ln 2 (ln 2 split
/// in two parts so r is exact, |r| <= ln 2 / 2) and 2^k built directly in the exponent bits.

/// Float64 exp: Taylor polynomial of degree 12 (truncation under 2e-16 relative) evaluated by
/// Estrin's scheme for a short dependency chain. Inputs are clamped to [-708, 709]; results
/// below e^-708 come out as about 3e-308 instead of a denormal, harmless in sums of kernel
/// values. Measured relative error under 5e-16.
@inline(__always)
func expApprox(_ input: Double) -> Double {
    let roundingShift = 6755399441055744.0          // 1.5 * 2^52: adding it rounds to an integer
    let x = min(max(input, -708.0), 709.0)
    let shifted = x * 1.4426950408889634 + roundingShift
    let k = shifted - roundingShift
    let r = (x - k * 0.693147180369123816490) - k * 1.90821492927058770002e-10
    let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
    let q0 = 1.0 + r, q1 = 0.5 + r * (1.0 / 6)
    let q2 = 1.0 / 24 + r * (1.0 / 120), q3 = 1.0 / 720 + r * (1.0 / 5040)
    let q4 = 1.0 / 40320 + r * (1.0 / 362880), q5 = 1.0 / 3628800 + r * (1.0 / 39916800)
    let s0 = q0 + r2 * q1, s1 = q2 + r2 * q3, s2 = q4 + r2 * q5
    let t0 = s0 + r4 * s1, t1 = s2 + r4 * (1.0 / 479001600)
    let p = t0 + r8 * t1
    // The low mantissa bits of `shifted` hold k; move k + 1023 into the exponent field.
    return p * Double(bitPattern: (shifted.bitPattern &+ 1023) << 52)
}

/// `values[k] = exp(values[k])` in Float64.
@inline(__always)
func vectorExp(_ values: UnsafeMutablePointer<Double>, count: Int) {
    for k in 0..<count { values[k] = expApprox(values[k]) }
}

/// Float32 exp: Taylor degree 6 (relative error about 2e-7), input clamped to [-87, 88] so
/// results stay normal. A loop over Float values vectorises four lanes wide, about four times
/// cheaper than the Float64 version; used where a 1e-7 relative error per term is harmless
/// (the log-sum-exps of Sinkhorn, which only need the potentials to ~1e-7 relative).
@inline(__always)
func expApproxFloat(_ input: Float) -> Float {
    let x = min(max(input, -87), 88)
    let shifted = x * 1.44269504 + 12582912                 // 1.5 * 2^23 rounds to an integer
    let k = shifted - 12582912
    let r = (x - k * 0.693359375) + k * 2.12194440e-4
    let r2 = r * r
    let q0 = 1 + r, q1 = 0.5 + r * (1 / 6 as Float), q2 = 1 / 24 + r * (1 / 120 as Float)
    let p = q0 + r2 * (q1 + r2 * (q2 + r2 * (1 / 720 as Float)))
    return p * Float(bitPattern: (shifted.bitPattern &+ 127) << 23)
}
