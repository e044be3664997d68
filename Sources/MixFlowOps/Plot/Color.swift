/// An opaque sRGB colour, written into SVG as `#rrggbb`.
public struct Color: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses `#rgb`, `#rrggbb`, `rgb` or `rrggbb` (case-insensitive); nil for anything else.
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.first == "#" { digits = digits.dropFirst() }
        if digits.count == 3 { digits = Substring(digits.flatMap { [$0, $0] }) }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
    }

    /// A palette colour by name (blue, orange, green, vermillion, purple, sky, black, yellow,
    /// grey/gray), or a hex colour as accepted by `init(hex:)`; nil for anything else.
    public init?(name: String) {
        let key = name.lowercased()
        if let index = PlotPalette.names.firstIndex(of: key) {
            self = PlotPalette.series[index]
        } else if key == "grey" || key == "gray" {
            self = Color(red: 0x99, green: 0x99, blue: 0x99)
        } else if key == "white" {
            self = Color(red: 0xFF, green: 0xFF, blue: 0xFF)
        } else {
            self.init(hex: name)
        }
    }

    /// `#rrggbb` in lower case.
    public var hex: String {
        let value = (UInt32(red) << 16) | (UInt32(green) << 8) | UInt32(blue)
        let digits = String(value, radix: 16)
        return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    public var description: String { hex }

    /// This colour mixed with white: `amount` 0 keeps it, 1 gives white. Used for band fills.
    public func tinted(_ amount: Double) -> Color {
        func mix(_ c: UInt8) -> UInt8 {
            UInt8((Double(c) + (255 - Double(c)) * min(max(amount, 0), 1)).rounded())
        }
        return Color(red: mix(red), green: mix(green), blue: mix(blue))
    }
}

/// Colours used by the plots.
public enum PlotPalette {
    /// 24 categorical colours. The first eight are the Okabe–Ito palette (Okabe & Ito 2008),
    /// distinguishable under the common forms of colour blindness, ordered so the first colours
    /// have the strongest contrast on white: blue, orange, bluish green, vermillion, reddish
    /// purple, sky blue, black, yellow. The next sixteen were picked one at a time from a pool
    /// of published categorical colours (Kelly's, Tol's, Tableau's), each the one farthest in
    /// CIELAB from those already chosen, none lighter than L* 88 (they must show on white): every
    /// pair of the 24 is at least ΔE*76 25 apart, as far as the Okabe–Ito colours are from each
    /// other, so a plot of 20 cell types repeats no colour.
    public static let series: [Color] = [
        Color(red: 0x00, green: 0x72, blue: 0xB2),
        Color(red: 0xE6, green: 0x9F, blue: 0x00),
        Color(red: 0x00, green: 0x9E, blue: 0x73),
        Color(red: 0xD5, green: 0x5E, blue: 0x00),
        Color(red: 0xCC, green: 0x79, blue: 0xA7),
        Color(red: 0x56, green: 0xB4, blue: 0xE9),
        Color(red: 0x00, green: 0x00, blue: 0x00),
        Color(red: 0xF0, green: 0xE4, blue: 0x42),
        Color(red: 0xC2, green: 0xB2, blue: 0x80),
        Color(red: 0x33, green: 0x22, blue: 0x88),
        Color(red: 0xBE, green: 0x00, blue: 0x32),
        Color(red: 0x65, green: 0x45, blue: 0x22),
        Color(red: 0xF9, green: 0x93, blue: 0x79),
        Color(red: 0x33, green: 0xA0, blue: 0x2C),
        Color(red: 0x7F, green: 0x7F, blue: 0x7F),
        Color(red: 0x63, green: 0x79, blue: 0x39),
        Color(red: 0x88, green: 0x22, blue: 0x55),
        Color(red: 0x94, green: 0x67, blue: 0xBD),
        Color(red: 0x8D, green: 0xB6, blue: 0x00),
        Color(red: 0x88, green: 0x2D, blue: 0x17),
        Color(red: 0xCA, green: 0xB2, blue: 0xD6),
        Color(red: 0x2B, green: 0x3D, blue: 0x26),
        Color(red: 0x39, green: 0x3B, blue: 0x79),
        Color(red: 0x17, green: 0xBE, blue: 0xCF),
    ]

    /// Names of the first colours of `series`, in order, for `Color(name:)`.
    public static let names = ["blue", "orange", "green", "vermillion", "purple", "sky", "black", "yellow"]

    /// The `index`-th series colour, cycling when there are more series than colours.
    public static func color(_ index: Int) -> Color { series[((index % series.count) + series.count) % series.count] }

    /// Neutral colours for the frame, grid and text.
    static let text = Color(red: 0x22, green: 0x22, blue: 0x22)
    static let axis = Color(red: 0x55, green: 0x55, blue: 0x55)
    static let grid = Color(red: 0xE3, green: 0xE3, blue: 0xE3)
    static let mutedText = Color(red: 0x55, green: 0x55, blue: 0x55)

    /// Fills for shaded phase bands, cycled: light blue, light orange, light green, light purple.
    static let bands: [Color] = [
        Color(red: 0xE4, green: 0xEE, blue: 0xF8),
        Color(red: 0xFB, green: 0xEC, blue: 0xD5),
        Color(red: 0xE0, green: 0xF2, blue: 0xEA),
        Color(red: 0xF3, green: 0xE5, blue: 0xEE),
    ]
}
