/// Approximate text widths, so labels can be laid out without overlapping.
///
/// SVG has no way to ask for a text's width before it is drawn, so layout uses a table of glyph
/// advance widths (in em) for printable ASCII. Each entry is the larger of DejaVu Sans and
/// Liberation Sans (metric-compatible with Arial/Helvetica), measured from the font files, so a
/// label measured here is at least as wide as it is drawn by any of the fonts in `fontFamily`.
enum TextMetrics {
    /// The font stack written into every SVG; all of them are no wider than the width table.
    static let fontFamily = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"

    /// Advance widths in em for U+0020 (space) through U+007E (tilde).
    private static let asciiWidths: [Double] = [
        0.318, 0.401, 0.460, 0.838, 0.636, 0.950, 0.780, 0.275, 0.390, 0.390, 0.500, 0.838,
        0.318, 0.361, 0.318, 0.337, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636,
        0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.556, 1.015, 0.684, 0.686, 0.722,
        0.770, 0.667, 0.611, 0.778, 0.752, 0.295, 0.500, 0.667, 0.557, 0.863, 0.748, 0.787,
        0.667, 0.787, 0.722, 0.667, 0.611, 0.732, 0.684, 0.989, 0.685, 0.667, 0.685, 0.390,
        0.337, 0.390, 0.838, 0.556, 0.500, 0.613, 0.635, 0.550, 0.635, 0.615, 0.352, 0.635,
        0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521,
        0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
    ]

    /// Width used for characters outside the table: wide enough for Latin letters with accents
    /// and most symbols; East Asian wide characters get a full em.
    private static let otherWidth = 0.85
    private static let wideWidth = 1.0

    /// Bold text is drawn wider; DejaVu Sans Bold is at most about 12% wider than the regular face.
    private static let boldFactor = 1.12

    /// The drawn width in pixels of `text` at `fontSize` pixels.
    static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += emWidth(scalar)
        }
        return ems * fontSize * (bold ? boldFactor : 1)
    }

    /// The height of one line of text: the font size plus room for ascenders and descenders.
    static func lineHeight(fontSize: Double) -> Double { fontSize * 1.25 }

    private static func emWidth(_ scalar: Unicode.Scalar) -> Double {
        let value = scalar.value
        if value >= 0x20 && value <= 0x7E { return asciiWidths[Int(value - 0x20)] }
        if value < 0x20 { return 0 }
        if (0x0300...0x036F).contains(value) { return 0 }  // combining marks add no advance
        if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFF00...0xFF60).contains(value) || value >= 0x1F300 {
            return wideWidth
        }
        return otherWidth
    }

    /// `text` shortened with a trailing ellipsis so it is at most `maxWidth` pixels wide.
    static func truncated(_ text: String, toWidth maxWidth: Double, fontSize: Double, bold: Bool = false) -> String {
        if width(text, fontSize: fontSize, bold: bold) <= maxWidth { return text }
        var characters = Array(text)
        while !characters.isEmpty,
              width(String(characters) + "\u{2026}", fontSize: fontSize, bold: bold) > maxWidth {
            characters.removeLast()
        }
        return characters.isEmpty ? "" : String(characters) + "\u{2026}"
    }
}
