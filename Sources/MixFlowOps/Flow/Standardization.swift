/// The affine map a model trains in: z = (x - shift) / scale, with `shift` the training points'
/// mean and `scale` their root-mean-square spread per coordinate, one number for every
/// coordinate. The training points then have mean 0 and mean per-coordinate variance 1, the
/// scale of CFM's N(0, I) source; because every coordinate is divided by the same number,
/// distances keep their proportions and the OT pairing of a batch is the pairing in data units.
///
/// Why: the networks' initial weights, Adam's step sizes and the base's fixed sigma all assume
/// data of about unit scale. On the letters (unit cap height, spread 0.28) standardising took
/// CFM's seen-condition W2 from about 1.8x the noise floor to 1.2-1.5x (docs/quality-notes.md,
/// study 6).
public struct Standardization: Sendable, Codable, Equatable {
    /// Subtracted from every point (one value per coordinate).
    public var shift: [Double]
    /// Every shifted coordinate is divided by it (> 0).
    public var scale: Double

    public init(shift: [Double], scale: Double) {
        self.shift = shift
        self.scale = scale
    }

    /// Mean and root-mean-square spread of `points` (computed in double precision). Points
    /// that do not spread (one point, or all equal) keep scale 1: there is no unit to take.
    public static func fit(_ points: Matrix<Float>) -> Standardization {
        let data = points.converted(to: Double.self)
        let spread = meanColumnVariance(data).squareRoot()
        return Standardization(shift: data.columnMeans(), scale: spread.isNormal ? spread : 1)
    }

    /// Data units to the model's units.
    public func apply(_ points: Matrix<Float>) -> Matrix<Float> {
        map(points) { x, c in (Double(x) - shift[c]) / scale }
    }

    /// The model's units back to data units.
    public func invert(_ points: Matrix<Float>) -> Matrix<Float> {
        map(points) { z, c in Double(z) * scale + shift[c] }
    }

    private func map(_ points: Matrix<Float>, _ f: (Float, Int) -> Double) -> Matrix<Float> {
        precondition(points.cols == shift.count || points.rows == 0,
                     "standardization of \(shift.count) coordinates applied to \(points.cols) columns")
        var out = points
        let cols = points.cols
        out.withMutablePointer { p in
            for r in 0..<points.rows {
                for c in 0..<cols { p[r * cols + c] = Float(f(p[r * cols + c], c)) }
            }
        }
        return out
    }
}
