/// Draws the data layers of one panel in the panel's own pixel coordinates (the inside of its
/// clipping `<svg>` element: x from 0 to width, y from 0 at the top to height at the bottom).
struct LayerRenderer {
    let x: AxisScale
    let y: AxisScale

    /// Pixel position of a data point, or nil when it has none on these axes.
    func pixel(_ px: Double, _ py: Double) -> SIMD2<Double>? {
        guard let a = x.pixel(px), let b = y.pixel(py) else { return nil }
        return SIMD2(a, b)
    }

    func draw(_ layer: PlotLayer, color: Color, into svg: inout SVGWriter) {
        switch layer {
        case .scatter(let s): drawScatter(s, color: color, into: &svg)
        case .line(let l): drawLine(l, color: color, into: &svg)
        case .trajectories(let t): drawTrajectories(t, color: color, into: &svg)
        case .circles(let c): drawCircles(c, color: color, into: &svg)
        case .bands: break  // drawn beneath the grid by `drawBands`
        }
    }

    func scatterPixels(_ s: ScatterLayer) -> [SIMD2<Double>] {
        var points: [SIMD2<Double>] = []
        points.reserveCapacity(s.xs.count)
        for i in s.xs.indices {
            if let p = pixel(s.xs[i], s.ys[i]) { points.append(p) }
        }
        return points
    }

    private func drawScatter(_ s: ScatterLayer, color: Color, into svg: inout SVGWriter) {
        if let sizes = s.sizes {
            drawSizedCircles(s, sizes: sizes, color: color, into: &svg)
            return
        }
        let points = scatterPixels(s)
        guard !points.isEmpty else { return }
        let d = MarkerPath.data(s.marker, size: s.size, at: points)
        svg.element("path", [("d", d)] + MarkerPath.style(s.marker, size: s.size, color: color, opacity: s.opacity))
    }

    private func drawSizedCircles(_ s: ScatterLayer, sizes: [Double], color: Color, into svg: inout SVGWriter) {
        svg.open("g", [("fill", color.hex), ("fill-opacity", svg2(s.opacity)), ("stroke", "#ffffff"), ("stroke-width", "0.8")])
        for i in s.xs.indices {
            guard let p = pixel(s.xs[i], s.ys[i]), sizes[i] > 0 else { continue }
            svg.element("circle", [("cx", svg1(p.x)), ("cy", svg1(p.y)), ("r", svg2(sizes[i] / 2))])
        }
        svg.close("g")
    }

    /// The series in pixels, as runs of connected vertices. Values with no position (NaN, or
    /// non-positive on a log axis) are skipped and the line joins their neighbours; an infinite
    /// value breaks the line.
    func lineRuns(_ l: LineSeries) -> [[SIMD2<Double>]] {
        var runs: [[SIMD2<Double>]] = []
        var current: [SIMD2<Double>] = []
        for i in l.xs.indices {
            if let p = pixel(l.xs[i], l.ys[i]) {
                current.append(p)
            } else if l.xs[i].isInfinite || l.ys[i].isInfinite, !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    private func drawLine(_ l: LineSeries, color: Color, into svg: inout SVGWriter) {
        let runs = lineRuns(l)
        var d = ""
        for run in runs {
            d += Polyline.pathData(LineDecimation.keepingExtremes(run))
        }
        if !d.isEmpty {
            var attributes = [("d", d), ("fill", "none"), ("stroke", color.hex), ("stroke-width", svg2(l.width)),
                              ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
            if l.dashed { attributes.append(("stroke-dasharray", "\(svg1(l.width * 3)) \(svg1(l.width * 2))")) }
            svg.element("path", attributes)
        }
        if let marker = l.marker {
            let points = runs.flatMap { $0 }
            guard !points.isEmpty else { return }
            let d = MarkerPath.data(marker, size: l.markerSize, at: points)
            svg.element("path", [("d", d)] + MarkerPath.style(marker, size: l.markerSize, color: color, opacity: 1))
        }
    }

    private func drawTrajectories(_ t: TrajectoryLayer, color: Color, into svg: inout SVGWriter) {
        var d = ""
        for path in t.paths {
            let pixels = Polyline.thinned(path, to: t.maxVertices).compactMap { pixel($0.x, $0.y) }
            if pixels.count >= 2 { d += Polyline.pathData(pixels) }
        }
        guard !d.isEmpty else { return }
        svg.element("path", [("d", d), ("fill", "none"), ("stroke", color.hex), ("stroke-width", svg2(t.width)),
                             ("stroke-opacity", svg2(t.opacity)), ("stroke-linejoin", "round")])
    }

    private func drawCircles(_ c: CircleLayer, color: Color, into svg: inout SVGWriter) {
        var group = [("fill", color.hex), ("fill-opacity", svg2(c.fillOpacity)), ("stroke", color.hex),
                     ("stroke-width", svg2(c.strokeWidth))]
        if c.dashed { group.append(("stroke-dasharray", "4 3")) }
        svg.open("g", group)
        for i in c.xs.indices {
            guard let center = pixel(c.xs[i], c.ys[i]), c.radii[i].isFinite, c.radii[i] > 0, !x.isLog, !y.isLog else { continue }
            let rx = c.radii[i] * x.pixelsPerUnit
            let ry = c.radii[i] * y.pixelsPerUnit
            if abs(rx - ry) < 0.05 {
                svg.element("circle", [("cx", svg1(center.x)), ("cy", svg1(center.y)), ("r", svg1(rx))])
            } else {
                svg.element("ellipse", [("cx", svg1(center.x)), ("cy", svg1(center.y)), ("rx", svg1(rx)), ("ry", svg1(ry))])
            }
        }
        svg.close("g")
    }

    /// Shaded bands, full panel height, with their labels along the top edge when they fit.
    func drawBands(_ bands: [PhaseBand], height: Double, into svg: inout SVGWriter) {
        for (index, band) in bands.enumerated() {
            guard let a = x.pixel(band.start), let b = x.pixel(band.end) else { continue }
            let left = min(a, b), right = max(a, b)
            let fill = band.color?.tinted(0.8) ?? PlotPalette.bands[index % PlotPalette.bands.count]
            svg.element("rect", [("x", svg1(left)), ("y", "0"), ("width", svg1(right - left)), ("height", svg1(height)), ("fill", fill.hex)])
            if let label = bandLabel(band.label, width: right - left) {
                svg.text(label.text, x: (left + right) / 2, y: 4 + label.size, size: label.size, anchor: .middle, color: PlotPalette.mutedText)
            }
        }
    }

    /// The label at the largest size (10 px, else 8 px) that fits the band, or nil.
    func bandLabel(_ text: String, width: Double) -> (text: String, size: Double)? {
        for size in [10.0, 8.0] where TextMetrics.width(text, fontSize: size) <= width - 4 {
            return (text, size)
        }
        return nil
    }
}
