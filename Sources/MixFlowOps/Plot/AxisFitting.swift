/// Sizes shared by all figures, in pixels.
enum PlotMetrics {
    static let tickFont = 11.0
    static let axisLabelFont = 12.0
    static let titleFont = 15.0
    static let panelTitleFont = 12.0
    static let tickLength = 4.0
    static let tickLabelGap = 3.0
    static let outerPadding = 10.0
    /// Minimum free space between neighbouring x tick labels.
    static let labelGap = 8.0
}

/// Ticks chosen for one axis of a panel, with every `labelStride`-th label drawn.
struct FittedAxis {
    var scale: AxisScale
    var ticks: [Tick]
    var labelStride: Int

    /// The labels that are drawn.
    var shownLabels: [Tick] { ticks.enumerated().filter { $0.offset % labelStride == 0 }.map(\.element) }

    var widestLabel: Double {
        shownLabels.map { TextMetrics.width($0.label, fontSize: PlotMetrics.tickFont) }.max() ?? 0
    }
}

/// Picks tick counts so labels never collide.
enum AxisFitting {
    /// Ticks for a horizontal axis `length` pixels long: about one per 70 px, fewer while the
    /// labels would overlap; if even two ticks' labels overlap, only every k-th label is drawn.
    static func horizontal(_ scale: AxisScale, length: Double) -> FittedAxis {
        fit(scale, start: max(2, Int(length / 70))) { ticks, stride in
            horizontalLabelsFit(ticks, scale: scale, stride: stride)
        }
    }

    /// Ticks for a vertical axis: about one per 40 px, fewer while labels would touch.
    static func vertical(_ scale: AxisScale, length: Double) -> FittedAxis {
        fit(scale, start: max(2, Int(length / 40))) { ticks, stride in
            let positions = ticks.enumerated().filter { $0.offset % stride == 0 }.compactMap { scale.pixel($0.element.value) }
            let needed = TextMetrics.lineHeight(fontSize: PlotMetrics.tickFont) + 2
            return zip(positions, positions.dropFirst()).allSatisfy { abs($1 - $0) >= needed }
        }
    }

    private static func fit(_ scale: AxisScale, start: Int, fits: ([Tick], Int) -> Bool) -> FittedAxis {
        var target = start
        var ticks = scale.ticks(count: target)
        while target > 2 && !fits(ticks, 1) {
            target -= 1
            ticks = scale.ticks(count: target)
        }
        var stride = 1
        while stride < ticks.count && !fits(ticks, stride) { stride += 1 }
        return FittedAxis(scale: scale, ticks: ticks, labelStride: stride)
    }

    private static func horizontalLabelsFit(_ ticks: [Tick], scale: AxisScale, stride: Int) -> Bool {
        let shown = ticks.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        var previous: (pixel: Double, halfWidth: Double)?
        for tick in shown {
            guard let pixel = scale.pixel(tick.value) else { continue }
            let half = TextMetrics.width(tick.label, fontSize: PlotMetrics.tickFont) / 2
            if let previous, abs(pixel - previous.pixel) < previous.halfWidth + half + PlotMetrics.labelGap {
                return false
            }
            previous = (pixel, half)
        }
        return true
    }
}

/// Where axis titles go.
enum AxisLabelPlacement {
    /// The baseline x of the rotated y-axis title: just left of the widest tick label (a text
    /// rotated by -90° extends 0.8 em left of its baseline and 0.25 em right of it).
    static func yLabelBaseline(frameX: Double, widestTickLabel: Double) -> Double {
        let tickLabelsLeft = frameX - PlotMetrics.tickLength - PlotMetrics.tickLabelGap - widestTickLabel
        return max(tickLabelsLeft - 6 - 0.25 * PlotMetrics.axisLabelFont,
                   PlotMetrics.outerPadding + 0.8 * PlotMetrics.axisLabelFont)
    }
}
