/// A condition as a model remembers it: name, metadata and descriptor (Codable, for checkpoints).
public struct StoredCondition: Sendable, Codable, Equatable {
    public var name: String
    public var fields: [String]
    /// One value per field: a string or a number.
    public var strings: [String?]
    public var numbers: [Double?]
    public var descriptor: [Float]

    public init(_ condition: Condition) {
        name = condition.name
        fields = condition.metadata.map(\.field)
        strings = condition.metadata.map { entry in
            if case let .string(text) = entry.value { return text }
            return nil
        }
        numbers = condition.metadata.map(\.value.number)
        descriptor = condition.descriptor
    }

    /// The condition back, with its metadata.
    public var condition: Condition {
        let metadata = fields.indices.map { i in
            MetadataEntry(fields[i], numbers[i].map(MetadataValue.number) ?? .string(strings[i] ?? ""))
        }
        return Condition(name: name, metadata: metadata, descriptor: descriptor)
    }
}

/// What a model learned about its data's shape on its first `train`: the point dimension, the
/// descriptor width, the feature names, and every condition it has trained on (so a saved model
/// can generate them by name without the dataset).
public struct DataLayout: Sendable, Codable, Equatable {
    public var dimension: Int
    public var descriptorWidth: Int
    public var featureNames: [String]
    public var trainingConditions: [StoredCondition]
    /// The units the model trains in, fitted on the first `train`'s points; nil: the data's own
    /// (`standardize=false`, or a model saved before standardisation existed).
    public var standardization: Standardization?

    init(_ data: Dataset, standardization: Standardization?) {
        self.standardization = standardization
        dimension = data.dimension
        descriptorWidth = data.descriptorDimension
        featureNames = data.featureNames
        trainingConditions = []
        remember(data.conditions.indices.filter { !data.pointIndices[$0].isEmpty }.map { data.conditions[$0] })
    }

    /// Adds conditions not seen before (by name).
    mutating func remember(_ conditions: [Condition]) {
        var known = Set(trainingConditions.map(\.name))
        for condition in conditions where known.insert(condition.name).inserted {
            trainingConditions.append(StoredCondition(condition))
        }
    }

    /// Data units to the model's units (identity without a standardization).
    func modelUnits(_ data: Dataset) -> Dataset {
        guard let standardization else { return data }
        return data.mappingPoints(standardization.apply)
    }

    /// The model's units back to data units.
    func dataUnits(_ points: Matrix<Float>) -> Matrix<Float> {
        standardization?.invert(points) ?? points
    }

    /// The trained-on condition called `name`, if any.
    public func trainingCondition(named name: String) -> Condition? {
        trainingConditions.first { $0.name == name }?.condition
    }
}
