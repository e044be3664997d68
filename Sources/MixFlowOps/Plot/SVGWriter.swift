/// Text anchoring of an SVG `<text>` element.
enum TextAnchor: String {
    case start, middle, end
}

/// Appends SVG 1.1 markup to a string. Attributes are written in the order given, numbers through
/// `SVGNumber`, and all text is escaped, so the output is well-formed XML and the same input always
/// gives the same bytes.
struct SVGWriter {
    private(set) var output = ""

    /// Starts a standalone SVG document of the given size with a white background; `title`
    /// becomes the document's `<title>` (read by screen readers, shown as a tooltip).
    init(width: Double, height: Double, title: String? = nil) {
        output.reserveCapacity(16_384)
        output += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"),
            ("width", svg1(width)), ("height", svg1(height)), ("viewBox", "0 0 \(svg1(width)) \(svg1(height))"),
            ("font-family", TextMetrics.fontFamily), ("font-size", "11"),
        ])
        if let title { output += "<title>" + Self.escape(title) + "</title>\n" }
        element("rect", [("width", svg1(width)), ("height", svg1(height)), ("fill", "#ffffff")])
    }

    /// Closes the document and returns it.
    mutating func finish() -> String {
        close("svg")
        return output
    }

    mutating func open(_ tag: String, _ attributes: [(String, String)] = []) {
        output += "<" + tag
        appendAttributes(attributes)
        output += ">\n"
    }

    mutating func close(_ tag: String) {
        output += "</" + tag + ">\n"
    }

    /// A self-closing element.
    mutating func element(_ tag: String, _ attributes: [(String, String)]) {
        output += "<" + tag
        appendAttributes(attributes)
        output += "/>\n"
    }

    /// A `<text>` element whose baseline starts at (x, y); rotated by `rotation` degrees about
    /// that point when non-zero.
    mutating func text(_ content: String, x: Double, y: Double, size: Double = 11, anchor: TextAnchor = .start,
                       bold: Bool = false, color: Color = PlotPalette.text, rotation: Double = 0) {
        var attributes: [(String, String)] = [("x", svg1(x)), ("y", svg1(y))]
        if size != 11 { attributes.append(("font-size", svg1(size))) }
        if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        if bold { attributes.append(("font-weight", "bold")) }
        attributes.append(("fill", color.hex))
        if rotation != 0 { attributes.append(("transform", "rotate(\(svg1(rotation)) \(svg1(x)) \(svg1(y)))")) }
        output += "<text"
        appendAttributes(attributes)
        output += ">" + Self.escape(content) + "</text>\n"
    }

    /// Appends raw, already well-formed markup (a path data string built by the caller, say).
    mutating func raw(_ markup: String) {
        output += markup
    }

    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            output += " " + name + "=\"" + Self.escape(value) + "\""
        }
    }

    /// Escapes text for XML content and attribute values. Characters XML 1.0 forbids (most
    /// control characters, unpaired surrogates cannot occur in a Swift String) become U+FFFD.
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var escaped = ""
        escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default:
                escaped.unicodeScalars.append(isForbidden(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return escaped
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "&" || scalar == "<" || scalar == ">" || scalar == "\"" || scalar == "'" || isForbidden(scalar)
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }
}

/// Short name for the fixed one-decimal formatting used for all pixel values.
@inline(__always) func svg1(_ value: Double) -> String { SVGNumber.format(value, decimals: 1) }

/// Two decimals, for opacities and small widths.
@inline(__always) func svg2(_ value: Double) -> String { SVGNumber.format(value, decimals: 2) }

/// Helpers for SVG produced elsewhere.
public enum SVGDocument {
    /// `svg` without its XML declaration and doctype, ready to be placed inside an HTML page.
    public static func inlineFragment(_ svg: String) -> String {
        var text = Substring(svg)
        while true {
            text = text.drop(while: { $0.isWhitespace })
            guard text.hasPrefix("<?") || text.hasPrefix("<!") else { break }
            guard let end = text.firstIndex(of: ">") else { break }
            text = text[text.index(after: end)...]
        }
        return String(text)
    }

    /// `text` escaped for XML content and attribute values (what the SVG writer uses), for
    /// markup built outside this module.
    public static func escape(_ text: String) -> String { SVGWriter.escape(text) }

    /// A pixel value as the SVG writer formats it (one decimal, trailing zeros dropped).
    public static func number(_ value: Double) -> String { SVGNumber.format(value) }
}
