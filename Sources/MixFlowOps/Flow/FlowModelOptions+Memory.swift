/// Network sizes from the options alone, before anything is built: `train`, `sample` and the
/// checkpoint reader check them against `MemoryBudget` so absurd widths are refused, not
/// allocated.
extension FlowModelOptions {
    /// Parameters of all networks and activation values per batch row, for data of `dimension`
    /// and descriptors of `descriptorWidth`; Int.max when a size overflows (over any budget).
    /// An upper bound within a small factor of the networks `FlowNetworks` builds.
    public func estimatedNetworkSizes(dimension: Int, descriptorWidth: Int) -> (parameters: Int, activations: Int) {
        let embedding = encoder.embedding
        let ownEncoder = base != nil && velocity.condition == .ownEmbedding
        let vEmbedding = ownEncoder ? velocityEncoderOptions.embedding : embedding
        let condition = velocity.condition == .embeddingAndDescriptor ? saturatingSum([vEmbedding, descriptorWidth]) : vEmbedding
        func encoderLayers(_ e: DescriptorEncoderOptions) -> [(inputs: Int, outputs: Int)] {
            chain([e.features.inputWidth(descriptorWidth: descriptorWidth)] + e.hidden + [e.embedding])
        }
        var layers = encoderLayers(encoder)
        // MixFlow's v may have an encoder of its own.
        if ownEncoder { layers += encoderLayers(velocityEncoderOptions) }
        // v(x, t, c): c re-enters every hidden layer (and at most the output layer).
        layers += chain([saturatingSum([dimension, 1])] + velocity.hidden + [dimension])
            .map { (saturatingSum([$0.inputs, condition]), $0.outputs) }
        // The gains read [t, c] and keep two values per hidden unit and row (before and after).
        if velocity.conditionGain { layers += velocity.hidden.map { (saturatingSum([condition, 1]), saturatingSum([$0, $0])) } }
        if let base {
            let modes = MemoryBudget.checkedProduct([base.components, saturatingSum([dimension, 1])]) ?? Int.max
            layers += chain([embedding] + base.hidden + [modes])
        }
        let parameters = saturatingSum(layers.map {
            MemoryBudget.checkedProduct([saturatingSum([$0.inputs, 1]), $0.outputs]) ?? Int.max
        })
        return (parameters, saturatingSum(layers.map { saturatingSum([$0.inputs, $0.outputs]) }))
    }
}

private func chain(_ widths: [Int]) -> [(inputs: Int, outputs: Int)] {
    zip(widths, widths.dropFirst()).map { ($0, $1) }
}

/// The sum, or Int.max when it overflows or a term is negative.
func saturatingSum(_ values: [Int]) -> Int {
    var total = 0
    for value in values {
        let (sum, overflow) = total.addingReportingOverflow(value)
        if overflow || value < 0 { return Int.max }
        total = sum
    }
    return total
}
