import Foundation
import MixFlowOps

/// gmm_base, mixflow, cfm, train, sample; and model checkpoints through `save` (models are
/// `FileSavable` as .mfm) and `load`, which hands .mfm files to `loadModel`.
enum ModelBindings {
    static func register(into registry: inout BuiltinRegistry) {
        registerGMMBase(&registry)
        registerMixflow(&registry)
        registerCFM(&registry)
        registerTrain(&registry)
        registerSample(&registry)
    }

    /// The file extension of model checkpoints.
    static let checkpointExtension = "mfm"

    /// Whether `load` should read `source` as a model checkpoint rather than as data.
    static func isCheckpoint(_ source: String) -> Bool {
        (source as NSString).pathExtension.lowercased() == checkpointExtension
    }

    /// `load "m.mfm"`: a model saved by `save` (called from the data bindings' `load`).
    static func loadModel(_ path: String, _ args: Arguments, _ context: CallContext) throws(RuntimeError) -> ModelValue {
        for parameter in args.parameterNames where parameter != "source" && args.isGiven(parameter) {
            throw args.error("\(parameter)= applies to data sources, not to a model checkpoint", at: parameter,
                             hint: "load \"\(path)\" takes no options")
        }
        let resolved = context.resolvePath(path)
        guard FileManager.default.fileExists(atPath: resolved) else {
            throw args.error("no such file: '\(path)'", at: "source", hint: resolved == path ? nil : "looked for \(resolved)")
        }
        let model: FlowModel
        do {
            model = try FlowModel.load(from: resolved, shownAs: path)
        } catch let error as FlowError {
            throw RuntimeError(error, at: args.span(of: "source"))
        } catch {
            // A checkpoint that cannot be read at all: say it was to be a model.
            let reason = RuntimeError.wrapping(error)
            throw args.error("cannot load model from '\(path)': \(reason.message)", at: "source", hint: reason.hint)
        }
        if let variable = context.assignedName { model.name = variable }
        return ModelValue(model, hasScriptName: true)
    }
}

extension Arguments {
    /// Names of the declared (non-variadic) parameters bound in this call.
    var parameterNames: [String] { Array(bound.keys).sorted() }
}
