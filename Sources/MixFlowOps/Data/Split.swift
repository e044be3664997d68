/// Which conditions to hold out of training.
public enum HoldoutRule: Equatable, Sendable {
    /// Conditions whose metadata match the query: `angle=[90, 210]`, `letter=["K"]` (values of a
    /// field OR together, fields AND together).
    case matching(ConditionQuery)
    /// Conditions by name: `["A@90", "K@0"]`.
    case conditions([String])
    /// round(fraction x conditions) conditions drawn without replacement by a seeded shuffle
    /// (at least one, and never all).
    case fraction(Double, seed: UInt64)
}

/// A dataset split by condition: `test` holds the held-out conditions with all their points and
/// descriptors (so a model can be asked to generate them), `train` holds the rest.
///
/// When the dataset has an output transform (PCA, scaling), the split refits it on the training
/// points only and applies that fit to both halves, so nothing about the held-out conditions leaks
/// into the coordinates the model trains in.
public struct Split: Equatable, Sendable {
    public var train: Dataset
    public var test: Dataset

    public init(train: Dataset, test: Dataset) {
        self.train = train
        self.test = test
    }

    /// `split: train 9 conditions (9000 points), test 3 conditions (A@90, E@90, K@90; 3000 points)`
    public var summary: String {
        let testNames = test.conditions.map(\.name)
        let shown = testNames.prefix(8).joined(separator: ", ") + (testNames.count > 8 ? ", …" : "")
        return "split: train \(train.conditions.count) conditions (\(train.pointCount) points), "
            + "test \(test.conditions.count) conditions (\(shown); \(test.pointCount) points)"
    }
}

extension Split: CustomStringConvertible {
    public var description: String { summary }
}

extension Dataset {
    /// Splits the conditions into train and test by `rule`.
    ///
    /// Errors: a requested field value or condition name that matches nothing, a fraction outside
    /// (0, 1), and a split that would leave the test or the train set without conditions.
    public func holdout(_ rule: HoldoutRule) throws(DataError) -> Split {
        let testIndices: [Int]
        switch rule {
        case let .matching(query):
            testIndices = try conditionIndices(matching: query)
        case let .conditions(names):
            testIndices = try indicesOfConditions(named: names)
        case let .fraction(fraction, seed):
            testIndices = try randomConditions(fraction: fraction, seed: seed)
        }
        let testSet = Set(testIndices)
        guard !testSet.isEmpty else {
            throw DataError("holdout selects no conditions of \(name); the test set would be empty")
        }
        let trainIndices = conditions.indices.filter { !testSet.contains($0) }
        guard !trainIndices.isEmpty else {
            throw DataError("holdout selects all \(conditions.count) conditions of \(name); the train set would be empty",
                            hint: "hold out fewer conditions")
        }
        return try splitRefittingTransform(train: trainIndices, test: testSet.sorted())
    }

    private func indicesOfConditions(named names: [String]) throws(DataError) -> [Int] {
        var indices: [Int] = []
        for name in names {
            guard let index = conditionIndex(named: name) else {
                throw DataError("holdout: no condition named '\(name)' in \(self.name)",
                                hint: "conditions are \(quotedList(conditions.map(\.name)))")
            }
            indices.append(index)
        }
        return indices
    }

    private func randomConditions(fraction: Double, seed: UInt64) throws(DataError) -> [Int] {
        guard fraction > 0, fraction < 1 else {
            throw DataError("holdout fraction must be between 0 and 1 (exclusive), got \(fraction)")
        }
        let count = conditions.count
        guard count >= 2 else {
            throw DataError("holdout by fraction needs at least 2 conditions; \(name) has \(count)")
        }
        let testCount = min(max(1, Int((fraction * Double(count)).rounded())), count - 1)
        var order = Array(0..<count)
        var random = RandomStream(seed: seed)
        for i in stride(from: count - 1, to: 0, by: -1) {   // Fisher-Yates
            order.swapAt(i, random.nextInt(below: i + 1))
        }
        return Array(order.prefix(testCount)).sorted()
    }
}
