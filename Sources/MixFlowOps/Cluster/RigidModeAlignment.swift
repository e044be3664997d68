import Foundation

/// Carries mode identities across one step of chained k-means by the shape of the whole set of
/// modes, not by their positions.
///
/// Chained k-means starts a condition's Lloyd iterations from its parent's centres. When the step
/// between the two conditions turns the data by a large angle (the letters' training angles can be
/// 60 degrees apart), a centre started where its part used to be claims a neighbouring part, and
/// mode i stops following one part of the data; h_theta then has to interpolate between different
/// parts. So the parent's centres are first moved by the rigid motion (a rotation and a
/// translation) that lays them best onto the child's own clusters under some one-to-one pairing
/// of the modes (orthogonal Procrustes, searched over pairings); Lloyd started from the moved
/// centres keeps the parent's identities. Pairings that fit about equally well (a symmetric set
/// of parts, such as the four ends of an H) are told apart by the smallest rotation.
///
/// The motion is used only where it explains the whole change from the parent's points to the
/// child's (`Alignment.explains`): between different shapes (one letter and the next) any
/// rotation found is arbitrary, and there the unmoved centres, which keep mode i in the same
/// region of space for every shape, extrapolate better (docs/quality-notes.md, study 5).
enum RigidModeAlignment {
    /// Every pairing is scored up to this many modes in a plane (k! of them, closed form each).
    static let exhaustivePlanarLimit = 8
    /// Every pairing is scored up to this many modes in more dimensions (an SVD each).
    static let exhaustiveLimit = 6
    /// Fits whose residual is within this share of the two sets' spread of the best one are ties.
    static let tieTolerance = 0.02
    /// Rounds of the local search (pair by nearest, refit the rotation) used beyond those limits.
    static let localSearchRounds = 20
    /// A motion explains a step when the moved parent's points lie within this many times the
    /// child's own sampling noise of the child's points. On the letters the same letter turned
    /// by 30 or 60 degrees mostly scores 0.5-3 and two different letters 8-110.
    static let explainedNoiseFactor = 5.0
    /// Points per cloud in that check (an even subsample beyond it): the check is quadratic.
    static let cloudPointLimit = 1000

    /// The rigid motion that best lays the parent's centres onto the child's, and the moved centres.
    struct Alignment {
        var moved: Matrix<Double>
        var parentMean: [Double], childMean: [Double]
        /// r x D orthonormal rows (empty: a translation only) and the r x r rotation acting in them.
        var basis = Matrix<Double>(rows: 0, cols: 0), rotation = Matrix<Double>(rows: 0, cols: 0)

        /// Any points (n x D) moved by the same rigid motion as the parent's centres.
        func apply(to points: Matrix<Double>) -> Matrix<Double> {
            let offsets = points.subtractingRow(parentMean)
            guard basis.rows > 0 else { return offsets.addingRow(childMean) }
            var turn = rotation.transposed()
            for i in 0..<turn.rows { turn[i, i] -= 1 }
            let change = matmul(matmul(matmul(offsets, basis, transposeB: true), turn), basis)
            var out = offsets.addingRow(childMean)
            out.add(change, scaledBy: 1)
            return out
        }

        /// Whether the motion explains the change from `parentPoints` to `childPoints` (n x D
        /// each): the chamfer distance from the moved parent to the child is at most
        /// `explainedNoiseFactor` times the one between the child's even and odd points.
        func explains(parentPoints: Matrix<Double>, childPoints: Matrix<Double>) -> Bool {
            let child = RigidModeAlignment.evenSubsample(childPoints, limit: RigidModeAlignment.cloudPointLimit)
            guard child.rows >= 4 else { return false }
            let halves = (child.rows(Array(stride(from: 0, to: child.rows, by: 2))),
                          child.rows(Array(stride(from: 1, to: child.rows, by: 2))))
            let noise = RigidModeAlignment.chamferDistance(halves.0, halves.1)
            let moved = apply(to: RigidModeAlignment.evenSubsample(parentPoints, limit: RigidModeAlignment.cloudPointLimit))
            return RigidModeAlignment.chamferDistance(moved, child) <= RigidModeAlignment.explainedNoiseFactor * noise
        }
    }

    /// Symmetric chamfer distance: the mean over both sets of each point's squared distance to
    /// the nearest point of the other set, averaged over the two directions.
    static func chamferDistance(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Double {
        func oneWay(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
            guard a.rows > 0, b.rows > 0 else { return 0 }
            var total = 0.0
            for i in 0..<a.rows {
                var nearest = Double.infinity
                for j in 0..<b.rows { nearest = min(nearest, squaredDistance(a[row: i], b[row: j])) }
                total += nearest
            }
            return total / Double(a.rows)
        }
        return (oneWay(x, y) + oneWay(y, x)) / 2
    }

    /// Every ceil(n / limit)-th row, so at most `limit` rows, spread over the whole set.
    static func evenSubsample(_ m: Matrix<Double>, limit: Int) -> Matrix<Double> {
        guard m.rows > limit else { return m }
        let step = (m.rows + limit - 1) / limit
        return m.rows(Array(stride(from: 0, to: m.rows, by: step)))
    }

    /// `parent` (k x D centres) and the rigid motion that best lays it onto `child` (k x D).
    static func alignment(_ parent: Matrix<Double>, onto child: Matrix<Double>) -> Alignment {
        precondition(parent.rows == child.rows && parent.cols == child.cols, "alignment(_:onto:): shapes differ")
        let parentMean = parent.columnMeans(), childMean = child.columnMeans()
        let parentOffsets = parent.subtractingRow(parentMean), childOffsets = child.subtractingRow(childMean)
        // In one dimension the only rotation is the identity: move by the translation alone.
        guard parent.cols >= 2, let basis = try? jointBasis(parentOffsets, childOffsets), basis.rows > 0 else {
            return Alignment(moved: parentOffsets.addingRow(childMean), parentMean: parentMean, childMean: childMean)
        }
        let a = matmul(parentOffsets, basis, transposeB: true), b = matmul(childOffsets, basis, transposeB: true)
        // Reflections of the joint subspace are rotations of the whole space when it is smaller.
        let rotation = bestFit(a, b, properOnly: basis.rows == parent.cols).rotation
        return Alignment(moved: matmul(matmul(a, rotation, transposeB: true), basis).addingRow(childMean),
                         parentMean: parentMean, childMean: childMean, basis: basis, rotation: rotation)
    }

    /// One pairing's Procrustes fit: R minimises sum_i |R a_i - b_pairing(i)|^2.
    struct Fit {
        var residual: Double
        /// The trace of R: larger for a smaller rotation (tie-breaker).
        var trace: Double
        var rotation: Matrix<Double>
    }

    /// The best fit over pairings of the rows of `a` and `b` (k x r coordinates, centred).
    static func bestFit(_ a: Matrix<Double>, _ b: Matrix<Double>, properOnly: Bool) -> Fit {
        let k = a.rows
        let spread = totalSquares(a, b)
        guard k <= (a.cols == 2 ? exhaustivePlanarLimit : exhaustiveLimit) else {
            return localSearch(a, b, properOnly: properOnly)
        }
        // Two passes over the pairings, so that no fit is kept but the chosen one: the smallest
        // residual, then the smallest rotation among the fits within the tolerance of it.
        func score(_ pairing: [Int]) -> (residual: Double, trace: Double) {
            if a.cols == 2 {
                let m = planarCrossProducts(a, b, pairing: pairing)
                let fit = planarFit(m, squares: spread, properOnly: properOnly)
                return (fit.residual, fit.trace)
            }
            let fit = fit(a, b, pairing: pairing, properOnly: properOnly)
            return (fit.residual, fit.trace)
        }
        var best = Double.infinity
        forEachPermutation(of: k) { best = min(best, score($0).residual) }
        var chosen: (pairing: [Int], trace: Double)?
        forEachPermutation(of: k) { pairing in
            let (residual, trace) = score(pairing)
            if residual <= best + tieTolerance * spread, trace > chosen?.trace ?? -.infinity { chosen = (pairing, trace) }
        }
        return fit(a, b, pairing: chosen!.pairing, properOnly: properOnly)
    }

    /// Pairs each mode with its nearest after the current rotation and refits, from the identity.
    static func localSearch(_ a: Matrix<Double>, _ b: Matrix<Double>, properOnly: Bool) -> Fit {
        let k = a.rows, r = a.cols
        var rotation = Matrix<Double>.identity(r)
        var pairing: [Int] = []
        var current: Fit?
        for _ in 0..<localSearchRounds {
            let turned = matmul(a, rotation, transposeB: true)
            var costs = Matrix<Double>(rows: k, cols: k)
            for i in 0..<k { for j in 0..<k { costs[i, j] = squaredDistance(turned[row: i], b[row: j]) } }
            guard let next = try? solveAssignment(costs: costs).columnOfRow else { break }
            if next == pairing, current != nil { break }
            pairing = next
            current = fit(a, b, pairing: pairing, properOnly: properOnly)
            rotation = current!.rotation
        }
        return current ?? Fit(residual: .infinity, trace: Double(r), rotation: rotation)
    }

    /// Orthogonal Procrustes for one pairing: with M = sum_i b_pairing(i) a_i^T = U S V^T the best
    /// R is U diag(1, ..., 1, d) V^T, d = -1 only when a reflection is needed and not allowed.
    static func fit(_ a: Matrix<Double>, _ b: Matrix<Double>, pairing: [Int], properOnly: Bool) -> Fit {
        let r = a.cols
        let squares = totalSquares(a, b)
        if r == 2 {
            let planar = planarFit(planarCrossProducts(a, b, pairing: pairing), squares: squares, properOnly: properOnly)
            let (c, s) = (planar.cos, planar.sin)
            return Fit(residual: planar.residual, trace: planar.trace,
                       rotation: Matrix(rows: 2, cols: 2, storage: planar.reflects ? [c, s, s, -c] : [c, -s, s, c]))
        }
        var m = Matrix<Double>(rows: r, cols: r)
        for i in 0..<a.rows {
            for p in 0..<r { for q in 0..<r { m[p, q] += b[pairing[i], p] * a[i, q] } }
        }
        guard let (u, values, vt) = try? squareSingularValueDecomposition(m) else {
            return Fit(residual: .infinity, trace: Double(r), rotation: .identity(r))
        }
        var signs = [Double](repeating: 1, count: r)
        if properOnly, determinantSign(matmul(u, vt)) < 0 { signs[r - 1] = -1 }
        var scaledU = u
        for row in 0..<r { for col in 0..<r { scaledU[row, col] *= signs[col] } }
        let rotation = matmul(scaledU, vt)
        let score = zip(values, signs).reduce(0) { $0 + $1.0 * $1.1 }
        let trace = (0..<r).reduce(0) { $0 + rotation[$1, $1] }
        return Fit(residual: squares - 2 * score, trace: trace, rotation: rotation)
    }

    /// sum |a_i|^2 + sum |b_j|^2: the residual of the zero map, which a fit's score is taken from
    /// (and the spread that tie tolerances are relative to).
    private static func totalSquares(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
        a.storage.reduce(0) { $0 + $1 * $1 } + b.storage.reduce(0) { $0 + $1 * $1 }
    }

    /// M = sum_i b_pairing(i) a_i^T for plane coordinates, as (m00, m01, m10, m11).
    private static func planarCrossProducts(_ a: Matrix<Double>, _ b: Matrix<Double>, pairing: [Int])
        -> (Double, Double, Double, Double) {
        var m = (0.0, 0.0, 0.0, 0.0)
        for i in 0..<a.rows {
            let (ax, ay, bx, by) = (a[i, 0], a[i, 1], b[pairing[i], 0], b[pairing[i], 1])
            m.0 += bx * ax; m.1 += bx * ay; m.2 += by * ax; m.3 += by * ay
        }
        return m
    }

    /// The plane in closed form: tr(R M^T) is c (m00 + m11) + s (m10 - m01) for the rotation by
    /// angle atan2(s, c), and c (m00 - m11) + s (m01 + m10) for the reflection [[c, s], [s, -c]].
    private static func planarFit(_ m: (Double, Double, Double, Double), squares: Double, properOnly: Bool)
        -> (residual: Double, trace: Double, cos: Double, sin: Double, reflects: Bool) {
        let (turnCos, turnSin) = (m.0 + m.3, m.2 - m.1)
        let turnScore = (turnCos * turnCos + turnSin * turnSin).squareRoot()
        let (flipCos, flipSin) = (m.0 - m.3, m.1 + m.2)
        let flipScore = (flipCos * flipCos + flipSin * flipSin).squareRoot()
        if properOnly || turnScore >= flipScore {
            let (c, s) = turnScore > 0 ? (turnCos / turnScore, turnSin / turnScore) : (1, 0)
            return (squares - 2 * turnScore, 2 * c, c, s, false)
        }
        return (squares - 2 * flipScore, 0, flipCos / flipScore, flipSin / flipScore, true)
    }

    /// Orthonormal rows spanning the rows of both offset sets (r <= min(2k, D) of them).
    private static func jointBasis(_ a: Matrix<Double>, _ b: Matrix<Double>) throws(LinearAlgebraError) -> Matrix<Double> {
        let stacked = Matrix(rows: a.rows + b.rows, cols: a.cols, storage: a.storage + b.storage)
        let (values, vectors) = try rightSingularVectors(stacked)
        let largest = values.first ?? 0
        let rank = values.filter { $0 > 1e-9 * largest && $0 > 0 }.count
        return vectors.rows(0..<rank)
    }

    /// Visits every permutation of 0..<n (Heap's algorithm).
    static func forEachPermutation(of n: Int, _ body: ([Int]) -> Void) {
        var items = Array(0..<n), counters = [Int](repeating: 0, count: n)
        body(items)
        var i = 1
        while i < n {
            if counters[i] < i {
                items.swapAt(i % 2 == 0 ? 0 : counters[i], i)
                body(items)
                counters[i] += 1
                i = 1
            } else {
                counters[i] = 0
                i += 1
            }
        }
    }

    /// The sign of the determinant of a square matrix (Gaussian elimination, partial pivoting).
    private static func determinantSign(_ matrix: Matrix<Double>) -> Double {
        var m = matrix, sign = 1.0
        let n = m.rows
        for col in 0..<n {
            let pivot = (col..<n).max { abs(m[$0, col]) < abs(m[$1, col]) }!
            guard m[pivot, col] != 0 else { return 0 }
            if pivot != col {
                for j in 0..<n { let t = m[col, j]; m[col, j] = m[pivot, j]; m[pivot, j] = t }
                sign = -sign
            }
            if m[col, col] < 0 { sign = -sign }
            for row in (col + 1)..<n {
                let factor = m[row, col] / m[col, col]
                for j in col..<n { m[row, j] -= factor * m[col, j] }
            }
        }
        return sign
    }
}
