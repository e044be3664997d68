/// Compact path encoding of point markers.
///
/// A layer of thousands of points is one `<path>` whose data is `M x y` plus a fixed relative
/// suffix per point. Circles are zero-length segments (`h0`) stroked with round caps as wide as
/// the marker (SVG 1.1 draws round caps on zero-length subpaths), about 13 bytes per point; the
/// other shapes are short relative outlines. (Square caps on zero-length segments are not drawn
/// reliably by librsvg, so squares are outlines too.)
enum MarkerPath {
    /// The path data drawn after `M x y` for one marker of diameter `size`.
    static func suffix(_ shape: MarkerShape, size: Double) -> String {
        let r = size / 2
        switch shape {
        case .circle:
            return "h0"
        case .square:
            let h = r * 0.886
            return "m-\(svg1(h))-\(svg1(h))h\(svg1(2 * h))v\(svg1(2 * h))h-\(svg1(2 * h))z"
        case .diamond:
            let d = r * 1.25
            return "m0-\(svg1(d))l\(svg1(d)) \(svg1(d))-\(svg1(d)) \(svg1(d))-\(svg1(d))-\(svg1(d))z"
        case .triangle:
            let h = r * 1.2
            return "m0-\(svg1(h))l\(svg1(h * 0.866)) \(svg1(h * 1.5))h-\(svg1(h * 1.732))z"
        case .plus:
            return "m-\(svg1(r)) 0h\(svg1(2 * r))m-\(svg1(r))-\(svg1(r))v\(svg1(2 * r))"
        case .cross:
            let d = r * 0.8
            return "m-\(svg1(d))-\(svg1(d))l\(svg1(2 * d)) \(svg1(2 * d))m0-\(svg1(2 * d))l-\(svg1(2 * d)) \(svg1(2 * d))"
        }
    }

    /// Paint attributes for a path of markers of one colour and opacity.
    static func style(_ shape: MarkerShape, size: Double, color: Color, opacity: Double) -> [(String, String)] {
        switch shape {
        case .circle:
            return strokeDots(width: size, cap: "round", color: color, opacity: opacity)
        case .square, .diamond, .triangle:
            var attributes = [("fill", color.hex)]
            if opacity < 1 { attributes.append(("fill-opacity", svg2(opacity))) }
            return attributes
        case .plus, .cross:
            var attributes = [("fill", "none"), ("stroke", color.hex), ("stroke-width", svg2(max(1, size / 5)))]
            if opacity < 1 { attributes.append(("stroke-opacity", svg2(opacity))) }
            return attributes
        }
    }

    private static func strokeDots(width: Double, cap: String, color: Color, opacity: Double) -> [(String, String)] {
        var attributes = [("fill", "none"), ("stroke", color.hex), ("stroke-width", svg2(width)),
                          ("stroke-linecap", cap)]
        if opacity < 1 { attributes.append(("stroke-opacity", svg2(opacity))) }
        return attributes
    }

    /// The path data for markers at the given pixel positions.
    static func data(_ shape: MarkerShape, size: Double, at points: [SIMD2<Double>]) -> String {
        let tail = suffix(shape, size: size)
        var d = ""
        d.reserveCapacity(points.count * (12 + tail.utf8.count))
        for p in points {
            d += "M" + svg1(p.x) + " " + svg1(p.y) + tail
        }
        return d
    }
}
