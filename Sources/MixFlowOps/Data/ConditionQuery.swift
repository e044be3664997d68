/// A selection of conditions by metadata: `letter == "A" and angle in [90, 180]`.
///
/// Each constraint names a field and the values it may take (any of them: OR); a condition is
/// selected when it satisfies every constraint (AND). The pseudo-field `condition` matches
/// condition names, unless the dataset has a real field of that name. Values match leniently
/// across kinds (see `MetadataValue.matches`).
public struct ConditionQuery: Equatable, Sendable {
    public struct Constraint: Equatable, Sendable {
        public var field: String
        public var values: [MetadataValue]
        public init(field: String, values: [MetadataValue]) {
            self.field = field
            self.values = values
        }
    }

    public var constraints: [Constraint]

    public init(_ constraints: [Constraint]) { self.constraints = constraints }

    /// `ConditionQuery(["letter": [.string("A")], ...])` in the order given.
    public init(_ pairs: KeyValuePairs<String, [MetadataValue]>) {
        constraints = pairs.map { Constraint(field: $0.key, values: $0.value) }
    }

    /// `letter="A", angle=[90, 180]`, for messages.
    public var description: String {
        constraints.map { constraint in
            let values = constraint.values.map(describeValue)
            return constraint.field + "=" + (values.count == 1 ? values[0] : "[" + values.joined(separator: ", ") + "]")
        }.joined(separator: ", ")
    }
}

/// The name of the pseudo-field matching condition names.
public let conditionNameField = "condition"

extension Dataset {
    /// Indices of the conditions satisfying `query`, in dataset order.
    ///
    /// Errors (each naming what is available): a field the dataset does not have; a requested
    /// value no condition has (checked per field, so a typo in one value is reported even when
    /// other values match); and a combination of values that no condition has.
    public func conditionIndices(matching query: ConditionQuery) throws(DataError) -> [Int] {
        var selected = Array(conditions.indices)
        for constraint in query.constraints {
            let values = try valuesOfField(constraint.field)
            for requested in constraint.values where !values.contains(where: { $0.matches(requested) }) {
                throw DataError("no condition has \(constraint.field)=\(describeValue(requested)) in \(name)",
                                hint: "\(constraint.field) values are \(quotedList(distinct(values).map(\.description)))")
            }
            selected.removeAll { !constraint.values.contains(where: values[$0].matches) }
        }
        guard !selected.isEmpty else {
            throw DataError("no condition has \(query.description) in \(name)")
        }
        return selected
    }

    /// The dataset restricted to the conditions satisfying `query` (`data[letter="A", angle=90]`).
    public func selecting(_ query: ConditionQuery) throws(DataError) -> Dataset {
        subset(conditions: try conditionIndices(matching: query))
    }

    /// The points of the conditions satisfying `query`.
    public func points(matching query: ConditionQuery) throws(DataError) -> Matrix<Float> {
        try selecting(query).points
    }

    /// The distinct values of `field` in condition order (names for the `condition` pseudo-field).
    public func distinctValues(of field: String) throws(DataError) -> [MetadataValue] {
        distinct(try valuesOfField(field))
    }

    /// Per condition, its value of `field`.
    func valuesOfField(_ field: String) throws(DataError) -> [MetadataValue] {
        if let position = fields.firstIndex(where: { $0.name == field }) {
            return conditions.map { $0.metadata[position].value }
        }
        if field == conditionNameField {
            return conditions.map { .string($0.name) }
        }
        let known = fields.map(\.name) + [conditionNameField]
        throw DataError("\(name) has no field '\(field)'", hint: "fields are \(quotedList(known))")
    }
}

private func distinct(_ values: [MetadataValue]) -> [MetadataValue] {
    var seen = Set<MetadataValue>()
    return values.filter { seen.insert($0).inserted }
}

private func describeValue(_ value: MetadataValue) -> String {
    switch value {
    case let .string(text): return "\"\(text)\""
    case .number: return value.description
    }
}
