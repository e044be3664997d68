/// A conditional dataset: n points in R^D, each belonging to one of the conditions, and per
/// condition its metadata and descriptor vector.
///
/// - `points` (n x D, Float): one row per point, columns named by `featureNames`.
/// - `conditionOfPoint[i]`: index into `conditions` of point i's condition.
/// - `conditions`: name, metadata (in `fields` order) and descriptor (d values, the same d for all).
/// - `pointIndices[c]`: rows of condition c in increasing order (so `points(of:)` is a gather).
///
/// A value type: selecting or splitting returns a new dataset and leaves this one unchanged. The
/// initializer checks every invariant, so a `Dataset` in hand is always consistent. When the
/// points are PCA/scaled coordinates of source features, `transform` records the fit so that
/// generated points can be mapped back to the source features (see `Dataset+Transform.swift`).
public struct Dataset: Equatable, Sendable {
    /// Where the data came from, for summaries: `letters`, `pbmc68k_reduced.h5ad`, `x.csv`.
    public var name: String
    public private(set) var points: Matrix<Float>
    public private(set) var conditionOfPoint: [Int]
    public private(set) var conditions: [Condition]
    public private(set) var fields: [MetadataField]
    public private(set) var featureNames: [String]
    public private(set) var pointIndices: [[Int]]
    /// Per point, its name in the source file (AnnData obs_names), when it came from one that
    /// names its rows; nil otherwise. Kept row for row through selections and splits.
    public private(set) var pointNames: [String]?
    /// The fitted output transform, when `points` are transformed source features.
    public internal(set) var transform: TransformedFeatures?

    /// Builds and checks a dataset. Conditions may have no points (a condition one only wants to
    /// generate for); the metadata fields are taken from the first condition and every condition
    /// must have the same fields with values of one kind per field.
    public init(name: String, points: Matrix<Float>, conditionOfPoint: [Int], conditions: [Condition],
                featureNames: [String]? = nil, pointNames: [String]? = nil) throws(DataError) {
        guard conditionOfPoint.count == points.rows else {
            throw DataError("dataset '\(name)': \(points.rows) points but \(conditionOfPoint.count) condition labels")
        }
        if let pointNames, pointNames.count != points.rows {
            throw DataError("dataset '\(name)': \(points.rows) points but \(pointNames.count) point names")
        }
        let names = featureNames ?? (0..<points.cols).map { "x\($0 + 1)" }
        guard names.count == points.cols else {
            throw DataError("dataset '\(name)': \(points.cols) feature columns but \(names.count) feature names")
        }
        self.name = name
        self.points = points
        self.conditionOfPoint = conditionOfPoint
        self.conditions = conditions
        self.featureNames = names
        self.fields = try checkedFields(conditions, dataset: name)
        self.pointIndices = try groupPoints(conditionOfPoint, conditionCount: conditions.count, dataset: name)
        self.transform = nil
        self.pointNames = pointNames
    }

    public var pointCount: Int { points.rows }
    public var dimension: Int { points.cols }
    public var descriptorDimension: Int { conditions.first?.descriptor.count ?? 0 }
    /// Points per condition, in condition order.
    public var counts: [Int] { pointIndices.map(\.count) }

    /// The descriptors as a (conditions x d) matrix, row c = `conditions[c].descriptor`.
    public var descriptors: Matrix<Float> {
        Matrix(rows: conditions.count, cols: descriptorDimension, storage: conditions.flatMap(\.descriptor))
    }

    /// The index of the condition called `name`, if any.
    public func conditionIndex(named name: String) -> Int? {
        conditions.firstIndex { $0.name == name }
    }

    /// The points of condition `index` (count x D), in dataset order.
    public func points(of index: Int) -> Matrix<Float> {
        precondition(index >= 0 && index < conditions.count,
                     "condition \(index) out of range for \(conditions.count) conditions")
        return points.rows(pointIndices[index])
    }

    /// The conditions at `indices` (kept in dataset order; repeats ignored) with their points.
    /// Metadata fields, descriptors, feature names and any output transform carry over unchanged.
    public func subset(conditions indices: [Int]) -> Dataset {
        let keep = Array(Set(indices)).sorted()
        var newIndex = [Int](repeating: -1, count: conditions.count)
        for (position, old) in keep.enumerated() {
            precondition(old >= 0 && old < conditions.count, "condition \(old) out of range")
            newIndex[old] = position
        }
        let rows = keep.flatMap { pointIndices[$0] }.sorted()
        var result = self
        result.points = points.rows(rows)
        result.conditionOfPoint = rows.map { newIndex[conditionOfPoint[$0]] }
        result.conditions = keep.map { conditions[$0] }
        result.pointIndices = rebuildGroups(result.conditionOfPoint, conditionCount: keep.count)
        result.transform = transform?.keepingRows(rows)
        result.pointNames = pointNames.map { names in rows.map { names[$0] } }
        return result
    }

    /// The same dataset with its points replaced by `map(points)` (same shape; the conditions,
    /// labels and names stay). For the units a model trains in (`Standardization`).
    func mappingPoints(_ map: (Matrix<Float>) -> Matrix<Float>) -> Dataset {
        var result = self
        result.points = map(points)
        precondition(result.points.rows == points.rows && result.points.cols == points.cols, "a point map must keep the shape")
        return result
    }

    /// The conditions called `names`; an error names the first unknown one.
    public func subset(conditionNames names: [String]) throws(DataError) -> Dataset {
        var indices: [Int] = []
        for name in names {
            guard let index = conditionIndex(named: name) else {
                throw DataError("no condition named '\(name)' in \(self.name)",
                                hint: "conditions are \(quotedList(conditions.map(\.name)))")
            }
            indices.append(index)
        }
        return subset(conditions: indices)
    }

    /// One line: `dataset 12000x2, 12 conditions (letter, angle), descriptors 16-D`, plus the
    /// output transform when there is one.
    public var summary: String {
        let fieldList = fields.isEmpty ? "" : " (" + fields.map(\.name).joined(separator: ", ") + ")"
        let plural = conditions.count == 1 ? "condition" : "conditions"
        var text = "dataset \(points.rows)x\(points.cols), \(conditions.count) \(plural)\(fieldList), "
            + "descriptors \(descriptorDimension)-D"
        if let transform { text += ", " + transform.summary }
        return text
    }

    /// Replaces the points (same rows) and feature names; used by the output transform.
    mutating func replacePoints(_ newPoints: Matrix<Float>, featureNames newNames: [String]) {
        precondition(newPoints.rows == points.rows && newNames.count == newPoints.cols,
                     "replacement points \(newPoints.shapeDescription) do not fit \(points.rows) rows")
        points = newPoints
        featureNames = newNames
    }
}

extension Dataset: CustomStringConvertible {
    public var description: String { summary }
}

/// The metadata fields shared by all conditions, with one kind per field; also checks that
/// condition names are unique and descriptors have one length.
private func checkedFields(_ conditions: [Condition], dataset: String) throws(DataError) -> [MetadataField] {
    guard let first = conditions.first else { return [] }
    var fields = first.metadata.map { entry -> MetadataField in
        if case .number = entry.value { return MetadataField(name: entry.field, kind: .number) }
        return MetadataField(name: entry.field, kind: .string)
    }
    var seen = Set<String>()
    for condition in conditions {
        guard seen.insert(condition.name).inserted else {
            throw DataError("dataset '\(dataset)': two conditions are named '\(condition.name)'")
        }
        guard condition.descriptor.count == first.descriptor.count else {
            throw DataError("dataset '\(dataset)': condition '\(condition.name)' has a \(condition.descriptor.count)-D "
                + "descriptor but '\(first.name)' has \(first.descriptor.count)-D")
        }
        guard condition.metadata.map(\.field) == fields.map(\.name) else {
            throw DataError("dataset '\(dataset)': condition '\(condition.name)' has fields "
                + "\(quotedList(condition.metadata.map(\.field))), expected \(quotedList(fields.map(\.name)))")
        }
        for (i, entry) in condition.metadata.enumerated() where entry.value.number == nil {
            fields[i].kind = .string   // a field with any string value is a string field
        }
    }
    return fields
}

private func groupPoints(_ labels: [Int], conditionCount: Int, dataset: String) throws(DataError) -> [[Int]] {
    for (i, label) in labels.enumerated() where label < 0 || label >= conditionCount {
        throw DataError("dataset '\(dataset)': point \(i) has condition \(label), "
            + "but there are \(conditionCount) conditions")
    }
    return rebuildGroups(labels, conditionCount: conditionCount)
}

/// Row indices per condition, each list increasing.
private func rebuildGroups(_ labels: [Int], conditionCount: Int) -> [[Int]] {
    var counts = [Int](repeating: 0, count: conditionCount)
    for label in labels { counts[label] += 1 }
    var groups = counts.map { count -> [Int] in
        var group: [Int] = []
        group.reserveCapacity(count)
        return group
    }
    for (row, label) in labels.enumerated() { groups[label].append(row) }
    return groups
}
