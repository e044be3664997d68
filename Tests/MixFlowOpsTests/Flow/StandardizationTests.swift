import XCTest
@testable import MixFlowOps

/// Models train in standardised units (`Standardization`) and answer in data units.
final class StandardizationTests: XCTestCase {
    /// Mean (1, 2); deviations +-1 in x and +-2 in y, so the mean squared deviation per
    /// coordinate is (4 * 1 + 4 * 4) / 8 = 2.5.
    func testFitIsTheMeanAndTheRootMeanSquareSpread() {
        let points = Matrix<Float>(rows: 4, cols: 2, storage: [0, 0, 2, 0, 0, 4, 2, 4])
        let fitted = Standardization.fit(points)
        XCTAssertEqual(fitted.shift, [1, 2])
        XCTAssertEqual(fitted.scale, 2.5.squareRoot(), accuracy: 1e-12)
        let z = fitted.apply(points)
        XCTAssertEqual(z[0, 0], Float(-1 / 2.5.squareRoot()), accuracy: 1e-6)
        XCTAssertEqual(z[3, 1], Float(2 / 2.5.squareRoot()), accuracy: 1e-6)
        XCTAssertEqual(Standardization.fit(z).scale, 1, accuracy: 1e-6)
        let back = fitted.invert(z)
        for (a, b) in zip(back.storage, points.storage) { XCTAssertEqual(a, b, accuracy: 1e-6) }
    }

    /// Points that do not spread have no unit: the scale stays 1, the shift is their value.
    func testPointsWithoutSpreadKeepScaleOne() {
        let fitted = Standardization.fit(Matrix<Float>(rows: 3, cols: 2, storage: [5, -1, 5, -1, 5, -1]))
        XCTAssertEqual(fitted.shift, [5, -1])
        XCTAssertEqual(fitted.scale, 1)
    }

    /// The letters moved far away and blown up by 1000: standardised, the model sees the same
    /// numbers (up to float rounding), so its samples, base modes and base sigma are the small
    /// model's, mapped by the same affine map. Without standardisation they are not.
    func testModelsAnswerInDataUnitsAndDoNotDependOnThem() throws {
        let small = FlowFixtures.letters(points: 100)
        let (factor, offset): (Float, [Float]) = (1000, [250, -40])
        let large = small.mappingPoints { points in
            var out = points
            for r in 0..<out.rows { for c in 0..<2 { out[r, c] = factor * out[r, c] + offset[c] } }
            return out
        }
        let options = FlowFixtures.training(.steps(60))
        let sampling = SamplingOptions(count: 50, solver: .euler(steps: 10), seed: 4)
        for make in [{ FlowFixtures.mixflow(seed: 2) }, { FlowFixtures.cfm(seed: 2) }] {
            let (a, b) = (make(), make())
            try a.train(on: small, options: options)
            try b.train(on: large, options: options)
            XCTAssertEqual(b.layout?.standardization?.scale ?? 0, Double(factor) * a.layout!.standardization!.scale, accuracy: 1)
            let (ya, yb) = (try a.sample(small.conditions, options: sampling), try b.sample(large.conditions, options: sampling))
            var worst: Float = 0
            for r in 0..<ya.points.rows {
                for c in 0..<2 {
                    worst = max(worst, abs(yb.points[r, c] - (factor * ya.points[r, c] + offset[c])) / factor)
                    worst = max(worst, abs(yb.basePoints[r, c] - (factor * ya.basePoints[r, c] + offset[c])) / factor)
                }
            }
            XCTAssertLessThan(worst, 1e-3, "\(a.method.name): samples in data units")
            // The samples lie where the data is, not around the origin.
            let mean = yb.points.converted(to: Double.self).columnMeans()
            XCTAssertEqual(mean[0], Double(offset[0]), accuracy: 0.3 * Double(factor))
            XCTAssertEqual(mean[1], Double(offset[1]), accuracy: 0.3 * Double(factor))
            if let modesA = try a.baseMixtures(for: small.conditions), let modesB = try b.baseMixtures(for: large.conditions) {
                XCTAssertEqual(modesB[0].modes[0, 0], factor * modesA[0].modes[0, 0] + offset[0], accuracy: 1)
                XCTAssertEqual(b.baseSigma!, Double(factor) * a.baseSigma!, accuracy: 0.01)
            }
        }
        // Trained in the data's own units, the large letters sit far outside N(0, I) and the
        // small network's reach: the same steps leave the samples nowhere near them.
        let raw = try FlowModel(options: .cfm(velocity: VelocityOptions(hidden: [32, 32]),
                                              encoder: DescriptorEncoderOptions(hidden: [16], embedding: 4),
                                              standardize: false, seed: 2))
        try raw.train(on: large, options: options)
        XCTAssertNil(raw.layout?.standardization)
        let far = try raw.sample(large.conditions, options: sampling).points.converted(to: Double.self).columnMeans()
        XCTAssertGreaterThan(abs(far[0] - Double(offset[0])), 100)
    }

    /// A checkpoint keeps the fitted units; a model saved before they existed (no
    /// "standardize" in its options, no standardization in its layout) loads as trained in its
    /// data's own units.
    func testCheckpointKeepsTheUnitsAndOlderModelsReadAsUnstandardised() throws {
        let model = FlowFixtures.cfm(seed: 3)
        let data = FlowFixtures.letters(points: 60)
        try model.train(on: data, options: FlowFixtures.training(.steps(5)))
        let path = NSTemporaryDirectory() + "standardized-\(UUID().uuidString).mfm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try FlowModel.load(from: path)
        XCTAssertEqual(loaded.layout?.standardization, model.layout?.standardization)
        XCTAssertNotNil(loaded.layout?.standardization)
        XCTAssertTrue(loaded.options.standardize)

        var header = try JSONSerialization.jsonObject(with: JSONEncoder().encode(model.options)) as! [String: Any]
        header.removeValue(forKey: "standardize")
        let older = try JSONDecoder().decode(FlowModelOptions.self, from: JSONSerialization.data(withJSONObject: header))
        XCTAssertFalse(older.standardize)
        var layout = try JSONSerialization.jsonObject(with: JSONEncoder().encode(model.layout!)) as! [String: Any]
        layout.removeValue(forKey: "standardization")
        XCTAssertNil(try JSONDecoder().decode(DataLayout.self, from: JSONSerialization.data(withJSONObject: layout)).standardization)
    }
}
