import Foundation

/// What a model checkpoint's "model" entry holds (JSON), besides the tensors.
struct ModelHeader: Codable {
    /// Layout version of flow-model checkpoints (inside the checkpoint format's own version).
    static let currentVersion = 1
    var kind = "mfsh flow model"
    var version = ModelHeader.currentVersion
    var name: String
    var options: FlowModelOptions
    var layout: DataLayout?
    /// The random state: every draw of training step s comes from a stream derived from
    /// (options.seed, s), so the seed and the step count (the history's length) are the state.
    var randomState = "derived from options.seed and the step number"
}

/// Model checkpoints (`save model "m.mfm"` / `load "m.mfm"`), in the numerics checkpoint format
/// (versioned, CRC-checked, written atomically). Entries:
///   - "model": JSON `ModelHeader` (options, data layout with condition names and descriptors)
///   - every parameter by name ("encoder.layer0.weight", "velocity.layer3.bias", "base.modes...")
///   - Adam state per group ("optimizer.velocity.<parameter>.exp_avg", ".exp_avg_sq", ".steps", ".options")
///   - "history": float64 steps x 6 (step, phase code, update code, L_OT, L_geo, seconds);
///     absent while the model has no steps
/// Everything needed to sample and to continue training exactly where the model stopped.
extension FlowModel {
    public func save(to path: String) throws {
        var checkpoint = Checkpoint()
        try checkpoint.set("model", json: ModelHeader(name: name, options: options, layout: layout))
        if let networks {
            checkpoint.store(networks.parameters)
            for (prefix, adam) in networks.optimizers { try checkpoint.store(adam, prefix: prefix) }
            if let average { storeAverage(average, in: &checkpoint) }
        }
        // An empty history is left out: the checkpoint reader refuses 0 x k tensors at the end of a file.
        if !history.isEmpty { checkpoint.set("history", Self.encodeHistory(history)) }
        try checkpoint.write(to: path)
    }

    /// Reads a model saved by `save`. Errors name the file (as `shown`, the path the user wrote,
    /// when given) and what is wrong with it.
    public static func load(from file: String, shownAs shown: String? = nil) throws -> FlowModel {
        let path = shown ?? file
        let checkpoint = try Checkpoint.read(from: file, shownAs: path)
        let header: ModelHeader
        do {
            header = try checkpoint.json("model", as: ModelHeader.self)
        } catch {
            throw FlowError.badCheckpoint(path: path, reason: "it holds no flow model (\(error))")
        }
        guard header.version <= ModelHeader.currentVersion else {
            throw FlowError.badCheckpoint(path: path, reason: "model layout version \(header.version) is newer than this build's \(ModelHeader.currentVersion)")
        }
        try header.validate(path: path)
        let model = try FlowModel(options: header.options, name: header.name)
        if checkpoint.entries["history"] != nil {
            model.history = try decodeHistory(checkpoint.doubleMatrix("history"), path: path)
        }
        guard let layout = header.layout else { return model }
        var random = model.initializationRandom
        let networks = FlowNetworks<Float>(options: header.options, dimension: layout.dimension,
                                           descriptorWidth: layout.descriptorWidth, random: &random)
        try checkpoint.restore(networks.parameters)
        for (prefix, adam) in networks.optimizers { try checkpoint.restore(adam, prefix: prefix) }
        model.average = try restoreAverage(from: checkpoint, networks.parameters, path: path)
        model.networks = networks
        model.layout = layout
        return model
    }

    /// "average.state" = [decay, updates]; "average.<parameter>" the averaged values.
    private func storeAverage(_ average: WeightAverage, in checkpoint: inout Checkpoint) {
        checkpoint.set("average.state", Matrix<Double>(rows: 1, cols: 2, storage: [average.decay, Double(average.updates)]))
        for (i, p) in average.parameters.enumerated() { checkpoint.set("average.\(p.name)", average.matrix(i)) }
    }

    /// The stored moving average, nil when the checkpoint has none (older files, or ema=0).
    private static func restoreAverage(from checkpoint: Checkpoint, _ parameters: [Parameter<Float>], path: String) throws -> WeightAverage? {
        guard checkpoint.entries["average.state"] != nil else { return nil }
        let state = try checkpoint.doubleMatrix("average.state")
        guard state.count == 2, state.storage[0].isFinite, (0..<1).contains(state.storage[0]),
              state.storage[1].isFinite, (0...Double(Int32.max)).contains(state.storage[1]) else {
            throw FlowError.badCheckpoint(path: path, reason: "its weight average state is not [decay in [0, 1), step count]")
        }
        var stored: [Matrix<Float>] = []
        for p in parameters {
            let m = try checkpoint.floatMatrix("average.\(p.name)")
            guard m.rows == p.rows, m.cols == p.cols, m.storage.allSatisfy(\.isFinite) else {
                throw FlowError.badCheckpoint(path: path, reason: "its averaged '\(p.name)' is not a finite \(p.rows)x\(p.cols) matrix")
            }
            stored.append(m)
        }
        return WeightAverage(parameters: parameters, decay: state.storage[0], updates: Int(state.storage[1]), stored: stored)
    }

    static func encodeHistory(_ history: TrainingHistory) -> Matrix<Double> {
        let phases = TrainingPhase.allCases, updates: [StepUpdate] = [.velocity, .base]
        var m = Matrix<Double>(rows: history.count, cols: 6)
        for (r, record) in history.records.enumerated() {
            m[row: r] = [Double(record.step), Double(phases.firstIndex(of: record.phase)!),
                         Double(updates.firstIndex(of: record.update)!), record.lossOT, record.lossGeo, record.seconds][...]
        }
        return m
    }

    static func decodeHistory(_ m: Matrix<Double>, path: String) throws -> TrainingHistory {
        let phases = TrainingPhase.allCases, updates: [StepUpdate] = [.velocity, .base]
        guard m.cols == 6 || m.rows == 0 else {
            throw FlowError.badCheckpoint(path: path, reason: "its history has \(m.cols) columns, expected 6")
        }
        var records: [TrainingRecord] = []
        for r in 0..<m.rows {
            guard let phase = storedCount(m[r, 1]), let update = storedCount(m[r, 2]), phases.indices.contains(phase),
                  updates.indices.contains(update), storedCount(m[r, 0]) == r + 1 else {
                throw FlowError.badCheckpoint(path: path, reason: "history row \(r + 1) is not a valid training step")
            }
            records.append(TrainingRecord(step: r + 1, phase: phases[phase], update: updates[update],
                                          lossOT: m[r, 3], lossGeo: m[r, 4], seconds: m[r, 5]))
        }
        return TrainingHistory(records: records)
    }
}
