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


func scratchSinkhorn() {
    let x = gaussianCloud(1000, 2, seed: 1, shift: 0), y = gaussianCloud(1000, 2, seed: 2, shift: 0.5)
    let t0 = Date()
    let r = try! sinkhorn(x, y)
    print("sinkhorn 1000 2-D", Date().timeIntervalSince(t0), r.value, r.iterations)
}

func gaussianCloud(_ n: Int, _ d: Int, seed: UInt64, shift: Double) -> Matrix<Double> {
    var rng = RandomStream(seed: seed)
    var x = Matrix<Double>(rows: n, cols: d)
    for k in 0..<x.count { x.storage[k] = rng.nextNormal() + shift }
    return x
}

func scratchSinkhornScaling() {
    let dir = "/work/shared/reference/metrics/"
    func load(_ f: String) -> Matrix<Double> {
        let text = try! String(contentsOfFile: dir + f, encoding: .utf8)
        return Matrix(text.split(separator: "\n").map { $0.split(separator: ",").map { Double($0)! } })
    }
    let expected = ["gauss2d_1000": 0.528737769336556, "unequal2d_300_200": 1.465627872011103, "gauss50d_500_400": 32.60807091139759]
    for name in ["unequal2d_300_200", "gauss50d_500_400", "gauss2d_1000"] {
        let x = load(name + "_x.csv"), y = load(name + "_y.csv")
        for s in [0.5, 0.7, 0.8, 0.9, 0.95, 0.99] {
            let t0 = Date()
            let r = try! sinkhorn(x, y, options: SinkhornOptions(scaling: s))
            print(name, s, r.iterations, String(format: "%.3fs rel %.2e", Date().timeIntervalSince(t0), abs(r.value - expected[name]!) / expected[name]!))
        }
    }
}
