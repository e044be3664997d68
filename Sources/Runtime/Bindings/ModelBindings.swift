import Foundation
import MixFlowOps

/// gmm_base, mixflow, cfm, train, sample; and model checkpoints through `save` (models are
/// `FileSavable` as .mfm) and `load` (extended here to read .mfm files).
enum ModelBindings {
    static func register(into registry: inout BuiltinRegistry) {
        registerGMMBase(&registry)
        registerMixflow(&registry)
        registerCFM(&registry)
        registerTrain(&registry)
        registerSample(&registry)
        extendLoad(&registry)
    }

    /// The file extension of model checkpoints.
    static let checkpointExtension = "mfm"

    /// Replaces `load` (declared by the data bindings, which must be registered first) by one
    /// that reads model checkpoints itself and hands every other source to the data loader.
    ///
    /// Why a wrapper: `load` dispatches on the source's name inside the data bindings, with no
    /// hook for other kinds of file; wrapping keeps one `load` for everything without editing
    /// them. A `FileLoadable` registry by extension in `load` itself would make this unneeded.
    static func extendLoad(_ registry: inout BuiltinRegistry) {
        guard let dataLoad = registry["load"] else {
            preconditionFailure("ModelBindings must be registered after DataBindings (it extends 'load')")
        }
        let parameters = dataLoad.parameters.map { parameter -> ParameterSpec in
            var parameter = parameter
            if parameter.name == "source" { parameter.doc += ", or a model checkpoint (.mfm)" }
            return parameter
        }
        let extended = Builtin(
            name: dataLoad.name, category: dataLoad.category, parameters: parameters, summary: dataLoad.summary,
            help: dataLoad.help + """


                Model checkpoints: load "m.mfm" reads a model saved by save (weights, optimiser state,
                history, options and the conditions it trained on) and takes no other options; it
                samples as before and train continues it where it stopped.

                    mix2 = load "mix.mfm"
                """,
            returns: dataLoad.returns + " (a model for a .mfm file)"
        ) { context, args in
            guard case .string(let source) = args["source"],
                  (source as NSString).pathExtension.lowercased() == checkpointExtension else {
                return try dataLoad.run(&context, args)
            }
            return .object(try loadModel(source, args, context))
        }
        registry = registry.replacing(extended)
    }

    private static func loadModel(_ path: String, _ args: Arguments, _ context: CallContext) throws(RuntimeError) -> ModelValue {
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
            model = try FlowModel.load(from: resolved)
        } catch {
            let message = "\(error)".replacingOccurrences(of: resolved, with: path)
            throw args.error(message.hasPrefix("cannot load") ? message : "cannot load model from '\(path)': \(message)", at: "source")
        }
        let variable = ModelNaming.assignedName(context)
        if let variable { model.name = variable }
        return ModelValue(model, hasScriptName: true)
    }
}

extension BuiltinRegistry {
    /// This registry with `builtin` in place of the builtin of the same name (same position).
    func replacing(_ builtin: Builtin) -> BuiltinRegistry {
        var copy = BuiltinRegistry()
        for existing in all { copy.add(existing.name == builtin.name ? builtin : existing) }
        return copy
    }
}

extension Arguments {
    /// Names of the declared (non-variadic) parameters bound in this call.
    var parameterNames: [String] { Array(bound.keys).sorted() }
}
