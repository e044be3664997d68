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
                .positional("value", .any, doc: "a dataset, samples, metric table (or another savable value)"),
                .positional("path", .string, doc: "file to write, relative to the working directory"),
                .keyword("space", .string, default: "source", doc: "point sets loaded with pca=/scale=: \"source\" features or \"model\" coordinates"),
            ],
            summary: "Save a dataset, samples or a metric table as a CSV file.",
            help: """
                Point sets are written one point per row: their condition fields (e.g. letter,
                angle) and then one column per feature, so the file loads back with
                load "f.csv" condition=["letter", "angle"]. Points of data loaded with pca= or
                scale=true are written in the source features unless space="model". A metric
                table is written a row per condition, then its mean. Numbers keep full precision.
                The file is replaced atomically (a temporary file, then a rename); the directory
                must exist.

                    save data "letters.csv"
                    save w2(gen, parts.test) "w2.csv"
                """,
            returns: "nothing"
        ) { context, args in
            let path = try args.string("path")
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
        guard fileExtension == "csv" else {
            throw args.error("save writes \(withArticle(object.typeName)) as CSV; name the file .csv, got '\(path)'", at: "path")
        }
        guard let space = TableExportOptions.Space(rawValue: try args.string("space")) else {
            throw args.error("space must be \"source\" or \"model\"", at: "space")
        }
        let table = try exportable.exportTable(options: TableExportOptions(space: space))
        do {
            try CSV.write(table, to: outputPath(path))
        } catch {
            throw args.error("\(error)", at: "path", hint: writeHint(error))
        }
        return "\(table.rowCount) rows: " + columnSummary(table.columnNames)
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
