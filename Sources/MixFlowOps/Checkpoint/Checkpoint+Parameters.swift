/// Saving and restoring parameter sets and optimiser state by name.
extension Checkpoint {
    /// Stores each parameter's value under its name (float32 or float64 as the parameter).
    public mutating func store<T: KernelScalar>(_ parameters: [Parameter<T>]) {
        for p in parameters { set(p.name, entry(of: p.value)) }
    }

    /// Copies stored values into parameters of the same names and shapes (checked before any
    /// value is changed, so a failed restore leaves the parameters untouched).
    public func restore<T: KernelScalar>(_ parameters: [Parameter<T>]) throws(CheckpointError) {
        var values: [Matrix<T>] = []
        for p in parameters {
            let stored: Matrix<T> = try matrix(p.name)
            guard stored.rows == p.rows && stored.cols == p.cols else {
                throw .shapeMismatch(name: p.name, expected: "\(p.rows)x\(p.cols)", found: stored.shapeDescription)
            }
            values.append(stored)
        }
        for (p, v) in zip(parameters, values) { p.value = v }
    }

    /// Stores Adam's moments ("<prefix>.<parameter>.exp_avg" / ".exp_avg_sq", PyTorch's names)
    /// and per-parameter step counts ("<prefix>.steps", float64 1 x count).
    public mutating func store<T: KernelScalar>(_ adam: Adam<T>, prefix: String) throws {
        for (i, p) in adam.parameters.enumerated() {
            let (first, second) = adam.moments(of: i)
            set("\(prefix).\(p.name).exp_avg", entry(of: first))
            set("\(prefix).\(p.name).exp_avg_sq", entry(of: second))
        }
        set("\(prefix).steps", Matrix<Double>(rows: 1, cols: adam.steps.count, storage: adam.steps.map(Double.init)))
        try set("\(prefix).options", json: adam.options)
    }

    /// Restores what `store(_:prefix:)` saved into an optimiser over the same parameters.
    public func restore<T: KernelScalar>(_ adam: Adam<T>, prefix: String) throws {
        let steps = try doubleMatrix("\(prefix).steps")
        guard steps.count == adam.parameters.count else {
            throw CheckpointError.shapeMismatch(name: "\(prefix).steps", expected: "1x\(adam.parameters.count)", found: steps.shapeDescription)
        }
        var moments: [(Matrix<T>, Matrix<T>)] = []
        for p in adam.parameters {
            let first: Matrix<T> = try matrix("\(prefix).\(p.name).exp_avg")
            let second: Matrix<T> = try matrix("\(prefix).\(p.name).exp_avg_sq")
            for (label, m) in [("exp_avg", first), ("exp_avg_sq", second)] where m.rows != p.rows || m.cols != p.cols {
                throw CheckpointError.shapeMismatch(name: "\(prefix).\(p.name).\(label)", expected: "\(p.rows)x\(p.cols)", found: m.shapeDescription)
            }
            moments.append((first, second))
        }
        let counts = steps.storage.compactMap(storedCount)
        guard counts.count == steps.count else {
            throw CheckpointError.malformed(source: "\(prefix).steps", detail: "a step count is not a whole number >= 0")
        }
        let options = try json("\(prefix).options", as: AdamOptions.self)
        guard [options.learningRate, options.beta1, options.beta2, options.epsilon, options.weightDecay].allSatisfy(\.isFinite) else {
            throw CheckpointError.malformed(source: "\(prefix).options", detail: "an optimiser setting is NaN or infinite")
        }
        adam.options = options
        adam.steps = counts
        for (i, (first, second)) in moments.enumerated() {
            first.withPointer { adam.firstMoments[i].pointer.update(from: $0, count: first.count) }
            second.withPointer { adam.secondMoments[i].pointer.update(from: $0, count: second.count) }
        }
    }

    private func entry<T: KernelScalar>(of m: Matrix<T>) -> CheckpointEntry {
        if let f = m as? Matrix<Float> { return .float32(f) }
        return .float64(m as! Matrix<Double>)
    }

    private func matrix<T: KernelScalar>(_ name: String) throws(CheckpointError) -> Matrix<T> {
        if T.self == Float.self { return try floatMatrix(name) as! Matrix<T> }
        return try doubleMatrix(name) as! Matrix<T>
    }
}
