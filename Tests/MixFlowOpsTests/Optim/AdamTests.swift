import XCTest
@testable import MixFlowOps

final class AdamTests: XCTestCase {
    private let gradients: [[Double]] = [[0.5, -0.3, 0.0], [-0.3, 0.2, 1e-3], [0.2, 0.7, -4.0]]

    /// Runs three steps with the given gradients and returns the parameter after each.
    private func trace(_ options: AdamOptions) -> [[Double]] {
        let p = Parameter<Double>(name: "p", value: Matrix([[1.0, -2.0, 0.5]]))
        let adam = Adam(parameters: [p], options: options)
        return gradients.map { g in
            p.gradient = Matrix([g])
            adam.step()
            return p.value.storage
        }
    }

    private func assertTrace(_ found: [[Double]], _ expected: [[Double]], file: StaticString = #filePath, line: UInt = #line) {
        for (step, (f, e)) in zip(found, expected).enumerated() {
            for i in 0..<3 { XCTAssertEqual(f[i], e[i], accuracy: 1e-14, "step \(step + 1), element \(i)", file: file, line: line) }
        }
    }

    func testThreeStepTraceMatchesHandComputationAndPyTorch() {
        // Step 1 by hand for element 0: m = 0.1 * 0.5 = 0.05, v = 0.001 * 0.25 = 0.00025,
        // step size = 0.1 / (1 - 0.9) = 1, denominator = sqrt(0.00025) / sqrt(0.001) + 1e-8 = 0.5 + 1e-8,
        // p = 1 - 0.05 / (0.5 + 1e-8) = 0.900000002 (to 1e-16). Later values: torch.optim.Adam
        // (float64, lr 0.1, betas (0.9, 0.999), eps 1e-8) on the same gradients.
        let found = trace(AdamOptions(learningRate: 0.1))
        XCTAssertEqual(found[0][0], 1 - 0.05 / (0.5 + 1e-8), accuracy: 1e-15)
        assertTrace(found, [[0.900000002, -1.9000000033333333, 0.5],
                            [0.8808501989417752, -1.8855479509285968, 0.4255873697336899],
                            [0.846107430790882, -1.937236550468754, 0.48945435409729365]])
    }

    func testWeightDecayCoupledAndDecoupled() {
        assertTrace(trace(AdamOptions(learningRate: 0.1, weightDecay: 0.1)),
                    [[0.9000000016666666, -1.900000002, 0.400000019999996],
                     [0.8613529972101512, -1.8344963092917137, 0.30099870785711214],
                     [0.8078745546785667, -1.8452124719059686, 0.3636262975890354]])
        assertTrace(trace(.adamW(learningRate: 0.1, weightDecay: 0.1)),
                    [[0.890000002, -1.8800000033333333, 0.495],
                     [0.8619501989217752, -1.8467479508952636, 0.41563736973368987],
                     [0.8185879287816642, -1.8799690709264683, 0.47534798039995674]])
    }

    func testSplitAcrossThreadsGivesTheSameBits() {
        // Shares that start and end inside parameters, a frozen one in the middle, several steps.
        func group() -> [Parameter<Float>] {
            var random = RandomStream(seed: 21)
            return [(7, 13), (1, 5), (33, 9), (2, 2)].enumerated().map { i, shape in
                Parameter(name: "p\(i)", value: Matrix.normal(shape.0, shape.1, random: &random))
            }
        }
        let single = group(), split = group()
        single[1].isFrozen = true
        split[1].isFrozen = true
        let one = Adam(parameters: single, options: .adamW(learningRate: 0.01))
        let three = Adam(parameters: split, options: .adamW(learningRate: 0.01))
        one.threads = 1
        three.threads = 3
        three.minimumElementsPerThread = 10
        var random = RandomStream(seed: 22)
        for _ in 0..<4 {
            for (a, b) in zip(single, split) {
                let g = Matrix<Float>.normal(a.rows, a.cols, random: &random)
                a.gradient = g
                b.gradient = g
            }
            one.step()
            three.step()
        }
        for (i, (a, b)) in zip(single, split).enumerated() {
            XCTAssertEqual(a.value.storage, b.value.storage, a.name)
            XCTAssertEqual(one.moments(of: i).first.storage, three.moments(of: i).first.storage, a.name)
            XCTAssertEqual(one.moments(of: i).second.storage, three.moments(of: i).second.storage, a.name)
        }
        XCTAssertEqual(three.steps, [4, 0, 4, 4])
    }

    func testTwoOptimisersOverDisjointGroupsAndFrozenParameters() {
        let a = Parameter<Float>(name: "a", value: Matrix([[1]])), b = Parameter<Float>(name: "b", value: Matrix([[1]]))
        let first = Adam(parameters: [a], options: AdamOptions(learningRate: 0.1))
        let second = Adam(parameters: [b], options: AdamOptions(learningRate: 0.01))
        a.gradient = Matrix([[1]]); b.gradient = Matrix([[1]])
        first.step()
        XCTAssertEqual(a.value[0, 0], 0.9, accuracy: 1e-6)
        XCTAssertEqual(b.value[0, 0], 1)
        second.step()
        XCTAssertEqual(b.value[0, 0], 0.99, accuracy: 1e-6)
        a.isFrozen = true
        first.step()
        XCTAssertEqual(a.value[0, 0], 0.9, accuracy: 1e-6)
        XCTAssertEqual(first.steps, [1])
    }

    func testClipGradientNorm() {
        let p = Parameter<Double>(name: "p", value: Matrix([[0, 0]])), q = Parameter<Double>(name: "q", value: Matrix([[0]]))
        p.gradient = Matrix([[3, 0]]); q.gradient = Matrix([[4]])
        let norm = clipGradientNorm([p, q], maxNorm: 1)
        XCTAssertEqual(norm, 5, accuracy: 1e-12)
        XCTAssertEqual(p.gradient[0, 0], 3 / (5 + 1e-6), accuracy: 1e-12)
        XCTAssertEqual(q.gradient[0, 0], 4 / (5 + 1e-6), accuracy: 1e-12)
        XCTAssertEqual(clipGradientNorm([p, q], maxNorm: 10), 1, accuracy: 1e-5)
        XCTAssertEqual(q.gradient[0, 0], 4 / (5 + 1e-6), accuracy: 1e-12, "no scaling below the limit")
    }
}
