/// Measures and draws a legend: either a framed column of entries (in a corner of the plot or at
/// its right) or centred rows of entries above the panels.
struct LegendLayout {
    static let fontSize = 11.0
    static let swatchWidth = 22.0
    static let swatchGap = 5.0
    static let rowHeight = 17.0
    static let padding = 7.0
    static let entryGap = 18.0
    static let maxLabelWidth = 200.0

    let entries: [LegendEntry]
    let labels: [String]

    init(entries: [LegendEntry]) {
        self.entries = entries
        self.labels = entries.map {
            TextMetrics.truncated($0.label, toWidth: Self.maxLabelWidth, fontSize: Self.fontSize)
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    func entryWidth(_ index: Int) -> Double {
        Self.swatchWidth + Self.swatchGap + TextMetrics.width(labels[index], fontSize: Self.fontSize)
    }

    /// Size of the framed column form.
    var columnSize: (width: Double, height: Double) {
        let widest = entries.indices.map(entryWidth).max() ?? 0
        return (widest + 2 * Self.padding, Double(entries.count) * Self.rowHeight + 2 * Self.padding - 4)
    }

    /// Entries split into rows no wider than `maxWidth`, in order.
    func rows(maxWidth: Double) -> [[Int]] {
        var rows: [[Int]] = []
        var current: [Int] = []
        var used = 0.0
        for index in entries.indices {
            let width = entryWidth(index)
            if !current.isEmpty && used + Self.entryGap + width > maxWidth {
                rows.append(current)
                current = []
                used = 0
            }
            used += (current.isEmpty ? 0 : Self.entryGap) + width
            current.append(index)
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    func rowWidth(_ row: [Int]) -> Double {
        row.map(entryWidth).reduce(0, +) + Self.entryGap * Double(max(row.count - 1, 0))
    }

    /// The framed column with its top-left corner at `rect.origin`.
    func drawColumn(in rect: Rect, into svg: inout SVGWriter) {
        svg.element("rect", [("x", svg1(rect.x)), ("y", svg1(rect.y)), ("width", svg1(rect.width)), ("height", svg1(rect.height)),
                             ("rx", "3"), ("fill", "#ffffff"), ("fill-opacity", "0.9"), ("stroke", "#cccccc")])
        for index in entries.indices {
            let centreY = rect.y + Self.padding + Self.rowHeight * (Double(index) + 0.5) - 2
            drawEntry(index, x: rect.x + Self.padding, centreY: centreY, into: &svg)
        }
    }

    /// Rows centred horizontally in `rect`, starting at its top.
    func drawRows(_ rows: [[Int]], in rect: Rect, into svg: inout SVGWriter) {
        for (r, row) in rows.enumerated() {
            var x = rect.x + (rect.width - rowWidth(row)) / 2
            let centreY = rect.y + Self.rowHeight * (Double(r) + 0.5)
            for index in row {
                drawEntry(index, x: x, centreY: centreY, into: &svg)
                x += entryWidth(index) + Self.entryGap
            }
        }
    }

    private func drawEntry(_ index: Int, x: Double, centreY: Double, into svg: inout SVGWriter) {
        drawSwatch(entries[index], x: x, centreY: centreY, into: &svg)
        svg.text(labels[index], x: x + Self.swatchWidth + Self.swatchGap, y: centreY + Self.fontSize * 0.36,
                 size: Self.fontSize)
    }

    private func drawSwatch(_ entry: LegendEntry, x: Double, centreY: Double, into svg: inout SVGWriter) {
        let mid = SIMD2(x + Self.swatchWidth / 2, centreY)
        let color = entry.color.hex
        switch entry.swatch {
        case let .marker(shape, size, opacity):
            let shown = min(max(size * 1.6, 6), 10)
            svg.element("path", [("d", MarkerPath.data(shape, size: shown, at: [mid]))]
                        + MarkerPath.style(shape, size: shown, color: entry.color, opacity: max(opacity, 0.85)))
        case let .line(width, dashed, marker):
            var attributes = [("d", "M\(svg1(x)) \(svg1(centreY))h\(svg1(Self.swatchWidth))"), ("stroke", color),
                              ("stroke-width", svg2(width))]
            if dashed { attributes.append(("stroke-dasharray", "\(svg1(width * 3)) \(svg1(width * 2))")) }
            svg.element("path", attributes)
            if let marker {
                svg.element("path", [("d", MarkerPath.data(marker, size: 6, at: [mid]))]
                            + MarkerPath.style(marker, size: 6, color: entry.color, opacity: 1))
            }
        case let .path(width):
            svg.element("path", [("d", "M\(svg1(x)) \(svg1(centreY + 3))q\(svg1(Self.swatchWidth / 2)) -9 \(svg1(Self.swatchWidth)) -6"),
                                 ("fill", "none"), ("stroke", color), ("stroke-width", svg2(max(width, 1.2))),
                                 ("stroke-opacity", "0.7")])
        case let .circle(fillOpacity, dashed):
            var attributes = [("cx", svg1(mid.x)), ("cy", svg1(mid.y)), ("r", "6"), ("fill", color),
                              ("fill-opacity", svg2(max(fillOpacity, 0.15))), ("stroke", color)]
            if dashed { attributes.append(("stroke-dasharray", "3 2")) }
            svg.element("circle", attributes)
        case .bar:
            svg.element("rect", [("x", svg1(mid.x - 6)), ("y", svg1(centreY - 6)), ("width", "12"), ("height", "12"), ("fill", color)])
        }
    }
}

/// Chooses a corner of the plot area where the legend covers no data.
enum LegendPlacer {
    /// The first of top-right, top-left, bottom-right, bottom-left (inset 8 px) whose rectangle
    /// holds the fewest obstacles, if that is no more than `tolerance` of them; nil when every
    /// corner would hide more data than that.
    static func insideCorner(size: (width: Double, height: Double), frame: Rect,
                             obstacles: [Rect], tolerance: Int) -> Rect? {
        let inset = 8.0
        guard size.width + 2 * inset <= frame.width, size.height + 2 * inset <= frame.height else { return nil }
        let left = frame.x + inset, right = frame.maxX - inset - size.width
        let top = frame.y + inset, bottom = frame.maxY - inset - size.height
        let candidates = [(right, top), (left, top), (right, bottom), (left, bottom)].map {
            Rect(x: $0.0, y: $0.1, width: size.width, height: size.height)
        }
        var best: (rect: Rect, count: Int)?
        for candidate in candidates {
            let padded = candidate.insetBy(-3)
            let count = obstacles.reduce(0) { $0 + ($1.intersects(padded) ? 1 : 0) }
            if best == nil || count < best!.count { best = (candidate, count) }
        }
        guard let best, best.count <= tolerance else { return nil }
        return best.rect
    }
}
