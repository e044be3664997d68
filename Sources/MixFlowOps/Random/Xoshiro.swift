/// The seeded random generator behind every random draw in mfsh: xoshiro256** (Blackman and
/// Vigna, 2018), 256 bits of state, period 2^256 - 1, seeded through SplitMix64 so that nearby
/// seeds give unrelated streams. The same seed gives the same bits on every machine.
///
/// Independent streams for parallel work come from `stream(_:)`, which derives a new generator
/// from this one's seed and a stream index (not from the current position), so results do not
/// depend on the order in which threads draw.
///
/// Draws: `next()` (64 bits), `nextDouble`/`nextFloat` (uniform [0, 1)), `nextOpenUnit`
/// (uniform (0, 1)), `nextInt(below:)`, `nextNormal`, `nextGumbel`; `categorical(weights:)`,
/// `categorical(logits:)`, `permutation`, `shuffle`, `sampleWithoutReplacement`, `split`
/// (Sampling.swift); vectorised bulk fills `normals`, `uniforms` and, on matrices,
/// `fillNormal` / `fillUniform` (Kernels/RandomKernels.swift).
public struct RandomStream: RandomNumberGenerator, Sendable, Equatable {
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)
    /// The seed this stream was made from (for deriving sub-streams and for reports).
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        var mixer = SplitMix64(state: seed)
        state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
        // All-zero state is the one fixed point of xoshiro; SplitMix64 cannot produce four zero
        // words in a row, but keep the guarantee explicit.
        if state == (0, 0, 0, 0) { state.0 = 0x9E37_79B9_7F4A_7C15 }
    }

    public static func == (lhs: RandomStream, rhs: RandomStream) -> Bool {
        lhs.state == rhs.state && lhs.seed == rhs.seed
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    /// Sub-stream `index` of this stream's seed: deterministic, independent of how many numbers
    /// have been drawn from `self`.
    public func stream(_ index: UInt64) -> RandomStream {
        var mixer = SplitMix64(state: seed ^ 0xD1B5_4A32_D192_ED03)
        var derived = mixer.next()
        mixer = SplitMix64(state: derived &+ index &* 0x9E37_79B9_7F4A_7C15)
        derived = mixer.next()
        return RandomStream(seed: derived)
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [0, 1) with 24 random bits.
    @inline(__always)
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// Uniform integer in `0..<bound` without modulo bias (Lemire's method).
    @inline(__always)
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound, got \(bound)")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// One standard normal draw (Box-Muller; the second value of the pair is discarded so the
    /// stream position does not depend on call history). Use `fillNormal` for bulk draws.
    public mutating func nextNormal() -> Double {
        let u1 = 1.0 - nextDouble()   // (0, 1]: log stays finite
        let u2 = nextDouble()
        return (-2.0 * _log(u1)).squareRoot() * _cos(2.0 * Double.pi * u2)
    }
}

@inline(__always)
private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

/// SplitMix64 (Steele, Lea and Flood), used only to expand seeds.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
