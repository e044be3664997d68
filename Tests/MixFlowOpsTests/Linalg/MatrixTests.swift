import XCTest
@testable import MixFlowOps

final class MatrixTests: XCTestCase {
    func testGemmAgainstNaiveProduct() {
        var random = RandomStream(seed: 1)
        let a = Matrix<Double>.normal(5, 7, random: &random), b = Matrix<Double>.normal(7, 3, random: &random)
        let c = matmul(a, b)
        for i in 0..<5 { for j in 0..<3 {
            XCTAssertEqual(c[i, j], (0..<7).reduce(0) { $0 + a[i, $1] * b[$1, j] }, accuracy: 1e-12)
        } }
        XCTAssertEqual(matmul(a.transposed(), transposeA: true, b.transposed(), transposeB: true).maxAbsDifference(c), 0, accuracy: 1e-12)
        let cf = matmul(a.converted(to: Float.self), b.converted(to: Float.self))
        XCTAssertLessThan(cf.converted(to: Double.self).maxAbsDifference(c), 1e-5)
    }

    func testReductionsMatchPlainSums() {
        var random = RandomStream(seed: 2)
        for n in [0, 1, 7, 8, 9, 100, 1001] {
            let x = random.normals(n, as: Double.self), y = random.normals(n, as: Double.self)
            x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
                let base = px.baseAddress ?? UnsafePointer(bitPattern: 8)!, other = py.baseAddress ?? UnsafePointer(bitPattern: 8)!
                XCTAssertEqual(Double.sum(n, base), x.reduce(0, +), accuracy: 1e-12)
                XCTAssertEqual(Double.dot(n, base, other), zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }, accuracy: 1e-12)
            } }
        }
    }

    func testRowViewsColumnsAndConcatenation() {
        var m = Matrix<Float>([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(Array(m[row: 1]), [4, 5, 6])
        m[row: 0] = [7, 8, 9]
        XCTAssertEqual(m.withRow(0) { Array($0) }, [7, 8, 9])
        m.withMutableRow(1) { $0[2] = 0 }
        XCTAssertEqual(m.storage, [7, 8, 9, 4, 5, 0])
        XCTAssertEqual(m.columns(1..<3), Matrix([[8, 9], [5, 0]]))
        XCTAssertEqual(m.concatenatedColumns(Matrix([[1], [2]])), Matrix([[7, 8, 9, 1], [4, 5, 0, 2]]))
        XCTAssertEqual(m.columnSums(), Matrix([[11, 13, 9]]))
    }

    func testReshapeReusesCapacity() {
        var m = Matrix<Float>(rows: 100, cols: 4)
        m.reshape(rows: 10, cols: 3)
        XCTAssertEqual(m.shapeDescription, "10x3")
        XCTAssertGreaterThanOrEqual(m.storage.capacity, 400)
        m.reshape(rows: 50, cols: 8)
        XCTAssertEqual(m.count, 400)
    }

    func testMatrixCodableRoundTripAndRejectsBadShape() throws {
        let m = Matrix<Double>([[1, 2], [3, 4]])
        XCTAssertEqual(try JSONDecoder().decode(Matrix<Double>.self, from: JSONEncoder().encode(m)), m)
        let bad = Data(#"{"rows": 2, "cols": 2, "storage": [1, 2, 3]}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(Matrix<Double>.self, from: bad))
    }
}
