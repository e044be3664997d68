/// A closed interval of data values shown along one axis.
struct Domain: Equatable, Sendable {
    var lo: Double
    var hi: Double
    var span: Double { hi - lo }
}

/// Maps data values on one axis to pixels.
///
/// Linear: `pixel = p0 + (v - lo) / (hi - lo) * (p1 - p0)`. Logarithmic: the same on log10 of the
/// value and the domain ends. `p0` is the pixel of `lo`: the left edge for x, the bottom edge for y
/// (so y pixels grow downwards as SVG wants).
struct AxisScale: Sendable {
    var domain: Domain
    var isLog: Bool
    var p0: Double
    var p1: Double

    /// Log axes map log10 of the value; non-positive values have no position on them.
    func transformed(_ value: Double) -> Double? {
        if !isLog { return value }
        return value > 0 ? Foundation_log10(value) : nil
    }

    /// The pixel for a data value, or nil when it has none (NaN, infinite, non-positive on log).
    func pixel(_ value: Double) -> Double? {
        guard value.isFinite, let t = transformed(value),
              let lo = transformed(domain.lo), let hi = transformed(domain.hi), hi > lo else { return nil }
        return p0 + (t - lo) / (hi - lo) * (p1 - p0)
    }

    /// Pixels per data unit (linear axes only; used to draw circles with radii in data units).
    var pixelsPerUnit: Double { abs(p1 - p0) / domain.span }

    /// The tick values this axis should show for about `count` ticks.
    func ticks(count: Int) -> [Tick] {
        isLog ? Ticks.logarithmic(from: domain.lo, to: domain.hi, targetCount: count)
              : Ticks.linear(from: domain.lo, to: domain.hi, targetCount: count)
    }
}

/// A rectangle in pixels, y down.
struct Rect: Equatable, Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    func contains(x px: Double, y py: Double) -> Bool {
        px >= x && px <= maxX && py >= y && py <= maxY
    }

    func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}
