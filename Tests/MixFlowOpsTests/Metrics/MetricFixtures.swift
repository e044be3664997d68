import Foundation
import XCTest
@testable import MixFlowOps

/// One case of Tests/Fixtures/metrics: two point clouds and the reference distances between
/// them (POT 0.9.7, geomloss 0.3.1, numpy; see the README there).
struct MetricReferenceCase {
    let name: String
    let x: Matrix<Double>
    let y: Matrix<Double>
    let expected: [String: Double]
}

enum MetricFixtures {
    static var directory: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/metrics")
    }

    /// Every case listed in expected.jsonl, with its points loaded.
    static func cases() throws -> [MetricReferenceCase] {
        let text = try String(contentsOf: directory.appendingPathComponent("expected.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let name = object["case"] as! String
            var expected: [String: Double] = [:]
            for (key, value) in object { if let v = value as? Double { expected[key] = v } }
            return MetricReferenceCase(name: name, x: try points("\(name)_x.csv"),
                                       y: try points("\(name)_y.csv"), expected: expected)
        }
    }

    static func points(_ file: String) throws -> Matrix<Double> {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",").map { Double($0)! } }
        return Matrix(rows)
    }
}

/// Relative difference `|a - b| / max(|b|, tiny)`.
func relativeError(_ a: Double, _ b: Double) -> Double {
    abs(a - b) / max(abs(b), 1e-300)
}

/// n x d standard normal draws times `scale` plus `shift` (seeded).
func gaussianPoints(_ n: Int, _ d: Int, seed: UInt64, scale: Double = 1,
                    shift: [Double]? = nil) -> Matrix<Double> {
    var rng = RandomStream(seed: seed)
    var x = Matrix<Double>(rows: n, cols: d)
    for i in 0..<n {
        for k in 0..<d { x[i, k] = rng.nextNormal() * scale + (shift?[k] ?? 0) }
    }
    return x
}
