import Foundation
import MixFlowOps

/// `load`'s keywords, declared once with the loaders they apply to and defaults read from the
/// loaders' options structs, and the request that turns them into a loader's options.
struct DataLoadRequest {
    private static let generated: Set<String> = Set(["letters"] + ToyKind.allCases.map(\.rawValue))
    private static let files: Set<String> = ["csv", "h5ad"]

    /// The parameters of `load`, in the order help lists them.
    static var parameters: [ParameterSpec] {
        let letters = LettersOptions(), csv = CSVOptions(), h5ad = H5ADOptions(), transform = FeatureTransformOptions()
        let toys = ToyKind.allCases.map { (kind: $0, options: ToyOptions(kind: $0)) }
        return [
            .positional("source", .string, doc: "\"letters\", \"gaussians\", \"moons\", \"rings\", a .csv/.tsv/.h5ad file, or a model checkpoint (.mfm)"),
            .keyword("letters", .string, default: .string(letters.letters), doc: "capital letters").only(["letters"]),
            .keyword("angles", .optional(.listOf(.number)), default: .nil, doc: "rotation angles in degrees").only(["letters", "moons"])
                .showingDefault(perSource([("letters", listText(letters.angles)), ("moons", listText(ToyKind.moons.defaultValues))])),
            .keyword("radii", .listOf(.number), default: numbers(ToyKind.gaussians.defaultValues),
                     doc: "ring radii, one condition each").only(["gaussians"]),
            .keyword("factors", .listOf(.number), default: numbers(ToyKind.rings.defaultValues),
                     doc: "inner radius factors, one condition each").only(["rings"]),
            .keyword("points", .optional(.int), default: .nil, doc: "points per condition").only(generated)
                .showingDefault(perSource([("letters", "\(letters.points)")] + toys.map { ($0.kind.rawValue, "\($0.options.points)") })),
            .keyword("noise", .optional(.number), default: .nil, doc: "Gaussian noise sd").only(generated)
                .showingDefault(perSource([("letters", formatNumber(letters.noise))] + toys.map { ($0.kind.rawValue, formatNumber($0.kind.defaultNoise)) })),
            .keyword("dim", .int, default: .number(Double(letters.dim)), doc: "embed the plane in this many dimensions").only(["letters"]),
            .keyword("condition", .union([.string, .listOf(.string)]), default: .list(csv.conditionColumns.map(Value.string)),
                     doc: "column(s) naming each point's condition (none: the file is one condition, \"all\")").only(files),
            .keyword("use", .string, default: .string(h5ad.use), doc: "\"X\", \"raw\" or an obsm key such as \"X_pca\"").only(["h5ad"]),
            .keyword("layer", .optional(.string), default: .nil, doc: "load this layer (e.g. \"counts\") instead of X").only(["h5ad"]),
            .keyword("features", .optional(.union([.string, .listOf(.string)])), default: .nil,
                     doc: "feature columns (.csv) or genes (.h5ad: a list of names, or a boolean var column such as \"highly_variable\")")
                .only(files).showingDefault("every numeric column (.csv), every gene (.h5ad)"),
            .keyword("header", .optional(.bool), default: .nil, doc: "whether line 1 is a header").only(["csv"]).showingDefault("detected"),
            .keyword("sep", .optional(.string), default: .nil, doc: "the field separator").only(["csv"])
                .showingDefault("sniffed from the first line among \",\", \";\" and tab"),
            .keyword("na", .listOf(.string), default: .list(csv.missingValues.map(Value.string)),
                     doc: "cells that mean a missing value").only(["csv"]),
            .keyword("drop_na", .optional(.bool), default: .nil,
                     doc: "drop rows (cells) with a missing condition or feature value instead of stopping").only(files)
                .showingDefault(perSource([("csv", "\(csv.dropMissing)"), ("h5ad", "\(h5ad.dropMissing)")])),
            .keyword("descriptors", .optional(.string), default: .nil, doc: "CSV of descriptor vectors keyed by condition").only(files),
            .keyword("pca", .optional(.int), default: .nil, doc: "reduce the features to this many principal components").only(files),
            .keyword("scale", .bool, default: .bool(transform.scale), doc: "min-max scale each coordinate to [-1, 1]").only(files),
            .keyword("seed", .optional(.int), default: .nil, doc: "random seed").showingDefault("from the session seed; files 0"),
        ]
    }

    /// The kinds of source, for the keywords' applicability: a call's kind is its source's.
    static var variants: CallVariants {
        let sources = [CallVariants.Variant("letters", label: "letters", phrase: "load \"letters\"")]
            + ToyKind.allCases.map { .init($0.rawValue, label: $0.rawValue, phrase: "load \"\($0.rawValue)\"") }
            + [.init("csv", label: ".csv", phrase: ".csv files"), .init("h5ad", label: ".h5ad", phrase: ".h5ad files")]
        let groups = [CallVariants.Group(generated, label: "generated data", phrase: "generated data (letters, gaussians, moons, rings)"),
                      .init(files, label: "files", phrase: "files (.csv, .h5ad)")]
        return CallVariants(sources, groups: groups) { args in
            // A checkpoint takes no keywords (loadModel says so); an unknown source is reported by the run.
            guard case .string(let name) = args["source"], !ModelBindings.isCheckpoint(name),
                  let source = try? DataSource(name) else { return nil }
            return .init(kindKey(source), call: "load \"\(name)\"")
        }
    }

    private static func kindKey(_ source: DataSource) -> String {
        switch source {
        case .letters: return "letters"
        case .toy(let toy): return toy.rawValue
        case .csv: return "csv"
        case .h5ad: return "h5ad"
        }
    }

    /// One default, or the default of each source where they differ: `letters 0.02, moons 0.05`.
    private static func perSource(_ defaults: [(source: String, text: String)]) -> String {
        Set(defaults.map(\.text)).count == 1 ? defaults[0].text : defaults.map { "\($0.source) \($0.text)" }.joined(separator: ", ")
    }

    private static func numbers(_ values: [Double]) -> Value { .list(values.map(Value.number)) }

    /// Every number, where the echo of a list would shorten it.
    private static func listText(_ values: [Double]) -> String { "[" + values.map(formatNumber).joined(separator: ", ") + "]" }

    let args: Arguments
    let context: CallContext
    let source: DataSource

    init(_ args: Arguments, _ context: CallContext) throws(RuntimeError) {
        self.args = args
        self.context = context
        let name = try args.string("source")
        do {
            source = try DataSource(name)
        } catch {
            var unknown = error
            if let suggestion = suggestName(for: name, among: DataSource.builtinNames) { unknown.hint = "did you mean '\(suggestion)'?" }
            throw RuntimeError(unknown, at: args.span(of: "source"))
        }
    }

    /// The keyword holding a toy set's condition values.
    private func toyValuesKeyword(_ toy: ToyKind) -> String {
        switch toy {
        case .gaussians: return "radii"
        case .moons: return "angles"
        case .rings: return "factors"
        }
    }

    /// Runs the loader. Paths are read relative to the script's folder.
    func load() throws(RuntimeError) -> (Dataset, LoadReport) {
        switch source {
        case .letters:
            let options = try lettersOptions()
            return (try generated { () throws(DataError) in try Letters.make(options) }, LoadReport())
        case .toy(let toy):
            let options = try toyOptions(toy)
            return (try generated { () throws(DataError) in try ToyDatasets.make(options) }, LoadReport())
        case .csv(let path):
            let options = try csvOptions()
            return try fromFile(path) { resolved throws(DataError) in try CSVLoader.loadWithReport(path: resolved, options: options) }
        case .h5ad(let path):
            let options = try h5adOptions()
            return try fromFile(path) { resolved throws(DataError) in try H5ADLoader.loadWithReport(path: resolved, options: options) }
        }
    }

    /// Generates data where Ctrl-C can stop the wait (`InterruptibleWork`).
    private func generated(_ make: @escaping @Sendable () throws(DataError) -> Dataset) throws(RuntimeError) -> Dataset {
        let result = try interruptibly(make)
        do { return try result.get() } catch { throw RuntimeError(error, at: args.callSpan) }
    }

    /// Runs `work` on a worker; an interrupt while it runs is an "interrupted" error at the call.
    private func interruptibly<T: Sendable>(_ work: @escaping @Sendable () throws(DataError) -> T) throws(RuntimeError) -> Result<T, DataError> {
        guard let result = InterruptibleWork.run({ Result { () throws(DataError) in try work() } }) else {
            throw RuntimeError("interrupted while loading; nothing was loaded", at: args.callSpan, kind: .interrupted)
        }
        return result
    }

    /// Loads a file, showing paths in errors as the script wrote them (not resolved).
    private func fromFile(_ path: String, _ load: @escaping @Sendable (String) throws(DataError) -> (dataset: Dataset, report: LoadReport))
        throws(RuntimeError) -> (Dataset, LoadReport) {
        let resolved = context.resolvePath(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw RuntimeError(isDirectory.boolValue ? "'\(path)' is a directory, not a data file" : "no such file: '\(path)'",
                               at: args.span(of: "source"), hint: resolved == path ? nil : "looked for \(resolved)",
                               kind: isDirectory.boolValue ? .failure : .missingInput)
        }
        let result = try interruptibly { () throws(DataError) in try load(resolved) }
        do {
            return try result.get()
        } catch {
            var shown = error
            if shown.path == resolved { shown.path = path }
            if let descriptors = descriptorsPath, shown.path == context.resolvePath(descriptors) { shown.path = descriptors }
            throw RuntimeError(shown, at: args.span(of: shown.path == descriptorsPath ? "descriptors" : "source"))
        }
    }

    // MARK: Options of each loader

    private func lettersOptions() throws(RuntimeError) -> LettersOptions {
        var options = LettersOptions()
        options.letters = try args.string("letters")
        if args.isGiven("angles") { options.angles = try args.numbers("angles") }
        if args.isGiven("points") { options.points = try args.int("points") }
        if args.isGiven("noise") { options.noise = try args.number("noise") }
        options.dim = try args.int("dim")
        options.seed = try seed(generated: true)
        return options
    }

    private func toyOptions(_ toy: ToyKind) throws(RuntimeError) -> ToyOptions {
        var options = ToyOptions(kind: toy)
        let valuesKeyword = toyValuesKeyword(toy)
        if args.optional(valuesKeyword) != nil { options.values = try args.numbers(valuesKeyword) }
        if args.isGiven("points") { options.points = try args.int("points") }
        if args.isGiven("noise") { options.noise = try args.number("noise") }
        options.seed = try seed(generated: true)
        return options
    }

    private func csvOptions() throws(RuntimeError) -> CSVOptions {
        var options = CSVOptions(conditionColumns: try conditionColumns(), descriptorsPath: descriptorsPath.map(context.resolvePath),
                                 transform: try transform())
        if args.isGiven("features") { options.featureColumns = try stringOrStrings("features") }
        if args.isGiven("header") { options.header = try args.bool("header") }
        if args.isGiven("sep") {
            let separator = try args.string("sep")
            guard separator.count == 1, let character = separator.first else {
                throw args.error("sep= takes one character, e.g. \";\" or \"\\t\", got \"\(separator)\"", at: "sep")
            }
            options.delimiter = character
        }
        options.missingValues = try strings("na")
        if args.isGiven("drop_na") { options.dropMissing = try args.bool("drop_na") }
        return options
    }

    private func h5adOptions() throws(RuntimeError) -> H5ADOptions {
        var options = H5ADOptions(conditionColumns: try conditionColumns(), descriptorsPath: descriptorsPath.map(context.resolvePath),
                                  transform: try transform())
        options.use = try args.string("use")
        if args.isGiven("layer") {
            guard !args.isGiven("use") else { throw args.error("layer= and use= both pick the matrix; give one", at: "layer") }
            options.layer = try args.string("layer")
        }
        if args.isGiven("drop_na") { options.dropMissing = try args.bool("drop_na") }
        switch args["features"] {
        case .string(let column): options.features = .varColumn(column)
        case .nil: break
        default: options.features = .names(try strings("features"))
        }
        return options
    }

    private var descriptorsPath: String? {
        guard case .string(let path) = args["descriptors"] else { return nil }
        return path
    }

    /// `features="x"` or `features=["x", "y"]` for CSV columns.
    private func stringOrStrings(_ name: String) throws(RuntimeError) -> [String] {
        if case .string(let single) = args[name] { return [single] }
        return try strings(name)
    }

    /// `condition="col"` or `condition=["a", "b"]`.
    private func conditionColumns() throws(RuntimeError) -> [String] {
        if case .string(let name) = args["condition"] { return [name] }
        return try strings("condition")
    }

    private func strings(_ name: String) throws(RuntimeError) -> [String] {
        var result: [String] = []
        for item in try args.list(name) {
            guard case .string(let text) = item else {
                throw args.error("\(name)= takes column names (strings), got \(item.typeNameWithArticle) in the list", at: name)
            }
            result.append(text)
        }
        return result
    }

    private func transform() throws(RuntimeError) -> FeatureTransformOptions {
        var options = FeatureTransformOptions(seed: try seed(generated: false))
        if args.isGiven("pca") {
            let components = try args.int("pca")
            guard components >= 1 else { throw args.error("pca= must be 1 or more components, got \(components)", at: "pca") }
            options.pcaComponents = components
        }
        options.scale = try args.bool("scale")
        return options
    }

    /// The `seed=` given, else for generated data the session's next seed (files: 0, so a file
    /// loads the same way whatever ran before).
    private func seed(generated: Bool) throws(RuntimeError) -> UInt64 {
        generated || args.isGiven("seed") ? try args.seed("seed", context) : 0
    }
}
