/// Range checks of the model options, with messages in the language's option names.
extension FlowModelOptions {
    func validate() throws(FlowError) {
        try checkNetwork(hidden: encoder.hidden, dropout: encoder.dropout, prefix: "encoder_")
        try require(encoder.embedding >= 1, "embedding", encoder.embedding, "an integer >= 1")
        if let velocityEncoder {
            try checkNetwork(hidden: velocityEncoder.hidden, dropout: velocityEncoder.dropout, prefix: "flow_encoder_")
            try require(velocityEncoder.embedding >= 1, "flow_embedding", velocityEncoder.embedding, "an integer >= 1")
        }
        try checkNetwork(hidden: velocity.hidden, dropout: velocity.dropout, prefix: "")
        switch method {
        case let .mixflow(base):
            try base.validate()
            try require(pairing == .ot, "pairing", pairing.rawValue,
                        "\"ot\" for mixflow (L_geo is the cost of the OT pairs)")
            // L_OT reaches the shared encoder only through v's condition input.
            try require(velocity.condition != .ownEmbedding || encoderTraining == .geometry || encoderTraining == .frozen,
                        "encoder_training", encoderTraining.rawValue,
                        "\"geometry\" or \"frozen\" when v has its own encoder (flow_condition=\"shared\" lets L_OT train the shared one)")
        case .cfm:
            try require(encoderTraining == .flow || encoderTraining == .frozen, "encoder training", encoderTraining.rawValue,
                        "\"flow\" or \"frozen\" for cfm (it has no base, so no L_geo)")
        }
    }
}

extension GMMBaseOptions {
    /// Public so a front end can check a base spec where it is written, before a model uses it.
    public func validate() throws(FlowError) {
        try require(components >= 1, "components", components, "an integer >= 1")
        try require(sigma.isFinite && sigma >= 0, "sigma", sigma, "a number >= 0")
        try require(temperature.isFinite && temperature > 0, "temperature", temperature, "a number > 0")
        try require(pretrainSteps >= 0, "pretrain steps", pretrainSteps, "an integer >= 0")
        try checkNetwork(hidden: hidden, dropout: dropout, prefix: "base_")
    }
}

/// Hidden widths must be positive and dropout in [0, 1).
private func checkNetwork(hidden: [Int], dropout: Double, prefix: String) throws(FlowError) {
    try require(hidden.allSatisfy { $0 >= 1 }, "\(prefix)hidden", hidden, "widths >= 1")
    try require(dropout >= 0 && dropout < 1, "\(prefix)dropout", dropout, "a probability in [0, 1)")
}
