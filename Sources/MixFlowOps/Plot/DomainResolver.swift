/// The smallest and largest value seen on one axis.
struct Extent: Equatable {
    var lo = Double.infinity
    var hi = -Double.infinity

    var isEmpty: Bool { lo > hi }

    /// Includes `value` when it is finite (and positive on a log axis).
    mutating func include(_ value: Double, log: Bool) {
        guard value.isFinite, !log || value > 0 else { return }
        lo = min(lo, value)
        hi = max(hi, value)
    }

    mutating func formUnion(_ other: Extent) {
        lo = min(lo, other.lo)
        hi = max(hi, other.hi)
    }
}

/// What a panel's data covers, and how much margin each axis wants.
struct PanelExtent {
    var x = Extent()
    var y = Extent()
    /// Markers near the x edges would be cut in half without a margin; bare lines need none.
    var padX = false
    /// Band labels sit along the top edge; data keeps clear of them.
    var hasBandLabels = false

    init(panel: Panel, logX: Bool, logY: Bool) {
        for layer in panel.layers { include(layer, logX: logX, logY: logY) }
    }

    init() {}

    private mutating func include(_ layer: PlotLayer, logX: Bool, logY: Bool) {
        switch layer {
        case .scatter(let s):
            includePoints(s.xs, s.ys, logX: logX, logY: logY)
            padX = true
        case .line(let l):
            includePoints(l.xs, l.ys, logX: logX, logY: logY)
            if l.marker != nil { padX = true }
        case .trajectories(let t):
            for path in t.paths { for v in path { x.include(v.x, log: logX); y.include(v.y, log: logY) } }
            padX = true
        case .circles(let c):
            for i in c.xs.indices {
                let r = c.radii[i].isFinite ? abs(c.radii[i]) : 0
                x.include(c.xs[i] - (logX ? 0 : r), log: logX); x.include(c.xs[i] + (logX ? 0 : r), log: logX)
                y.include(c.ys[i] - (logY ? 0 : r), log: logY); y.include(c.ys[i] + (logY ? 0 : r), log: logY)
            }
            padX = true
        case .bands(let bands):
            for band in bands { x.include(band.start, log: logX); x.include(band.end, log: logX) }
            hasBandLabels = hasBandLabels || !bands.isEmpty
        }
    }

    private mutating func includePoints(_ xs: [Double], _ ys: [Double], logX: Bool, logY: Bool) {
        for i in xs.indices where xs[i].isFinite && ys[i].isFinite {
            guard (!logX || xs[i] > 0), (!logY || ys[i] > 0) else { continue }
            x.include(xs[i], log: logX)
            y.include(ys[i], log: logY)
        }
    }

    mutating func formUnion(_ other: PanelExtent) {
        x.formUnion(other.x)
        y.formUnion(other.y)
        padX = padX || other.padX
        hasBandLabels = hasBandLabels || other.hasBandLabels
    }
}

/// Turns data extents into axis domains.
enum DomainResolver {
    /// The domain for an axis: the fixed range if one is given (and valid on this scale), else
    /// the data extent widened by `padLow` and `padHigh` (fractions of the span, measured in log10
    /// space on log axes). An empty or single-valued extent gets a sensible width.
    static func domain(_ extent: Extent, fixed: ClosedRange<Double>?, log: Bool,
                       padLow: Double, padHigh: Double) -> Domain {
        if let fixed, fixed.upperBound > fixed.lowerBound, !log || fixed.lowerBound > 0 {
            return Domain(lo: fixed.lowerBound, hi: fixed.upperBound)
        }
        if extent.isEmpty { return log ? Domain(lo: 1, hi: 10) : Domain(lo: 0, hi: 1) }
        if log {
            let lo = Foundation_log10(extent.lo), hi = Foundation_log10(extent.hi)
            let widened = widen(lo, hi, padLow: padLow, padHigh: padHigh, minimumHalfSpan: 0.5)
            return Domain(lo: pow10(widened.lo), hi: pow10(widened.hi))
        }
        let half = max(abs(extent.lo) * 0.1, 0.5)
        let widened = widen(extent.lo, extent.hi, padLow: padLow, padHigh: padHigh, minimumHalfSpan: half)
        return Domain(lo: widened.lo, hi: widened.hi)
    }

    private static func widen(_ lo: Double, _ hi: Double, padLow: Double, padHigh: Double,
                              minimumHalfSpan: Double) -> Domain {
        if hi <= lo { return Domain(lo: lo - minimumHalfSpan, hi: hi + minimumHalfSpan) }
        let span = hi - lo
        return Domain(lo: lo - padLow * span, hi: hi + padHigh * span)
    }

    private static func pow10(_ e: Double) -> Double { Foundation.pow(10, e) }

    /// Widens one of the two domains about its centre so a data unit has the same pixel length
    /// on both axes (linear axes only).
    static func equalized(x: Domain, y: Domain, width: Double, height: Double) -> (x: Domain, y: Domain) {
        guard width > 0, height > 0, x.span > 0, y.span > 0 else { return (x, y) }
        let unitsPerPixel = max(x.span / width, y.span / height)
        func centred(_ d: Domain, _ pixels: Double) -> Domain {
            let mid = (d.lo + d.hi) / 2, half = unitsPerPixel * pixels / 2
            return Domain(lo: mid - half, hi: mid + half)
        }
        return (centred(x, width), centred(y, height))
    }
}

import Foundation
