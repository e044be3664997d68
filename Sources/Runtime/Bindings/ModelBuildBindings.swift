import MixFlowOps

/// gmm_base, mixflow, cfm: the base spec and the two kinds of model. Every default shown in
/// help is read from the MixFlowOps options structs, so help always tells the truth.
extension ModelBindings {
    static func registerGMMBase(_ registry: inout BuiltinRegistry) {
        let base = GMMBaseOptions()
        let names = ModelChoices.self
        registry.add(
            "gmm_base", category: .models,
            parameters: [
                names.basePreset.keyword("preset", default: "default",
                         doc: "the values keywords not given take: \"default\" (shown here) or \"reference\" (the reference code's)"),
                .keyword("components", .int, default: .number(Double(base.components)), doc: "mixture components I per condition"),
                .keyword("sigma", .number, default: .number(base.sigma),
                         doc: "fixed standard deviation of every component, in units of the data's spread (the model's standardize=true)"),
                names.initialization.keyword("init", default: base.initialization, doc: "where the modes start"),
                .keyword("temperature", .number, default: .number(base.temperature), doc: "Gumbel-softmax temperature of base-step draws"),
                names.draw.keyword("draw", default: base.draw, doc: "base-step draws: \"soft\" (relaxed) or \"hard\" (straight-through)"),
                names.velocityDraw.keyword("velocity_draw", default: base.velocityDraw,
                         doc: "velocity-step draws: \"sampling\" (hard, as sampling) or \"relaxed\""),
                .keyword("hidden", .listOf(.number), default: .list(base.hidden.map { .number(Double($0)) }),
                         doc: "hidden widths of h_theta and h_p"),
                names.activation.keyword("activation", default: base.activation, doc: "hidden activation of h_theta and h_p"),
                .keyword("dropout", .number, default: .number(base.dropout), doc: "dropout in h_theta and h_p while training"),
                .keyword("pretrain_steps", .int, default: .number(Double(base.pretrainSteps)),
                         doc: "Adam steps fitting h_theta to the initial modes"),
            ],
            summary: "A conditional Gaussian-mixture base for mixflow.",
            help: """
                mu(y) = sum_i p_i(y) N(theta_i(y), sigma^2 I): h_theta gives each condition's I modes and
                h_p its I mixture logits, both from the descriptor embedding; sigma is fixed, and
                measured in the units the model trains in: with mixflow's default standardize=true
                the training points' spread is 1, so sigma=0.1 is a tenth of it whatever the data's
                units (with standardize=false sigma is in the data's own units). sigma trades
                fit for reach: the default \(formatNumber(base.sigma)) lets the flow draw the training conditions about as
                closely as cfm does; a smaller sigma (0.15) puts the base nearer unseen conditions,
                but its small blobs survive the flow as clumps. The
                modes start where init says: "kmeans" pretrains h_theta to the k-means centres of all
                training points pooled (the reference code's choice), "condition_kmeans" to each
                condition's own centres, "chained_kmeans" to each condition's own centres found from
                those of its nearest condition in descriptor space, moved first by the rotation that
                lays them best onto the condition's clusters when that rotation explains the whole
                step (so mode i follows one part of the data as the descriptor changes, even across
                large steps; not in the paper), "random" to random training points. Base steps draw with the Gumbel-softmax relaxation at the given temperature,
                so L_geo reaches the weights (draw="soft"; "hard" is straight-through); sampling
                always draws a hard component.
                The paper uses temperature 0.5; the default is what generalised best to held-out
                letters angles. preset="reference" takes the reference code's choices for every
                keyword not given (\(GMMBaseOptions.reference.components) components, sigma \(formatNumber(GMMBaseOptions.reference.sigma)), temperature \(formatNumber(GMMBaseOptions.reference.temperature)),
                init="kmeans", velocity_draw="relaxed"; with it the reference code trains with every=10
                and encoder_dropout=0.5, on data scaled to [-1, 1] and not standardised: give mixflow
                standardize=false to match it). The result is a spec: pass it to mixflow.

                    base = gmm_base components=8 sigma=0.1 init="kmeans" temperature=0.5
                    paper = gmm_base preset="reference"
                    mix  = mixflow base hidden=[64, 64] seed=2
                """,
            returns: "a base"
        ) { _, args in
            let base = try baseOptions(args)
            do throws(FlowError) { try base.validate() } catch {
                throw args.error(error, keywords: ["pretrain steps": "pretrain_steps", "base_hidden": "hidden", "base_dropout": "dropout"])
            }
            return .object(BaseValue(base))
        }
    }

    /// The preset's options with every keyword given in the call applied over them (their ranges
    /// are checked by `GMMBaseOptions.validate`).
    private static func baseOptions(_ args: Arguments) throws(RuntimeError) -> GMMBaseOptions {
        let names = ModelChoices.self
        var base = try args.choice("preset", names.basePreset)
        func given(_ keyword: String) -> Bool { args.isGiven(keyword) || !args.isGiven("preset") }
        if given("components") { base.components = try args.int("components") }
        if given("sigma") { base.sigma = try args.number("sigma") }
        if given("init") { base.initialization = try args.choice("init", names.initialization) }
        if given("temperature") { base.temperature = try args.number("temperature") }
        if given("draw") { base.draw = try args.choice("draw", names.draw) }
        if given("velocity_draw") { base.velocityDraw = try args.choice("velocity_draw", names.velocityDraw) }
        if given("hidden") { base.hidden = try args.widths("hidden") }
        if given("activation") { base.activation = try args.choice("activation", names.activation) }
        if given("dropout") { base.dropout = try args.number("dropout") }
        if given("pretrain_steps") { base.pretrainSteps = try args.int("pretrain_steps") }
        return base
    }

    static func registerMixflow(_ registry: inout BuiltinRegistry) {
        let names = ModelChoices.self
        let encoderTraining = FlowModelOptions.mixflow().encoderTraining
        let flowCondition = FlowModelOptions.mixflow().velocity.condition
        let flowEncoder = FlowModelOptions.mixflow().velocityEncoderOptions
        registry.add(
            "mixflow", category: .models,
            parameters: [.positional("base", .optional(.object("base")), default: .nil, doc: "a gmm_base spec (default: gmm_base's defaults)")]
                + networkParameters(encoder: FlowModelOptions.mixflow().encoder, whose: "the shared (base) encoder")
                + [names.encoderTraining.keyword("encoder_training", default: encoderTraining, doc: "losses that train the encoder"),
                   names.velocityCondition.keyword("flow_condition", default: flowCondition,
                            doc: "what v reads: \"own\" (an embedding from its own encoder, trained by L_OT), \"shared\" (the base's embedding, as the paper) or \"shared_and_descriptor\""),
                   .keyword("flow_encoder_hidden", .listOf(.number), default: .list(flowEncoder.hidden.map { .number(Double($0)) }),
                            doc: "hidden widths of v's own encoder (flow_condition=\"own\"; [] a linear map), as cfm's encoder_hidden"),
                   names.features.keyword("flow_encoder_features", default: flowEncoder.features,
                            doc: "what v's own encoder reads, as cfm's encoder_features")]
                + identityParameters(),
            summary: "A MixFlow model: a learned conditional mixture base and a velocity field.",
            help: """
                The velocity field v(x, t, y) reads [x, t, e(y)], with the descriptor embedding e(y)
                re-concatenated at every hidden layer (condition="hidden"; "every" also feeds the
                output layer, "input" only the first). The descriptor encoder e is an MLP shared by
                the base networks and v; by default L_geo trains it through the base draws x0, as
                in the reference code (encoder_training="flow" or "both" for the other choices).
                flow_condition="own" (default) gives v an encoder of its own, trained by L_OT with v
                as CFM's is: the shared embedding, trained for the base, left v unable to tell many
                conditions apart (on the letters its flow hardly improved on the base draws);
                flow_condition="shared" is the paper's choice. v's own encoder has cfm's encoder
                defaults (flow_encoder_hidden, flow_encoder_features: a linear map of the descriptor
                and the products of its entries), so what v reads starts the same in both models;
                the shared encoder keeps one ReLU layer on the raw descriptor, which placed the
                base's modes better on the letters' validation angles (docs/quality-notes.md).
                Networks are built by the first train, when the data fixes the dimensions; weights
                and every training draw come from seed. Like cfm it trains in standardised units
                (standardize=true): the first train's points are shifted to mean 0 and divided by
                their spread, one factor for every coordinate; samples, base draws and the base's
                modes come back in the data's units. The model is named after the variable it
                is assigned to, or name=. Train it with train, then sample.

                    base = gmm_base components=8 sigma=0.1
                    mix  = mixflow base hidden=[128, 128, 128] activation="elu" dropout=0 seed=2
                """,
            returns: "a model"
        ) { context, args in
            let baseSpec = try args.optional("base").map { _ throws(RuntimeError) in try args.object("base", as: BaseValue.self).options }
            var network = try networkOptions(args)
            network.velocity.condition = try args.choice("flow_condition", names.velocityCondition)
            var velocityEncoder = network.encoder
            velocityEncoder.hidden = try args.widths("flow_encoder_hidden")
            velocityEncoder.features = try args.choice("flow_encoder_features", names.features)
            let options = FlowModelOptions(method: .mixflow(baseSpec ?? GMMBaseOptions()), encoder: network.encoder,
                                           velocityEncoder: velocityEncoder, velocity: network.velocity, pairing: .ot,
                                           encoderTraining: try args.choice("encoder_training", names.encoderTraining),
                                           standardize: try args.bool("standardize"), seed: try args.seed("seed", context))
            return .object(try makeModel(options, args, context))
        }
    }

    static func registerCFM(_ registry: inout BuiltinRegistry) {
        let names = ModelChoices.self
        let pairing = FlowModelOptions.cfm().pairing
        registry.add(
            "cfm", category: .models,
            parameters: networkParameters(encoder: FlowModelOptions.cfm().encoder, whose: "the descriptor encoder")
                + [names.pairing.keyword("pairing", default: pairing,
                            doc: "pairing of base draws and data: \"ot\" (exact mini-batch OT) or \"independent\""),
                   names.cfmEncoder.keyword("encoder", default: FlowModelOptions.cfm().encoderTraining,
                            doc: "the descriptor encoder: \"trained\" by L_OT, or \"frozen\" at its initial weights (the reference code's baseline)")]
                + identityParameters(),
            summary: "A conditional flow matching baseline: N(0, I) base, the same velocity field.",
            help: """
                The baseline of the MixFlow paper: the same velocity network as mixflow, reading an
                encoder with the defaults of mixflow's own v encoder, started from a standard normal
                base. The encoder is a linear map of the descriptor and the products of its entries
                (encoder_hidden=[], encoder_features="quadratic"): on the letters' validation angles
                it carried both models further than one ReLU layer on the raw descriptor, and CFM
                most (docs/quality-notes.md, study 8). It is not a default for every data: on
                pbmc's validation folds (16 marker-gene means, 7 training cell types) it was far
                worse for both models (CFM mean validation W2 0.58 against 1.81); for continuous
                descriptors and few conditions give encoder_hidden=[128] encoder_features="raw".
                Pairs of base draws and data are matched per condition by exact optimal transport
                (pairing="ot") or taken as drawn (pairing="independent"); L_OT trains v and the
                encoder. Train it with steps=N (it has
                no base, so no phases). encoder="frozen" keeps the descriptor encoder at its random
                initial weights, as the MixFlow reference code's CFM baseline does (its encoder sits
                in an optimiser CFM never steps): a weaker baseline, offered to reproduce the paper's
                comparison; the default trains it. The reference code's encoder is one ReLU layer
                on the raw descriptor: give encoder_hidden=[128] encoder_features="raw" with it.
                The first train's points are standardised (standardize=true: mean 0, spread 1,
                one factor for every coordinate), so N(0, I) starts at the data's scale; samples
                come back in the data's units.

                    c = cfm hidden=[128, 128, 128] pairing="ot" seed=2
                    paper_baseline = cfm encoder="frozen" encoder_hidden=[128] encoder_features="raw"
                    train c parts.train steps=3000
                """,
            returns: "a model"
        ) { context, args in
            let network = try networkOptions(args)
            let options = FlowModelOptions.cfm(pairing: try args.choice("pairing", names.pairing), velocity: network.velocity,
                                               encoder: network.encoder, encoderTraining: try args.choice("encoder", names.cfmEncoder),
                                               standardize: try args.bool("standardize"), seed: try args.seed("seed", context))
            return .object(try makeModel(options, args, context))
        }
    }

    /// Velocity field, descriptor encoder and training-units keywords, shared by mixflow and cfm;
    /// the encoder keywords show `encoder`'s defaults (`whose` it is, in their docs).
    private static func networkParameters(encoder: DescriptorEncoderOptions, whose: String) -> [ParameterSpec] {
        let velocity = VelocityOptions(), names = ModelChoices.self
        return [
            .keyword("hidden", .listOf(.number), default: .list(velocity.hidden.map { .number(Double($0)) }), doc: "hidden widths of v"),
            names.activation.keyword("activation", default: velocity.activation, doc: "hidden activation of v"),
            .keyword("dropout", .number, default: .number(velocity.dropout), doc: "dropout in v while training"),
            names.placement.keyword("condition", default: velocity.conditionPlacement,
                     doc: "where e(y) enters v: \"input\", \"hidden\" (every hidden layer) or \"every\" (and the output)"),
            .keyword("gain", .bool, default: .bool(velocity.conditionGain),
                     doc: "also scale each hidden unit of v by a gain computed from (t, e(y)); false: e(y) is only concatenated"),
            .keyword("encoder_hidden", .listOf(.number), default: .list(encoder.hidden.map { .number(Double($0)) }),
                     doc: "hidden widths of \(whose) ([]: a linear map)"),
            names.features.keyword("encoder_features", default: encoder.features,
                     doc: "what \(whose) reads: \"quadratic\" (the descriptor and every product of two of its entries) or \"raw\""),
            .keyword("embedding", .int, default: .number(Double(encoder.embedding)), doc: "width of the descriptor embedding e(y)"),
            names.activation.keyword("encoder_activation", default: encoder.activation, doc: "hidden activation of the encoders"),
            .keyword("encoder_dropout", .number, default: .number(encoder.dropout), doc: "dropout after the encoders' hidden layers while training"),
            .keyword("standardize", .bool, default: .bool(FlowModelOptions.cfm().standardize),
                     doc: "train in standardised units (the training points' mean at 0, their spread 1); samples come back in the data's units"),
        ]
    }

    private static func identityParameters() -> [ParameterSpec] {
        [
            .keyword("seed", .optional(.int), default: .nil, doc: "seed of the weights and every training draw (default: from the session seed)"),
            .keyword("name", .optional(.string), default: .nil, doc: "the model's name in output (default: the variable it is assigned to)"),
        ]
    }

    private static func networkOptions(_ args: Arguments) throws(RuntimeError) -> (velocity: VelocityOptions, encoder: DescriptorEncoderOptions) {
        let names = ModelChoices.self
        let velocity = VelocityOptions(hidden: try args.widths("hidden"), activation: try args.choice("activation", names.activation),
                                       dropout: try args.number("dropout"),
                                       conditionPlacement: try args.choice("condition", names.placement),
                                       conditionGain: try args.bool("gain"))
        let encoder = DescriptorEncoderOptions(hidden: try args.widths("encoder_hidden"), embedding: try args.int("embedding"),
                                               activation: try args.choice("encoder_activation", names.activation),
                                               dropout: try args.number("encoder_dropout"),
                                               features: try args.choice("encoder_features", names.features))
        return (velocity, encoder)
    }

    /// The model, named by `name=`, else the variable it is assigned to, else its method.
    private static func makeModel(_ options: FlowModelOptions, _ args: Arguments, _ context: CallContext) throws(RuntimeError) -> ModelValue {
        let given = try args.optional("name").map { _ throws(RuntimeError) in try args.string("name") }
        let name = given ?? context.assignedName
        do {
            return ModelValue(try FlowModel(options: options, name: name ?? options.method.name), hasScriptName: name != nil)
        } catch {
            throw args.error(error, keywords: ["encoder training": "encoder"])
        }
    }
}

/// Readers of the network keywords of gmm_base, mixflow and cfm.
private extension Arguments {
    /// Hidden layer widths: a list of whole numbers (may be empty: no hidden layer); that each
    /// is at least 1 is checked by the options' `validate`, the bound here keeps them integers.
    func widths(_ name: String) throws(RuntimeError) -> [Int] {
        var widths: [Int] = []
        for value in try numbers(name) {
            guard value == value.rounded(), abs(value) < 1e6 else {
                throw error("\(name) takes layer widths (whole numbers >= 1), got \(formatNumber(value))", at: name)
            }
            widths.append(Int(value))
        }
        return widths
    }
}
