import XCTest
@testable import MixFlowOps

final class PCATests: XCTestCase {
    /// n x d data of exact rank k plus a mean offset: k components reconstruct it exactly.
    private func rankK(n: Int, d: Int, k: Int, seed: UInt64) -> Matrix<Double> {
        var random = RandomStream(seed: seed)
        var data = matmul(Matrix<Double>.normal(n, k, random: &random), Matrix<Double>.normal(k, d, random: &random))
        for r in 0..<n { for c in 0..<d { data[r, c] += Double(c) } }
        return data
    }

    func testExactAndRandomizedReconstructRankKData() throws {
        let data = rankK(n: 200, d: 12, k: 3, seed: 1)
        for method in [PCAMethod.exact, .randomized] {
            var random = RandomStream(seed: 2)
            let pca = try PCA.fit(data, components: 3, method: method, random: &random)
            let back = pca.inverseTransform(pca.transform(data))
            XCTAssertLessThan(back.maxAbsDifference(data), 1e-9, "\(method)")
            XCTAssertEqual(pca.explainedVarianceRatio.reduce(0, +), 1, accuracy: 1e-10)
            let gram = matmul(pca.components, pca.components, transposeB: true)
            XCTAssertLessThan(gram.maxAbsDifference(.identity(3)), 1e-10, "orthonormal components")
        }
    }

    func testEigenvaluesOfAKnownCovariance() throws {
        // x = z diag(sqrt(lambda)) R^T with z whitened exactly (orthonormal columns scaled by
        // sqrt(n - 1)), so the sample covariance is exactly R diag(lambda) R^T.
        let lambdas = [9.0, 4.0, 1.0, 0.25]
        var random = RandomStream(seed: 3)
        let n = 500
        var centered = Matrix<Double>.normal(n, 4, random: &random)
        let means = centered.columnSums().storage.map { $0 / Double(n) }
        for r in 0..<n { for c in 0..<4 { centered[r, c] -= means[c] } }
        var z = try orthonormalColumns(centered)
        z.scale(by: Double(n - 1).squareRoot())
        let rotation = try orthonormalColumns(Matrix<Double>.normal(4, 4, random: &random))
        var scaled = z
        for r in 0..<n { for c in 0..<4 { scaled[r, c] *= lambdas[c].squareRoot() } }
        let data = matmul(scaled, rotation, transposeB: true)
        var seed = RandomStream(seed: 4)
        let pca = try PCA.fit(data, components: 4, method: .exact, random: &seed)
        for (found, expected) in zip(pca.explainedVariance, lambdas) { XCTAssertEqual(found, expected, accuracy: 1e-9) }
        for i in 0..<4 {
            let alignment = abs((0..<4).reduce(0) { $0 + pca.components[i, $1] * rotation[$1, i] })
            XCTAssertEqual(alignment, 1, accuracy: 1e-9, "component \(i) is the rotated axis")
        }
    }

    func testRejectsBadInput() {
        var random = RandomStream(seed: 5)
        XCTAssertThrowsError(try PCA.fit(Matrix<Double>(rows: 1, cols: 3), components: 1, random: &random))
        XCTAssertThrowsError(try PCA.fit(Matrix<Double>(rows: 5, cols: 3), components: 4, random: &random))
        var nan = Matrix<Double>(rows: 5, cols: 3)
        nan[2, 1] = .nan
        XCTAssertThrowsError(try PCA.fit(nan, components: 1, random: &random)) { error in
            XCTAssertTrue("\(error)".contains("row 2"))
        }
    }

    func testMinMaxScalerRoundTripAndConstantColumns() {
        let data = Matrix<Float>([[1, 5, -2], [3, 5, 0], [2, 5, 2]])
        let scaler = MinMaxScaler(fitting: data)
        let scaled = scaler.transform(data)
        XCTAssertEqual(scaled, Matrix([[-1, 0, -1], [1, 0, 0], [0, 0, 1]]))
        XCTAssertEqual(scaler.inverseTransform(scaled), data)
        let outside = scaler.transform(Matrix<Float>([[5, 7, 4]]))
        XCTAssertEqual(outside, Matrix([[3, 0, 2]]))
    }
}
