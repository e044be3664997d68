/// Samples points uniformly by arc length along a glyph's strokes.
///
/// The glyph is flattened to straight segments and centred: design coordinates (x, y) in
/// [0, width] x [0, 1] become (x - width/2, y - 1/2), so every letter sits in the unit box
/// [-1/2, 1/2]^2 around the origin and rotations turn it about its own centre.
struct GlyphSampler: Sendable {
    /// Segment start points and end points, centred.
    private var starts: [(Double, Double)] = []
    private var ends: [(Double, Double)] = []
    /// cumulative[i] = total length of segments 0..<i+1; the last entry is the glyph's length.
    private var cumulative: [Double] = []

    init(_ glyph: Glyph) {
        let shiftX = glyph.width / 2
        var total = 0.0
        for stroke in glyph.strokes {
            let vertices = stroke.flattened().map { ($0.0 - shiftX, $0.1 - 0.5) }
            for (a, b) in zip(vertices, vertices.dropFirst()) {
                let length = ((b.0 - a.0) * (b.0 - a.0) + (b.1 - a.1) * (b.1 - a.1)).squareRoot()
                guard length > 0 else { continue }
                total += length
                starts.append(a)
                ends.append(b)
                cumulative.append(total)
            }
        }
    }

    /// Total stroke length in unit-box units.
    var length: Double { cumulative.last ?? 0 }

    /// The point at arc length `s` (0 <= s <= length) along the strokes taken in order.
    func point(atArcLength s: Double) -> (Double, Double) {
        var low = 0, high = cumulative.count - 1
        while low < high {   // first segment whose cumulative length reaches s
            let mid = (low + high) / 2
            if cumulative[mid] < s { low = mid + 1 } else { high = mid }
        }
        let segmentStart = low == 0 ? 0 : cumulative[low - 1]
        let segmentLength = cumulative[low] - segmentStart
        let t = min(1, max(0, (s - segmentStart) / segmentLength))
        let (a, b) = (starts[low], ends[low])
        return (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
    }

    /// `count` points: positions uniform in arc length, each plus N(0, noise^2 I) noise, then
    /// rotated counter-clockwise by `degrees` about the origin. Returns count x 2, row-major.
    func sample(count: Int, noise: Double, degrees: Double, random: inout RandomStream) -> [Double] {
        let radians = degrees * Double.pi / 180
        let (c, s) = (_cos(radians), _sin(radians))
        var out = [Double](repeating: 0, count: 2 * count)
        for i in 0..<count {
            let (x, y) = point(atArcLength: random.nextDouble() * length)
            let nx = x + noise * random.nextNormal()
            let ny = y + noise * random.nextNormal()
            out[2 * i] = c * nx - s * ny
            out[2 * i + 1] = s * nx + c * ny
        }
        return out
    }
}
