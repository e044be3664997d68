@testable import MixFlowOps

/// Deterministic test data made with integer arithmetic only (no libm), so goldens do not depend
/// on the platform's math library.
struct PlotTestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// Uniform in [0, 1) from a 64-bit LCG (Knuth's MMIX constants), top 53 bits.
    mutating func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / 9_007_199_254_740_992.0
    }

    /// Approximately standard normal: sum of 12 uniforms minus 6.
    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += uniform() }
        return sum - 6
    }
}

enum PlotSamples {
    /// Stroke segments of a few capital letters in the unit square.
    static let strokes: [String: [(SIMD2<Double>, SIMD2<Double>)]] = [
        "A": [(SIMD2(0, 0), SIMD2(0.5, 1)), (SIMD2(0.5, 1), SIMD2(1, 0)), (SIMD2(0.25, 0.5), SIMD2(0.75, 0.5))],
        "E": [(SIMD2(0, 0), SIMD2(0, 1)), (SIMD2(0, 1), SIMD2(0.9, 1)), (SIMD2(0, 0.5), SIMD2(0.7, 0.5)), (SIMD2(0, 0), SIMD2(0.9, 0))],
        "T": [(SIMD2(0, 1), SIMD2(1, 1)), (SIMD2(0.5, 1), SIMD2(0.5, 0))],
    ]

    /// `count` points along the strokes of `letter`, centred, rotated by a multiple of 90°, with
    /// noise of standard deviation `noise`.
    static func letter(_ letter: String, quarterTurns: Int, count: Int, noise: Double, seed: UInt64) -> (xs: [Double], ys: [Double]) {
        var random = PlotTestRandom(seed: seed)
        let segments = strokes[letter]!
        var xs: [Double] = [], ys: [Double] = []
        for i in 0..<count {
            let (a, b) = segments[i % segments.count]
            let t = random.uniform()
            var p = a + (b - a) * t - SIMD2(0.5, 0.5)
            for _ in 0..<(quarterTurns % 4) { p = SIMD2(-p.y, p.x) }
            xs.append(p.x + noise * random.normal())
            ys.append(p.y + noise * random.normal())
        }
        return (xs, ys)
    }

    /// A decaying noisy loss curve: `scale * (0.05 + 1/(1 + step/tau))` times log-normal-ish noise.
    static func loss(steps: Int, scale: Double, tau: Double, seed: UInt64) -> (xs: [Double], ys: [Double]) {
        var random = PlotTestRandom(seed: seed)
        let xs = (0..<steps).map(Double.init)
        let ys = xs.map { step in scale * (0.05 + 1 / (1 + step / tau)) * (1 + 0.15 * random.normal()) }
        return (xs, ys.map { abs($0) })
    }
}
