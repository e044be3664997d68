@testable import MixFlowOps

/// The fixed figures whose SVG output is stored under Tests/Fixtures/golden-svg.
enum GoldenFigures {
    static func realVsGenerated() -> Figure {
        let real = PlotSamples.letter("A", quarterTurns: 0, count: 400, noise: 0.02, seed: 1)
        let generated = PlotSamples.letter("A", quarterTurns: 0, count: 400, noise: 0.05, seed: 2)
        return Figure.scatter([
            ScatterLayer(x: real.xs, y: real.ys, label: "real"),
            ScatterLayer(x: generated.xs, y: generated.ys, label: "generated", opacity: 0.5),
        ], options: PlotOptions(title: "Letter A: generated vs real", xLabel: "x1", yLabel: "x2", equalAspect: true))
    }

    static func smallMultiples(pointsPerLayer: Int = 150) -> Figure {
        var conditions: [(title: String, layers: [PlotLayer])] = []
        var seed: UInt64 = 10
        for letter in ["A", "E", "T"] {
            for turn in 0..<4 {
                let real = PlotSamples.letter(letter, quarterTurns: turn, count: pointsPerLayer, noise: 0.02, seed: seed)
                let generated = PlotSamples.letter(letter, quarterTurns: turn, count: pointsPerLayer, noise: 0.04, seed: seed + 1)
                seed += 2
                conditions.append(("\(letter) @ \(turn * 90)", [
                    .scatter(ScatterLayer(x: real.xs, y: real.ys, label: "real", size: 2.5)),
                    .scatter(ScatterLayer(x: generated.xs, y: generated.ys, label: "generated", size: 2.5, opacity: 0.5)),
                ]))
            }
        }
        return Figure.byCondition(conditions, options: PlotOptions(title: "Held-out conditions", xLabel: "x1", yLabel: "x2",
                                                                   equalAspect: true))
    }

    static func history() -> Figure {
        let flow = PlotSamples.loss(steps: 3000, scale: 2, tau: 150, seed: 3)
        let geo = PlotSamples.loss(steps: 3000, scale: 0.6, tau: 600, seed: 4)
        // The base loss is recorded on every 10th step of the alternating phase only.
        let geoYs = geo.ys.enumerated().map { step, value in step >= 300 && step < 2700 && step % 10 == 0 ? value : .nan }
        return Figure.history([
            LineSeries(x: flow.xs, y: flow.ys, label: "L_OT (velocity)", width: 1.2),
            LineSeries(x: geo.xs, y: geoYs, label: "L_geo (base)", width: 1.2),
        ], phases: PhaseBand.consecutive([("warm-up", 300), ("alternate", 2400), ("cool-down", 300)]),
           options: PlotOptions(title: "Training history", logY: true))
    }

    static func componentsLines() -> Figure {
        let components: [Double] = [1, 2, 4, 8, 16, 32]
        return Figure.lines([
            LineSeries(x: components, y: [0.412, 0.305, 0.221, 0.183, 0.176, 0.181], label: "MixFlow"),
            LineSeries(x: components, y: [0.398, 0.398, 0.398, 0.398, 0.398, 0.398], label: "CFM (N(0, I) base)", dashed: true),
        ], options: PlotOptions(title: "W2 against number of components", xLabel: "components", yLabel: "W2", logX: true))
    }

    static func energyByDimension() -> Figure {
        let dims: [Double] = [2, 4, 8, 16, 32, 64]
        return Figure.lines([
            LineSeries(x: dims, y: [0.012, 0.019, 0.035, 0.061, 0.118, 0.240], label: "MixFlow"),
            LineSeries(x: dims, y: [0.015, 0.027, 0.052, 0.104, 0.219, 0.455], label: "CFM"),
        ], options: PlotOptions(title: "Energy distance against dimension", xLabel: "dimension", yLabel: "energy",
                                logX: true, logY: true))
    }

    static func bars() -> BarChart {
        BarChart(categories: ["A @ 90", "E @ 210", "F @ 300", "K @ 90", "M @ 210", "mean"],
                 series: [BarSeries(name: "MixFlow", values: [0.181, 0.204, 0.166, 0.232, 0.251, 0.207]),
                          BarSeries(name: "CFM", values: [0.244, 0.287, 0.231, 0.301, 0.342, 0.281])],
                 options: PlotOptions(title: "W2 per held-out condition", yLabel: "W2"))
    }

    static func trajectories() -> Figure {
        var random = PlotTestRandom(seed: 7)
        let target = PlotSamples.letter("T", quarterTurns: 0, count: 40, noise: 0.02, seed: 8)
        let starts = (0..<40).map { _ in SIMD2(0.3 * random.normal(), 0.3 * random.normal()) }
        // Curved paths: a straight interpolation bent by a quadratic bump.
        var snapshots: [Matrix<Double>] = []
        for k in 0...20 {
            let t = Double(k) / 20
            var rows: [[Double]] = []
            for i in 0..<40 {
                let end = SIMD2(target.xs[i], target.ys[i])
                let p = starts[i] * (1 - t) + end * t + SIMD2(0.15, -0.1) * (t * (1 - t))
                rows.append([p.x, p.y])
            }
            snapshots.append(Matrix(rows))
        }
        let data = Matrix([[Double]](zip(target.xs, target.ys).map { [$0, $1] }))
        return Figure.trajectories(snapshots: snapshots, targets: data,
                                   options: PlotOptions(title: "Trajectories from base to target", equalAspect: true))
    }

    static func baseMixture() -> Figure {
        let data = PlotSamples.letter("E", quarterTurns: 0, count: 300, noise: 0.02, seed: 9)
        let means = Matrix<Double>([[-0.45, 0.45], [0, 0.5], [0.35, 0.5], [-0.5, 0], [0.1, 0], [-0.45, -0.45], [0, -0.5], [0.35, -0.5]])
        let weights = [0.16, 0.1, 0.12, 0.14, 0.1, 0.16, 0.1, 0.12]
        return Figure.baseMixture(means: means, sigma: 0.1, weights: weights,
                                  data: Matrix(zip(data.xs, data.ys).map { [$0, $1] }),
                                  options: PlotOptions(title: "Base mixture for E @ 0"))
    }

    static let all: [(name: String, svg: @Sendable () -> String)] = [
        ("scatter-real-vs-generated.svg", { realVsGenerated().svg() }),
        ("small-multiples-12.svg", { smallMultiples().svg() }),
        ("history-phases-logy.svg", { history().svg() }),
        ("lines-w2-components.svg", { componentsLines().svg() }),
        ("lines-energy-dimension-loglog.svg", { energyByDimension().svg() }),
        ("bars-w2-conditions.svg", { bars().svg() }),
        ("trajectories.svg", { trajectories().svg() }),
        ("base-mixture.svg", { baseMixture().svg() }),
    ]
}
