import MixFlowOps

extension PointSetValue {
    /// The points as a table for `save`: the condition columns, then one column per feature.
    ///
    /// Condition columns are the metadata fields (`letter`, `angle`), so the file loads back with
    /// `load "f.csv" condition=["letter", "angle"]`. A `condition` column of names comes first only
    /// when the names say more than the fields (no fields but several conditions, or names that
    /// are not the fields joined by `@`).
    public func exportTable(options: TableExportOptions) throws -> DataTable {
        let data = pointSet
        let (points, names) = options.space == .source ? sourceFeatures() : (data.points, data.featureNames)
        do {
            return try DataTable.points(points, featureNames: names, leading: conditionColumns(data))
        } catch {
            throw RuntimeError("cannot make a table of \(typeName): \(error)")
        }
    }
}

/// Per point, its condition's name (when needed) and metadata values.
private func conditionColumns(_ data: Dataset) -> [TableColumn] {
    let labels = data.conditionOfPoint
    var columns: [TableColumn] = []
    let namesAreFields = data.conditions.allSatisfy { $0.name == conditionName($0.metadata.map(\.value)) }
    if !namesAreFields || (data.fields.isEmpty && data.conditions.count > 1) {
        columns.append(TableColumn(data.fields.contains { $0.name == "condition" } ? "condition_name" : "condition",
                                   .strings(labels.map { data.conditions[$0].name })))
    }
    for (position, field) in data.fields.enumerated() {
        let values = data.conditions.map { $0.metadata[position].value }
        switch field.kind {
        case .number:
            columns.append(TableColumn(field.name, .doubles(labels.map { values[$0].number ?? .nan })))
        case .string:
            columns.append(TableColumn(field.name, .strings(labels.map { values[$0].description })))
        }
    }
    return columns
}
