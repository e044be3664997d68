#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal numbers parsed straight from bytes, without making a String per cell.
///
/// Accepts `[+-]digits[.digits][(e|E)[+-]digits]` with at least one digit in the mantissa, and
/// surrounding ASCII spaces or tabs. The common case (at most 19 mantissa digits, value
/// m x 10^e with m <= 2^53 and |e| <= 22) is computed exactly as one correctly rounded
/// multiplication or division (Clinger's fast path); everything else goes to `strtod`, so results
/// always equal `strtod`'s. Infinity, NaN and hexadecimal forms are not numbers here: CSV cells
/// like `inf` or `NA` are reported as non-numeric.
enum NumberParsing {
    /// 10^0 ... 10^22, all exact in Double; a literal so reading it needs no lazy initialisation
    /// or copying.
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    static func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        var i = start
        let negative = bytes[i] == 0x2D   // '-'
        if negative || bytes[i] == 0x2B { i += 1 }
        // Mantissa digits, all of them accumulated: 19 decimal digits always fit in UInt64, and
        // longer mantissas go to strtod below.
        var mantissa: UInt64 = 0
        var digitCount = accumulateDigits(bytes, &i, end: end, into: &mantissa)
        var exponent = 0
        if i < end, bytes[i] == 0x2E {   // '.'
            i += 1
            let fractionDigits = accumulateDigits(bytes, &i, end: end, into: &mantissa)
            exponent = -fractionDigits
            digitCount += fractionDigits
        }
        guard digitCount > 0 else { return nil }
        if i < end, bytes[i] | 0x20 == 0x65 {   // 'e' or 'E'
            guard let (value, next) = parseExponent(bytes, from: i + 1, end: end) else { return nil }
            exponent += value
            i = next
        }
        guard i == end else { return nil }
        if digitCount <= 19, mantissa <= (1 << 53), exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let value = exponent >= 0 ? m * powerOfTen(exponent) : m / powerOfTen(-exponent)
            return negative ? -value : value
        }
        return slowParse(bytes, start: start, end: end)
    }

    /// Appends the decimal digits starting at `i` to `mantissa` (wrapping past 19 digits, which
    /// the caller detects by the count) and returns how many there were.
    @inline(__always)
    private static func accumulateDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, end: Int,
                                         into mantissa: inout UInt64) -> Int {
        let start = i
        while i < end, bytes[i] &- 0x30 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
            i += 1
        }
        return i - start
    }

    /// The exponent digits after 'e': its value (clamped to +-100000, which already under- or
    /// overflows every Double) and the index after it.
    private static func parseExponent(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> (Int, Int)? {
        var i = start
        guard i < end else { return nil }
        let negative = bytes[i] == 0x2D
        if negative || bytes[i] == 0x2B { i += 1 }
        var value = 0, digits = 0
        while i < end, bytes[i] &- 0x30 < 10 {
            value = min(value * 10 + Int(bytes[i] &- 0x30), 100_000)
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        return (negative ? -value : value, i)
    }

    /// strtod on a NUL-terminated copy (the syntax was already checked above).
    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Double? {
        var copy = [CChar](repeating: 0, count: end - start + 1)
        for k in start..<end { copy[k - start] = CChar(bitPattern: bytes[k]) }
        let value = copy.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
        return value.isFinite ? value : nil
    }

    /// Parses a whole String (for condition values and small files).
    static func parseDouble(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parseDouble($0) }
    }
}
