import XCTest
@testable import MixFlowOps

/// The moving average of the weights that sampling uses.
final class WeightAverageTests: XCTestCase {
    func testAverageFollowsTheClosedFormWithItsRamp() {
        let p = Parameter<Float>(name: "w", value: Matrix(rows: 1, cols: 2, storage: [0, 10]))
        let average = WeightAverage(parameters: [p], decay: 0.5)
        // d_k = min(0.5, (1 + k) / (10 + k)): 0.1, 0.1818..., 0.25, 0.3077, 0.3571, 0.4, ... 0.5 from k = 8.
        var expected: [Double] = [0, 10]
        for k in 0..<12 {
            let w: [Float] = [Float(k + 1), Float(-k)]
            p.value = Matrix(rows: 1, cols: 2, storage: w)
            let d = min(0.5, Double(1 + k) / Double(10 + k))
            expected = zip(expected, w).map { d * $0 + (1 - d) * Double($1) }
            average.update()
        }
        let got = average.matrix(0).storage
        for (g, e) in zip(got, expected) { XCTAssertEqual(Double(g), e, accuracy: 1e-5) }
        XCTAssertEqual(average.updates, 12)
    }

    func testSwapTwiceRestoresBothSides() {
        let p = Parameter<Float>(name: "w", value: Matrix(rows: 2, cols: 1, storage: [1, 2]))
        let average = WeightAverage(parameters: [p], decay: 0.9)
        p.value = Matrix(rows: 2, cols: 1, storage: [5, 6])
        average.swap()
        XCTAssertEqual(p.value.storage, [1, 2])
        average.swap()
        XCTAssertEqual(p.value.storage, [5, 6])
        XCTAssertEqual(average.matrix(0).storage, [1, 2])
    }

    func testSamplingUsesTheAverageAndCheckpointsKeepIt() throws {
        let data = FlowFixtures.letters()
        var options = FlowFixtures.training(.steps(30), lr: 1e-2)
        options.averageDecay = 0.9
        let averaged = FlowFixtures.cfm(), plain = FlowFixtures.cfm()
        try averaged.train(on: data, options: options)
        options.averageDecay = 0
        try plain.train(on: data, options: options)
        XCTAssertEqual(FlowFixtures.weights(averaged), FlowFixtures.weights(plain), "the average does not change training")
        let sampling = SamplingOptions(count: 20, solver: .euler(steps: 4), seed: 3)
        let a = try averaged.sample(data, options: sampling).points, b = try plain.sample(data, options: sampling).points
        XCTAssertNotEqual(a, b, "sampling reads the averaged weights")
        XCTAssertEqual(FlowFixtures.weights(averaged), FlowFixtures.weights(plain), "and puts the training weights back")

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-ema-\(getpid()).mfm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try averaged.save(to: path)
        let loaded = try FlowModel.load(from: path)
        XCTAssertEqual(try loaded.sample(data, options: sampling).points, a)
        XCTAssertEqual(loaded.average?.updates, 30)
        try loaded.train(on: data, options: FlowFixtures.training(.steps(5)).with(averageDecay: 0.9))
        try averaged.train(on: data, options: FlowFixtures.training(.steps(5)).with(averageDecay: 0.9))
        XCTAssertEqual(try loaded.sample(data, options: sampling).points, try averaged.sample(data, options: sampling).points,
                       "a continued run goes on averaging from the stored average")
    }
}

private extension TrainingOptions {
    func with(averageDecay: Double) -> TrainingOptions {
        var copy = self
        copy.averageDecay = averageDecay
        return copy
    }
}
