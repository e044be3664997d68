/// Loss curves of a history for `plot history`.
extension TrainingHistory {
    /// L_OT (velocity steps) and L_geo (all steps), each a running mean over `smoothing` steps
    /// of its own series, against the step; phase bands behind. Log scale by default: the
    /// losses fall by orders of magnitude.
    public func figure(smoothing: Int = 25, options: PlotOptions = PlotOptions(logY: true)) -> Figure {
        let velocity = records.filter { $0.update == .velocity }
        var series = [LineSeries(x: velocity.map { Double($0.step) }, y: runningMean(velocity.map(\.lossOT), smoothing),
                                 label: "L_OT", color: PlotPalette.color(0))]
        series.append(LineSeries(x: records.map { Double($0.step) }, y: runningMean(records.map(\.lossGeo), smoothing),
                                 label: "L_geo", color: PlotPalette.color(1)))
        let bands = phaseSpans.map { PhaseBand(start: Double($0.first - 1), end: Double($0.last), label: $0.phase.description) }
        return Figure.history(series, phases: bands.count > 1 ? bands : [], options: options)
    }
}

/// Mean of the last `window` values at every position (fewer at the start).
func runningMean(_ values: [Double], _ window: Int) -> [Double] {
    let w = max(window, 1)
    var sum = 0.0, out: [Double] = []
    out.reserveCapacity(values.count)
    for (i, v) in values.enumerated() {
        sum += v
        if i >= w { sum -= values[i - w] }
        out.append(sum / Double(min(i + 1, w)))
    }
    return out
}
