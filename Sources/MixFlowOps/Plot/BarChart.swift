/// One series of a grouped bar chart: a value per category (NaN for a missing bar).
public struct BarSeries: Sendable {
    public var name: String
    public var values: [Double]
    public var color: Color?

    public init(name: String, values: [Double], color: Color? = nil) {
        self.name = name
        self.values = values
        self.color = color
    }
}

/// Grouped bars: one group per category (e.g. a held-out condition), one bar per series in each
/// group (e.g. a model). The value axis always includes 0, so bar lengths compare honestly; log
/// scales and `xRange` do not apply, `yRange` fixes the value axis.
public struct BarChart: Sendable {
    public var categories: [String]
    public var series: [BarSeries]
    public var options: PlotOptions
    /// Print each bar's value (3 significant digits) above it when the labels fit the bars.
    public var showValues: Bool

    public init(categories: [String], series: [BarSeries], options: PlotOptions = PlotOptions(), showValues: Bool = true) {
        for s in series {
            precondition(s.values.count == categories.count,
                         "bar series '\(s.name)' has \(s.values.count) values for \(categories.count) categories")
        }
        self.categories = categories
        self.series = series
        self.options = options
        self.showValues = showValues
    }

    /// The chart as a standalone SVG 1.1 document (deterministic).
    public func svg() -> String { BarChartRenderer(chart: self).render() }

    /// Writes `svg()` to `path` atomically.
    public func write(to path: String) throws(FileWriteError) {
        try AtomicFile.write(svg(), to: path)
    }
}

/// Anything mfsh can plot: a figure of panels or a bar chart. The `plot` command produces one;
/// notebooks embed them inline.
public enum Chart: Sendable {
    case figure(Figure)
    case bars(BarChart)

    public func svg() -> String {
        switch self {
        case .figure(let figure): figure.svg()
        case .bars(let chart): chart.svg()
        }
    }

    public func write(to path: String) throws(FileWriteError) {
        try AtomicFile.write(svg(), to: path)
    }
}
