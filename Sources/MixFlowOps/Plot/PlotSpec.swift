/// The shape drawn for each point of a scatter layer or line series.
public enum MarkerShape: String, Sendable, CaseIterable {
    case circle, square, diamond, triangle, plus, cross
}

/// Where the legend goes. `auto` puts it in the emptiest inside corner of a single panel when a
/// corner is free of data, and to the right of the plot otherwise; figures with several panels
/// get one shared legend above the panels.
public enum LegendPlacement: String, Sendable, CaseIterable {
    case auto, right, top, none
}

/// Options shared by every kind of figure. Sizes are in pixels (SVG user units); `nil` sizes are
/// chosen from the number of panels.
public struct PlotOptions: Sendable, Equatable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var width: Double?
    public var height: Double?
    public var logX: Bool
    public var logY: Bool
    /// One data unit has the same length on both axes (needed for circles with data-unit radii).
    public var equalAspect: Bool
    /// Fixed axis ranges; data outside them is clipped. `nil` fits the data with a margin.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    public var legend: LegendPlacement
    public var grid: Bool
    /// Columns of the small-multiples grid; `nil` picks about the square root of the panel count.
    public var columns: Int?
    /// Panels share their x and y ranges and only the outer panels carry tick labels.
    public var sharedAxes: Bool

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                width: Double? = nil, height: Double? = nil, logX: Bool = false, logY: Bool = false,
                equalAspect: Bool = false, xRange: ClosedRange<Double>? = nil,
                yRange: ClosedRange<Double>? = nil, legend: LegendPlacement = .auto, grid: Bool = true,
                columns: Int? = nil, sharedAxes: Bool = true) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
        self.logX = logX
        self.logY = logY
        self.equalAspect = equalAspect
        self.xRange = xRange
        self.yRange = yRange
        self.legend = legend
        self.grid = grid
        self.columns = columns
        self.sharedAxes = sharedAxes
    }
}

/// One thing drawn inside a panel.
public enum PlotLayer: Sendable {
    case scatter(ScatterLayer)
    case line(LineSeries)
    case bands([PhaseBand])
    case trajectories(TrajectoryLayer)
    case circles(CircleLayer)

    /// The legend label of the layer, if it has one (bands are labelled in place instead).
    var label: String? {
        switch self {
        case .scatter(let layer): layer.label
        case .line(let series): series.label
        case .trajectories(let layer): layer.label
        case .circles(let layer): layer.label
        case .bands: nil
        }
    }

    /// The colour the caller asked for, if any.
    var requestedColor: Color? {
        switch self {
        case .scatter(let layer): layer.color
        case .line(let series): series.color
        case .trajectories(let layer): layer.color
        case .circles(let layer): layer.color
        case .bands: nil
        }
    }
}

/// One set of axes with its layers, drawn in order (later layers on top).
public struct Panel: Sendable {
    /// Shown above the panel, e.g. "A @ 90".
    public var title: String?
    public var layers: [PlotLayer]

    public init(title: String? = nil, layers: [PlotLayer]) {
        self.title = title
        self.layers = layers
    }
}

/// A figure: one panel, or a grid of panels (small multiples) with shared axes and one legend.
/// Render it with `svg()`, write it with `write(to:)`.
public struct Figure: Sendable {
    public var panels: [Panel]
    public var options: PlotOptions

    public init(panels: [Panel], options: PlotOptions = PlotOptions()) {
        self.panels = panels
        self.options = options
    }

    public init(layers: [PlotLayer], options: PlotOptions = PlotOptions()) {
        self.init(panels: [Panel(layers: layers)], options: options)
    }
}
