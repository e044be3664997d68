import MixFlowOps

/// Members and selection shared by every point set (`data.n`, `data.conditions`,
/// `data[letter="A", angle=90]`), so datasets and samples answer the same questions the same way.
extension PointSetValue {
    /// Member names every point set has, then its metadata fields (`data.angle` lists the angles).
    public var pointSetMemberNames: [String] {
        let fixed = PointSetMember.allCases.map(\.rawValue)
        return fixed + pointSet.fields.map(\.name).filter { !fixed.contains($0) }
    }

    /// The value of a shared member, or nil when `name` is none of them.
    public func pointSetMember(_ name: String) throws -> Value? {
        let data = pointSet
        if let member = PointSetMember(rawValue: name) { return try member.value(of: data) }
        guard data.fields.contains(where: { $0.name == name }) else { return nil }
        return .list(try data.distinctValues(of: name).map(\.scriptValue))
    }

    /// The conditions matching `labels` (`[letter="A", angle=[0, 90]]`): values of a field are
    /// alternatives, fields must all match; `condition=` matches condition names.
    public func selectPoints(_ labels: [(String, Value)]) throws -> Dataset {
        var constraints: [ConditionQuery.Constraint] = []
        for (field, value) in labels {
            constraints.append(ConditionQuery.Constraint(field: field, values: try metadataValues(value, field: field)))
        }
        do {
            return try pointSet.selecting(ConditionQuery(constraints))
        } catch {
            throw RuntimeError(error)
        }
    }

    /// The condition called `name` (`data["A@90"]`).
    public func conditionNamed(_ index: Value) throws -> Dataset {
        guard case .string(let name) = index else {
            throw RuntimeError("\(withArticle(typeName)) is indexed by a condition name, got \(index.typeNameWithArticle)",
                               hint: "e.g. x[\"\(pointSet.conditions.first?.name ?? "A@90")\"], or select by fields: x[letter=\"A\"]")
        }
        do {
            return try pointSet.subset(conditionNames: [name])
        } catch {
            throw RuntimeError(error)
        }
    }
}

/// The members every point set has.
enum PointSetMember: String, CaseIterable {
    case n, dim, count, conditions, counts, fields, features, descriptors, name, points

    /// Largest `points` list handed to scripts (numbers); bigger sets are saved instead.
    static let maxListedNumbers = 1_000_000

    func value(of data: Dataset) throws -> Value {
        switch self {
        case .n: return .number(Double(data.pointCount))
        case .dim: return .number(Double(data.dimension))
        case .count: return .number(Double(data.conditions.count))
        case .conditions: return .list(data.conditions.map { .string($0.name) })
        case .counts: return .record(Record(zip(data.conditions, data.counts).map { ($0.name, .number(Double($1))) }))
        case .fields: return .list(data.fields.map { .string($0.name) })
        case .features: return .list(data.featureNames.map { .string($0) })
        case .descriptors:
            return .record(Record(data.conditions.map { ($0.name, .list($0.descriptor.map { .number(scriptNumber($0)) })) }))
        case .name: return .string(data.name)
        case .points: return try pointRows(data.points)
        }
    }

    private func pointRows(_ points: Matrix<Float>) throws -> Value {
        guard points.rows * points.cols <= PointSetMember.maxListedNumbers else {
            throw RuntimeError("\(points.rows)x\(points.cols) points are too many to list (limit \(PointSetMember.maxListedNumbers) numbers)",
                               hint: "select fewer conditions, or save them to a CSV file")
        }
        return .list((0..<points.rows).map { row in .list((0..<points.cols).map { .number(scriptNumber(points[row, $0])) }) })
    }
}

/// A stored Float as scripts see it: the Double nearest its shortest decimal form, so the Float
/// 0.6 reads 0.6 rather than 0.6000000238418579 (both name the same Float).
func scriptNumber(_ value: Float) -> Double {
    value.isFinite ? Double(value.description) ?? Double(value) : Double(value)
}

extension MetadataValue {
    /// The value as scripts see it: a string or a number.
    var scriptValue: Value {
        switch self {
        case .string(let text): return .string(text)
        case .number(let number): return .number(number)
        }
    }
}

/// Metadata values from a selection or holdout argument: a string, a number, or a list of them.
func metadataValues(_ value: Value, field: String) throws(RuntimeError) -> [MetadataValue] {
    func single(_ item: Value) throws(RuntimeError) -> MetadataValue {
        switch item {
        case .string(let text): return .string(text)
        case .number(let number): return .number(number)
        case .bool(let flag): return .string(flag ? "True" : "False")   // boolean obs columns read as True/False
        default:
            throw RuntimeError("\(field)= takes a string, a number, true/false or a list of them, got \(item.typeNameWithArticle)")
        }
    }
    if let items = value.listItems {
        guard !items.isEmpty else { throw RuntimeError("\(field)=[] lists no values") }
        var values: [MetadataValue] = []
        for item in items { values.append(try single(item)) }
        return values
    }
    return [try single(value)]
}
