import MixFlowOps

/// Point sets as one AnnData object for `save x "out.h5ad"` (or `save [real, gen] "out.h5ad"`):
/// the cells of every value in order, `X` their features (source features unless
/// space="model"), obs names kept from the file they came from (`gen_<condition>_<i>` for
/// generated cells, `<condition>_<i>` for other points), one categorical obs column per
/// condition field plus `source` (real or generated), and `uns` saying what made the file.
enum AnnDataExport {
    static func output(_ values: [any PointSetValue], space: TableExportOptions.Space) throws -> AnnDataOutput {
        guard let first = values.first else { throw RuntimeError("save has no point sets to write") }
        var parts: [(points: Matrix<Float>, names: [String])] = []
        for value in values {
            let part = space == .source ? value.sourceFeatures() : (value.pointSet.points, value.pointSet.featureNames)
            if let reference = parts.first, reference.names != part.names {
                throw RuntimeError("cannot save \(withArticle(first.typeName)) and \(withArticle(value.typeName)) in one file: "
                    + "their features differ (\(featureText(reference.names)) vs \(featureText(part.names)))",
                    hint: "save points of the same data (e.g. parts.test and samples of it), in the same space=")
            }
            parts.append(part)
        }
        var x = Matrix<Float>(rows: parts.reduce(0) { $0 + $1.points.rows }, cols: parts[0].points.cols)
        var row = 0
        for part in parts {
            x.storage.replaceSubrange((row * x.cols)..<((row + part.points.rows) * x.cols), with: part.points.storage)
            row += part.points.rows
        }
        let obsNames = makeNamesUnique(values.flatMap(cellNames)).names
        return AnnDataOutput(x: x, obsNames: obsNames, obs: obsColumns(values), varNames: parts[0].names, uns: uns(values))
    }

    private static func featureText(_ names: [String]) -> String {
        "\(names.count) features: " + names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
    }

    private static func isGenerated(_ value: any PointSetValue) -> Bool { value is SamplesValue }

    /// Names from the source file, else `gen_<condition>_<i>` / `<condition>_<i>` (i counts within
    /// the condition from 0).
    private static func cellNames(_ value: any PointSetValue) -> [String] {
        let data = value.pointSet
        if let names = data.pointNames { return names }
        var seen = [Int](repeating: 0, count: data.conditions.count)
        let prefix = isGenerated(value) ? "gen_" : ""
        return data.conditionOfPoint.map { label in
            defer { seen[label] += 1 }
            return "\(prefix)\(data.conditions[label].name)_\(seen[label])"
        }
    }

    /// One categorical column per condition field (the union over the values, in order; a cell
    /// whose value lacks the field has no value there), a `condition` column when there are no
    /// fields but several conditions, then `source`.
    private static func obsColumns(_ values: [any PointSetValue]) -> [AnnDataOutput.Categorical] {
        var fieldNames: [String] = []
        for value in values { for field in value.pointSet.fields where !fieldNames.contains(field.name) { fieldNames.append(field.name) } }
        let conditionCount = Set(values.flatMap { $0.pointSet.conditions.map(\.name) }).count
        let useNames = fieldNames.isEmpty && conditionCount > 1
        if useNames { fieldNames = ["condition"] }
        var columns = fieldNames.map { field in
            var ordered: [MetadataValue] = []   // categories in condition order, value after value
            let cells = values.flatMap { value -> [MetadataValue?] in
                let data = value.pointSet
                let perCondition: [MetadataValue?] = useNames ? data.conditions.map { .string($0.name) } : data.conditions.map { $0[field] }
                ordered += perCondition.compactMap { $0 }
                return data.conditionOfPoint.map { perCondition[$0] }
            }
            return categorical(field, cells, order: ordered)
        }
        let sources = values.flatMap { value in
            Array(repeating: MetadataValue.string(isGenerated(value) ? "generated" : "real"), count: value.pointSet.pointCount)
        }
        columns.append(categorical(fieldNames.contains("source") ? "mfsh_source" : "source", sources, order: sources))
        return columns
    }

    /// Categories in the order of `order` (first appearance); numbers stay numbers when every
    /// value is one.
    private static func categorical(_ name: String, _ cells: [MetadataValue?], order: [MetadataValue]) -> AnnDataOutput.Categorical {
        var index: [MetadataValue: Int64] = [:]
        var categories: [MetadataValue] = []
        for value in order where index[value] == nil {
            index[value] = Int64(categories.count)
            categories.append(value)
        }
        let codes = cells.map { cell in cell.flatMap { index[$0] } ?? -1 }
        let numbers = categories.compactMap(\.number)
        return AnnDataOutput.Categorical(name: name, codes: codes,
                                         categories: numbers.count == categories.count ? .numbers(numbers)
                                                                                       : .strings(categories.map(\.description)))
    }

    /// What made the file: mfsh's version, and the model, seed and solver of generated cells.
    private static func uns(_ values: [any PointSetValue]) -> [(key: String, value: AnnDataOutput.UnsValue)] {
        var entries: [(key: String, value: AnnDataOutput.UnsValue)] = [("mfsh_version", .string(mfshVersion))]
        let samples = values.compactMap { $0 as? SamplesValue }
        let sources = values.map { value in
            (isGenerated(value) ? "generated" : "real") + ": " + value.pointSet.name + " (\(value.pointSet.pointCount) cells)"
        }
        entries.append(("sources", .string(sources.joined(separator: "; "))))
        guard !samples.isEmpty else { return entries }
        entries.append(("model", .string(distinct(samples.map(\.modelName)).joined(separator: ", "))))
        entries.append(("solver", .string(distinct(samples.map(\.solver)).joined(separator: ", "))))
        let seeds = distinct(samples.compactMap { $0.seed.map(String.init) })
        if seeds.count == 1, let seed = samples.first?.seed {
            entries.append(("seed", .number(Double(seed))))
        } else if !seeds.isEmpty {
            entries.append(("seed", .string(seeds.joined(separator: ", "))))
        }
        return entries
    }

    private static func distinct(_ texts: [String]) -> [String] {
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }
    }
}
