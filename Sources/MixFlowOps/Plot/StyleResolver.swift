/// How a legend entry is drawn.
enum LegendSwatch: Equatable {
    case marker(MarkerShape, size: Double, opacity: Double)
    case line(width: Double, dashed: Bool, marker: MarkerShape?)
    case path(width: Double)
    case circle(fillOpacity: Double, dashed: Bool)
    case bar
}

/// One row of a legend.
struct LegendEntry: Equatable {
    var label: String
    var color: Color
    var swatch: LegendSwatch
}

/// The colour of every layer of a figure and its legend, decided once for all panels: layers
/// with the same label share a colour (the generated points are orange in every panel), layers
/// without a requested colour take palette colours in order of first appearance, and each label
/// appears once in the legend.
struct ResolvedStyles {
    /// colors[panel][layer]; bands get a placeholder (they have their own fills).
    var colors: [[Color]]
    var legend: [LegendEntry]

    init(panels: [Panel]) {
        var keys: [String] = []
        var keyColors: [Color] = []
        var nextPalette = 0
        var colors: [[Color]] = []
        var legend: [LegendEntry] = []
        for panel in panels {
            var panelColors: [Color] = []
            for (index, layer) in panel.layers.enumerated() {
                if case .bands = layer { panelColors.append(PlotPalette.text); continue }
                let key = layer.label ?? "\u{1}layer \(index)"
                if let known = keys.firstIndex(of: key) {
                    panelColors.append(layer.requestedColor ?? keyColors[known])
                    continue
                }
                let color = layer.requestedColor ?? PlotPalette.color(nextPalette)
                if layer.requestedColor == nil { nextPalette += 1 }
                keys.append(key)
                keyColors.append(color)
                panelColors.append(color)
                if let label = layer.label, let swatch = Self.swatch(for: layer) {
                    legend.append(LegendEntry(label: label, color: color, swatch: swatch))
                }
            }
            colors.append(panelColors)
        }
        self.colors = colors
        self.legend = legend
    }

    private static func swatch(for layer: PlotLayer) -> LegendSwatch? {
        switch layer {
        case .scatter(let s): .marker(s.marker, size: s.size, opacity: s.opacity)
        case .line(let l): .line(width: l.width, dashed: l.dashed, marker: l.marker)
        case .trajectories(let t): .path(width: t.width)
        case .circles(let c): .circle(fillOpacity: c.fillOpacity, dashed: c.dashed)
        case .bands: nil
        }
    }
}
