/// result: a script declares an outcome by name (a metric, a count, a label). A plain run shows
/// it; a run inside `mfsh sweep` also records it, and the sweep gathers every run's results into
/// one table.
enum ResultBindings {
    /// Names a sweep's table uses for its own columns.
    static let reservedNames: Set<String> = ["status", "seconds"]
    /// Longest name and longest text value: results are table cells, not documents.
    static let maxNameLength = 64
    static let maxTextLength = 4096

    static func register(into registry: inout BuiltinRegistry) {
        registry.add(
            "result", category: .core,
            parameters: [
                .positional("name", .string, doc: "the result's name: letters, digits and _, not starting with a digit"),
                .positional("value", .union([.number, .string, .bool]), doc: "its value"),
            ],
            summary: "Declare an outcome of the script: shown as name = value, recorded in a sweep.",
            help: """
                Prints `name = value`. When the script runs as one run of `mfsh sweep`, the value
                is also recorded, and the sweep's results.csv gets a column `name` (a later call
                with the same name replaces the value). Numbers are kept at full precision.

                    result("w2", mean(table.w2))
                    result "converged" loss < 0.01
                """,
            returns: "nil"
        ) { context, args in
            let name = try args.string("name")
            try checkName(name, args)
            let value = args["value"]
            if case .string(let text) = value, text.count > maxTextLength {
                throw args.error("a text result is limited to \(maxTextLength) characters, got \(text.count)", at: "value",
                                 hint: "record a number or a short label; write long text with save")
            }
            do {
                try context.output.result(name, value)
            } catch {
                throw args.error("cannot record result '\(name)': \(error)", at: "name")
            }
            return .nil
        }
    }

    private static func checkName(_ name: String, _ args: Arguments) throws(RuntimeError) {
        let valid = !name.isEmpty && name.count <= maxNameLength
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)) }
            && !("0"..."9").contains(name.unicodeScalars.first!)
        guard valid else {
            throw args.error("'\(name)' is not a result name", at: "name",
                             hint: "use letters, digits and _ (at most \(maxNameLength)), not starting with a digit, e.g. \"w2_mean\"")
        }
        guard !reservedNames.contains(name) else {
            throw args.error("'\(name)' is a column of every sweep table", at: "name", hint: "pick another name, e.g. \"\(name)_value\"")
        }
    }
}
