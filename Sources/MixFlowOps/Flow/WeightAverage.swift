/// An exponential moving average of a model's weights (Polyak averaging), the weights that
/// sampling uses. Training updates the raw weights; after every step the average moves towards
/// them:  avg <- d avg + (1 - d) w,  with d = min(decay, (1 + k) / (10 + k)) at the average's
/// k-th update (the short ramp keeps the first steps' random weights from lingering).
///
/// Why: with a constant learning rate Adam moves every weight by about lr per step whatever the
/// gradient, so the last weights jitter around the optimum and the flow they define blurs thin
/// structures (letters' strokes). The average over the last ~1 / (1 - d) steps sits near the
/// centre of that jitter. Standard for flow and diffusion models.
final class WeightAverage {
    let decay: Double
    /// Updates taken so far (k).
    private(set) var updates: Int
    /// The parameters averaged, fixed at creation (a model's networks never change shape).
    let parameters: [Parameter<Float>]
    /// One buffer per parameter, in the order of `parameters`.
    private let values: [Buffer<Float>]

    /// Starts the average at the parameters' current values.
    init(parameters: [Parameter<Float>], decay: Double) {
        self.decay = decay
        self.parameters = parameters
        updates = 0
        values = parameters.map { p in
            let buffer = Buffer<Float>(capacity: p.count)
            buffer.pointer.update(from: p.valuePointer, count: p.count)
            return buffer
        }
    }

    /// A stored average (checkpoints): `stored[i]` holds parameter i's averaged values.
    init(parameters: [Parameter<Float>], decay: Double, updates: Int, stored: [Matrix<Float>]) {
        precondition(stored.count == parameters.count, "weight average: one matrix per parameter")
        self.decay = decay
        self.parameters = parameters
        self.updates = updates
        values = zip(parameters, stored).map { p, m in
            precondition(m.count == p.count, "weight average: shape of '\(p.name)'")
            return Buffer(m.storage)
        }
    }

    /// The decay of the next update.
    var currentDecay: Float { Float(min(decay, Double(1 + updates) / Double(10 + updates))) }

    /// Moves the average towards the parameters' current values.
    func update() {
        let d = currentDecay, e = 1 - d
        for (buffer, p) in zip(values, parameters) {
            let avg = buffer.pointer, w = p.valuePointer
            for i in 0..<p.count { avg[i] = d * avg[i] + e * w[i] }
        }
        updates += 1
    }

    /// Exchanges the parameters' values with the averaged ones (call twice to undo).
    func swap() {
        for (buffer, p) in zip(values, parameters) {
            let avg = buffer.pointer, w = p.valuePointer
            for i in 0..<p.count { (avg[i], w[i]) = (w[i], avg[i]) }
        }
    }

    /// The averaged values of parameter `index` as a matrix of its shape (checkpoints).
    func matrix(_ index: Int) -> Matrix<Float> {
        let p = parameters[index]
        return Matrix(rows: p.rows, cols: p.cols, storage: values[index].array(count: p.count))
    }

    /// The same average started again at the parameters' current values.
    func restarted() -> WeightAverage { WeightAverage(parameters: parameters, decay: decay) }
}
