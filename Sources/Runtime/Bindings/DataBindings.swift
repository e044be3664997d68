import MixFlowOps

/// load and holdout.
enum DataBindings {
    static func register(into registry: inout BuiltinRegistry) {
        registerLoad(&registry)
        registerHoldout(&registry)
    }

    private static func registerLoad(_ registry: inout BuiltinRegistry) {
        registry.add(
            "load", category: .data,
            parameters: DataLoadRequest.parameters,
            summary: "Load a dataset: the letters benchmark, a toy set, a CSV or an AnnData file.",
            help: loadHelp,
            returns: "a dataset (a model for a .mfm file)",
            variants: DataLoadRequest.variants
        ) { context, args in
            let source = try args.string("source")
            if ModelBindings.isCheckpoint(source) { return .object(try ModelBindings.loadModel(source, args, context)) }
            let (dataset, report) = try DataLoadRequest(args, context).load()
            for warning in report.warnings { context.warn(warning) }
            return .object(DatasetValue(dataset, note: report.droppedNote))
        }
    }

    private static let loadHelp = """
        Generated data (each condition's points depend only on the seed and that condition):
        "letters" draws points along the strokes of capital letters, rotated counter-clockwise
        by each angle; conditions are named like A@90, with fields letter and angle and the
        descriptor one-hot letter + (cos, sin) of the angle. "gaussians" (8 modes on a ring of
        each radius), "moons" (two half circles, rotated by each angle) and "rings" (two
        circles, radius 1 and the factor) have one numeric field each.

        Files: relative paths are read from the script's folder. CSV (.csv, .tsv, .txt): one
        point per row; condition= names the column(s) that say which condition a row belongs
        to (without it the file is one condition, "all"); features= the feature columns
        (default every column holding numbers throughout); a header line is detected; the
        separator is sniffed (or sep=";"); a UTF-8 byte-order mark and lines starting with #
        are skipped; na= lists the cells that mean "missing". AnnData (.h5ad): use= picks X,
        raw or an obsm matrix, layer= a layer such as "counts"; features= keeps genes by name
        or by a boolean var column ("highly_variable"); condition= names obs columns
        (categorical, string, numeric, boolean or nullable; numbers keep their stored value,
        0.1 stays 0.1). Repeated gene names are made unique as anndata does, with a warning.
        A missing condition value (or a missing number) stops the load unless drop_na=true,
        which drops those rows and counts them in the summary. pca= and scale=true transform
        the features (fitted on the training conditions after holdout) and save writes
        generated points back in the source features. A bad file stops with its line and
        column; nothing is half-loaded.

        Model checkpoints: load "m.mfm" reads a model saved by save (weights, optimiser state,
        history, options and the conditions it trained on) and takes no other options; it
        samples as before and train continues it where it stopped.

            data = load "letters" letters="AEFHK" angles=0:360:30 points=1000 noise=0.02 seed=1
            toy  = load "gaussians" radii=[1, 2] points=500
            cells = load "pbmc.h5ad" use="X_pca" condition="bulk_labels" pca=10 scale=true
            table = load "points.csv" condition="group" features=["x", "y"] descriptors="groups.csv"
            excel = load "export.csv" sep=";" na=["", "n/a"] drop_na=true condition="group"
            hvg   = load "pbmc.h5ad" layer="counts" features="highly_variable" condition="louvain" drop_na=true
            mix2  = load "mix.mfm"
        """

    private static func registerHoldout(_ registry: inout BuiltinRegistry) {
        registry.add(
            "holdout", category: .data,
            parameters: [
                .positional("data", .object("dataset"), doc: "the dataset to split by condition"),
                .keyword("conditions", .optional(.listOf(.string)), default: .nil, doc: "hold out these conditions by name"),
                .keyword("fraction", .optional(.number), default: .nil, doc: "hold out this fraction of the conditions, drawn at random"),
                .keyword("seed", .optional(.int), default: .nil, doc: "seed of the random draw for fraction= (default: from the session seed)"),
                .otherKeywords("field", .union([.string, .number, .list]), doc: "hold out conditions whose field has one of these values"),
            ],
            summary: "Split a dataset into training conditions and held-out test conditions.",
            help: """
                Give one rule: field values (angle=[90, 210] holds out every condition at those
                angles; several fields must all match), condition names (conditions=["A@90"]), or
                a random fraction of the conditions (fraction=0.2 seed=3). The result has .train
                and .test; held-out conditions keep their descriptors so a model can be asked to
                generate them. With pca= or scale=, the transform is refitted on .train alone.

                    parts = holdout data angle=[90, 210]
                    parts = holdout data letter=["K"]
                    parts = holdout data fraction=0.2 seed=3
                    print parts.train.count parts.test.conditions
                """,
            returns: "a split"
        ) { context, args in
            let data = try args.object("data", as: DatasetValue.self).dataset
            let rule = try holdoutRule(args, context, data)
            do throws(DataError) {
                return .object(SplitValue(try data.holdout(rule)))
            } catch {
                throw RuntimeError(error)
            }
        }
    }

    /// The one rule the call gives: fields, names or a fraction.
    private static func holdoutRule(_ args: Arguments, _ context: CallContext, _ data: Dataset) throws(RuntimeError) -> HoldoutRule {
        var given = args.otherKeywords.isEmpty ? [] : ["field values"]
        if args.isGiven("conditions") { given.append("conditions=") }
        if args.isGiven("fraction") { given.append("fraction=") }
        guard given.count == 1 else {
            let message = given.isEmpty ? "holdout needs a rule saying which conditions to hold out"
                : "holdout takes one rule, got " + given.joined(separator: " and ")
            throw RuntimeError(message, at: args.callSpan,
                               hint: "e.g. holdout data \(data.fields.first?.name ?? "condition")=[...], conditions=[...], or fraction=0.2")
        }
        if args.isGiven("seed") && !args.isGiven("fraction") {
            throw args.error("seed= only applies with fraction=", at: "seed")
        }
        if args.isGiven("conditions") {
            return .conditions(try args.list("conditions").map { if case .string(let name) = $0 { name } else { "" } })
        }
        if args.isGiven("fraction") {
            guard args.isGiven("seed") else { return .fraction(try args.number("fraction"), seed: context.nextSeed()) }
            let seed = try args.int("seed")
            guard seed >= 0 else { throw args.error("seed must be 0 or more, got \(seed)", at: "seed") }
            return .fraction(try args.number("fraction"), seed: UInt64(seed))
        }
        return .matching(ConditionQuery(try fieldConstraints(args, data)))
    }

    /// `angle=[90, 210] letter="A"`, each field checked to exist (with a did-you-mean).
    private static func fieldConstraints(_ args: Arguments, _ data: Dataset) throws(RuntimeError) -> [ConditionQuery.Constraint] {
        let fields = data.fields.map(\.name) + (data.fields.contains { $0.name == conditionNameField } ? [] : [conditionNameField])
        var constraints: [ConditionQuery.Constraint] = []
        for argument in args.otherKeywords {
            let field = argument.name
            guard fields.contains(field) else {
                let hint = suggestName(for: field, among: fields + ["conditions", "fraction", "seed"]).map { "did you mean '\($0)'?" }
                    ?? "the fields of \(data.name) are " + fields.joined(separator: ", ")
                throw RuntimeError("\(data.name) has no field '\(field)' to hold out by", at: argument.nameSpan, hint: hint)
            }
            do {
                constraints.append(ConditionQuery.Constraint(field: field, values: try metadataValues(argument.value, field: field)))
            } catch {
                throw RuntimeError(error.message, at: argument.span)
            }
        }
        return constraints
    }
}
