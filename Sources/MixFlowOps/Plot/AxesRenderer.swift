/// Draws a panel's frame, tick marks, tick labels and grid.
enum AxesRenderer {
    /// Light grid lines at every major tick, in the panel's own coordinates (inside its clip).
    static func drawGrid(_ geometry: PanelGeometry, into svg: inout SVGWriter) {
        var d = ""
        let w = geometry.frame.width, h = geometry.frame.height
        for tick in geometry.x.ticks {
            if let px = geometry.x.scale.pixel(tick.value), px > 0.5, px < w - 0.5 { d += "M\(svg1(px)) 0V\(svg1(h))" }
        }
        for tick in geometry.y.ticks {
            if let py = geometry.y.scale.pixel(tick.value), py > 0.5, py < h - 0.5 { d += "M0 \(svg1(py))H\(svg1(w))" }
        }
        guard !d.isEmpty else { return }
        svg.element("path", [("d", d), ("fill", "none"), ("stroke", PlotPalette.grid.hex), ("stroke-width", "1")])
    }

    /// Frame, outward tick marks on the left and bottom edges, and the labels that are shown.
    static func drawFrameAndTicks(_ geometry: PanelGeometry, into svg: inout SVGWriter) {
        let f = geometry.frame
        svg.element("rect", [("x", svg1(f.x)), ("y", svg1(f.y)), ("width", svg1(f.width)), ("height", svg1(f.height)),
                             ("fill", "none"), ("stroke", PlotPalette.axis.hex), ("stroke-width", "1")])
        var d = ""
        let major = PlotMetrics.tickLength, minor = PlotMetrics.tickLength * 0.5
        for px in pixels(geometry.x, limit: f.width) { d += "M\(svg1(f.x + px)) \(svg1(f.maxY))v\(svg1(major))" }
        for py in pixels(geometry.y, limit: f.height) { d += "M\(svg1(f.x)) \(svg1(f.y + py))h-\(svg1(major))" }
        for px in minorPixels(geometry.x, limit: f.width) { d += "M\(svg1(f.x + px)) \(svg1(f.maxY))v\(svg1(minor))" }
        for py in minorPixels(geometry.y, limit: f.height) { d += "M\(svg1(f.x)) \(svg1(f.y + py))h-\(svg1(minor))" }
        if !d.isEmpty {
            svg.element("path", [("d", d), ("fill", "none"), ("stroke", PlotPalette.axis.hex), ("stroke-width", "1")])
        }
        if geometry.showXLabels { drawXLabels(geometry, into: &svg) }
        if geometry.showYLabels { drawYLabels(geometry, into: &svg) }
    }

    private static func pixels(_ axis: FittedAxis, limit: Double) -> [Double] {
        axis.ticks.compactMap { axis.scale.pixel($0.value) }.filter { $0 >= -0.5 && $0 <= limit + 0.5 }
    }

    /// Unlabelled 2…9 × 10^k marks on log axes whose ticks are single decades.
    private static func minorPixels(_ axis: FittedAxis, limit: Double) -> [Double] {
        guard axis.scale.isLog, axis.ticks.count >= 2,
              let a = axis.ticks.first?.value, let b = axis.ticks.dropFirst().first?.value,
              abs(b / a - 10) < 1e-6 else { return [] }
        return Ticks.logMinor(from: axis.scale.domain.lo, to: axis.scale.domain.hi)
            .compactMap { axis.scale.pixel($0) }.filter { $0 >= 0 && $0 <= limit }
    }

    private static func drawXLabels(_ geometry: PanelGeometry, into svg: inout SVGWriter) {
        let f = geometry.frame
        let baseline = f.maxY + PlotMetrics.tickLength + PlotMetrics.tickLabelGap + PlotMetrics.tickFont * 0.9
        for tick in geometry.x.shownLabels {
            guard let px = geometry.x.scale.pixel(tick.value), px >= -0.5, px <= f.width + 0.5 else { continue }
            svg.text(tick.label, x: f.x + px, y: baseline, anchor: .middle)
        }
    }

    private static func drawYLabels(_ geometry: PanelGeometry, into svg: inout SVGWriter) {
        let f = geometry.frame
        let right = f.x - PlotMetrics.tickLength - PlotMetrics.tickLabelGap
        for tick in geometry.y.shownLabels {
            guard let py = geometry.y.scale.pixel(tick.value), py >= -0.5, py <= f.height + 0.5 else { continue }
            svg.text(tick.label, x: right, y: f.y + py + PlotMetrics.tickFont * 0.36, anchor: .end)
        }
    }
}
