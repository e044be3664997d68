/// Initial placement of MixFlow's modes (design section 4: "h_theta starts from k-means centres
/// of the training data (pretrained to them)").
///
/// The targets are I points of the pooled training data (all training conditions together):
/// the k-means centres (`.kmeans`) or I distinct points drawn uniformly (`.random`). h_theta is
/// then fitted by full-batch Adam (lr 1e-3) so that every training condition's modes sit on the
/// targets: L = mean over conditions, modes and coordinates of (h_theta(e_c) - target)^2. Only
/// h_theta moves (as in the reference code); the condition-dependent placement is then learned
/// by L_geo during the alternate phase. Pooled targets keep mode i of every condition in the
/// same place, so h_theta starts smooth in the descriptor, which is what lets unseen
/// conditions interpolate.
enum BasePretraining {
    /// Largest number of pooled points the k-means runs on (a uniform subsample beyond it).
    static let kMeansPointLimit = 50_000

    /// I x D targets for the modes.
    static func targets(points: Matrix<Float>, components: Int, initialization: BaseInitialization,
                        random: inout RandomStream) throws(FlowError) -> Matrix<Float> {
        guard points.rows >= components else {
            throw FlowError.invalidOption(name: "components", value: "\(components)",
                                          expected: "at most the \(points.rows) training points")
        }
        switch initialization {
        case .random:
            return points.rows(random.sampleWithoutReplacement(components, from: points.rows))
        case .kmeans:
            let sample = points.rows > kMeansPointLimit
                ? points.rows(random.sampleWithoutReplacement(kMeansPointLimit, from: points.rows)) : points
            do {
                return try kMeans(sample, k: components, random: &random).centers.converted()
            } catch {
                throw FlowError.invalidOption(name: "components", value: "\(components)", expected: "\(error)")
            }
        }
    }

    /// Fits h_theta(embedding row) to `targets` for every row; returns the final loss.
    @discardableResult
    static func fitModes<T: KernelScalar>(_ base: GMMBase<T>, embeddings: Matrix<T>, targets: Matrix<T>,
                                          steps: Int, learningRate: Double = 1e-3) -> Double {
        let network = base.modeNetwork, rows = embeddings.rows
        let target = Matrix<T>(rows: rows, cols: targets.count,
                               storage: Array(repeatElement(targets.storage, count: rows).joined()))
        let adam = Adam(parameters: network.parameters, options: AdamOptions(learningRate: learningRate))
        var output = Matrix<T>(rows: 0, cols: 0), gradient = Matrix<T>(rows: 0, cols: 0)
        var loss = 0.0
        let mode = network.mode
        network.mode = .eval
        for _ in 0..<steps {
            network.forward(embeddings, into: &output)
            loss = Double(meanSquaredError(output, target, gradient: &gradient))
            network.backward(outputGradient: gradient)
            adam.step()
        }
        network.mode = mode
        return steps > 0 ? loss : Double(meanSquaredError(network.forward(embeddings), target))
    }
}
