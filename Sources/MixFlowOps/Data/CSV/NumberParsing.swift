#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal numbers parsed straight from bytes, without making a String per cell.
///
/// Accepts `[+-]digits[.digits][(e|E)[+-]digits]` with at least one digit in the mantissa, and
/// surrounding ASCII spaces or tabs. The common case (at most 19 significant digits, value
/// m x 10^e with m <= 2^53 and |e| <= 22) is computed exactly as one correctly rounded
/// multiplication or division (Clinger's fast path); everything else goes to `strtod`, so results
/// always equal `strtod`'s. Infinity, NaN and hexadecimal forms are not numbers here: CSV cells
/// like `inf` or `NA` are reported as non-numeric.
enum NumberParsing {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    static func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        var i = start
        let negative = bytes[i] == 0x2D   // '-'
        if negative || bytes[i] == 0x2B { i += 1 }
        var mantissa: UInt64 = 0
        var significantDigits = 0, digitCount = 0, exponent = 0
        var exact = true
        // Integer and fraction digits; leading zeros are not significant.
        var seenPoint = false
        while i < end {
            let byte = bytes[i]
            if byte == 0x2E, !seenPoint { seenPoint = true; i += 1; continue }
            let digit = byte &- 0x30
            guard digit < 10 else { break }
            digitCount += 1
            if mantissa == 0 && digit == 0 {
                if seenPoint { exponent -= 1 }
            } else if significantDigits < 19 {
                mantissa = mantissa * 10 + UInt64(digit)
                significantDigits += 1
                if seenPoint { exponent -= 1 }
            } else {
                exact = false   // more than 19 significant digits: leave it to strtod
                if !seenPoint { exponent += 1 }
            }
            i += 1
        }
        guard digitCount > 0 else { return nil }
        if i < end, bytes[i] | 0x20 == 0x65 {   // 'e' or 'E'
            guard let (value, next) = parseExponent(bytes, from: i + 1, end: end) else { return nil }
            exponent += value
            i = next
        }
        guard i == end else { return nil }
        if exact, mantissa <= (1 << 53), abs(exponent) <= 22 {
            let m = Double(mantissa)
            let value = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
            return negative ? -value : value
        }
        return slowParse(bytes, start: start, end: end)
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
