/// One training batch: C conditions, n target points each (condition-major rows).
struct TrainingBatch {
    /// Dataset indices of the batch's conditions.
    var conditions: [Int] = []
    /// C x d descriptors of those conditions.
    var descriptors = Matrix<Float>(rows: 0, cols: 0)
    /// C n x D target points; rows k n ..< (k + 1) n belong to condition k.
    var targets = Matrix<Float>(rows: 0, cols: 0)
    var rowsPerCondition = 0
}

/// Draws training batches from a dataset: `conditionsPerStep` of the conditions that have points
/// (without replacement; all of them when there are fewer), then a step's points of each (the
/// trained `pointsPerCondition`, or a pairing pool's count), without replacement, or with
/// replacement from a condition with fewer points.
struct BatchSampler {
    let data: Dataset
    /// Conditions with at least one point.
    let trainable: [Int]
    let conditionsPerStep: Int
    let pointsPerCondition: Int

    init(data: Dataset, conditionsPerStep: Int, pointsPerCondition: Int) throws(FlowError) {
        self.data = data
        trainable = data.conditions.indices.filter { !data.pointIndices[$0].isEmpty }
        guard !trainable.isEmpty else { throw FlowError.noTrainingPoints(dataset: data.name) }
        self.conditionsPerStep = min(conditionsPerStep, trainable.count)
        self.pointsPerCondition = pointsPerCondition
    }

    var rowsPerStep: Int { conditionsPerStep * pointsPerCondition }

    /// Fills `batch` (buffers reused) with a fresh draw of `points` per condition.
    func draw(into batch: inout TrainingBatch, points n: Int, random: inout RandomStream) {
        let c = conditionsPerStep, d = data.dimension, width = data.descriptorDimension
        batch.conditions = random.sampleWithoutReplacement(c, from: trainable.count).map { trainable[$0] }
        batch.rowsPerCondition = n
        batch.descriptors.reshape(rows: c, cols: width)
        batch.targets.reshape(rows: c * n, cols: d)
        batch.targets.withMutablePointer { out in
            data.points.withPointer { source in
                for (k, condition) in batch.conditions.enumerated() {
                    let rows = data.pointIndices[condition]
                    let picks = rows.count >= n ? random.sampleWithoutReplacement(n, from: rows.count)
                        : (0..<n).map { _ in random.nextInt(below: rows.count) }
                    for (j, pick) in picks.enumerated() {
                        (out + (k * n + j) * d).update(from: source + rows[pick] * d, count: d)
                    }
                }
            }
        }
        for (k, condition) in batch.conditions.enumerated() {
            batch.descriptors[row: k] = data.conditions[condition].descriptor[...]
        }
    }
}
