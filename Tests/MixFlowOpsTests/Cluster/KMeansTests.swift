import XCTest
@testable import MixFlowOps

final class KMeansTests: XCTestCase {
    private let trueCenters: [[Double]] = [[0, 0], [10, 0], [0, 10], [10, 10]]

    private func blobs(perBlob: Int, seed: UInt64) -> Matrix<Double> {
        var random = RandomStream(seed: seed)
        var rows: [[Double]] = []
        for c in trueCenters { for _ in 0..<perBlob { rows.append([c[0] + 0.5 * random.nextNormal(), c[1] + 0.5 * random.nextNormal()]) } }
        return Matrix(rows)
    }

    func testRecoversSeparableBlobs() throws {
        let data = blobs(perBlob: 100, seed: 1)
        var random = RandomStream(seed: 2)
        let result = try kMeans(data, k: 4, random: &random)
        XCTAssertTrue(result.converged)
        for center in trueCenters {
            let nearest = (0..<4).map { squaredDistance(result.centers.row($0), center) }.min()!
            XCTAssertLessThan(nearest, 0.05, "a centre near \(center)")
        }
        for blob in 0..<4 {
            let labels = Set(result.assignments[(blob * 100)..<((blob + 1) * 100)])
            XCTAssertEqual(labels.count, 1, "blob \(blob) is one cluster")
        }
        let inertia = (0..<data.rows).reduce(0.0) { $0 + squaredDistance(data.row($1), result.centers.row(result.assignments[$1])) }
        XCTAssertEqual(result.inertia, inertia, accuracy: 1e-9)
    }

    func testSeededAndDeterministic() throws {
        let data = blobs(perBlob: 30, seed: 3)
        var a = RandomStream(seed: 4), b = RandomStream(seed: 4)
        XCTAssertEqual(try kMeans(data, k: 4, random: &a), try kMeans(data, k: 4, random: &b))
    }

    func testDuplicatePointsAndEmptyClustersStillGiveKClusters() throws {
        // 3 distinct locations, many duplicates, k = 3: every cluster must end up non-empty.
        var rows = [[Double]](repeating: [0, 0], count: 50)
        rows += [[Double]](repeating: [1, 1], count: 3)
        rows += [[5, 5]]
        var random = RandomStream(seed: 5)
        let result = try kMeans(Matrix(rows), k: 3, random: &random)
        XCTAssertEqual(Set(result.assignments).count, 3)
        XCTAssertEqual(result.inertia, 0, accuracy: 1e-12)
    }

    func testErrors() {
        var random = RandomStream(seed: 6)
        XCTAssertThrowsError(try kMeans(Matrix<Double>(rows: 2, cols: 2), k: 3, random: &random)) { error in
            XCTAssertEqual("\(error)", "k-means needs at least as many points as clusters: 2 points for 3 clusters")
        }
    }
}
