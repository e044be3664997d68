/// What a legend placed inside a panel could hide: every drawn point, points sampled every few
/// pixels along lines and paths, circle outlines, and band labels, as small rectangles in figure
/// pixels.
enum ObstacleMap {
    static func rects(of panel: Panel, geometry: PanelGeometry) -> [Rect] {
        let renderer = LayerRenderer(x: geometry.x.scale, y: geometry.y.scale)
        let origin = SIMD2(geometry.frame.x, geometry.frame.y)
        var points: [SIMD2<Double>] = []
        var rects: [Rect] = []
        for layer in panel.layers {
            switch layer {
            case .scatter(let s):
                points += renderer.scatterPixels(s)
            case .line(let l):
                for run in renderer.lineRuns(l) { points += sampled(run) }
            case .trajectories(let t):
                for path in t.paths {
                    points += sampled(Polyline.thinned(path, to: t.maxVertices).compactMap { renderer.pixel($0.x, $0.y) })
                }
            case .circles(let c):
                points += circleOutlines(c, renderer: renderer)
            case .bands(let bands):
                rects += bandLabelRects(bands, renderer: renderer, origin: origin)
            }
        }
        return rects + points.map { Rect(x: $0.x + origin.x, y: $0.y + origin.y, width: 0, height: 0) }
    }

    /// The vertices of a polyline plus points every 4 px along each segment.
    static func sampled(_ run: [SIMD2<Double>]) -> [SIMD2<Double>] {
        guard var previous = run.first else { return [] }
        var out = [previous]
        for p in run.dropFirst() {
            let length = ((p.x - previous.x) * (p.x - previous.x) + (p.y - previous.y) * (p.y - previous.y)).squareRoot()
            let steps = Int(length / 4)
            if steps > 0 {
                for k in 1...steps { out.append(previous + (p - previous) * (Double(k) / Double(steps + 1))) }
            }
            out.append(p)
            previous = p
        }
        return out
    }

    private static func circleOutlines(_ c: CircleLayer, renderer: LayerRenderer) -> [SIMD2<Double>] {
        var out: [SIMD2<Double>] = []
        for i in c.xs.indices {
            guard let centre = renderer.pixel(c.xs[i], c.ys[i]) else { continue }
            out.append(centre)
            let rx = c.radii[i] * renderer.x.pixelsPerUnit, ry = c.radii[i] * renderer.y.pixelsPerUnit
            guard rx.isFinite, ry.isFinite else { continue }
            for k in 0..<16 {
                let angle = Double(k) * Double.pi / 8
                out.append(centre + SIMD2(rx * cosine(angle), ry * sine(angle)))
            }
        }
        return out
    }

    private static func bandLabelRects(_ bands: [PhaseBand], renderer: LayerRenderer, origin: SIMD2<Double>) -> [Rect] {
        bands.compactMap { band in
            guard let a = renderer.x.pixel(band.start), let b = renderer.x.pixel(band.end),
                  let label = renderer.bandLabel(band.label, width: abs(b - a)) else { return nil }
            let width = TextMetrics.width(label.text, fontSize: label.size)
            return Rect(x: origin.x + (a + b - width) / 2, y: origin.y + 2, width: width, height: label.size + 4)
        }
    }
}

import Foundation
private func cosine(_ x: Double) -> Double { Foundation.cos(x) }
private func sine(_ x: Double) -> Double { Foundation.sin(x) }
