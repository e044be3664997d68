import MixFlowOps

/// A MixFlow or CFM model as scripts see it (`mix = mixflow base ...`, `c = cfm ...`).
///
/// A reference: `train mix ...` changes the model in place, so every name for it sees the new
/// weights and history. Members: `.name` (the variable it was first bound to, or `name=`),
/// `.method` ("mixflow" or "cfm"), `.steps` (steps trained), `.history` (a snapshot of the
/// training history), `.base` (the mixture base; nil for CFM), `.config` (every option as a
/// record), `.trained`, `.parameters`, `.dim`, `.descriptor_dim`, `.conditions` (the trained-on
/// conditions). `save mix "m.mfm"` writes a checkpoint; `load "m.mfm"` reads it back.
/// `plot mix` draws its training curves, as `plot mix.history` does.
public final class ModelValue: Plottable, FileSavable {
    public let model: FlowModel
    /// Whether `model.name` came from the script (a variable or `name=`) rather than a default;
    /// an unnamed model takes the name of the variable it is first trained through.
    public internal(set) var hasScriptName: Bool

    public init(_ model: FlowModel, hasScriptName: Bool) {
        self.model = model
        self.hasScriptName = hasScriptName
    }

    /// Names the model unless the script already did.
    func adoptName(_ name: String) {
        guard !hasScriptName else { return }
        model.name = name
        hasScriptName = true
    }

    public var typeName: String { "model" }

    /// `mixflow model 'mix': velocity [128, 128, 128] elu, base 8 components sigma 0.1, 3000 steps trained`
    public var summary: String {
        let options = model.options
        var text = "\(model.method.name) model '\(model.name)': velocity \(widths(options.velocity.hidden)) "
            + "\(options.velocity.activation), "
        if let base = options.base {
            text += "base \(base.components) component\(base.components == 1 ? "" : "s") sigma \(formatNumber(base.sigma)), "
        } else {
            text += "N(0, I) base, \(options.pairing.rawValue) pairing, "
        }
        return text + (model.isTrained ? "\(model.completedSteps) steps trained" : "not trained")
    }

    /// The summary, then what the model learned about its data and its recent losses.
    public func show(to output: any OutputSink) {
        var lines = [summary]
        if let layout = model.layout {
            lines.append("  \(layout.dimension)-D points, \(layout.descriptorWidth)-D descriptors, "
                         + "\(layout.trainingConditions.count) training conditions, \(model.parameterCount) parameters")
        }
        if !model.history.isEmpty { lines.append("  " + model.history.summary) }
        output.write(lines.joined(separator: "\n") + "\n")
    }

    public var memberNames: [String] {
        ["name", "method", "steps", "history", "base", "config", "trained", "parameters", "dim", "descriptor_dim", "conditions"]
    }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "name": return .string(model.name)
        case "method": return .string(model.method.name)
        case "steps": return .number(Double(model.completedSteps))
        case "history": return .object(HistoryValue(model.history, modelName: model.name))
        case "base": return model.options.base.map { .object(BaseValue($0, model: self)) } ?? .nil
        case "config": return .record(ModelConfigRecord.record(of: model.options))
        case "trained": return .bool(model.isTrained)
        case "parameters": return .number(Double(model.parameterCount))
        case "dim": return model.layout.map { .number(Double($0.dimension)) } ?? .nil
        case "descriptor_dim": return model.layout.map { .number(Double($0.descriptorWidth)) } ?? .nil
        case "conditions": return .list((model.layout?.trainingConditions ?? []).map { .string($0.name) })
        default: return nil
        }
    }

    // MARK: Plottable

    /// The training curves: each model plotted stands for its history.
    public func chart(for request: PlotRequest) throws -> Chart {
        var request = request
        request.items = request.items.map { item in
            guard case .object(let model as ModelValue) = item.value else { return item }
            var history = item
            history.value = .object(HistoryValue(model.model.history, modelName: model.model.name))
            return history
        }
        guard case .object(let first as HistoryValue) = request.items[0].value else {
            throw RuntimeError("cannot plot \(request.items[0].value.typeNameWithArticle)")
        }
        return try first.chart(for: request)
    }

    // MARK: FileSavable

    public var savedFileExtensions: [String] { ["mfm"] }

    /// Writes the checkpoint (weights, optimiser state, history, options, data layout).
    public func save(to path: String) throws -> String {
        do {
            try model.save(to: path)
        } catch let error as FlowError {
            throw RuntimeError(error)
        }
        let steps = model.completedSteps
        return "\(model.method.name) model '\(model.name)', " + (model.isTrained
            ? "\(steps) step\(steps == 1 ? "" : "s"), \(model.parameterCount) parameters" : "not trained")
    }
}

/// `[128, 128, 128]`.
func widths(_ hidden: [Int]) -> String {
    "[" + hidden.map(String.init).joined(separator: ", ") + "]"
}
