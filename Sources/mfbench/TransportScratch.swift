import MixFlowOps
import Foundation

func scratchAssignment() {
    var rng = RandomStream(seed: 0)
    for d in [2, 50] {
        for n in [1000, 2000, 4000] {
            var x = Matrix<Double>(rows: n, cols: d), y = Matrix<Double>(rows: n, cols: d)
            for k in 0..<x.count { x.storage[k] = rng.nextNormal() }
            for k in 0..<y.count { y.storage[k] = rng.nextNormal() + 0.5 }
            let t0 = Date()
            var c = Matrix<Double>(rows: n, cols: n)
            for i in 0..<n { for j in 0..<n { var s = 0.0; for k in 0..<d { let t = x[i,k]-y[j,k]; s += t*t }; c[i,j] = s } }
            let t1 = Date()
            let r = try! solveAssignment(costs: c)
            let t2 = Date()
            print(d, n, String(format: "cost %.3f solve %.3f value %.10f", t1.timeIntervalSince(t0), t2.timeIntervalSince(t1), r.cost / Double(n)))
        }
    }
}

func scratchSimplex() {
    var rng = RandomStream(seed: 0)
    for d in [2, 50] {
        for (n, m) in [(1000, 1000), (2000, 1500), (2000, 2000)] {
            var x = Matrix<Double>(rows: n, cols: d), y = Matrix<Double>(rows: m, cols: d)
            for k in 0..<x.count { x.storage[k] = rng.nextNormal() }
            for k in 0..<y.count { y.storage[k] = rng.nextNormal() + 0.5 }
            let t1 = Date()
            let r = try! exactTransport(x, y, options: ExactTransportOptions(assignmentFastPath: false))
            let t2 = Date()
            print(d, n, m, String(format: "ns %.3f value %.10f", t2.timeIntervalSince(t1), r.cost), r.plan.entries.count)
        }
    }
}
