import XCTest
@testable import MixFlowOps

/// Mode identities carried across a chained k-means step by the shape of the set of modes.
final class RigidModeAlignmentTests: XCTestCase {
    /// Five points with no symmetry (no rotation maps the set onto itself).
    private let lopsided: [[Double]] = [[1.0, 0.1], [0.2, 0.9], [-0.7, 0.4], [-0.3, -0.8], [0.6, -0.5]]

    private func turned(_ points: [[Double]], degrees: Double, shift: [Double] = [0, 0]) -> [[Double]] {
        let (c, s) = (cos(degrees * .pi / 180), sin(degrees * .pi / 180))
        return points.map { [c * $0[0] - s * $0[1] + shift[0], s * $0[0] + c * $0[1] + shift[1]] }
    }

    private func assertRows(_ m: Matrix<Double>, equal rows: [[Double]], accuracy: Double = 1e-9,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(m.rows, rows.count, file: file, line: line)
        for (r, row) in rows.enumerated() {
            for (c, value) in row.enumerated() {
                XCTAssertEqual(m[r, c], value, accuracy: accuracy, "row \(r) column \(c)", file: file, line: line)
            }
        }
    }

    /// The child's clusters are the parent's turned by 60 degrees and shifted, listed in another
    /// order: the moved parent is the turned parent, row for row (identities kept), although
    /// position alone would pair most rows wrongly.
    func testRecoversALargeRotationAndKeepsEachRowsIdentity() {
        let target = turned(lopsided, degrees: 60, shift: [0.3, -0.2])
        let shuffled = [target[3], target[0], target[4], target[1], target[2]]
        let moved = RigidModeAlignment.alignment(Matrix(lopsided), onto: Matrix(shuffled)).moved
        assertRows(moved, equal: target)
    }

    /// The four corners of a square fit a turn of 20, 110, 200 or 290 degrees equally well: the
    /// smallest turn wins, so small steps never swap identities.
    func testSymmetricSetsTakeTheSmallestRotation() {
        let square: [[Double]] = [[1, 0], [0, 1], [-1, 0], [0, -1]]
        let target = turned(square, degrees: 20)
        let moved = RigidModeAlignment.alignment(Matrix(square), onto: Matrix(target.reversed())).moved
        assertRows(moved, equal: target)
    }

    /// A mirror image cannot be reached by a rotation of the plane: the best rotation leaves a
    /// residual, and the moved set is not the mirror image.
    func testAMirrorImageIsNotReachedInItsOwnSpace() {
        let mirror = lopsided.map { [-$0[0], $0[1]] }
        let a = Matrix(lopsided), b = Matrix(mirror)
        let proper = RigidModeAlignment.bestFit(a, b, properOnly: true)
        let reflecting = RigidModeAlignment.bestFit(a, b, properOnly: false)
        XCTAssertEqual(reflecting.residual, 0, accuracy: 1e-9)
        XCTAssertGreaterThan(proper.residual, 0.1)
        let rotation = proper.rotation
        XCTAssertEqual(rotation[0, 0] * rotation[1, 1] - rotation[0, 1] * rotation[1, 0], 1, accuracy: 1e-12)
    }

    /// Three dimensions (the SVD path): a proper rotation about an oblique axis and a shuffle.
    func testRecoversARotationInThreeDimensions() {
        let points: [[Double]] = [[1, 0.2, 0.1], [0.1, 0.8, -0.3], [-0.6, 0.3, 0.5], [-0.2, -0.9, 0.2], [0.4, -0.3, -0.7]]
        // Rotation by 70 degrees about the unit axis (1, 2, 2) / 3 (Rodrigues' formula).
        let axis = [1.0 / 3, 2.0 / 3, 2.0 / 3], angle = 70 * Double.pi / 180
        let (c, s) = (cos(angle), sin(angle))
        func rotate(_ p: [Double]) -> [Double] {
            let cross = [axis[1] * p[2] - axis[2] * p[1], axis[2] * p[0] - axis[0] * p[2], axis[0] * p[1] - axis[1] * p[0]]
            let dot = zip(axis, p).reduce(0) { $0 + $1.0 * $1.1 }
            return (0..<3).map { p[$0] * c + cross[$0] * s + axis[$0] * dot * (1 - c) + 0.5 }
        }
        let target = points.map(rotate)
        let moved = RigidModeAlignment.alignment(Matrix(points), onto: Matrix([target[2], target[4], target[0], target[3], target[1]])).moved
        assertRows(moved, equal: target)
    }

    /// Beyond the exhaustive limit the local search still finds a small rotation of ten points.
    func testLocalSearchBeyondTheExhaustiveLimit() {
        let ten = (0..<10).map { i -> [Double] in
            let a = Double(i) * 0.6 + 0.1 * Double(i * i % 7)
            return [cos(a) * (1 + 0.1 * Double(i)), sin(a) * (1 + 0.1 * Double(i))]
        }
        XCTAssertGreaterThan(ten.count, RigidModeAlignment.exhaustivePlanarLimit)
        let target = turned(ten, degrees: 8, shift: [1, 2])
        let moved = RigidModeAlignment.alignment(Matrix(ten), onto: Matrix(Array(target.reversed()))).moved
        assertRows(moved, equal: target, accuracy: 1e-8)
    }

    /// The motion found for the centres moves any points the same way.
    func testTheMotionMovesOtherPointsAlike() {
        let target = turned(lopsided, degrees: 60, shift: [0.3, -0.2])
        let alignment = RigidModeAlignment.alignment(Matrix(lopsided), onto: Matrix([target[3], target[0], target[4], target[1], target[2]]))
        let extra: [[Double]] = [[0.4, 0.4], [-1, 2]]
        assertRows(alignment.apply(to: Matrix(extra)), equal: turned(extra, degrees: 60, shift: [0.3, -0.2]))
    }

    /// Chamfer distance in closed form: {(0, 0)} to {(1, 0), (3, 0)} is 1 one way and
    /// (1 + 9) / 2 = 5 the other, 3 on average; a set to itself is 0.
    func testChamferDistance() {
        let x = Matrix<Double>([[0, 0]]), y = Matrix<Double>([[1, 0], [3, 0]])
        XCTAssertEqual(RigidModeAlignment.chamferDistance(x, y), 3, accuracy: 1e-12)
        XCTAssertEqual(RigidModeAlignment.chamferDistance(y, y), 0)
    }

    /// A noisy cloud and the same cloud turned by 60 degrees: the motion found from the centres
    /// explains the step. A cloud of another shape is not explained, whatever rotation was found.
    func testTheMotionExplainsTheSameShapeTurnedButNotAnotherShape() {
        var random = RandomStream(seed: 3)
        func cloud(_ centres: [[Double]], degrees: Double) -> Matrix<Double> {
            let moved = turned(centres, degrees: degrees)
            return Matrix((0..<400).map { i in moved[i % moved.count].map { $0 + 0.02 * random.nextNormal() } })
        }
        let parentPoints = cloud(lopsided, degrees: 0), childPoints = cloud(lopsided, degrees: 60)
        let same = RigidModeAlignment.alignment(Matrix(lopsided), onto: Matrix(turned(lopsided, degrees: 60)))
        XCTAssertTrue(same.explains(parentPoints: parentPoints, childPoints: childPoints))
        let other: [[Double]] = [[0.8, 0.8], [-0.8, 0.8], [0, -0.2], [0.1, -0.9], [-0.5, -0.5]]
        let different = RigidModeAlignment.alignment(Matrix(lopsided), onto: Matrix(other))
        XCTAssertFalse(different.explains(parentPoints: parentPoints, childPoints: cloud(other, degrees: 0)))
    }

    /// One-dimensional centres are only translated.
    func testOneDimensionIsOnlyTranslated() {
        let moved = RigidModeAlignment.alignment(Matrix([[0], [1], [3]]), onto: Matrix([[5], [2], [4]])).moved
        assertRows(moved, equal: [[7.0 / 3], [10.0 / 3], [16.0 / 3]])   // shifted by the means' difference, 7/3
    }

    func testEveryPermutationIsVisitedOnce() {
        var seen = Set<[Int]>()
        RigidModeAlignment.forEachPermutation(of: 5) { seen.insert($0) }
        XCTAssertEqual(seen.count, 120)
        XCTAssertTrue(seen.allSatisfy { Set($0) == Set(0..<5) })
    }

    func testSquareSVDReproducesTheMatrix() throws {
        let a = Matrix<Double>([[2, -1, 0.5], [0.3, 1, 4], [-2, 0.7, 1]])
        let (u, values, vt) = try squareSingularValueDecomposition(a)
        XCTAssertEqual(values, values.sorted(by: >))
        var scaled = u
        for r in 0..<3 { for c in 0..<3 { scaled[r, c] *= values[c] } }
        let product = matmul(scaled, vt)
        for i in 0..<9 { XCTAssertEqual(product.storage[i], a.storage[i], accuracy: 1e-12) }
        let identity = matmul(u, transposeA: true, u)
        for r in 0..<3 { for c in 0..<3 { XCTAssertEqual(identity[r, c], r == c ? 1 : 0, accuracy: 1e-12) } }
    }
}
