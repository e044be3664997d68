// Default (generic) implementations of the reductions of `KernelScalar`. Floating-point sums are
// not reassociated by the compiler, so the loops carry explicit 8-lane SIMD accumulators; the
// lanes are added once at the end (the summation order is fixed, so results are deterministic).

extension KernelScalar {
    @inline(__always)
    static func load8(_ p: UnsafePointer<Self>) -> SIMD8<Self> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Self>.self)
    }

    public static func sum(_ n: Int, _ x: UnsafePointer<Self>) -> Self {
        var acc = SIMD8<Self>()
        var i = 0
        while i + 8 <= n { acc += load8(x + i); i += 8 }
        var total = acc.sum()
        while i < n { total += x[i]; i += 1 }
        return total
    }

    public static func dot(_ n: Int, _ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>) -> Self {
        var acc = SIMD8<Self>()
        var i = 0
        while i + 8 <= n { acc += load8(x + i) * load8(y + i); i += 8 }
        var total = acc.sum()
        while i < n { total += x[i] * y[i]; i += 1 }
        return total
    }

    public static func sumOfSquares(_ n: Int, _ x: UnsafePointer<Self>) -> Self {
        dot(n, x, x)
    }

    public static func columnSums(rows: Int, cols: Int, _ x: UnsafePointer<Self>, ldx: Int,
                                  into out: UnsafeMutablePointer<Self>, accumulate: Bool) {
        if !accumulate { fill(cols, 0, out) }
        for r in 0..<rows {
            let row = x + r * ldx
            for c in 0..<cols { out[c] += row[c] }
        }
    }

    public static func squaredError(_ n: Int, _ p: UnsafePointer<Self>, _ q: UnsafePointer<Self>,
                                    gradient: UnsafeMutablePointer<Self>?, gradientScale: Self) -> Self {
        var acc = SIMD8<Self>()
        var i = 0
        while i + 8 <= n {
            let d = load8(p + i) - load8(q + i)
            acc += d * d
            if let g = gradient { UnsafeMutableRawPointer(g + i).storeBytes(of: d * gradientScale, as: SIMD8<Self>.self) }
            i += 8
        }
        var total = acc.sum()
        while i < n {
            let d = p[i] - q[i]
            total += d * d
            gradient?[i] = d * gradientScale
            i += 1
        }
        return total
    }

    public static func scaledRMS(_ n: Int, error: UnsafePointer<Self>, _ a: UnsafePointer<Self>,
                                 _ b: UnsafePointer<Self>, atol: Self, rtol: Self) -> Self {
        guard n > 0 else { return 0 }
        var total: Self = 0
        for i in 0..<n {
            let ma = a[i].magnitude, mb = b[i].magnitude
            let tolerance = atol + rtol * (ma > mb ? ma : mb)
            let ratio = error[i] / tolerance
            total += ratio * ratio
        }
        return (total / Self(n)).squareRoot()
    }
}
