import Foundation

/// log10 without ambiguity between Foundation's and the C library's overloads.
@inline(__always) func Foundation_log10(_ x: Double) -> Double { Foundation.log10(x) }

/// An exact decimal `mantissa × 10^exponent`, used for tick values so their labels are printed
/// from integers and never show binary rounding noise.
struct DecimalValue: Equatable, Sendable {
    var mantissa: Int64
    var exponent: Int

    /// The next smaller step of the 1-2-5 sequence: 5e → 2e, 2e → 1e, 1e → 5e-1.
    var nextSmallerNiceStep: DecimalValue {
        switch mantissa {
        case 5: DecimalValue(mantissa: 2, exponent: exponent)
        case 2: DecimalValue(mantissa: 1, exponent: exponent)
        default: DecimalValue(mantissa: 5, exponent: exponent - 1)
        }
    }

    /// The nearest Double, correctly rounded (parsed from its decimal text).
    var value: Double { Double("\(mantissa)e\(exponent)") ?? .nan }

    /// Fixed notation with exactly `decimals` digits after the point: (5, -1) with 2 → "0.50".
    func fixed(decimals: Int) -> String {
        let shift = decimals + exponent
        guard shift >= 0 else { return SVGNumber.digits(of: mantissa, pointFromRight: -exponent) }
        let scaled = mantissa * Self.powerOfTen(shift)
        if decimals == 0 { return String(scaled) }
        let text = String(scaled.magnitude)
        let padded = String(repeating: "0", count: max(0, decimals + 1 - text.count)) + text
        let split = padded.index(padded.endIndex, offsetBy: -decimals)
        return (scaled < 0 ? "-" : "") + padded[..<split] + "." + padded[split...]
    }

    /// Scientific notation with the shortest mantissa: (25, -6) → "2.5e-5", (1, 6) → "1e6".
    var scientific: String {
        if mantissa == 0 { return "0" }
        var digits = mantissa.magnitude
        var power = exponent
        while digits % 10 == 0 { digits /= 10; power += 1 }
        let text = String(digits)
        let leading = text.prefix(1)
        let rest = text.dropFirst()
        power += rest.count
        let sign = mantissa < 0 ? "-" : ""
        return sign + leading + (rest.isEmpty ? "" : "." + rest) + "e" + String(power)
    }

    /// Plain decimal text for moderate magnitudes (10^-4 through 10^5), scientific otherwise,
    /// with no trailing zeros: (2, -2) → "0.02", (1, 3) → "1000", (1, -6) → "1e-6".
    var readable: String {
        if mantissa == 0 { return "0" }
        var digits = mantissa
        var power = exponent
        while digits % 10 == 0 { digits /= 10; power += 1 }
        let magnitude = power + String(digits.magnitude).count - 1
        guard (-4...5).contains(magnitude) else { return scientific }
        if power >= 0 { return String(digits * Self.powerOfTen(power)) }
        return SVGNumber.digits(of: digits, pointFromRight: -power)
    }

    /// The shortest readable label for an arbitrary value (used only for degenerate axes).
    static func shortest(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        let significant = Double(String(format: "%.6g", locale: nil, value)) ?? value
        if significant == significant.rounded(), abs(significant) < 1e15 { return String(Int64(significant)) }
        var text = "\(significant)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    private static func powerOfTen(_ n: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<max(n, 0) { result *= 10 }
        return result
    }
}

extension DecimalValue {
    /// `value` rounded to `digits` significant digits and printed readably (no float noise):
    /// 0.18349 → "0.183", 1234.5 → "1235" (integer digits below 10^6 are never cut),
    /// 1.23456e-7 → "1.23e-7".
    static func significant(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        let magnitude = Int(Foundation_log10(abs(value)).rounded(.down))
        let shift = magnitude >= digits - 1 && magnitude <= 5 ? 0 : digits - 1 - magnitude
        let power = Foundation.pow(10, Double(abs(shift)))
        let scaled = (shift >= 0 ? value * power : value / power).rounded()
        guard scaled.isFinite, abs(scaled) < 9e15 else { return "\(value)" }
        return DecimalValue(mantissa: Int64(scaled), exponent: -shift).readable
    }
}

/// Decimal printing without binary rounding noise, for text made outside this module (the
/// notebook's tables and durations) that must agree with the plots' labels.
public enum DecimalText {
    /// `value` to `digits` significant digits: 0.18349 → "0.183" (see `DecimalValue.significant`).
    public static func significant(_ value: Double, digits: Int) -> String { DecimalValue.significant(value, digits: digits) }

    /// `mantissa × 10^-decimals` with exactly `decimals` digits after the point: (1660, 4) → "0.1660".
    public static func fixed(mantissa: Int64, decimals: Int) -> String {
        DecimalValue(mantissa: mantissa, exponent: -decimals).fixed(decimals: decimals)
    }
}
