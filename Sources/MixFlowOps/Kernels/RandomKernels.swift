// Default (generic) implementations of the random fills of `KernelScalar`. Random words are
// drawn one at a time (the generator is inherently sequential) into a small block, then the
// transform to the target distribution runs as a vectorisable loop over the block.

/// Pairs per Box-Muller block: 2 x 128 uniforms live on the stack.
private let normalBlockPairs = 128

extension KernelScalar {
    public static func fillUniform(_ n: Int, _ x: UnsafeMutablePointer<Self>, low: Self, high: Self,
                                   random: inout RandomStream) {
        let width = high - low
        for i in 0..<n { x[i] = low + width * unitUniform(random.next()) }
    }

    /// Box-Muller: for u1 in (0, 1], u2 in [0, 1), r = sqrt(-2 log u1) gives the two independent
    /// normals r cos(2 pi u2) and r sin(2 pi u2). A block of P pairs fills P cosine values then
    /// P sine values; an odd tail uses the cosine of one more pair. Uses 2 * ceil(n / 2) words.
    /// With Float, u1 has 24 random bits, so |z| <= 5.77 std (probability of more: 8e-9).
    public static func fillNormal(_ n: Int, _ x: UnsafeMutablePointer<Self>, mean: Self, std: Self,
                                  random: inout RandomStream) {
        withUnsafeTemporaryAllocation(of: Self.self, capacity: 2 * normalBlockPairs) { scratch in
            let u1 = scratch.baseAddress!, u2 = u1 + normalBlockPairs
            var start = 0
            while start < n {
                let pairs = min(normalBlockPairs, (n - start + 1) / 2)
                for i in 0..<pairs {
                    u1[i] = 1 - unitUniform(random.next())
                    u2[i] = unitUniform(random.next())
                }
                let cosOut = x + start, sinOut = x + start + pairs
                let sinCount = min(pairs, n - start - pairs)
                boxMuller(pairs, u1, u2, mean, std, cosOut, scratchSin: u1)
                // boxMuller left the sine values in u1; copy the ones that fit.
                for i in 0..<sinCount { sinOut[i] = u1[i] }
                start += pairs + sinCount
            }
        }
    }

    /// cosOut[i] = mean + std r_i cos(2 pi u2_i); the sine partners overwrite u1 in place.
    @inline(__always)
    static func boxMuller(_ pairs: Int, _ u1: UnsafeMutablePointer<Self>, _ u2: UnsafePointer<Self>,
                          _ mean: Self, _ std: Self, _ cosOut: UnsafeMutablePointer<Self>,
                          scratchSin: UnsafeMutablePointer<Self>) {
        for i in 0..<pairs {
            let radius = std * (-2 * fastLog(u1[i])).squareRoot()
            let (c, s) = fastCosSinTurns(u2[i])
            cosOut[i] = mean + radius * c
            scratchSin[i] = mean + radius * s
        }
    }

    /// Gumbel noise in double precision (u from `nextOpenUnit`, never 0 or 1), rounded to Self.
    public static func fillGumbel(_ n: Int, _ x: UnsafeMutablePointer<Self>, random: inout RandomStream) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * normalBlockPairs) { block in
            var start = 0
            while start < n {
                let count = min(block.count, n - start)
                for i in 0..<count { block[i] = random.nextOpenUnit() }
                for i in 0..<count { x[start + i] = Self(-Double.fastLog(-Double.fastLog(block[i]))) }
                start += count
            }
        }
    }

    public static func fillDropoutMask(_ n: Int, _ mask: UnsafeMutablePointer<Self>, keep: Self,
                                       random: inout RandomStream) {
        let scale = 1 / keep
        for i in 0..<n { mask[i] = unitUniform(random.next()) < keep ? scale : 0 }
    }
}
