import MixFlowOps

/// `mfsh sweep --summary DIR by=KEY[,OTHER...] plot=RESULT`: the result against the first `by`
/// parameter, one line of means per combination of the other `by` parameters (e.g. one per
/// model), with every ok run drawn as a faint point of its line's colour.
enum SweepPlot {
    static func figure(_ summary: SweepSummary, result: String) throws(UsageError) -> Figure {
        guard let xKey = summary.by.first else {
            throw UsageError(message: "plot= needs by=KEY: the parameter to put on the x axis")
        }
        guard summary.numericResults.contains(result) else {
            let known = summary.numericResults.isEmpty ? "none" : summary.numericResults.joined(separator: ", ")
            throw UsageError(message: "plot=\(result): no run recorded a number named '\(result)' (numeric results: \(known))")
        }
        var lines: [(label: String, x: [Double], mean: [Double], runsX: [Double], runsY: [Double])] = []
        for group in summary.groups {
            guard let samples = group.samples[result]?.filter(\.isFinite), !samples.isEmpty else { continue }
            guard let x = SweepParameter.number(group.values[0]) else {
                throw UsageError(message: "plot= needs numbers on the x axis; \(xKey)=\(group.values[0]) is not a number")
            }
            let label = zip(summary.by.dropFirst(), group.values.dropFirst()).map { "\($0)=\($1)" }.joined(separator: " ")
            let index = lines.firstIndex { $0.label == label } ?? {
                lines.append((label, [], [], [], []))
                return lines.count - 1
            }()
            lines[index].x.append(x)
            lines[index].mean.append(SweepSummary.statistics(samples).mean)
            lines[index].runsX += samples.map { _ in x }
            lines[index].runsY += samples
        }
        var layers: [PlotLayer] = []
        for (index, line) in lines.enumerated() {
            let color = PlotPalette.color(index)
            let order = line.x.indices.sorted { line.x[$0] < line.x[$1] }
            let name = line.label.isEmpty ? "mean" : line.label
            layers.append(.scatter(ScatterLayer(x: line.runsX, y: line.runsY, label: lines.count == 1 ? "runs" : nil,
                                                color: color, size: 4, opacity: 0.5)))
            layers.append(.line(LineSeries(x: order.map { line.x[$0] }, y: order.map { line.mean[$0] }, label: name,
                                           color: color, marker: .circle)))
        }
        let options = PlotOptions(title: "\(result) against \(xKey)", xLabel: xKey, yLabel: result)
        return Figure(layers: layers, options: options)
    }
}
