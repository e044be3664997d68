/// Locale-independent fixed-point formatting for SVG coordinates and sizes.
///
/// Plots must be byte-for-byte reproducible, so numbers never go through `String(format:)` or a
/// shortest-round-trip printer whose output could differ between platforms: the value is scaled
/// by 10^decimals, rounded half away from zero to an integer, and the integer's digits are printed
/// with the decimal point put back. Trailing zeros and a trailing point are dropped; `-0` prints
/// as `0`.
enum SVGNumber {
    private static let scales: [Int64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// `value` with at most `decimals` (0...6) digits after the point, e.g. 12.345 → "12.3".
    static func format(_ value: Double, decimals: Int = 1) -> String {
        precondition((0...6).contains(decimals), "SVGNumber supports 0...6 decimals, got \(decimals)")
        guard value.isFinite else { return "0" }
        let scale = scales[decimals]
        let scaled = (value * Double(scale)).rounded()
        // Beyond 2^53 the value has no fractional digits left to print anyway.
        guard abs(scaled) < 9.0e15 else { return String(Int64(value.rounded())) }
        let units = Int64(scaled)
        if units == 0 { return "0" }
        return digits(of: units, pointFromRight: decimals)
    }

    /// The decimal digits of `units` with a point inserted `pointFromRight` digits from the right,
    /// trailing fractional zeros removed: (12340, 3) → "12.34", (5, 2) → "0.05", (-700, 2) → "-7".
    static func digits(of units: Int64, pointFromRight: Int) -> String {
        let negative = units < 0
        let magnitude = units.magnitude
        var text = String(magnitude)
        if pointFromRight > 0 {
            if text.count <= pointFromRight {
                text = String(repeating: "0", count: pointFromRight - text.count + 1) + text
            }
            let split = text.index(text.endIndex, offsetBy: -pointFromRight)
            var fraction = text[split...]
            while fraction.last == "0" { fraction = fraction.dropLast() }
            text = String(text[..<split]) + (fraction.isEmpty ? "" : "." + fraction)
        }
        return negative ? "-" + text : text
    }
}
