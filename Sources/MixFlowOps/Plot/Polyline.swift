/// Path data and thinning for polylines.
enum Polyline {
    /// `M x0 y0L x1 y1 x2 y2 …` for the vertices (at least one).
    static func pathData(_ points: [SIMD2<Double>]) -> String {
        guard let first = points.first else { return "" }
        var d = "M" + svg1(first.x) + " " + svg1(first.y)
        if points.count == 1 { return d + "h0" }
        d += "L"
        for (i, p) in points.dropFirst().enumerated() {
            if i > 0 { d += " " }
            d += svg1(p.x) + " " + svg1(p.y)
        }
        return d
    }

    /// About `maxVertices` vertices taken at even index steps, always keeping the first and last.
    static func thinned(_ path: [SIMD2<Double>], to maxVertices: Int) -> [SIMD2<Double>] {
        guard path.count > maxVertices, maxVertices >= 2 else { return path }
        let last = path.count - 1
        return (0..<maxVertices).map { k in path[(k * last) / (maxVertices - 1)] }
    }
}

/// Thinning of long lines that keeps their look.
enum LineDecimation {
    /// For runs with more than four vertices per pixel column, keeps in each 1-pixel column the
    /// first, lowest, highest and last vertex in their original order (the "M4" reduction): the
    /// drawn line covers the same pixels as the full line, with at most 4 vertices per column.
    static func keepingExtremes(_ run: [SIMD2<Double>]) -> [SIMD2<Double>] {
        guard let first = run.first, let last = run.last, run.count > 4 * Int(abs(last.x - first.x) + 1) else {
            return run
        }
        var kept: [SIMD2<Double>] = []
        var start = 0
        while start < run.count {
            let column = run[start].x.rounded(.down)
            var end = start
            while end + 1 < run.count && run[end + 1].x.rounded(.down) == column { end += 1 }
            kept.append(contentsOf: extremes(run, start, end))
            start = end + 1
        }
        return kept
    }

    private static func extremes(_ run: [SIMD2<Double>], _ start: Int, _ end: Int) -> [SIMD2<Double>] {
        var low = start, high = start
        for i in start...end {
            if run[i].y < run[low].y { low = i }
            if run[i].y > run[high].y { high = i }
        }
        var indices = [start, low, high, end].sorted()
        indices = indices.enumerated().filter { $0.offset == 0 || $0.element != indices[$0.offset - 1] }.map(\.element)
        return indices.map { run[$0] }
    }
}
