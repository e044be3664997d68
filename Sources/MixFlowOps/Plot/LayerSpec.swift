/// Points drawn as markers. All points of a layer share colour, marker and opacity, so a layer is
/// written as one compact SVG path however many points it has.
public struct ScatterLayer: Sendable {
    public var xs: [Double]
    public var ys: [Double]
    public var label: String?
    /// `nil` takes the next palette colour (the same label gets the same colour in every panel).
    public var color: Color?
    public var marker: MarkerShape
    /// Marker diameter in pixels.
    public var size: Double
    public var opacity: Double
    /// Optional per-point diameters in pixels (e.g. mixture weights); overrides `size`.
    public var sizes: [Double]?

    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
                marker: MarkerShape = .circle, size: Double = 3, opacity: Double = 0.7,
                sizes: [Double]? = nil) {
        precondition(x.count == y.count, "scatter layer has \(x.count) x values but \(y.count) y values")
        precondition(sizes == nil || sizes?.count == x.count, "scatter layer needs one size per point")
        self.xs = x
        self.ys = y
        self.label = label
        self.color = color
        self.marker = marker
        self.size = size
        self.opacity = opacity
        self.sizes = sizes
    }

    /// Points from the first two columns of an n×D matrix (D ≥ 2); project higher-dimensional
    /// data first.
    public init<T: MatrixScalar>(points: Matrix<T>, label: String? = nil, color: Color? = nil,
                                 marker: MarkerShape = .circle, size: Double = 3, opacity: Double = 0.7) {
        precondition(points.cols >= 2, "a scatter layer needs 2 columns, the matrix is \(points.shapeDescription)")
        let xs = (0..<points.rows).map { Double(points[$0, 0]) }
        let ys = (0..<points.rows).map { Double(points[$0, 1]) }
        self.init(x: xs, y: ys, label: label, color: color, marker: marker, size: size, opacity: opacity)
    }
}

/// A polyline through (x, y) in order. Points with a NaN (or a non-positive value on a log axis)
/// are skipped and the line joins their neighbours, so a loss recorded only every k-th step can
/// share the x values of the others; an infinite value breaks the line in two.
public struct LineSeries: Sendable {
    public var xs: [Double]
    public var ys: [Double]
    public var label: String?
    public var color: Color?
    /// Stroke width in pixels.
    public var width: Double
    public var dashed: Bool
    /// Marker drawn at every point, or nil for none.
    public var marker: MarkerShape?
    public var markerSize: Double

    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil, width: Double = 1.8,
                dashed: Bool = false, marker: MarkerShape? = nil, markerSize: Double = 6) {
        precondition(x.count == y.count, "line series has \(x.count) x values but \(y.count) y values")
        self.xs = x
        self.ys = y
        self.label = label
        self.color = color
        self.width = width
        self.dashed = dashed
        self.marker = marker
        self.markerSize = markerSize
    }
}

/// A shaded vertical band over [start, end] on the x axis, labelled at its top (a training phase).
public struct PhaseBand: Sendable, Equatable {
    public var start: Double
    public var end: Double
    public var label: String
    public var color: Color?

    public init(start: Double, end: Double, label: String, color: Color? = nil) {
        self.start = start
        self.end = end
        self.label = label
        self.color = color
    }

    /// Bands for phases that follow each other: [("warm-up", 300), ("alternate", 2400)] starting
    /// at 0 gives [0, 300] and [300, 2700]. Phases of zero length are left out.
    public static func consecutive(_ phases: [(label: String, length: Double)], start: Double = 0) -> [PhaseBand] {
        var bands: [PhaseBand] = []
        var position = start
        for phase in phases where phase.length > 0 {
            bands.append(PhaseBand(start: position, end: position + phase.length, label: phase.label))
            position += phase.length
        }
        return bands
    }
}

/// Light polylines, one per path (e.g. ODE trajectories from base draws to generated points).
public struct TrajectoryLayer: Sendable {
    /// Each path is a list of (x, y) vertices in order.
    public var paths: [[SIMD2<Double>]]
    public var label: String?
    public var color: Color?
    public var width: Double
    public var opacity: Double
    /// Longer paths are thinned to about this many vertices (always keeping both ends).
    public var maxVertices: Int

    public init(paths: [[SIMD2<Double>]], label: String? = nil, color: Color? = nil,
                width: Double = 0.7, opacity: Double = 0.35, maxVertices: Int = 60) {
        self.paths = paths
        self.label = label
        self.color = color
        self.width = width
        self.opacity = opacity
        self.maxVertices = max(2, maxVertices)
    }

    /// Paths from T snapshots of the same n points (each n×D, D ≥ 2, first two columns drawn):
    /// path i visits row i of every snapshot in order.
    public init<T: MatrixScalar>(snapshots: [Matrix<T>], label: String? = nil, color: Color? = nil,
                                 width: Double = 0.7, opacity: Double = 0.35, maxVertices: Int = 60) {
        let n = snapshots.first?.rows ?? 0
        for (t, snapshot) in snapshots.enumerated() {
            precondition(snapshot.rows == n && snapshot.cols >= 2,
                         "trajectory snapshot \(t) is \(snapshot.shapeDescription), expected \(n)x(2 or more)")
        }
        let paths = (0..<n).map { i in
            snapshots.map { SIMD2(Double($0[i, 0]), Double($0[i, 1])) }
        }
        self.init(paths: paths, label: label, color: color, width: width, opacity: opacity, maxVertices: maxVertices)
    }
}

/// Circles with radii in data units (e.g. sigma around each base mode). Drawn as ellipses when
/// the axes are not equally scaled, so set `PlotOptions.equalAspect` to see true circles.
public struct CircleLayer: Sendable {
    public var xs: [Double]
    public var ys: [Double]
    /// One radius per circle, in data units.
    public var radii: [Double]
    public var label: String?
    public var color: Color?
    public var fillOpacity: Double
    public var strokeWidth: Double
    public var dashed: Bool

    public init(x: [Double], y: [Double], radii: [Double], label: String? = nil, color: Color? = nil,
                fillOpacity: Double = 0.08, strokeWidth: Double = 1, dashed: Bool = false) {
        precondition(x.count == y.count && radii.count == x.count,
                     "circle layer needs equal counts of x (\(x.count)), y (\(y.count)) and radii (\(radii.count))")
        self.xs = x
        self.ys = y
        self.radii = radii
        self.label = label
        self.color = color
        self.fillOpacity = fillOpacity
        self.strokeWidth = strokeWidth
        self.dashed = dashed
    }
}
