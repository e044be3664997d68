import XCTest
@testable import MixFlowOps

/// Central finite differences: for each probed index i, (L(v_i + h) - L(v_i - h)) / 2h, compared
/// with the analytic gradient by relative error |a - n| / max(|a| + |n|, 1e-6)
/// (the floor keeps finite-difference noise, about 1e-10, on near-zero gradients from failing).
struct GradientCheck {
    var step = 1e-6
    var tolerance = 1e-4

    /// Checks `analytic` against finite differences of `loss` with respect to a value vector
    /// accessed through `get` / `set`, at `indices` (all when nil). Returns the worst error.
    @discardableResult
    func check(_ label: String, analytic: [Double], indices: [Int]? = nil,
               get: (Int) -> Double, set: (Int, Double) -> Void, loss: () -> Double,
               file: StaticString = #filePath, line: UInt = #line) -> Double {
        var worst = 0.0
        for i in indices ?? Array(analytic.indices) {
            let original = get(i)
            set(i, original + step)
            let up = loss()
            set(i, original - step)
            let down = loss()
            set(i, original)
            let numeric = (up - down) / (2 * step)
            let error = abs(analytic[i] - numeric) / max(abs(analytic[i]) + abs(numeric), 1e-6)
            worst = max(worst, error)
            if error > tolerance {
                XCTFail("\(label)[\(i)]: analytic \(analytic[i]) vs numeric \(numeric) (relative error \(error))", file: file, line: line)
                return worst
            }
        }
        return worst
    }

    /// Checks a parameter's gradient (its `gradient` must hold dL/dvalue).
    func check(_ parameter: Parameter<Double>, indices: [Int]? = nil, loss: () -> Double,
               file: StaticString = #filePath, line: UInt = #line) {
        check(parameter.name, analytic: parameter.gradient.storage, indices: indices,
              get: { parameter.valuePointer[$0] }, set: { parameter.valuePointer[$0] = $1 },
              loss: loss, file: file, line: line)
    }

    /// Checks the gradient with respect to a matrix input held in a box the loss reads.
    func check(_ label: String, analytic: Matrix<Double>, input: Box<Matrix<Double>>,
               loss: () -> Double, file: StaticString = #filePath, line: UInt = #line) {
        check(label, analytic: analytic.storage, get: { input.value.storage[$0] },
              set: { input.value.storage[$0] = $1 }, loss: loss, file: file, line: line)
    }
}

/// sum_ij weights_ij * output_ij: a loss whose gradient with respect to the output is `weights`.
func weightedSum(_ output: Matrix<Double>, _ weights: Matrix<Double>) -> Double {
    zip(output.storage, weights.storage).reduce(0) { $0 + $1.0 * $1.1 }
}

/// Up to `limit` evenly spread indices of 0..<count (keeps checks of wide layers fast).
func probeIndices(_ count: Int, limit: Int = 40) -> [Int] {
    count <= limit ? Array(0..<count) : (0..<limit).map { $0 * count / limit }
}

/// A mutable value shared between a loss closure and the checker that perturbs it.
final class Box<Value> {
    var value: Value
    init(_ value: Value) { self.value = value }
}
