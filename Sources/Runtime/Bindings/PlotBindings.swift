import Foundation
import Lang
import MixFlowOps

/// An output sink that shows plots inline, as a notebook does: there `plot` without `to=`
/// embeds the plot and writes no file, and `to=` with a bare file name writes it into
/// `plotDirectory` (a report's folder) when there is one.
public protocol InlinePlotOutput: OutputSink {
    var plotDirectory: String? { get }
}

extension InlinePlotOutput {
    public var plotDirectory: String? { nil }
}

/// plot: type-directed SVG plots.
enum PlotBindings {
    static func register(into registry: inout BuiltinRegistry) {
        registry.add(
            "plot", category: .plot,
            parameters: [
                .variadic("values", .any, doc: "what to draw: datasets, samples, a split, metric tables, a record of lines"),
                .keyword("to", .optional(.string), default: .nil, doc: "SVG file to write (relative to the working directory)"),
                .keyword("title", .optional(.string), default: .nil, doc: "title above the plot"),
                .keyword("labels", .optional(.listOf(.string)), default: .nil, doc: "legend names, one per value (default: as written)"),
                .keyword("by", .string, default: "auto", doc: "panels of point sets: \"auto\", \"condition\", \"none\" or a field name"),
                .keyword("xlabel", .optional(.string), default: .nil, doc: "x axis label (default: the first feature)"),
                .keyword("ylabel", .optional(.string), default: .nil, doc: "y axis label"),
                .keyword("logx", .bool, default: false, doc: "logarithmic x axis"),
                .keyword("logy", .bool, default: false, doc: "logarithmic y axis"),
                .keyword("width", .optional(.number), default: .nil, doc: "width in pixels (default: from the panel count)"),
                .keyword("height", .optional(.number), default: .nil, doc: "height in pixels"),
                .keyword("columns", .optional(.int), default: .nil, doc: "columns of the small-multiples grid"),
                legendChoices.keyword("legend", default: .auto, doc: "where the legend goes"),
                .keyword("equal", .optional(.bool), default: .nil, doc: "point sets: one data unit as long on both axes (default true)"),
                .keyword("metric", .optional(.string), default: .nil, doc: "metric tables: the metric column to draw"),
                .keyword("points", .int, default: 4000, doc: "point sets: most points per set per panel (evenly thinned)"),
            ] + subOptions,
            summary: "Draw datasets, samples or metric tables as an SVG plot.",
            help: plotHelp,
            returns: "nothing",
            variants: drawnKinds
        ) { context, args in
            let request = try plotRequest(args, context)
            let chart = try drawnChart(request, context)
            try show(chart, request, args, context)
            return .nil
        }
    }

    /// Keywords of the values that draw themselves, each limited to the kinds it applies to.
    static var subOptions: [ParameterSpec] { [
        .keyword("smoothing", .int, default: 25, doc: "running mean of the loss curves over this many steps").only(["history", "model"]),
        .keyword("paths", .int, default: 50, doc: "paths drawn per panel, evenly chosen").only(["trajectories"]),
    ] }

    /// A plot's kind is the type of its first value (`plot mix.history ...` draws a history).
    private static var drawnKinds: CallVariants { CallVariants(
        [.init("history", label: "histories", phrase: "histories"), .init("model", label: "models", phrase: "models"),
         .init("trajectories", label: "trajectories", phrase: "trajectories")],
        groups: [.init(["history", "model"], label: "histories, models", phrase: "training histories (and models)")]
    ) { args in
        args.rest.first.map { .init($0.value.typeName, call: "plotting \($0.value.typeNameWithArticle)") }
    } }

    private static let legendChoices = ScriptChoices(allCasesOf: LegendPlacement.self)

    private static let plotHelp = """
        What is drawn follows the values. Point sets (datasets, samples, the halves of a
        split) are scatter plots of their first two features, one colour per value (draw
        generated over real: plot gen real), one panel per condition when there are several
        (by="condition"; by="none" for one panel, by="letter" for a panel per letter). Metric
        tables are grouped bars per condition plus the mean: one bar per table (names from
        the variables or labels=), or one per metric for a single table of several.
        Histories and models draw themselves (training curves, base modes). A record of
        number lists draws lines: its first field is x, every other field a line over it
        (a parameter sweep: plot (components: [1, 2, 4, 8], w2: scores)).

        With to= the SVG is written there (relative to the working directory; in a notebook
        report a bare file name goes beside the report) and the path is printed. Without
        to=, a notebook only embeds the plot; elsewhere it is written to NAME.svg in the
        working directory, NAME being the first value's variable (plot.svg for other
        expressions).

            plot data[letter="A"] to="a.svg" title="A at every angle"
            plot gen parts.test to="overlay.svg" labels=["generated", "real"]
            plot w2_mix w2_cfm to="w2.svg"
            plot (dim: [2, 10, 50], MixFlow: e_mix, CFM: e_cfm) logx=true to="sweep.svg"
        """

    /// The request `plot` makes of whatever draws: items with labels and the common options.
    private static func plotRequest(_ args: Arguments, _ context: CallContext) throws(RuntimeError) -> PlotRequest {
        let labels = try args.optional("labels").map { _ throws(RuntimeError) in try args.list("labels").map(\.displayString) }
        let items = try expandedItems(args, context, labels: labels)
        var options = PlotOptions(title: try optionalString(args, "title"), xLabel: try optionalString(args, "xlabel"),
                                  yLabel: try optionalString(args, "ylabel"), logX: try args.bool("logx"), logY: try args.bool("logy"))
        options.width = try size(args, "width")
        options.height = try size(args, "height")
        options.equalAspect = args.optional("equal") == nil ? false : try args.bool("equal")
        if args.isGiven("columns") {
            let columns = try args.int("columns")
            guard columns >= 1 else { throw args.error("columns must be 1 or more, got \(columns)", at: "columns") }
            options.columns = columns
        }
        options.legend = try args.choice("legend", legendChoices)
        let maxPoints = try args.int("points")
        guard maxPoints >= 1 else { throw args.error("points must be 1 or more, got \(maxPoints)", at: "points") }
        let given = Set(args.parameterNames.filter { args.isGiven($0) })
        return PlotRequest(items: items, options: options, by: try args.string("by"), maxPoints: maxPoints,
                           metric: try optionalString(args, "metric"),
                           subOptions: Dictionary(uniqueKeysWithValues: subOptions.map { ($0.name, args[$0.name]) }),
                           givenKeywords: given, embedded: context.output is any InlinePlotOutput)
    }

    /// The plotted values with labels; a split stands for its two halves, "train" and "test".
    private static func expandedItems(_ args: Arguments, _ context: CallContext,
                                      labels: [String]?) throws(RuntimeError) -> [PlotRequest.Item] {
        guard !args.rest.isEmpty else {
            throw RuntimeError("plot needs something to draw", at: args.callSpan, hint: "e.g. plot data to=\"data.svg\"")
        }
        if let labels, labels.count != args.rest.count {
            throw args.error("labels= has \(labels.count) names for \(args.rest.count) values", at: "labels")
        }
        var items: [PlotRequest.Item] = []
        for (index, argument) in args.rest.enumerated() {
            let span = argument.span ?? args.callSpan
            let label = labels?[index] ?? writtenText(context.file.text(of: span), fallback: defaultLabel(argument.value))
            if case .object(let split as SplitValue) = argument.value {
                items.append(.init(value: .object(split.train), label: labels == nil ? "train" : label + " train", span: span))
                items.append(.init(value: .object(split.test), label: labels == nil ? "test" : label + " test", span: span))
            } else {
                items.append(.init(value: argument.value, label: label, span: span))
            }
        }
        return items
    }

    private static func defaultLabel(_ value: Value) -> String {
        if case .object(let points as any PointSetValue) = value { return points.pointRole }
        return value.typeName
    }

    /// Dispatch on the values: a `Plottable` first value draws itself; point sets scatter;
    /// metric tables make bars.
    private static func drawnChart(_ request: PlotRequest, _ context: CallContext) throws -> Chart {
        let objects = request.items.map { item -> (any DomainObject)? in
            if case .object(let object) = item.value { return object } else { return nil }
        }
        if let plottable = objects[0] as? any Plottable { return try plottable.chart(for: request) }
        if objects.allSatisfy({ $0 is any PointSetValue }) {
            return try PlotScatter.chart(request) { context.warn($0) }
        }
        if objects.allSatisfy({ $0 is MetricTableValue }) { return try PlotBars.chart(request) }
        if case .record = request.items[0].value { return try PlotLines.chart(request) }
        let drawable: (PlotRequest.Item) -> Bool = { item in
            guard case .object(let object) = item.value else { return false }
            return object is any PointSetValue || object is MetricTableValue
        }
        let kindOfFirst = drawKind(request.items[0].value)
        let odd = request.items.first { !drawable($0) } ?? request.items.first { drawKind($0.value) != kindOfFirst } ?? request.items[0]
        let together = odd.span == request.items[0].span ? "" : " together with \(request.items[0].value.typeNameWithArticle)"
        throw RuntimeError("plot cannot draw \(odd.value.typeNameWithArticle)\(together)", at: odd.span,
                           hint: "plot draws datasets, samples, splits, metric tables and records of number lists (histories and models draw themselves)")
    }

    /// What kind of plot a value makes: point sets scatter, metric tables make bars.
    private static func drawKind(_ value: Value) -> String {
        if case .object(let object) = value {
            if object is any PointSetValue { return "points" }
            if object is MetricTableValue { return "bars" }
        }
        return value.typeName
    }

    /// Writes the SVG (unless a notebook embeds it) and hands it to the output.
    private static func show(_ chart: Chart, _ request: PlotRequest, _ args: Arguments, _ context: CallContext) throws(RuntimeError) {
        let svg = chart.svg()
        var path: String?
        if case .string(let target) = args["to"] {
            guard target.lowercased().hasSuffix(".svg") else {
                throw args.error("plot writes SVG; name the file .svg, got '\(target)'", at: "to")
            }
            path = target
            if !target.contains("/"), let directory = (context.output as? any InlinePlotOutput)?.plotDirectory {
                path = (directory as NSString).appendingPathComponent(target)
            }
        } else if !(context.output is any InlinePlotOutput) {
            path = defaultFileName(request)
        }
        if let path {
            do {
                try AtomicFile.write(svg, to: outputPath(path))
            } catch {
                throw RuntimeError(error, at: args.isGiven("to") ? args.span(of: "to") : args.callSpan)
            }
        }
        context.output.plot(OutputPlot(svg: svg, path: path, title: request.options.title))
    }

    /// `gen.svg` for `plot gen ...`; `plot.svg` when the first value is not a plain name.
    private static func defaultFileName(_ request: PlotRequest) -> String {
        let label = request.items[0].label
        let plain = label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." } && !label.hasPrefix(".")
        return (plain && !label.isEmpty ? label : "plot") + ".svg"
    }

    private static func optionalString(_ args: Arguments, _ name: String) throws(RuntimeError) -> String? {
        args.optional(name) == nil ? nil : try args.string(name)
    }

    private static func size(_ args: Arguments, _ name: String) throws(RuntimeError) -> Double? {
        guard args.optional(name) != nil else { return nil }
        let value = try args.number(name)
        guard value >= 100, value <= 20_000 else { throw args.error("\(name) must be between 100 and 20000 pixels", at: name) }
        return value
    }
}

/// An output path as the user wrote it, made absolute against the working directory (outputs
/// land where mfsh was started; inputs are read relative to the script).
func outputPath(_ path: String) -> String {
    if path.hasPrefix("~/") { return NSString(string: path).expandingTildeInPath }
    return path
}
