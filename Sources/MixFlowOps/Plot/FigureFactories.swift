/// Ready-made figures for the things mfsh plots. Each is a plain `Figure` the caller may adjust
/// before rendering; the `…Layers` functions give the layers alone, for building small multiples
/// with one panel per condition.
extension Figure {
    /// Several point sets overlaid in one panel (e.g. real in blue, generated in orange).
    public static func scatter(_ layers: [ScatterLayer], options: PlotOptions = PlotOptions()) -> Figure {
        Figure(layers: layers.map(PlotLayer.scatter), options: options)
    }

    /// Small multiples: one panel per condition, titled with its name (e.g. "A @ 90"), sharing
    /// axes and one legend.
    public static func byCondition(_ conditions: [(title: String, layers: [PlotLayer])],
                                   options: PlotOptions = PlotOptions()) -> Figure {
        Figure(panels: conditions.map { Panel(title: $0.title, layers: $0.layers) }, options: options)
    }

    /// A training history: loss curves against the step, over shaded phase bands. The axis labels
    /// default to "step" and "loss".
    public static func history(_ series: [LineSeries], phases: [PhaseBand] = [],
                               options: PlotOptions = PlotOptions()) -> Figure {
        var options = options
        if options.xLabel == nil { options.xLabel = "step" }
        if options.yLabel == nil { options.yLabel = "loss" }
        let layers = (phases.isEmpty ? [] : [PlotLayer.bands(phases)]) + series.map(PlotLayer.line)
        return Figure(layers: layers, options: options)
    }

    /// Lines with a marker at each value (e.g. W2 against the number of components, one series
    /// per model). Series without a marker get one, a different shape per series.
    public static func lines(_ series: [LineSeries], options: PlotOptions = PlotOptions()) -> Figure {
        let shapes: [MarkerShape] = [.circle, .square, .diamond, .triangle, .plus, .cross]
        let marked = series.enumerated().map { index, line in
            var line = line
            if line.marker == nil { line.marker = shapes[index % shapes.count] }
            return line
        }
        return Figure(layers: marked.map(PlotLayer.line), options: options)
    }

    /// Paths from base draws to generated points (T snapshots of n points, first two columns),
    /// optionally over the real target points, with start and end markers.
    public static func trajectoryLayers<T: MatrixScalar>(snapshots: [Matrix<T>], targets: Matrix<T>? = nil) -> [PlotLayer] {
        var layers: [PlotLayer] = []
        if let targets {
            layers.append(.scatter(ScatterLayer(points: targets, label: "data", color: Color(red: 0xAA, green: 0xAA, blue: 0xAA),
                                                size: 3, opacity: 0.5)))
        }
        layers.append(.trajectories(TrajectoryLayer(snapshots: snapshots, label: "path", color: Color(red: 0x66, green: 0x66, blue: 0x66))))
        if let first = snapshots.first, let last = snapshots.last {
            layers.append(.scatter(ScatterLayer(points: first, label: "base draw", color: PlotPalette.color(0), size: 4, opacity: 0.8)))
            layers.append(.scatter(ScatterLayer(points: last, label: "generated", color: PlotPalette.color(1), size: 4, opacity: 0.8)))
        }
        return layers
    }

    /// One panel of trajectories; see `trajectoryLayers`.
    public static func trajectories<T: MatrixScalar>(snapshots: [Matrix<T>], targets: Matrix<T>? = nil,
                                                     options: PlotOptions = PlotOptions()) -> Figure {
        Figure(layers: trajectoryLayers(snapshots: snapshots, targets: targets), options: options)
    }

    /// A Gaussian-mixture base: optional data points in grey, a circle of radius sigma (solid) and
    /// 2 sigma (dashed) around each mode, and the modes as dots whose area follows the weights.
    /// `means` is I×D (first two columns drawn); `weights` has I entries when given.
    public static func baseMixtureLayers<T: MatrixScalar>(means: Matrix<T>, sigma: Double, weights: [Double]? = nil,
                                                          data: Matrix<T>? = nil) -> [PlotLayer] {
        precondition(means.cols >= 2, "mixture means need 2 columns, got \(means.shapeDescription)")
        precondition(weights == nil || weights?.count == means.rows, "need one weight per mode")
        let xs = (0..<means.rows).map { Double(means[$0, 0]) }
        let ys = (0..<means.rows).map { Double(means[$0, 1]) }
        var layers: [PlotLayer] = []
        if let data {
            layers.append(.scatter(ScatterLayer(points: data, label: "data", color: Color(red: 0x99, green: 0x99, blue: 0x99),
                                                size: 2.5, opacity: 0.45)))
        }
        let mode = PlotPalette.color(3)
        // Three significant digits: a standardised model's sigma in data units is sigma times a
        // fitted spread, and "0.158312" reads worse than "0.158".
        let sigmaText = DecimalValue.significant(sigma, digits: 3)
        layers.append(.circles(CircleLayer(x: xs, y: ys, radii: xs.map { _ in 2 * sigma }, label: "2σ",
                                           color: mode, fillOpacity: 0.04, strokeWidth: 0.8, dashed: true)))
        layers.append(.circles(CircleLayer(x: xs, y: ys, radii: xs.map { _ in sigma }, label: "σ = \(sigmaText)",
                                           color: mode, fillOpacity: 0.12)))
        let largest = weights?.max() ?? 1
        let sizes = weights.map { $0.map { 4 + 8 * ($0 / max(largest, 1e-300)).squareRoot() } }
        layers.append(.scatter(ScatterLayer(x: xs, y: ys, label: "mode", color: mode, size: 7, opacity: 0.95, sizes: sizes)))
        return layers
    }

    /// One panel of a mixture base with equal axis scaling; see `baseMixtureLayers`.
    public static func baseMixture<T: MatrixScalar>(means: Matrix<T>, sigma: Double, weights: [Double]? = nil,
                                                    data: Matrix<T>? = nil, options: PlotOptions = PlotOptions()) -> Figure {
        var options = options
        options.equalAspect = true
        return Figure(layers: baseMixtureLayers(means: means, sigma: sigma, weights: weights, data: data), options: options)
    }
}
