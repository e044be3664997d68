import XCTest
@testable import MixFlowOps

final class ToyDatasetTests: XCTestCase {
    func testGaussiansRingModesAndDescriptor() throws {
        let data = try ToyDatasets.make(ToyOptions(kind: .gaussians, values: [2], points: 8000, noise: 0.05, seed: 1))
        XCTAssertEqual(data.summary, "dataset 8000x2, 1 condition (radius), descriptors 1-D")
        XCTAssertEqual(data.conditions[0].descriptor, [2])
        var perMode = [Int](repeating: 0, count: 8)
        for r in 0..<data.pointCount {
            let (x, y) = (Double(data.points[r, 0]), Double(data.points[r, 1]))
            let mode = (Int((atan2(y, x) / (Double.pi / 4)).rounded()) + 8) % 8
            perMode[mode] += 1
            XCTAssertEqual(x - 2 * cos(Double(mode) * Double.pi / 4), 0, accuracy: 0.3)   // 6 sigma
        }
        for count in perMode { XCTAssertEqual(Double(count) / 8000, 0.125, accuracy: 0.02) }
    }

    func testRingsRadiiAndBalance() throws {
        let data = try ToyDatasets.make(ToyOptions(kind: .rings, values: [0.5, 0.75], points: 4000, noise: 0))
        XCTAssertEqual(data.conditions.map(\.name), ["0.5", "0.75"])
        let inner = data.points(of: 0)
        var onInner = 0
        for r in 0..<inner.rows {
            let radius = (inner[r, 0] * inner[r, 0] + inner[r, 1] * inner[r, 1]).squareRoot()
            XCTAssertTrue(abs(radius - 1) < 1e-5 || abs(radius - 0.5) < 1e-5)
            if abs(radius - 0.5) < 1e-5 { onInner += 1 }
        }
        XCTAssertEqual(Double(onInner) / 4000, 0.5, accuracy: 0.03)
    }

    func testMoonsRotateWithTheirAngle() throws {
        let data = try ToyDatasets.make(ToyOptions(kind: .moons, values: [0, 90], points: 3000, noise: 0, seed: 4))
        XCTAssertEqual(data.conditions[1].descriptor[0], 0, accuracy: 1e-7)   // cos 90°
        XCTAssertEqual(data.conditions[1].descriptor[1], 1)
        // Unrotated moons span x in [-1.5, 1.5] and y in [-0.75, 0.75]; at 90° the spans swap.
        let upright = data.points(of: 0), turned = data.points(of: 1)
        XCTAssertEqual(upright.storage.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).max()!, 1.5, accuracy: 0.01)
        XCTAssertEqual(turned.storage.enumerated().filter { $0.offset % 2 == 1 }.map(\.element).max()!, 1.5, accuracy: 0.01)
        XCTAssertEqual(turned.storage.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).max()!, 0.75, accuracy: 0.01)
    }

    func testDeterministicAndValidated() throws {
        let options = ToyOptions(kind: .gaussians, values: [1, 3], points: 100, seed: 2)
        XCTAssertEqual(try ToyDatasets.make(options), try ToyDatasets.make(options))
        XCTAssertEqual(expectDataError { try ToyDatasets.make(ToyOptions(kind: .rings, values: [0])) }?.message,
                       "rings: factor must be positive, got 0")
        XCTAssertEqual(expectDataError { try ToyDatasets.make(ToyOptions(kind: .moons, values: [10, 10])) }?.message,
                       "moons: angle 10 is given twice")
    }
}
