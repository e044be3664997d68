import Foundation

extension Figure {
    /// The figure as a standalone SVG 1.1 document. Deterministic: the same figure always gives
    /// the same bytes.
    public func svg() -> String {
        FigureRenderer(figure: self).render()
    }

    /// Writes `svg()` to `path` atomically.
    public func write(to path: String) throws(FileWriteError) {
        try AtomicFile.write(svg(), to: path)
    }
}

/// Lays out and draws a `Figure`.
struct FigureRenderer {
    let figure: Figure
    let styles: ResolvedStyles
    let legend: LegendLayout

    init(figure: Figure) {
        var figure = figure
        if figure.panels.isEmpty { figure.panels = [Panel(layers: [])] }
        self.figure = figure
        self.styles = ResolvedStyles(panels: figure.panels)
        self.legend = LegendLayout(entries: styles.legend)
    }

    func render() -> String {
        let layout = makeLayout()
        var svg = SVGWriter(width: layout.width, height: layout.height, title: figure.options.title)
        drawTitle(layout, into: &svg)
        for (index, panel) in figure.panels.enumerated() {
            drawPanel(panel, geometry: layout.panels[index], colors: styles.colors[index], into: &svg)
        }
        drawAxisLabels(layout, into: &svg)
        drawLegend(layout, into: &svg)
        return svg.finish()
    }

    /// Panel extents, unioned over all panels when axes are shared.
    private var extents: [PanelExtent] {
        let options = figure.options
        let own = figure.panels.map { PanelExtent(panel: $0, logX: options.logX, logY: options.logY) }
        guard options.sharedAxes else { return own }
        var union = PanelExtent()
        for extent in own { union.formUnion(extent) }
        return own.map { _ in union }
    }

    private func makeLayout() -> FigureLayout {
        let builder = FigureLayoutBuilder(figure: figure, extents: extents, legend: legend)
        let placement = figure.options.legend
        if legend.isEmpty || placement == .none { return builder.build(reserve: .none) }
        let multi = figure.panels.count > 1
        if placement == .top || (placement == .auto && multi) {
            let pad = PlotMetrics.outerPadding
            let rows = legend.rows(maxWidth: PlotOptions.defaultWidth(figure) - 2 * pad)
            var layout = builder.build(reserve: .top(rows: rows))
            layout.legend = .rows(Rect(x: pad, y: titleBottom(), width: layout.width - 2 * pad,
                                       height: Double(rows.count) * LegendLayout.rowHeight), rows)
            return layout
        }
        if placement == .auto {
            var layout = builder.build(reserve: .none)
            if let corner = insideCorner(layout) {
                layout.legend = .box(corner)
                return layout
            }
        }
        let size = legend.columnSize
        var layout = builder.build(reserve: .right(width: size.width))
        let frame = layout.panels[0].frame
        layout.legend = .box(Rect(x: layout.width - PlotMetrics.outerPadding - size.width, y: frame.y,
                                  width: size.width, height: size.height))
        return layout
    }

    /// The y just below the title (or the top padding when there is none).
    private func titleBottom() -> Double {
        PlotMetrics.outerPadding + (figure.options.title == nil ? 0 : TextMetrics.lineHeight(fontSize: PlotMetrics.titleFont) + 8)
    }

    private func insideCorner(_ layout: FigureLayout) -> Rect? {
        let geometry = layout.panels[0]
        let obstacles = ObstacleMap.rects(of: figure.panels[0], geometry: geometry)
        return LegendPlacer.insideCorner(size: legend.columnSize, frame: geometry.frame, obstacles: obstacles,
                                         tolerance: obstacles.count / 500)
    }

    private func drawTitle(_ layout: FigureLayout, into svg: inout SVGWriter) {
        guard let title = figure.options.title else { return }
        let text = TextMetrics.truncated(title, toWidth: layout.width - 20, fontSize: PlotMetrics.titleFont, bold: true)
        svg.text(text, x: layout.width / 2, y: PlotMetrics.outerPadding + PlotMetrics.titleFont, size: PlotMetrics.titleFont,
                 anchor: .middle, bold: true)
    }

    private func drawPanel(_ panel: Panel, geometry: PanelGeometry, colors: [Color], into svg: inout SVGWriter) {
        let f = geometry.frame
        svg.open("g", [("class", "panel")])
        svg.open("svg", [("x", svg1(f.x)), ("y", svg1(f.y)), ("width", svg1(f.width)), ("height", svg1(f.height)),
                         ("viewBox", "0 0 \(svg1(f.width)) \(svg1(f.height))"), ("overflow", "hidden")])
        let renderer = LayerRenderer(x: geometry.x.scale, y: geometry.y.scale)
        for layer in panel.layers {
            if case .bands(let bands) = layer { renderer.drawBands(bands, height: f.height, into: &svg) }
        }
        if figure.options.grid { AxesRenderer.drawGrid(geometry, into: &svg) }
        for (index, layer) in panel.layers.enumerated() {
            renderer.draw(layer, color: colors[index], into: &svg)
        }
        svg.close("svg")
        AxesRenderer.drawFrameAndTicks(geometry, into: &svg)
        if let title = panel.title {
            let text = TextMetrics.truncated(title, toWidth: f.width, fontSize: PlotMetrics.panelTitleFont, bold: true)
            svg.text(text, x: f.x + f.width / 2, y: f.y - 6, size: PlotMetrics.panelTitleFont, anchor: .middle, bold: true)
        }
        svg.close("g")
    }

    private func drawAxisLabels(_ layout: FigureLayout, into svg: inout SVGWriter) {
        let block = layout.panels.reduce(layout.panels[0].frame) { union($0, $1.frame) }
        if let label = figure.options.xLabel {
            let text = TextMetrics.truncated(label, toWidth: block.width, fontSize: PlotMetrics.axisLabelFont)
            svg.text(text, x: block.x + block.width / 2, y: layout.height - PlotMetrics.outerPadding - 3,
                     size: PlotMetrics.axisLabelFont, anchor: .middle)
        }
        if let label = figure.options.yLabel {
            let text = TextMetrics.truncated(label, toWidth: block.height, fontSize: PlotMetrics.axisLabelFont)
            let labelled = layout.panels.filter(\.showYLabels)
            let x = labelled.map { AxisLabelPlacement.yLabelBaseline(frameX: $0.frame.x, widestTickLabel: $0.y.widestLabel) }.min()
                ?? PlotMetrics.outerPadding + PlotMetrics.axisLabelFont
            svg.text(text, x: x, y: block.y + block.height / 2, size: PlotMetrics.axisLabelFont, anchor: .middle, rotation: -90)
        }
    }

    private func drawLegend(_ layout: FigureLayout, into svg: inout SVGWriter) {
        switch layout.legend {
        case .none: break
        case .box(let rect): legend.drawColumn(in: rect, into: &svg)
        case .rows(let rect, let rows): legend.drawRows(rows, in: rect, into: &svg)
        }
    }

    private func union(_ a: Rect, _ b: Rect) -> Rect {
        let x = min(a.x, b.x), y = min(a.y, b.y)
        return Rect(x: x, y: y, width: max(a.maxX, b.maxX) - x, height: max(a.maxY, b.maxY) - y)
    }
}

extension PlotOptions {
    /// The figure width the layout will use (for wrapping the legend before the layout exists).
    static func defaultWidth(_ figure: Figure) -> Double {
        if let width = figure.options.width { return width }
        let grid = GridShape(count: figure.panels.count, columns: figure.options.columns)
        return figure.panels.count <= 1 ? 640 : Double(grid.columns) * 220 + 100
    }
}
