// Polynomial approximations of exp, log, tanh and cos/sin that the compiler can vectorise: no
// libm calls, no traps, only arithmetic, bit casts and selects. Each reduces its argument to a
// small interval and evaluates a Taylor polynomial in Horner form; the degree is chosen so the
// truncation error sits well below one unit in the last place (ulp), leaving rounding as the
// main error (tests compare against libm in Float64: a few ulp at most). Horner steps are
// written c.addingProduct(p, x) = c + p * x, fused multiply-adds: one instruction each where
// the target has FMA (release builds on x86-64 target Haswell; every arm64 CPU has it).

extension Float {
    /// exp(x): x = n ln2 + r with |r| <= ln2/2 (Cody-Waite split of ln2), exp(r) by a degree-7
    /// Taylor polynomial (truncation < 1e-8 relative), 2^n built in the exponent bits. The
    /// rounding of x/ln2 uses the 1.5 * 2^23 trick, whose low mantissa bits are then n itself.
    @inline(__always)
    public static func fastExp(_ x: Float) -> Float {
        let upper: Float = 88.37, lower: Float = -87.33   // keeps n in [-126, 127]
        let xc = x > upper ? upper : (x < lower ? lower : x)
        let shifted = xc * 1.442695040888963 + 12_582_912.0
        let n = shifted - 12_582_912.0
        let r = (xc - n * 0.693359375) - n * -2.12194440e-4
        var p: Float = 1.0 / 5040.0
        p = Float(1.0 / 720.0).addingProduct(p, r)
        p = Float(1.0 / 120.0).addingProduct(p, r)
        p = Float(1.0 / 24.0).addingProduct(p, r)
        p = Float(1.0 / 6.0).addingProduct(p, r)
        p = Float(0.5).addingProduct(p, r)
        p = Float(1.0).addingProduct(p, r)
        p = Float(1.0).addingProduct(p, r)
        let twoToN = Float(bitPattern: (shifted.bitPattern &<< 23) &+ 0x3F80_0000)
        let y = p * twoToN
        return x < lower ? 0 : (x > upper ? .infinity : y)
    }

    /// log(x) for positive normal x: x = m 2^e with m in [sqrt(1/2), sqrt(2)), and
    /// log m = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.172, as an odd series in s.
    @inline(__always)
    public static func fastLog(_ x: Float) -> Float {
        let bits = x.bitPattern
        var e = Int32(bitPattern: bits >> 23) &- 127
        var m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000)
        let halve = m > 1.4142135
        m = halve ? m * 0.5 : m
        e = halve ? e &+ 1 : e
        let s = (m - 1) / (m + 1)
        let z = s * s
        var p: Float = 1.0 / 11.0
        p = Float(1.0 / 9.0).addingProduct(p, z)
        p = Float(1.0 / 7.0).addingProduct(p, z)
        p = Float(1.0 / 5.0).addingProduct(p, z)
        p = Float(1.0 / 3.0).addingProduct(p, z)
        p = Float(1.0).addingProduct(p, z)
        let ef = Float(e)
        return ef * 0.693359375 + (ef * -2.12194440e-4 + 2 * s * p)
    }

    /// tanh(x): odd Taylor series for |x| < 0.5, 1 - 2 / (exp(2|x|) + 1) beyond.
    @inline(__always)
    public static func fastTanh(_ x: Float) -> Float {
        let a = x.magnitude
        let z = x * x
        var p: Float = -929_569.0 / 638_512_875.0
        p = Float(21844.0 / 6_081_075.0).addingProduct(p, z)
        p = Float(-1382.0 / 155_925.0).addingProduct(p, z)
        p = Float(62.0 / 2835.0).addingProduct(p, z)
        p = Float(-17.0 / 315.0).addingProduct(p, z)
        p = Float(2.0 / 15.0).addingProduct(p, z)
        p = Float(-1.0 / 3.0).addingProduct(p, z)
        p = Float(1.0).addingProduct(p, z)
        let small = x * p
        let large = 1 - 2 / (fastExp(2 * a) + 1)
        return a < 0.5 ? small : (x < 0 ? -large : large)
    }

    /// (cos 2 pi u, sin 2 pi u): u is split exactly into quarter turns q and a remainder
    /// f in [-1/2, 1/2] quarter turn, theta = f pi/2 in [-pi/4, pi/4], then the quadrant swaps
    /// and negates the two short Taylor series.
    @inline(__always)
    public static func fastCosSinTurns(_ u: Float) -> (cos: Float, sin: Float) {
        let quarters = u * 4
        let shifted = quarters + 12_582_912.0
        let q = Int32(bitPattern: shifted.bitPattern) & 3
        let theta = (quarters - (shifted - 12_582_912.0)) * 1.5707963267948966
        let z = theta * theta
        var s: Float = 1.0 / 362_880.0
        s = Float(-1.0 / 5040.0).addingProduct(s, z)
        s = Float(1.0 / 120.0).addingProduct(s, z)
        s = Float(-1.0 / 6.0).addingProduct(s, z)
        s = (s * z + 1.0) * theta
        var c: Float = 1.0 / 40320.0
        c = Float(-1.0 / 720.0).addingProduct(c, z)
        c = Float(1.0 / 24.0).addingProduct(c, z)
        c = Float(-0.5).addingProduct(c, z)
        c = Float(1.0).addingProduct(c, z)
        return quadrant(q, cos: c, sin: s)
    }

    @inline(__always)
    static func quadrant(_ q: Int32, cos c: Float, sin s: Float) -> (cos: Float, sin: Float) {
        let swapped = (q & 1) != 0
        let cosine = swapped ? s : c, sine = swapped ? c : s
        let negateCos = ((q &+ 1) & 2) != 0, negateSin = (q & 2) != 0
        return (negateCos ? -cosine : cosine, negateSin ? -sine : sine)
    }
}

extension Double {
    /// exp(x) in double precision; same scheme as `Float.fastExp`, degree-13 polynomial.
    @inline(__always)
    public static func fastExp(_ x: Double) -> Double {
        let upper = 709.43, lower = -708.39   // keeps n in [-1022, 1023]
        let xc = x > upper ? upper : (x < lower ? lower : x)
        let shifted = xc * 1.4426950408889634 + 6_755_399_441_055_744.0
        let n = shifted - 6_755_399_441_055_744.0
        let r = (xc - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10
        var p: Double = 1.0 / 6_227_020_800.0
        p = Double(1.0 / 479_001_600.0).addingProduct(p, r)
        p = Double(1.0 / 39_916_800.0).addingProduct(p, r)
        p = Double(1.0 / 3_628_800.0).addingProduct(p, r)
        p = Double(1.0 / 362_880.0).addingProduct(p, r)
        p = Double(1.0 / 40320.0).addingProduct(p, r)
        p = Double(1.0 / 5040.0).addingProduct(p, r)
        p = Double(1.0 / 720.0).addingProduct(p, r)
        p = Double(1.0 / 120.0).addingProduct(p, r)
        p = Double(1.0 / 24.0).addingProduct(p, r)
        p = Double(1.0 / 6.0).addingProduct(p, r)
        p = Double(0.5).addingProduct(p, r)
        p = Double(1.0).addingProduct(p, r)
        p = Double(1.0).addingProduct(p, r)
        let twoToN = Double(bitPattern: (shifted.bitPattern &<< 52) &+ 0x3FF0_0000_0000_0000)
        let y = p * twoToN
        return x < lower ? 0 : (x > upper ? .infinity : y)
    }

    /// log(x) for positive normal x; same scheme as `Float.fastLog`, series to s^23.
    @inline(__always)
    public static func fastLog(_ x: Double) -> Double {
        let bits = x.bitPattern
        var e = Int64(bitPattern: bits >> 52) &- 1023
        var m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
        let halve = m > 1.4142135623730951
        m = halve ? m * 0.5 : m
        e = halve ? e &+ 1 : e
        let s = (m - 1) / (m + 1)
        let z = s * s
        var p: Double = 1.0 / 23.0
        for d in stride(from: 21, through: 1, by: -2) { p = Double(1.0 / Double(d)).addingProduct(p, z) }
        let ef = Double(e)
        return ef * 6.93147180369123816490e-01 + (ef * 1.90821492927058770002e-10 + 2 * s * p)
    }

    /// tanh(x): odd Taylor series for |x| < 0.2, 1 - 2 / (exp(2|x|) + 1) beyond.
    @inline(__always)
    public static func fastTanh(_ x: Double) -> Double {
        let a = x.magnitude
        let z = x * x
        var p: Double = 6_404_582.0 / 10_854_718_875.0
        p = Double(-929_569.0 / 638_512_875.0).addingProduct(p, z)
        p = Double(21844.0 / 6_081_075.0).addingProduct(p, z)
        p = Double(-1382.0 / 155_925.0).addingProduct(p, z)
        p = Double(62.0 / 2835.0).addingProduct(p, z)
        p = Double(-17.0 / 315.0).addingProduct(p, z)
        p = Double(2.0 / 15.0).addingProduct(p, z)
        p = Double(-1.0 / 3.0).addingProduct(p, z)
        p = Double(1.0).addingProduct(p, z)
        let small = x * p
        let large = 1 - 2 / (fastExp(2 * a) + 1)
        return a < 0.2 ? small : (x < 0 ? -large : large)
    }

    /// (cos 2 pi u, sin 2 pi u); same scheme as `Float.fastCosSinTurns`, series to theta^17.
    @inline(__always)
    public static func fastCosSinTurns(_ u: Double) -> (cos: Double, sin: Double) {
        let quarters = u * 4
        let shifted = quarters + 6_755_399_441_055_744.0
        let q = Int64(bitPattern: shifted.bitPattern) & 3
        let theta = (quarters - (shifted - 6_755_399_441_055_744.0)) * 1.5707963267948966
        let z = theta * theta
        var s = 1.0 / 355_687_428_096_000.0          // 1/17!
        var c = 1.0 / 20_922_789_888_000.0           // 1/16!
        // Descend through the odd (sine) and even (cosine) factorials: k! for k = 15 ... 1.
        var factorial = 20_922_789_888_000.0 / 16.0   // 15!
        var sign = -1.0
        for k in stride(from: 15, through: 1, by: -2) {
            s = Double(sign / factorial).addingProduct(s, z)
            factorial /= Double(k)                  // (k-1)!
            c = Double(sign / factorial).addingProduct(c, z)
            factorial /= Double(k - 1)              // (k-2)!
            sign = -sign
        }
        s *= theta
        let swapped = (q & 1) != 0
        let cosine = swapped ? s : c, sine = swapped ? c : s
        let negateCos = ((q &+ 1) & 2) != 0, negateSin = (q & 2) != 0
        return (negateCos ? -cosine : cosine, negateSin ? -sine : sine)
    }
}
