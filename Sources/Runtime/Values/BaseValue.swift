import MixFlowOps

/// A Gaussian-mixture base: the spec `gmm_base` makes (options only), or a trained model's base
/// (`mix.base`), whose modes and weights depend on each condition's descriptor.
///
/// Members: every option (`.components`, `.sigma`, `.init`, `.temperature`, `.draw`,
/// `.velocity_draw`, `.hidden`, `.activation`, `.dropout`, `.pretrain_steps`); for a trained
/// model's base also `.modes` (condition -> I points) and `.weights` (condition -> I weights),
/// over the conditions the model trained on. `plot mix.base` draws each condition's modes with
/// circles of radius sigma and 2 sigma; `plot mix.base parts.test` draws the test conditions'
/// modes over their data.
public final class BaseValue: Plottable {
    public let options: GMMBaseOptions
    /// The model this base belongs to (`mix.base`); nil for a spec made by `gmm_base`.
    public let model: ModelValue?

    public init(_ options: GMMBaseOptions, model: ModelValue? = nil) {
        self.options = options
        self.model = model
    }

    public var typeName: String { "base" }

    /// `gmm base: 8 components, sigma 0.1, init kmeans, temperature 0.5 (soft draws)`, and for a
    /// model's base whose model it is and how long it trained.
    public var summary: String {
        let record = ModelConfigRecord.record(of: options)
        var text = "gmm base" + (model.map { " of '\($0.model.name)'" } ?? "") + ": "
            + "\(options.components) component\(options.components == 1 ? "" : "s"), sigma \(formatNumber(options.sigma)), "
            + "init \(record["init"]!.displayString), temperature \(formatNumber(options.temperature)) "
            + "(\(record["draw"]!.displayString) draws)"
        if let model { text += model.model.isTrained ? ", trained \(model.model.completedSteps) steps" : ", not trained" }
        return text
    }

    private var isTrained: Bool { model?.model.isTrained ?? false }

    public var memberNames: [String] {
        ModelConfigRecord.record(of: options).names + (isTrained ? ["modes", "weights"] : [])
    }

    public func member(_ name: String) throws -> Value? {
        if let value = ModelConfigRecord.record(of: options)[name] { return value }
        guard isTrained, name == "modes" || name == "weights", let model, let layout = model.model.layout else { return nil }
        let conditions = layout.trainingConditions.map(\.condition)
        let mixtures = try mixtures(model, conditions)
        return .record(Record(zip(conditions, mixtures).map { condition, mixture in
            let value: Value = name == "modes"
                ? .list((0..<mixture.modes.rows).map { row in .list(mixture.modes[row: row].map { .number(scriptNumber($0)) }) })
                : .list(mixture.weights.map { .number(scriptNumber($0)) })
            return (condition.name, value)
        }))
    }

    /// Modes and weights of each condition (MixFlow models always have them).
    private func mixtures(_ model: ModelValue, _ conditions: [Condition]) throws -> [(modes: Matrix<Float>, weights: [Float])] {
        do {
            return try model.model.baseMixtures(for: conditions) ?? []
        } catch {
            throw RuntimeError.wrapping(error)
        }
    }

    // MARK: Plottable

    public func chart(for request: PlotRequest) throws -> Chart {
        guard let model else {
            throw RuntimeError("a base made by gmm_base has no modes until a model using it is trained",
                               at: request.items[0].span, hint: "plot the trained model's base: plot mix.base")
        }
        guard let layout = model.model.layout else {
            throw RuntimeError("model '\(model.model.name)' has not been trained yet, so its base has no modes",
                               at: request.items[0].span, hint: "train it first")
        }
        try ModelPlotSupport.checkDrawable(dimension: layout.dimension, drawing: "a base")
        let data = try ModelPlotSupport.overlay(request, drawing: "a base")
        let conditions = data?.conditions ?? layout.trainingConditions.map(\.condition)
        try ModelPlotSupport.checkPanelCount(conditions.count, drawing: "the base")
        let mixtures = try self.mixtures(model, conditions)
        let panels = zip(conditions, mixtures).map { condition, mixture in
            (title: PlotScatter.panelTitle(condition),
             layers: Figure.baseMixtureLayers(means: mixture.modes, sigma: model.model.baseSigma ?? options.sigma, weights: mixture.weights.map(Double.init),
                                              data: ModelPlotSupport.points(of: condition.name, in: data, limit: request.maxPoints)))
        }
        let plotOptions = ModelPlotSupport.panelOptions(request, panels: panels.count, featureNames: layout.featureNames)
        return .figure(Figure.byCondition(panels, options: plotOptions))
    }
}
