import MixFlowOps

/// The names scripts use for the option enums of flow models (`init="kmeans"`, `draw="soft"`,
/// `pairing="ot"`): the keyword types of the model commands and the names `.config` shows.
enum ModelChoices {
    static let initialization = ScriptChoices<BaseInitialization>([
        ("kmeans", .kmeans), ("random", .random), ("condition_kmeans", .conditionKMeans),
        ("chained_kmeans", .chainedKMeans),
    ])
    static let draw = ScriptChoices<GumbelDraw>([("soft", .soft), ("hard", .hard)])
    static let velocityDraw = ScriptChoices<VelocityStepDraw>([("sampling", .sampling), ("relaxed", .relaxed)])
    static let pairing = ScriptChoices<Pairing>([("ot", .ot), ("independent", .independent)])
    static let encoderTraining = ScriptChoices<EncoderTraining>([
        ("geometry", .geometry), ("flow", .flow), ("both", .both), ("frozen", .frozen),
    ])
    /// cfm's `encoder=`: trained by L_OT (the fair baseline) or kept at its initial weights.
    static let cfmEncoder = ScriptChoices<EncoderTraining>([("trained", .flow), ("frozen", .frozen)])
    /// mixflow's `flow_condition=`: what v reads as its condition.
    static let velocityCondition = ScriptChoices<VelocityCondition>([
        ("own", .ownEmbedding), ("shared", .embedding), ("shared_and_descriptor", .embeddingAndDescriptor),
    ])
    /// `encoder_features=` / `flow_encoder_features=`: what a descriptor encoder reads.
    static let features = ScriptChoices<DescriptorFeatures>([("quadratic", .quadratic), ("raw", .raw)])
    static let basePreset = ScriptChoices<GMMBaseOptions>([("default", GMMBaseOptions()), ("reference", .reference)])
    static let placement = ScriptChoices<ConditionPlacement>([
        ("input", .inputOnly), ("hidden", .everyHiddenLayer), ("every", .everyLayer),
    ])
    static let activation = ScriptChoices<Activation>(Activation.names.map { ($0, Activation(name: $0)!) })
    /// sample's `solver=`.
    static let solver = ScriptChoices<String>(["dopri5", "rk4", "midpoint", "euler"].map { ($0, $0) })
}
