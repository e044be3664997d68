/// Lays out and draws a `BarChart`.
///
/// Category labels are drawn level when they fit their slot, at 45° otherwise (thinned to every
/// k-th if even slanted labels would touch). The legend goes into a top corner when no bar or
/// value label is there, else in rows above the plot.
struct BarChartRenderer {
    let chart: BarChart
    let legend: LegendLayout
    let colors: [Color]
    static let categoryLabelWidth = 140.0
    static let valueFont = 9.5

    init(chart: BarChart) {
        self.chart = chart
        let colors = chart.series.enumerated().map { $0.element.color ?? PlotPalette.color($0.offset) }
        self.colors = colors
        let entries = chart.series.enumerated().map { LegendEntry(label: $0.element.name, color: colors[$0.offset], swatch: .bar) }
        self.legend = LegendLayout(entries: chart.series.count > 1 ? entries : [])
    }

    func render() -> String {
        var layout = BarLayout.make(chart, legendRows: nil)
        var spot = LegendSpot.none
        if !legend.isEmpty && chart.options.legend != .none {
            if chart.options.legend == .auto, let corner = insideCorner(layout) {
                spot = .box(corner)
            } else {
                let rows = legend.rows(maxWidth: layout.width - 2 * PlotMetrics.outerPadding)
                layout = BarLayout.make(chart, legendRows: rows)
                spot = .rows(Rect(x: PlotMetrics.outerPadding, y: layout.legendTop, width: layout.width - 2 * PlotMetrics.outerPadding,
                                  height: Double(rows.count) * LegendLayout.rowHeight), rows)
            }
        }
        return draw(layout, legendSpot: spot)
    }

    private func draw(_ layout: BarLayout, legendSpot: LegendSpot) -> String {
        var svg = SVGWriter(width: layout.width, height: layout.height, title: chart.options.title)
        if let title = chart.options.title {
            svg.text(TextMetrics.truncated(title, toWidth: layout.width - 20, fontSize: PlotMetrics.titleFont, bold: true),
                     x: layout.width / 2, y: PlotMetrics.outerPadding + PlotMetrics.titleFont,
                     size: PlotMetrics.titleFont, anchor: .middle, bold: true)
        }
        let geometry = layout.geometry
        let f = geometry.frame
        svg.open("svg", [("x", svg1(f.x)), ("y", svg1(f.y)), ("width", svg1(f.width)), ("height", svg1(f.height)),
                         ("viewBox", "0 0 \(svg1(f.width)) \(svg1(f.height))"), ("overflow", "hidden")])
        if chart.options.grid { AxesRenderer.drawGrid(geometry, into: &svg) }
        drawBars(layout, into: &svg)
        svg.close("svg")
        AxesRenderer.drawFrameAndTicks(geometry, into: &svg)
        drawCategoryLabels(layout, into: &svg)
        drawAxisLabels(layout, into: &svg)
        switch legendSpot {
        case .none: break
        case .box(let rect): legend.drawColumn(in: rect, into: &svg)
        case .rows(let rect, let rows): legend.drawRows(rows, in: rect, into: &svg)
        }
        return svg.finish()
    }

    private func drawBars(_ layout: BarLayout, into svg: inout SVGWriter) {
        let y = layout.geometry.y.scale
        guard let zero = y.pixel(0) else { return }
        for s in chart.series.indices {
            svg.open("g", [("fill", colors[s].hex)])
            for bar in layout.bars(series: s) {
                svg.element("rect", [("x", svg1(bar.rect.x)), ("y", svg1(bar.rect.y)), ("width", svg1(bar.rect.width)),
                                     ("height", svg1(bar.rect.height))])
            }
            svg.close("g")
        }
        svg.element("path", [("d", "M0 \(svg1(zero))H\(svg1(layout.geometry.frame.width))"), ("stroke", PlotPalette.axis.hex),
                             ("stroke-width", "1")])
        guard layout.showValues else { return }
        for s in chart.series.indices {
            for bar in layout.bars(series: s) {
                let label = bar.valueLabel
                svg.text(label.text, x: label.rect.x + label.rect.width / 2, y: label.rect.maxY - 2,
                         size: Self.valueFont, anchor: .middle, color: PlotPalette.mutedText)
            }
        }
    }

    private func drawCategoryLabels(_ layout: BarLayout, into svg: inout SVGWriter) {
        let f = layout.geometry.frame
        let top = f.maxY + PlotMetrics.tickLength + PlotMetrics.tickLabelGap
        for (index, label) in layout.categoryLabels.enumerated() where index % layout.categoryStride == 0 {
            let x = f.x + layout.slotCentre(index)
            if layout.rotated {
                svg.text(label, x: x + 3, y: top + 4, anchor: .end, rotation: -45)
            } else {
                svg.text(label, x: x, y: top + PlotMetrics.tickFont * 0.9, anchor: .middle)
            }
        }
    }

    private func drawAxisLabels(_ layout: BarLayout, into svg: inout SVGWriter) {
        let f = layout.geometry.frame
        if let label = chart.options.xLabel {
            svg.text(TextMetrics.truncated(label, toWidth: f.width, fontSize: PlotMetrics.axisLabelFont),
                     x: f.x + f.width / 2, y: layout.height - PlotMetrics.outerPadding - 3,
                     size: PlotMetrics.axisLabelFont, anchor: .middle)
        }
        if let label = chart.options.yLabel {
            svg.text(TextMetrics.truncated(label, toWidth: f.height, fontSize: PlotMetrics.axisLabelFont),
                     x: AxisLabelPlacement.yLabelBaseline(frameX: f.x, widestTickLabel: layout.geometry.y.widestLabel), y: f.y + f.height / 2,
                     size: PlotMetrics.axisLabelFont, anchor: .middle, rotation: -90)
        }
    }

    private func insideCorner(_ layout: BarLayout) -> Rect? {
        let f = layout.geometry.frame
        var obstacles: [Rect] = []
        for s in chart.series.indices {
            for bar in layout.bars(series: s) {
                obstacles.append(Rect(x: f.x + bar.rect.x, y: f.y + bar.rect.y, width: bar.rect.width, height: bar.rect.height))
                if layout.showValues {
                    let r = bar.valueLabel.rect
                    obstacles.append(Rect(x: f.x + r.x, y: f.y + r.y, width: r.width, height: r.height))
                }
            }
        }
        return LegendPlacer.insideCorner(size: legend.columnSize, frame: f, obstacles: obstacles, tolerance: 0)
    }
}
