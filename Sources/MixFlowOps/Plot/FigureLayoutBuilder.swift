/// Places the panels, axes and legend of a figure.
///
/// Tick labels decide the margins and the margins decide the plot size, which decides the ticks;
/// the builder starts from a guess for the widest y label and the right overhang of the last x
/// label and repeats with the measured values until they fit (at most three passes).
struct FigureLayoutBuilder {
    let figure: Figure
    let extents: [PanelExtent]
    let legend: LegendLayout

    private var options: PlotOptions { figure.options }
    private var count: Int { max(figure.panels.count, 1) }

    func build(reserve: LegendReserve) -> FigureLayout {
        let grid = GridShape(count: count, columns: options.columns)
        let size = figureSize(grid)
        var yLabelWidth = 24.0, overhang = 0.0
        var layout = place(grid: grid, size: size, reserve: reserve, yLabelWidth: yLabelWidth, overhang: overhang)
        for _ in 0..<3 {
            let neededWidth = layout.panels.filter(\.showYLabels).map(\.y.widestLabel).max() ?? 0
            let neededOverhang = rightOverhang(layout)
            if neededWidth <= yLabelWidth + 0.5 && neededOverhang <= overhang + 0.5 { break }
            yLabelWidth = max(yLabelWidth, neededWidth)
            overhang = max(overhang, neededOverhang)
            layout = place(grid: grid, size: size, reserve: reserve, yLabelWidth: yLabelWidth, overhang: overhang)
        }
        return layout
    }

    /// Width and height of the whole figure: the requested ones, or room for ~220 px panels.
    private func figureSize(_ grid: GridShape) -> (width: Double, height: Double) {
        if count == 1 {
            let width = options.width ?? 640
            return (width, options.height ?? (width * 0.69).rounded())
        }
        let width = options.width ?? Double(grid.columns) * 220 + 100
        let panelWidth = (width - 100) / Double(grid.columns)
        let extra = 80.0 + (options.title == nil ? 0 : 24)
        return (width, options.height ?? (Double(grid.rows) * (panelWidth * 0.82 + 22) + extra).rounded())
    }

    private func margins(reserve: LegendReserve, yLabelWidth: Double, overhang: Double, width: Double) -> Margins {
        let pad = PlotMetrics.outerPadding
        let tickBand = PlotMetrics.tickLength + PlotMetrics.tickLabelGap
        let tickLine = TextMetrics.lineHeight(fontSize: PlotMetrics.tickFont)
        let axisLine = TextMetrics.lineHeight(fontSize: PlotMetrics.axisLabelFont) + 4
        var top = pad + (options.title == nil ? 0 : TextMetrics.lineHeight(fontSize: PlotMetrics.titleFont) + 8)
        var right = pad + overhang
        switch reserve {
        case .none: break
        case .right(let legendWidth): right = max(right, pad + legendWidth + 12)
        case .top(let rows): top += Double(rows.count) * LegendLayout.rowHeight + 6
        }
        let hasPanelTitles = figure.panels.contains { $0.title != nil }
        if !hasPanelTitles && options.title == nil { top = max(top, pad + 4) }
        let shared = options.sharedAxes
        return Margins(
            top: top,
            bottom: pad + tickBand + tickLine + (options.xLabel == nil ? 0 : axisLine),
            left: pad + (options.yLabel == nil ? 0 : axisLine) + yLabelWidth + tickBand,
            right: right,
            columnGap: (shared ? 0 : yLabelWidth + tickBand) + max(12, 2 * overhang + 4),
            rowGap: shared ? 8 : tickBand + tickLine + 8,
            panelTitle: hasPanelTitles ? TextMetrics.lineHeight(fontSize: PlotMetrics.panelTitleFont) + 4 : 0)
    }

    private func place(grid: GridShape, size: (width: Double, height: Double), reserve: LegendReserve,
                       yLabelWidth: Double, overhang: Double) -> FigureLayout {
        let m = margins(reserve: reserve, yLabelWidth: yLabelWidth, overhang: overhang, width: size.width)
        let columns = Double(grid.columns), rows = Double(grid.rows)
        let frameWidth = max(20, (size.width - m.left - m.right - (columns - 1) * m.columnGap) / columns)
        let frameHeight = max(20, (size.height - m.top - m.bottom - (rows - 1) * m.rowGap - rows * m.panelTitle) / rows)
        var panels: [PanelGeometry] = []
        for index in 0..<count {
            let row = Double(index / grid.columns), column = Double(index % grid.columns)
            let frame = Rect(x: m.left + column * (frameWidth + m.columnGap),
                             y: m.top + m.panelTitle + row * (frameHeight + m.rowGap + m.panelTitle),
                             width: frameWidth, height: frameHeight)
            let outer = options.sharedAxes
            panels.append(PanelGeometry(frame: frame, x: fittedX(index, frame), y: fittedY(index, frame),
                                        showXLabels: !outer || index + grid.columns >= count,
                                        showYLabels: !outer || index % grid.columns == 0))
        }
        let block = Rect(x: m.left, y: m.top, width: size.width - m.left - m.right,
                         height: size.height - m.top - m.bottom)
        return FigureLayout(width: size.width, height: size.height, panels: panels, legend: .none,
                            plotBlock: block, titleHeight: m.top)
    }

    private func domains(_ index: Int, _ frame: Rect) -> (x: Domain, y: Domain) {
        let extent = index < extents.count ? extents[index] : PanelExtent()
        let padX = extent.padX ? 0.04 : 0
        let bandRoom = extent.hasBandLabels ? 20 / frame.height : 0
        var x = DomainResolver.domain(extent.x, fixed: options.xRange, log: options.logX, padLow: padX, padHigh: padX)
        var y = DomainResolver.domain(extent.y, fixed: options.yRange, log: options.logY,
                                      padLow: 0.05, padHigh: 0.05 + bandRoom)
        if options.equalAspect && !options.logX && !options.logY {
            (x, y) = DomainResolver.equalized(x: x, y: y, width: frame.width, height: frame.height)
        }
        return (x, y)
    }

    private func fittedX(_ index: Int, _ frame: Rect) -> FittedAxis {
        let scale = AxisScale(domain: domains(index, frame).x, isLog: options.logX, p0: 0, p1: frame.width)
        return AxisFitting.horizontal(scale, length: frame.width)
    }

    private func fittedY(_ index: Int, _ frame: Rect) -> FittedAxis {
        let scale = AxisScale(domain: domains(index, frame).y, isLog: options.logY, p0: frame.height, p1: 0)
        return AxisFitting.vertical(scale, length: frame.height)
    }

    /// How far the last x tick label of the rightmost panels reaches past the frame's right edge.
    private func rightOverhang(_ layout: FigureLayout) -> Double {
        var overhang = 0.0
        for panel in layout.panels where panel.showXLabels {
            guard let last = panel.x.shownLabels.last, let pixel = panel.x.scale.pixel(last.value) else { continue }
            let reach = pixel + TextMetrics.width(last.label, fontSize: PlotMetrics.tickFont) / 2 - panel.frame.width
            overhang = max(overhang, reach)
        }
        return overhang
    }
}
