import MixFlowOps

/// The names scripts use for the option enums of flow models, both ways: `init="kmeans"`,
/// `draw="soft"`, `pairing="ot"`, and back for `.config` and help texts.
enum ModelScriptNames {
    static let initialization: [(String, BaseInitialization)] = [
        ("kmeans", .kmeans), ("random", .random), ("condition_kmeans", .conditionKMeans),
        ("chained_kmeans", .chainedKMeans),
    ]
    static let draw: [(String, GumbelDraw)] = [("soft", .soft), ("hard", .hard)]
    static let velocityDraw: [(String, VelocityStepDraw)] = [("sampling", .sampling), ("relaxed", .relaxed)]
    static let pairing: [(String, Pairing)] = [("ot", .ot), ("independent", .independent)]
    static let encoderTraining: [(String, EncoderTraining)] = [
        ("geometry", .geometry), ("flow", .flow), ("both", .both), ("frozen", .frozen),
    ]
    /// cfm's `encoder=`: trained by L_OT (the fair baseline) or kept at its initial weights.
    static let cfmEncoder: [(String, EncoderTraining)] = [("trained", .flow), ("frozen", .frozen)]
    /// mixflow's `flow_condition=`: what v reads as its condition.
    static let velocityCondition: [(String, VelocityCondition)] = [
        ("own", .ownEmbedding), ("shared", .embedding), ("shared_and_descriptor", .embeddingAndDescriptor),
    ]
    static let basePreset: [(String, GMMBaseOptions)] = [("default", GMMBaseOptions()), ("reference", .reference)]
    static let placement: [(String, ConditionPlacement)] = [
        ("input", .inputOnly), ("hidden", .everyHiddenLayer), ("every", .everyLayer),
    ]
    static let activations = ["elu", "relu", "silu", "tanh", "identity"]

    /// The script name of an enum value.
    static func name<E: Equatable>(of value: E, in table: [(String, E)]) -> String {
        table.first { $0.1 == value }?.0 ?? "\(value)"
    }

    /// `"a"`, `"b"` or `"c"` for help and errors.
    static func quotedChoices(_ names: [String]) -> String {
        let quoted = names.map { "\"\($0)\"" }
        return quoted.count <= 1 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }
}

/// `.config` of a model: every option as a record, in the keywords that set them.
enum ModelConfigRecord {
    static func record(of options: FlowModelOptions) -> Record {
        var fields: [(String, Value)] = [
            ("method", .string(options.method.name)),
            ("hidden", numbers(options.velocity.hidden)),
            ("activation", .string(options.velocity.activation.description)),
            ("dropout", .number(options.velocity.dropout)),
            ("condition", .string(ModelScriptNames.name(of: options.velocity.conditionPlacement, in: ModelScriptNames.placement))),
            ("gain", .bool(options.velocity.conditionGain)),
            ("pairing", .string(ModelScriptNames.name(of: options.pairing, in: ModelScriptNames.pairing))),
            ("encoder_training", .string(ModelScriptNames.name(of: options.encoderTraining, in: ModelScriptNames.encoderTraining))),
            ("encoder", .record(encoder(options.encoder))),
            ("seed", .number(Double(options.seed))),
        ]
        if let base = options.base {
            fields.append(("flow_condition", .string(ModelScriptNames.name(of: options.velocity.condition, in: ModelScriptNames.velocityCondition))))
            fields.append(("base", .record(record(of: base))))
        }
        return Record(fields)
    }

    static func record(of base: GMMBaseOptions) -> Record {
        Record([
            ("components", .number(Double(base.components))),
            ("sigma", .number(base.sigma)),
            ("init", .string(ModelScriptNames.name(of: base.initialization, in: ModelScriptNames.initialization))),
            ("temperature", .number(base.temperature)),
            ("draw", .string(ModelScriptNames.name(of: base.draw, in: ModelScriptNames.draw))),
            ("velocity_draw", .string(ModelScriptNames.name(of: base.velocityDraw, in: ModelScriptNames.velocityDraw))),
            ("hidden", numbers(base.hidden)),
            ("activation", .string(base.activation.description)),
            ("dropout", .number(base.dropout)),
            ("pretrain_steps", .number(Double(base.pretrainSteps))),
        ])
    }

    private static func encoder(_ encoder: DescriptorEncoderOptions) -> Record {
        Record([
            ("hidden", numbers(encoder.hidden)),
            ("embedding", .number(Double(encoder.embedding))),
            ("activation", .string(encoder.activation.description)),
            ("dropout", .number(encoder.dropout)),
        ])
    }

    private static func numbers(_ values: [Int]) -> Value { .list(values.map { .number(Double($0)) }) }
}
