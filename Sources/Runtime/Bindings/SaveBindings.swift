import Foundation
import MixFlowOps

/// save: values to files (CSV tables; other formats through `FileSavable`); show.
enum SaveBindings {
    static func register(into registry: inout BuiltinRegistry) {
        registerSave(into: &registry)
        registerShow(into: &registry)
    }

    private static func registerSave(into registry: inout BuiltinRegistry) {
        registry.add(
            "save", category: .output,
            parameters: [
                .positional("value", .any, doc: "a dataset, samples, metric table (or another savable value); for .h5ad a list of point sets"),
                .positional("path", .string, doc: "file to write, relative to the working directory"),
                spaceChoices.keyword("space", default: .source, doc: "point sets loaded with pca=/scale=: \"source\" features or \"model\" coordinates"),
            ],
            summary: "Save a dataset, samples or a metric table as a CSV/TSV file, or point sets as AnnData (.h5ad).",
            help: """
                .csv (comma) and .tsv (tab): point sets are written one point per row: their
                condition fields (e.g. letter, angle) and then one column per feature, so the file
                loads back with load "f.csv" condition=["letter", "angle"]. A metric table is
                written a row per condition, then its mean. Numbers keep full precision.

                .h5ad: point sets as an AnnData file for scanpy (anndata's current encoding): X the
                points as float32, obs one categorical column per condition field plus source
                (real or generated), obs_names kept from the file the cells came from
                (gen_<condition>_<i> for generated cells), var_names the features (genes when
                generated points are mapped back from PCA space), uns the mfsh version and the
                model, solver and seed of generated cells. A list saves several point sets into
                one file, real and generated together, to compare them in scanpy.

                Points of data loaded with pca= or scale=true are written in the source features
                unless space="model". The file is replaced atomically (a temporary file, then a
                rename); the directory must exist.

                    save data "letters.csv"
                    save w2(gen, parts.test) "w2.tsv"
                    save [parts.test, gen] "compare.h5ad"
                """,
            returns: "nothing"
        ) { context, args in
            let path = try args.string("path")
            if (path as NSString).pathExtension.lowercased() == "h5ad" {
                let note = try saveAnnData(args["value"], to: path, args)
                context.output.write("wrote \(path) (\(note))\n")
                return .nil
            }
            guard case .object(let object) = args["value"] else {
                throw args.error("save writes datasets, samples and metric tables, not \(args["value"].typeNameWithArticle)", at: "value")
            }
            let note = try write(object, to: path, args)
            context.output.write("wrote \(path) (\(note))\n")
            return .nil
        }
    }

    /// Writes `object` and says what was written.
    private static func write(_ object: any DomainObject, to path: String, _ args: Arguments) throws -> String {
        let fileExtension = (path as NSString).pathExtension.lowercased()
        if let savable = object as? any FileSavable, savable.savedFileExtensions.contains(fileExtension) {
            return try savable.save(to: outputPath(path))
        }
        guard let exportable = object as? any TableExportable else {
            let formats = (object as? any FileSavable)?.savedFileExtensions.map { "." + $0 }.joined(separator: ", ")
            let given = fileExtension.isEmpty ? " to '\(path)' (no file extension)" : " as .\(fileExtension)"
            throw args.error("cannot save \(withArticle(object.typeName))" + (formats.map { given + "; it saves as \($0)" } ?? ""),
                             at: formats == nil ? "value" : "path")
        }
        guard fileExtension == "csv" || fileExtension == "tsv" else {
            let h5ad = object is any PointSetValue ? ", .tsv or .h5ad" : " or .tsv"
            throw args.error("save writes \(withArticle(object.typeName)) as CSV; name the file .csv\(h5ad), got '\(path)'", at: "path")
        }
        let table = try exportable.exportTable(options: TableExportOptions(space: try space(args)))
        do {
            try CSV.write(table, to: outputPath(path))
        } catch {
            throw RuntimeError(error, at: args.span(of: "path"))
        }
        return "\(table.rowCount) rows: " + columnSummary(table.columnNames)
    }

    private static let spaceChoices = ScriptChoices(allCasesOf: TableExportOptions.Space.self)

    private static func space(_ args: Arguments) throws(RuntimeError) -> TableExportOptions.Space {
        try args.choice("space", spaceChoices)
    }

    /// `save x "f.h5ad"` and `save [a, b] "f.h5ad"`: point sets as one AnnData file.
    private static func saveAnnData(_ value: Value, to path: String, _ args: Arguments) throws -> String {
        let items: [Value] = value.listItems ?? [value]
        var pointSets: [any PointSetValue] = []
        for item in items {
            guard case .object(let object) = item, let points = object as? any PointSetValue else {
                throw args.error("save writes .h5ad files of datasets and samples, not \(item.typeNameWithArticle)", at: "value",
                                 hint: "save a metric table as .csv or .tsv")
            }
            pointSets.append(points)
        }
        guard !pointSets.isEmpty else { throw args.error("the list has no datasets or samples to save", at: "value") }
        let output = try AnnDataExport.output(pointSets, space: try space(args))
        do {
            try AnnDataWriter.write(output, to: outputPath(path))
        } catch {
            throw RuntimeError(error, at: args.span(of: "path"))
        }
        let fields = output.obs.map(\.name).joined(separator: ", ")
        return "AnnData \(output.x.rows) cells x \(output.x.cols) features; obs: \(fields)"
    }

    /// `letter, angle, x, y`, shortened for wide tables: `condition, PC1, …, PC50`.
    private static func columnSummary(_ names: [String]) -> String {
        names.count <= 8 ? names.joined(separator: ", ") : (names.prefix(4) + ["…", names.last!]).joined(separator: ", ")
    }
}

extension SaveBindings {
    /// show: the full display of a value, as the REPL echoes it.
    static func registerShow(into registry: inout BuiltinRegistry) {
        registry.add(
            "show", category: .output,
            parameters: [.positional("value", .any, doc: "any value")],
            summary: "Display a value in full, as the REPL echoes it (a metric table as a table).",
            help: """
                print writes the one-line summary of a domain value; show writes what the REPL
                and notebooks display for it: the table of a metric table, the summary of others.
                Other values show as they echo (strings quoted).

                    show w2(gen, parts.test)
                """
        ) { context, args in
            if case .object(let object) = args["value"] {
                object.show(to: context.output)
            } else {
                context.output.write(args["value"].echoString + "\n")
            }
            return .nil
        }
    }
}
