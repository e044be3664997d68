import Lang
import MixFlowOps

/// train: runs a model's training plan on a dataset, in place, with a progress bar.
extension ModelBindings {
    static func registerTrain(_ registry: inout BuiltinRegistry) {
        let defaults = TrainingOptions(schedule: .steps(0))
        registry.add(
            "train", category: .models,
            parameters: [
                .positional("model", .object("model"), doc: "the mixflow or cfm model to train (changed in place)"),
                .positional("data", .union([.object("dataset"), .object("split")]), doc: "the training data, e.g. parts.train"),
                .keyword("steps", .optional(.int), default: .nil,
                         doc: "steps to run (mixflow: split by phases= fractions, default 10/80/10 %); default \(DefaultBudget.perCondition) per training condition, \(formatNumber(Double(DefaultBudget.minimum))) to \(formatNumber(Double(DefaultBudget.maximum)))"),
                .keyword("phases", .optional(.record), default: .nil,
                         doc: "mixflow: (warmup: N, alternate: N, cooldown: N) steps, or fractions of steps="),
                .keyword("every", .int, default: .number(Double(defaults.baseEvery)), doc: "mixflow: a base step every k-th alternate step"),
                .keyword("batch", .int, default: .number(Double(defaults.conditionsPerStep * defaults.pointsPerCondition)),
                         doc: "points per step, split evenly over the step's conditions"),
                .keyword("conditions", .int, default: .number(Double(defaults.conditionsPerStep)), doc: "conditions per step (fewer if the data has fewer)"),
                .keyword("ot_pool", .optional(.int), default: .nil,
                         doc: "points per condition the OT pairing sees (default: batch/conditions); a random batch/conditions of its pairs train"),
                .keyword("base_ot_pool", .int, default: .number(Double(defaults.basePairingPool)),
                         doc: "mixflow: the same for base steps (at least ot_pool), a closer estimate of L_geo"),
                .keyword("lr", .number, default: .number(defaults.velocityOptimizer.learningRate), doc: "Adam learning rate of v"),
                .keyword("base_lr", .number, default: .number(defaults.baseOptimizer.learningRate),
                         doc: "mixflow: Adam learning rate of h_theta, h_p and the encoder"),
                .keyword("lr_final", .number, default: .number(defaults.learningRateSchedule.finalFactor),
                         doc: "cosine decay of every learning rate to this fraction at the last step (1: constant)"),
                .keyword("ema", .number, default: .number(defaults.averageDecay),
                         doc: "decay of the moving average of the weights that sample uses (0: the last weights)"),
                .keyword("progress", .bool, default: true, doc: "show the progress bar (terminal) or summary line (otherwise)"),
            ],
            summary: "Train a mixflow or cfm model on a dataset; train again to continue.",
            help: trainHelp(defaults),
            returns: "nothing"
        ) { context, args in
            try train(args, context)
            return .nil
        }
    }

    private static func trainHelp(_ defaults: TrainingOptions) -> String {
        let velocity = defaults.velocityOptimizer, base = defaults.baseOptimizer
        return """
            Each step draws `conditions` conditions and batch/conditions points of each, pairs them
            with base draws by exact optimal transport per condition, and takes an Adam step.
            ot_pool= pairs more points than that and trains on a random batch/conditions of the
            pairs (pairs closer to the condition's own transport plan, at the same network cost);
            MixFlow's base steps pair base_ot_pool= points (default \(defaults.basePairingPool)), so L_geo
            estimates the base's transport cost from more points.
            MixFlow runs warm-up (velocity steps: L_OT = mean |v(x_t, t, y) - u|^2 trains v),
            alternate (every k-th step a base step: L_geo = mean |x1 - x0|^2 trains h_theta, h_p
            and the encoder through x0), then cool-down (velocity steps, base and encoder in eval
            mode, no dropout). Give phases as step counts, or as fractions with steps=. cfm models
            train with steps= only. Adam of v uses betas (\(formatNumber(velocity.beta1)), \(formatNumber(velocity.beta2))); the reference code's
            (0, 0.99) has no momentum and fits more slowly. The base networks use (\(formatNumber(base.beta1)), \(formatNumber(base.beta2))).

            The first train builds the networks from the data's dimensions (and pretrains the
            modes); later calls continue the step count, optimiser state and history, each with
            its own phases. Every draw of step s comes from the model's seed and s, so runs
            reproduce exactly, also across save and load. Ctrl-C stops after the current step;
            the model keeps its last whole step and train continues it. A NaN or infinite loss
            stops training with the step and phase, and the weights of the last finite step are
            restored. progress=false turns off the progress bar and the summary line.

                train mix parts.train phases=(warmup: 300, alternate: 2400, cooldown: 300) batch=256 lr=1e-3
                train mix parts.train steps=3000 phases=(warmup: 0.1, alternate: 0.8, cooldown: 0.1)
                train c parts.train steps=3000

            Without steps= or phases=, train runs a default budget that grows with the data
            (\(DefaultBudget.perCondition) steps per training condition, \(formatNumber(Double(DefaultBudget.minimum))) to \(formatNumber(Double(DefaultBudget.maximum)))) and says how many.
            Learning rates decay along a cosine to lr_final times their start over the call's steps,
            and sample uses a moving average of the weights (ema=, the decay per step): both keep the
            last steps' jitter out of the generated points. The decay spans one call: a run stopped
            by Ctrl-C and continued restarts it (lr_final=1 makes two calls equal one).
            """
    }

    private static func train(_ args: Arguments, _ context: CallContext) throws {
        let value = try args.object("model", as: ModelValue.self)
        let model = value.model
        let data = try trainingData(args)
        if let written = args.identifier(of: "model") { value.adoptName(written) }
        let options = try trainingOptions(args, model: model, data: data, context: context)
        let usage = "train " + (args.identifier(of: "model") ?? "model") + " "
            + (args.isGiven("data") ? context.file.text(of: args.span(of: "data")) : "data")
        if let excess = ModelMemory.trainingExcess(model, data: data, options: options, request: usage) {
            throw RuntimeError(excess, at: args.callSpan)
        }
        let reporter = TrainingProgressReporter(context, task: "train \(model.name)", enabled: try args.bool("progress"),
                                                showsGeometry: model.options.base != nil)
        let stepsBefore = model.completedSteps
        do {
            try model.train(on: data, options: options, shouldStop: context.shouldStop, observer: reporter.observe)
        } catch let error as FlowError {
            throw args.error(error, keywords: ["conditions per step": "conditions", "points per condition": "batch"])
        } catch let stop as Cancelled {
            reporter.stopped(stepsDone: model.completedSteps - stepsBefore)
            throw stop
        }
    }

    /// The dataset to train on; a split gets a hint to use its training half.
    private static func trainingData(_ args: Arguments) throws(RuntimeError) -> Dataset {
        if case .object(let object) = args["data"], object is SplitValue {
            throw args.error("train needs a dataset to train on, got a split", at: "data",
                             hint: "train on the split's training conditions: .train (e.g. parts.train)")
        }
        let data = try args.object("data", as: DatasetValue.self).dataset
        guard data.descriptorDimension > 0 else {
            throw args.error("dataset '\(data.name)' has no condition descriptors, so a model cannot tell its conditions apart",
                             at: "data", hint: "load it with condition= (and descriptors=) to give each condition a descriptor")
        }
        return data
    }

    /// The options of this run; mixflow-only keywords given to a cfm model are errors here.
    private static func trainingOptions(_ args: Arguments, model: FlowModel, data: Dataset,
                                        context: CallContext) throws(RuntimeError) -> TrainingOptions {
        if model.method == .cfm {
            for keyword in ["every", "base_lr", "base_ot_pool"] where args.isGiven(keyword) {
                throw args.error("\(keyword)= applies to mixflow models; cfm has no base networks", at: keyword,
                                 hint: "train cfm models with steps=, batch=, conditions=, ot_pool= and lr=")
            }
        }
        let trainable = data.counts.filter { $0 > 0 }.count
        let given = try TrainingScheduleReader(args).schedule()
        let budget = DefaultBudget.steps(trainingConditions: trainable)
        var options = TrainingOptions(schedule: given ?? .steps(budget))
        options.baseEvery = try args.int("every")
        let conditions = try args.int("conditions", atLeast: 1)
        let batch = try args.int("batch", atLeast: 1)
        let drawn = min(conditions, trainable)
        guard drawn >= 1, batch >= drawn else {
            throw args.error("batch=\(batch) is too small for \(drawn) conditions per step", at: "batch",
                             hint: "give at least one point per condition: batch >= conditions")
        }
        options.conditionsPerStep = conditions
        options.pointsPerCondition = batch / drawn
        if args.optional("ot_pool") != nil { options.pairingPool = try args.int("ot_pool", atLeast: 1) }
        options.basePairingPool = try args.int("base_ot_pool", atLeast: 1)
        // Ranges of every, ot_pool, base_ot_pool, lr, base_lr, lr_final and ema are checked by TrainingOptions.validate
        // when training starts; batch= and conditions= are the script's terms, checked here.
        options.velocityOptimizer.learningRate = try args.number("lr")
        options.baseOptimizer.learningRate = try args.number("base_lr")
        let final = try args.number("lr_final")
        options.learningRateSchedule = final == 1 ? .constant : .cosine(final: final)
        options.averageDecay = try args.number("ema")
        if given == nil, try args.bool("progress") { announceDefaultBudget(budget, trainable: trainable, model: model, context: context) }
        return options
    }

    /// Says how many steps the default budget (`DefaultBudget`) gave, so the user knows what ran.
    private static func announceDefaultBudget(_ steps: Int, trainable: Int, model: FlowModel, context: CallContext) {
        context.output.progress("train \(model.name): \(formatNumber(Double(steps))) steps, the default budget "
                                + "(\(DefaultBudget.perCondition) per training condition x \(trainable) conditions, at least "
                                + "\(formatNumber(Double(DefaultBudget.minimum))), at most \(formatNumber(Double(DefaultBudget.maximum)))); "
                                + "steps= sets another", final: true)
    }
}
