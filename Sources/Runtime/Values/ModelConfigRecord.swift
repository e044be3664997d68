import MixFlowOps

/// `.config` of a model: every option as a record, in the keywords that set them.
enum ModelConfigRecord {
    static func record(of options: FlowModelOptions) -> Record {
        var fields: [(String, Value)] = [
            ("method", .string(options.method.name)),
            ("hidden", numbers(options.velocity.hidden)),
            ("activation", .string(options.velocity.activation.description)),
            ("dropout", .number(options.velocity.dropout)),
            ("condition", .string(ModelChoices.placement.name(of: options.velocity.conditionPlacement))),
            ("gain", .bool(options.velocity.conditionGain)),
            ("pairing", .string(ModelChoices.pairing.name(of: options.pairing))),
            ("encoder_training", .string(ModelChoices.encoderTraining.name(of: options.encoderTraining))),
            ("encoder", .record(encoder(options.encoder))),
            ("standardize", .bool(options.standardize)),
            ("seed", .number(Double(options.seed))),
        ]
        if let base = options.base {
            fields.append(("flow_condition", .string(ModelChoices.velocityCondition.name(of: options.velocity.condition))))
            fields.append(("flow_encoder", .record(encoder(options.velocityEncoderOptions))))
            fields.append(("base", .record(record(of: base))))
        }
        return Record(fields)
    }

    static func record(of base: GMMBaseOptions) -> Record {
        Record([
            ("components", .number(Double(base.components))),
            ("sigma", .number(base.sigma)),
            ("init", .string(ModelChoices.initialization.name(of: base.initialization))),
            ("temperature", .number(base.temperature)),
            ("draw", .string(ModelChoices.draw.name(of: base.draw))),
            ("velocity_draw", .string(ModelChoices.velocityDraw.name(of: base.velocityDraw))),
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
            ("features", .string(ModelChoices.features.name(of: encoder.features))),
        ])
    }

    private static func numbers(_ values: [Int]) -> Value { .list(values.map { .number(Double($0)) }) }
}
