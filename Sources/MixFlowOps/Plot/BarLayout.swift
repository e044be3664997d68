/// Positions of a bar chart's frame, bars and labels. Bar and label rectangles are in the plot
/// frame's own pixels (origin at its top-left corner).
struct BarLayout {
    struct Bar {
        var rect: Rect
        var valueLabel: (text: String, rect: Rect)
    }

    var width: Double
    var height: Double
    var geometry: PanelGeometry
    var categoryLabels: [String]
    var rotated: Bool
    var categoryStride: Int
    var showValues: Bool
    var legendTop: Double
    var values: [[Double]]

    var slotWidth: Double { geometry.frame.width / Double(max(categoryLabels.count, 1)) }
    func slotCentre(_ index: Int) -> Double { slotWidth * (Double(index) + 0.5) }
    private var barWidth: Double { slotWidth * 0.78 / Double(max(values.count, 1)) }

    /// The bars of series `s` that have a value, with their value labels.
    func bars(series s: Int) -> [Bar] {
        let y = geometry.y.scale
        guard let zero = y.pixel(0) else { return [] }
        let groupLeft = (slotWidth - barWidth * Double(values.count)) / 2
        var bars: [Bar] = []
        for (c, value) in values[s].enumerated() {
            guard let top = y.pixel(value) else { continue }
            let x = slotWidth * Double(c) + groupLeft + barWidth * Double(s)
            let gap = values.count > 1 ? 1.0 : 0
            let rect = Rect(x: x + gap / 2, y: min(top, zero), width: barWidth - gap, height: abs(zero - top))
            let text = DecimalValue.significant(value, digits: 3)
            let textWidth = TextMetrics.width(text, fontSize: BarChartRenderer.valueFont)
            let lineHeight = TextMetrics.lineHeight(fontSize: BarChartRenderer.valueFont)
            let labelY = value >= 0 ? rect.y - 1 - lineHeight : rect.maxY + 1
            bars.append(Bar(rect: rect, valueLabel: (text, Rect(x: x + (barWidth - textWidth) / 2, y: labelY,
                                                                width: textWidth, height: lineHeight))))
        }
        return bars
    }

    static func make(_ chart: BarChart, legendRows: [[Int]]?) -> BarLayout {
        let options = chart.options
        let pad = PlotMetrics.outerPadding
        let count = Double(max(chart.categories.count, 1))
        let width = options.width ?? max(640, min(1100, 140 + count * max(60, Double(chart.series.count) * 22 + 24)))
        let height = options.height ?? 420
        let labels = chart.categories.map {
            TextMetrics.truncated($0, toWidth: BarChartRenderer.categoryLabelWidth, fontSize: PlotMetrics.tickFont)
        }
        let widest = labels.map { TextMetrics.width($0, fontSize: PlotMetrics.tickFont) }.max() ?? 0
        let titleHeight = options.title == nil ? 0 : TextMetrics.lineHeight(fontSize: PlotMetrics.titleFont) + 8
        let legendTop = pad + titleHeight
        let top = legendTop + Double(legendRows?.count ?? 0) * LegendLayout.rowHeight + 8
        let axisLine = TextMetrics.lineHeight(fontSize: PlotMetrics.axisLabelFont) + 4
        let xTitle = options.xLabel == nil ? 0 : axisLine
        let tickBand = PlotMetrics.tickLength + PlotMetrics.tickLabelGap
        let lineHeight = TextMetrics.lineHeight(fontSize: PlotMetrics.tickFont)

        let estimate = valueAxis(chart, frameHeight: height - top - pad - tickBand - lineHeight - xTitle)
        let plan = categoryPlan(widest: widest, count: count, width: width, xTitle: xTitle,
                                left: pad + (options.yLabel == nil ? 0 : axisLine) + estimate.widestLabel + tickBand)
        let (left, bottom, rotated, stride) = (plan.left, plan.bottom, plan.rotated, plan.stride)
        let frame = Rect(x: left, y: top, width: width - left - pad, height: max(20, height - top - bottom))
        let yAxis = valueAxis(chart, frameHeight: frame.height)
        let xAxis = FittedAxis(scale: AxisScale(domain: Domain(lo: 0, hi: 1), isLog: false, p0: 0, p1: frame.width),
                               ticks: [], labelStride: 1)
        let geometry = PanelGeometry(frame: frame, x: xAxis, y: yAxis, showXLabels: false, showYLabels: true)
        var layout = BarLayout(width: width, height: height, geometry: geometry, categoryLabels: labels, rotated: rotated,
                               categoryStride: stride, showValues: false, legendTop: legendTop,
                               values: chart.series.map(\.values))
        layout.showValues = chart.showValues && layout.valueLabelsFit()
        return layout
    }

    /// Category labels level when the widest fits its slot, else slanted at 45° (pushing the
    /// plot right so the first one stays inside the figure) and thinned to every `stride`-th when
    /// even slanted labels would touch.
    private static func categoryPlan(widest: Double, count: Double, width: Double, xTitle: Double,
                                     left: Double) -> (left: Double, bottom: Double, rotated: Bool, stride: Int) {
        let pad = PlotMetrics.outerPadding
        let tickBand = PlotMetrics.tickLength + PlotMetrics.tickLabelGap
        let lineHeight = TextMetrics.lineHeight(fontSize: PlotMetrics.tickFont)
        let slot = (width - left - pad) / count
        guard widest + 6 > slot else { return (left, pad + tickBand + lineHeight + xTitle, false, 1) }
        let slantedLeft = max(left, pad + 0.71 * widest - slot / 2)
        let slantedSlot = (width - slantedLeft - pad) / count
        let stride = max(1, Int(((lineHeight + 1) / (slantedSlot * 0.71)).rounded(.up)))
        return (slantedLeft, pad + tickBand + 0.71 * (widest + PlotMetrics.tickFont) + 4 + xTitle, true, stride)
    }

    /// Every value label is no wider than its bar (plus a little).
    private func valueLabelsFit() -> Bool {
        values.indices.allSatisfy { s in bars(series: s).allSatisfy { $0.valueLabel.rect.width <= barWidth + 2 } }
    }

    /// The value axis: from min(0, smallest) to max(0, largest) with room for value labels,
    /// widened to whole ticks so both ends carry a label.
    static func valueAxis(_ chart: BarChart, frameHeight: Double) -> FittedAxis {
        let finite = chart.series.flatMap(\.values).filter(\.isFinite)
        var lo = min(0, finite.min() ?? 0), hi = max(0, finite.max() ?? 1)
        if hi <= lo { hi = lo + 1 }
        if let fixed = chart.options.yRange, fixed.upperBound > fixed.lowerBound {
            (lo, hi) = (fixed.lowerBound, fixed.upperBound)
        } else {
            let room = chart.showValues ? 0.08 * (hi - lo) : 0
            if hi > 0 { hi += room }
            if lo < 0 { lo -= room }
            let target = max(2, Int(frameHeight / 40))
            let step = Ticks.niceStep(span: hi - lo, count: target).value
            hi = (hi / step - 1e-9).rounded(.up) * step
            lo = (lo / step + 1e-9).rounded(.down) * step
        }
        let scale = AxisScale(domain: Domain(lo: lo, hi: hi), isLog: false, p0: frameHeight, p1: 0)
        return AxisFitting.vertical(scale, length: frameHeight)
    }
}
