import Foundation
import MixFlowOps

/// Turns the keywords of `load` into the options of the loader the source names, checking that
/// each keyword given applies to that source.
struct DataLoadRequest {
    /// Which loaders a keyword applies to.
    enum Kind: String {
        case letters, toy, csv, h5ad
    }

    /// The keywords of `load` and the sources they apply to, in the order `help` lists them.
    static let applicability: [(keyword: String, kinds: Set<Kind>, sources: String)] = [
        ("letters", [.letters], "load \"letters\""),
        ("angles", [.letters, .toy], "load \"letters\" and load \"moons\""),
        ("radii", [.toy], "load \"gaussians\""),
        ("factors", [.toy], "load \"rings\""),
        ("points", [.letters, .toy], "generated data (letters, gaussians, moons, rings)"),
        ("noise", [.letters, .toy], "generated data (letters, gaussians, moons, rings)"),
        ("dim", [.letters], "load \"letters\""),
        ("condition", [.csv, .h5ad], "files (.csv, .h5ad)"),
        ("features", [.csv, .h5ad], "files (.csv, .h5ad)"),
        ("header", [.csv], ".csv files"),
        ("sep", [.csv], ".csv files"),
        ("na", [.csv], ".csv files"),
        ("drop_na", [.csv, .h5ad], "files (.csv, .h5ad)"),
        ("use", [.h5ad], ".h5ad files"),
        ("layer", [.h5ad], ".h5ad files"),
        ("descriptors", [.csv, .h5ad], "files (.csv, .h5ad)"),
        ("pca", [.csv, .h5ad], "files (.csv, .h5ad)"),
        ("scale", [.csv, .h5ad], "files (.csv, .h5ad)"),
    ]

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
        try checkApplicability()
    }

    private var kind: Kind {
        switch source {
        case .letters: return .letters
        case .toy: return .toy
        case .csv: return .csv
        case .h5ad: return .h5ad
        }
    }

    /// Every keyword given must apply to this source; the toy value lists only to their own set.
    private func checkApplicability() throws(RuntimeError) {
        for entry in DataLoadRequest.applicability where args.isGiven(entry.keyword) {
            var applies = entry.kinds.contains(kind)
            if case .toy(let toy) = source, ["angles", "radii", "factors"].contains(entry.keyword) {
                applies = toyValuesKeyword(toy) == entry.keyword
            }
            guard applies else {
                throw args.error("\(entry.keyword)= applies to \(entry.sources), not to load \"\(try args.string("source"))\"",
                                 at: entry.keyword, hint: usageHint)
            }
        }
    }

    private var usageHint: String {
        switch source {
        case .letters: return "load \"letters\" takes letters, angles, points, noise, seed, dim"
        case .toy(let toy): return "load \"\(toy.rawValue)\" takes \(toyValuesKeyword(toy)), points, noise, seed"
        case .csv: return "a .csv file takes condition, features, header, sep, na, drop_na, descriptors, pca, scale, seed"
        case .h5ad: return "an .h5ad file takes condition, use, layer, features, drop_na, descriptors, pca, scale, seed"
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
        if args.isGiven("letters") { options.letters = try args.string("letters") }
        if args.isGiven("angles") { options.angles = try args.numbers("angles") }
        if args.isGiven("points") { options.points = try args.int("points") }
        if args.isGiven("noise") { options.noise = try args.number("noise") }
        if args.isGiven("dim") { options.dim = try args.int("dim") }
        options.seed = try seed(generated: true)
        return options
    }

    private func toyOptions(_ toy: ToyKind) throws(RuntimeError) -> ToyOptions {
        var options = ToyOptions(kind: toy)
        let valuesKeyword = toyValuesKeyword(toy)
        if args.isGiven(valuesKeyword) { options.values = try args.numbers(valuesKeyword) }
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
        if args.isGiven("na") { options.missingValues = try strings("na") }
        if args.isGiven("drop_na") { options.dropMissing = try args.bool("drop_na") }
        return options
    }

    private func h5adOptions() throws(RuntimeError) -> H5ADOptions {
        var options = H5ADOptions(conditionColumns: try conditionColumns(), descriptorsPath: descriptorsPath.map(context.resolvePath),
                                  transform: try transform())
        if args.isGiven("use") { options.use = try args.string("use") }
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
        switch args["condition"] {
        case .nil: return []
        case .string(let name): return [name]
        default: return try strings("condition")
        }
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
        if args.isGiven("scale") { options.scale = try args.bool("scale") }
        return options
    }

    /// The `seed=` given, else for generated data the session's next seed (files: 0, so a file
    /// loads the same way whatever ran before).
    private func seed(generated: Bool) throws(RuntimeError) -> UInt64 {
        guard args.isGiven("seed") else { return generated ? context.nextSeed() : 0 }
        let seed = try args.int("seed")
        guard seed >= 0 else { throw args.error("seed must be 0 or more, got \(seed)", at: "seed") }
        return UInt64(seed)
    }
}
