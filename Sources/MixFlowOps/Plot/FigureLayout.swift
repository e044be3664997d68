/// Where the legend is drawn.
enum LegendSpot {
    case none
    /// A framed column (inside a corner of the plot, or to its right).
    case box(Rect)
    /// Centred rows above the panels.
    case rows(Rect, [[Int]])
}

/// Space set aside for the legend before the panels are placed.
enum LegendReserve {
    case none
    case right(width: Double)
    case top(rows: [[Int]])
}

/// One panel's data rectangle (in figure pixels) and its fitted axes (in the panel's own pixels).
struct PanelGeometry {
    var frame: Rect
    var x: FittedAxis
    var y: FittedAxis
    var showXLabels: Bool
    var showYLabels: Bool
}

/// Positions of everything in a figure.
struct FigureLayout {
    var width: Double
    var height: Double
    var panels: [PanelGeometry]
    var legend: LegendSpot
    /// The rectangle spanned by all panel frames; axis labels are centred on it.
    var plotBlock: Rect
    var titleHeight: Double
}

/// The grid of a small-multiples figure: columns × rows cells for `count` panels.
struct GridShape {
    var columns: Int
    var rows: Int

    init(count: Int, columns requested: Int?) {
        let count = max(count, 1)
        let columns = requested.map { min(max($0, 1), count) }
            ?? (count <= 3 ? count : Int(Double(count).squareRoot().rounded(.up)))
        self.columns = columns
        self.rows = (count + columns - 1) / columns
    }
}

/// Margins around and gaps between panels, in pixels.
struct Margins {
    var top: Double
    var bottom: Double
    var left: Double
    var right: Double
    var columnGap: Double
    var rowGap: Double
    /// Height above each panel for its title (zero when no panel has one).
    var panelTitle: Double
}
