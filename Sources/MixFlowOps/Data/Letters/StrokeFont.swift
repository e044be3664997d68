/// A pen stroke of a glyph, in design units (cap height 1, baseline y = 0, x from 0 to the
/// glyph's width).
enum Stroke: Sendable {
    /// Straight segments through the points, in order.
    case polyline([(Double, Double)])
    /// An elliptical arc around (cx, cy) with radii (rx, ry), from angle `from` to angle `to`
    /// in degrees (0 = +x, counter-clockwise positive; `to < from` draws clockwise).
    case arc(cx: Double, cy: Double, rx: Double, ry: Double, from: Double, to: Double)

    static func line(_ points: (Double, Double)...) -> Stroke { .polyline(points) }

    static func circle(cx: Double, cy: Double, r: Double, from: Double, to: Double) -> Stroke {
        .arc(cx: cx, cy: cy, rx: r, ry: r, from: from, to: to)
    }

    /// The stroke as a polyline; arcs get one vertex per 2.5 degrees, which keeps the chord
    /// length within 0.03% of the arc length (so sampling by chord length is uniform by arc length
    /// to that accuracy).
    func flattened() -> [(Double, Double)] {
        switch self {
        case let .polyline(points):
            return points
        case let .arc(cx, cy, rx, ry, from, to):
            let steps = max(2, Int((abs(to - from) / 2.5).rounded(.up)))
            return (0...steps).map { step in
                let degrees = from + (to - from) * Double(step) / Double(steps)
                let radians = degrees * Double.pi / 180
                return (cx + rx * _cos(radians), cy + ry * _sin(radians))
            }
        }
    }
}

/// A capital letter: its width in design units and its strokes.
struct Glyph: Sendable {
    var width: Double
    var strokes: [Stroke]
}

/// mfsh's own stroke font for the 26 capitals, drawn for this project: straight strokes for
/// the angular letters, elliptical arcs for the bowls and curves. Cap height 1, widths 0.4-0.9.
enum StrokeFont {
    static func glyph(_ letter: Character) -> Glyph? { glyphs[letter] }

    static let glyphs: [Character: Glyph] = [
        "A": Glyph(width: 0.7, strokes: [.line((0, 0), (0.35, 1), (0.7, 0)), .line((0.14, 0.4), (0.56, 0.4))]),
        "B": Glyph(width: 0.68, strokes: [
            .line((0.38, 0.52), (0, 0.52), (0, 1), (0.38, 1)),
            .circle(cx: 0.38, cy: 0.76, r: 0.24, from: 90, to: -90),
            .line((0, 0.52), (0, 0), (0.42, 0)),
            .arc(cx: 0.42, cy: 0.26, rx: 0.26, ry: 0.26, from: -90, to: 90),
            .line((0.42, 0.52), (0.38, 0.52)),
        ]),
        "C": Glyph(width: 0.8, strokes: [.arc(cx: 0.4, cy: 0.5, rx: 0.4, ry: 0.5, from: 45, to: 315)]),
        "D": Glyph(width: 0.7, strokes: [
            .line((0.3, 0), (0, 0), (0, 1), (0.3, 1)),
            .arc(cx: 0.3, cy: 0.5, rx: 0.4, ry: 0.5, from: 90, to: -90),
        ]),
        "E": Glyph(width: 0.6, strokes: [.line((0.6, 1), (0, 1), (0, 0), (0.6, 0)), .line((0, 0.5), (0.5, 0.5))]),
        "F": Glyph(width: 0.6, strokes: [.line((0.6, 1), (0, 1), (0, 0)), .line((0, 0.5), (0.5, 0.5))]),
        "G": Glyph(width: 0.8, strokes: [
            .arc(cx: 0.4, cy: 0.5, rx: 0.4, ry: 0.5, from: 45, to: 360),
            .line((0.8, 0.5), (0.8, 0.45), (0.45, 0.45)),
        ]),
        "H": Glyph(width: 0.7, strokes: [.line((0, 0), (0, 1)), .line((0.7, 0), (0.7, 1)), .line((0, 0.5), (0.7, 0.5))]),
        "I": Glyph(width: 0.4, strokes: [.line((0, 1), (0.4, 1)), .line((0.2, 1), (0.2, 0)), .line((0, 0), (0.4, 0))]),
        "J": Glyph(width: 0.55, strokes: [
            .line((0.55, 1), (0.55, 0.3)),
            .arc(cx: 0.3, cy: 0.3, rx: 0.25, ry: 0.3, from: 0, to: -180),
        ]),
        "K": Glyph(width: 0.65, strokes: [.line((0, 0), (0, 1)), .line((0.65, 1), (0, 0.4)), .line((0.217, 0.6), (0.65, 0))]),
        "L": Glyph(width: 0.55, strokes: [.line((0, 1), (0, 0), (0.55, 0))]),
        "M": Glyph(width: 0.8, strokes: [.line((0, 0), (0, 1), (0.4, 0.25), (0.8, 1), (0.8, 0))]),
        "N": Glyph(width: 0.7, strokes: [.line((0, 0), (0, 1), (0.7, 0), (0.7, 1))]),
        "O": Glyph(width: 0.8, strokes: [.arc(cx: 0.4, cy: 0.5, rx: 0.4, ry: 0.5, from: 0, to: 360)]),
        "P": Glyph(width: 0.65, strokes: [
            .line((0, 0), (0, 1), (0.4, 1)),
            .circle(cx: 0.4, cy: 0.75, r: 0.25, from: 90, to: -90),
            .line((0.4, 0.5), (0, 0.5)),
        ]),
        "Q": Glyph(width: 0.8, strokes: [
            .arc(cx: 0.4, cy: 0.5, rx: 0.4, ry: 0.5, from: 0, to: 360),
            .line((0.5, 0.22), (0.82, -0.05)),
        ]),
        "R": Glyph(width: 0.65, strokes: [
            .line((0, 0), (0, 1), (0.4, 1)),
            .circle(cx: 0.4, cy: 0.75, r: 0.25, from: 90, to: -90),
            .line((0.4, 0.5), (0, 0.5)),
            .line((0.3, 0.5), (0.65, 0)),
        ]),
        "S": Glyph(width: 0.7, strokes: [
            .arc(cx: 0.35, cy: 0.75, rx: 0.33, ry: 0.25, from: 20, to: 270),
            .arc(cx: 0.35, cy: 0.25, rx: 0.35, ry: 0.25, from: 90, to: -160),
        ]),
        "T": Glyph(width: 0.7, strokes: [.line((0, 1), (0.7, 1)), .line((0.35, 1), (0.35, 0))]),
        "U": Glyph(width: 0.7, strokes: [
            .line((0, 1), (0, 0.35)),
            .circle(cx: 0.35, cy: 0.35, r: 0.35, from: 180, to: 360),
            .line((0.7, 0.35), (0.7, 1)),
        ]),
        "V": Glyph(width: 0.7, strokes: [.line((0, 1), (0.35, 0), (0.7, 1))]),
        "W": Glyph(width: 0.9, strokes: [.line((0, 1), (0.22, 0), (0.45, 0.7), (0.68, 0), (0.9, 1))]),
        "X": Glyph(width: 0.7, strokes: [.line((0, 1), (0.7, 0)), .line((0, 0), (0.7, 1))]),
        "Y": Glyph(width: 0.7, strokes: [.line((0, 1), (0.35, 0.5), (0.7, 1)), .line((0.35, 0.5), (0.35, 0))]),
        "Z": Glyph(width: 0.7, strokes: [.line((0, 1), (0.7, 1), (0, 0), (0.7, 0))]),
    ]
}
