import MixFlowOps

/// The paths generated points took from their base draws (`gen.trajectories`, from
/// `sample ... trajectories=true`): the points at several times from t = 0 to 1.
///
/// Members: `.times`, `.n` (points), `.conditions`, `.model`. `plot gen.trajectories` draws a
/// panel per condition with `paths=` paths each (evenly chosen), base draws and
/// end points marked; `plot gen.trajectories parts.test` adds the real points in grey.
public final class TrajectoryValue: Plottable {
    public let times: [Double]
    /// The points at each time, row for row with `points`.
    public let snapshots: [Matrix<Float>]
    /// The generated points (for their conditions and rows).
    public let points: Dataset
    public let modelName: String

    public init(times: [Double], snapshots: [Matrix<Float>], points: Dataset, modelName: String) {
        self.times = times
        self.snapshots = snapshots
        self.points = points
        self.modelName = modelName
    }

    /// The trajectories of `rows` only, whose points are now `points`.
    func keeping(rows: [Int], points: Dataset) -> TrajectoryValue {
        TrajectoryValue(times: times, snapshots: snapshots.map { $0.rows(rows) }, points: points, modelName: modelName)
    }

    public var typeName: String { "trajectories" }

    /// `trajectories of 'mix': 21 times from t = 0 to 1, 3000 points, 3 conditions`
    public var summary: String {
        let span = times.isEmpty ? "" : " from t = \(formatNumber(times.first!)) to \(formatNumber(times.last!))"
        let count = points.conditions.count
        return "trajectories of '\(modelName)': \(times.count) times\(span), \(points.pointCount) points, "
            + "\(count) condition\(count == 1 ? "" : "s")"
    }

    public var memberNames: [String] { ["times", "n", "conditions", "model"] }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "times": return .list(times.map { .number($0) })
        case "n": return .number(Double(points.pointCount))
        case "conditions": return .list(points.conditions.map { .string($0.name) })
        case "model": return .string(modelName)
        default: return nil
        }
    }

    public func chart(for request: PlotRequest) throws -> Chart {
        let paths = request.int("paths")
        guard paths >= 1 else { throw RuntimeError("paths= must be 1 or more, got \(paths)") }
        try ModelPlotSupport.checkDrawable(dimension: points.dimension, drawing: "trajectories")
        let targets = try ModelPlotSupport.overlay(request, drawing: "trajectories")
        try ModelPlotSupport.checkPanelCount(points.conditions.count, drawing: "trajectories")
        let panels = points.conditions.indices.map { index in
            let rows = PlotScatter.thinned(points.pointIndices[index], to: paths)
            let condition = points.conditions[index]
            let real = ModelPlotSupport.points(of: condition.name, in: targets, limit: request.maxPoints)
            return (title: PlotScatter.panelTitle(condition),
                    layers: Figure.trajectoryLayers(snapshots: snapshots.map { $0.rows(rows) }, targets: real))
        }
        let options = ModelPlotSupport.panelOptions(request, panels: panels.count, featureNames: points.featureNames)
        return .figure(Figure.byCondition(panels, options: options))
    }
}
