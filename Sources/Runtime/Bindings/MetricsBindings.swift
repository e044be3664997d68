import MixFlowOps

/// w1, w2, w2sq, sinkhorn, mmd, energy and evaluate: distances between point sets (design
/// section 5), per condition when the sets have several.
enum MetricsBindings {
    static func register(into registry: inout BuiltinRegistry) {
        for metric in DistributionMetric.allCases { registerMetric(metric, &registry) }
        registerEvaluate(&registry)
    }

    private static var pointParameters: [ParameterSpec] {
        [
            .positional("x", .pointSet, doc: "generated points (a dataset or samples)"),
            .positional("y", .pointSet, doc: "real points (a dataset or samples)"),
            .keyword("pooled", .bool, default: false, doc: "compare all points, ignoring conditions"),
        ]
    }

    private static var sinkhornParameters: [ParameterSpec] {
        [
            .keyword("blur", .number, default: 0.05, doc: "blur; the entropic regularisation is eps = blur^p"),
            .keyword("p", .int, default: 2, doc: "cost exponent: 1 (|x-y|) or 2 (|x-y|^2/2)"),
            .keyword("scaling", .number, default: 0.99, doc: "annealing ratio of eps, in (0, 1); smaller is faster, less exact"),
        ]
    }

    private static let estimatorChoices = ScriptChoices<MMDEstimator>([("biased", .biased), ("unbiased", .unbiased)])

    private static var mmdParameters: [ParameterSpec] {
        [
            .keyword("gammas", .listOf(.number), default: .list(MMDOptions.defaultGammas.map { .number($0) }),
                     doc: "RBF kernels exp(-g |x-y|^2), averaged over g"),
            estimatorChoices.keyword("estimator", default: .biased, doc: "\"biased\" (V-statistic) or \"unbiased\" (U-statistic)"),
        ]
    }

    private static func registerMetric(_ metric: DistributionMetric, _ registry: inout BuiltinRegistry) {
        let extra = metric == .sinkhorn ? sinkhornParameters : metric == .mmd ? mmdParameters : []
        registry.add(
            metric.rawValue, category: .metrics, parameters: pointParameters + extra,
            summary: metricSummary[metric]!, help: metricHelp(metric), returns: "a number, or a metric table per condition"
        ) { context, args in
            let comparison = try comparison([metric], args, context)
            if comparison.comparesWholeSets { return .number(try comparison.wholeSetValues()[0]) }
            let table = try comparison.perConditionTable(context, task: metric.rawValue)
            return .object(MetricTableValue(table, caption: comparison.caption(table)))
        }
    }

    private static let metricSummary: [DistributionMetric: String] = [
        .w1: "Exact Wasserstein-1 distance (earth mover's distance) between point sets.",
        .w2: "Exact Wasserstein-2 distance between point sets.",
        .w2sq: "Squared exact Wasserstein-2 distance (the optimal transport cost).",
        .sinkhorn: "Debiased Sinkhorn divergence between point sets (geomloss convention).",
        .mmd: "Maximum mean discrepancy (MMD²) with RBF kernels between point sets.",
        .energy: "Energy distance between point sets.",
    ]

    private static func metricHelp(_ metric: DistributionMetric) -> String {
        let definition: String
        switch metric {
        case .w1: definition = "Exact optimal transport with Euclidean cost and uniform weights; any sizes n and m."
        case .w2: definition = "The square root of the exact optimal transport cost with squared Euclidean cost\n(uniform weights, any sizes). w2sq is its square."
        case .w2sq: definition = "The exact optimal transport cost with squared Euclidean cost (W2 squared)."
        case .sinkhorn: definition = "S_eps = OT_eps(x, y) - (OT_eps(x, x) + OT_eps(y, y)) / 2 with cost |x-y|^2/2 for\np=2 (|x-y| for p=1), eps = blur^p, eps annealed by `scaling` (as geomloss)."
        case .mmd: definition = "MMD² with the mean of RBF kernels exp(-g |x-y|^2) over the gammas\n(default 2, 1, 0.5, 0.1, 0.01, 0.005); biased V-statistic unless estimator=\"unbiased\"."
        case .energy: definition = "2 E|X-Y| - E|X-X'| - E|Y-Y'| with Euclidean distances (V-statistic)."
        }
        let example = metric == .sinkhorn ? "sinkhorn(gen, real, blur=0.01)" : metric == .mmd ? "mmd(gen, real, gammas=[1, 0.1])" : "\(metric.rawValue)(gen, real)"
        return """
            \(definition)

            Two point sets of one condition each (e.g. selections) give a number. Point sets with
            several conditions are compared condition by condition (matched by name; a condition
            on one side only is an error) and give a metric table with the mean; pooled=true
            compares all points at once instead. Ctrl-C stops between blocks of work.

                print \(example)
                t = \(metric.rawValue) gen parts.test
                print t.mean t["A@90"]
            """
    }

    private static func registerEvaluate(_ registry: inout BuiltinRegistry) {
        let names = DistributionMetric.allCases.map(\.rawValue)
        registry.add(
            "evaluate", category: .metrics,
            parameters: pointParameters + [
                .keyword("metrics", .listOf(.string), default: ["w2", "mmd"], doc: "metrics to compute: " + names.joined(separator: ", ")),
            ] + sinkhornParameters + mmdParameters,
            summary: "Several metrics per condition between two point sets, as one table.",
            help: """
                Computes each metric of metrics= for every condition (matched by name) and returns
                one table with a column per metric and the mean of each. Options of sinkhorn
                (blur, p, scaling) and mmd (gammas, estimator) apply to those columns.

                    t = evaluate gen parts.test metrics=["w1", "w2", "mmd"]
                    print t.mean.w2 t.w2.mean
                """,
            returns: "a metric table"
        ) { context, args in
            var metrics: [DistributionMetric] = []
            for item in try args.list("metrics") {
                guard case .string(let name) = item, let metric = DistributionMetric(rawValue: name) else {
                    let hint = suggestName(for: item.displayString, among: names).map { "did you mean '\($0)'?" }
                    throw args.error("unknown metric \(item.echoString); metrics are " + names.joined(separator: ", "),
                                     at: "metrics", hint: hint)
                }
                metrics.append(metric)
            }
            guard !metrics.isEmpty else { throw args.error("metrics=[] names no metric", at: "metrics") }
            let comparison = try comparison(metrics, args, context)
            let table = comparison.comparesWholeSets
                ? MetricTable(conditions: ["all"], metrics: metrics.map(\.rawValue), values: [try comparison.wholeSetValues()])
                : try comparison.perConditionTable(context, task: "evaluate")
            return .object(MetricTableValue(table, caption: comparison.caption(table)))
        }
    }

    /// The comparison a call asks for, checked.
    private static func comparison(_ metrics: [DistributionMetric], _ args: Arguments,
                                   _ context: CallContext) throws(RuntimeError) -> MetricsComparison {
        let comparison = MetricsComparison(
            metrics: metrics, options: try metricOptions(args).stopping(when: context.shouldStop),
            x: .init(points: try args.pointSet("x"), label: written(args, "x", context)),
            y: .init(points: try args.pointSet("y"), label: written(args, "y", context)),
            pooled: try args.bool("pooled"))
        try comparison.check(builtin: args.builtinName)
        return comparison
    }

    /// Sinkhorn and MMD options from the call (defaults for builtins without those keywords).
    private static func metricOptions(_ args: Arguments) throws(RuntimeError) -> MetricOptions {
        var options = MetricOptions()
        if case .number = args["blur"] {
            let blur = try args.number("blur"), p = try args.int("p"), scaling = try args.number("scaling")
            guard blur > 0, blur.isFinite else { throw args.error("blur must be positive, got \(formatNumber(blur))", at: "blur") }
            guard p == 1 || p == 2 else { throw args.error("p must be 1 or 2, got \(p)", at: "p") }
            guard scaling > 0, scaling < 1 else { throw args.error("scaling must be in (0, 1), got \(formatNumber(scaling))", at: "scaling") }
            options.sinkhorn = SinkhornOptions(p: p, blur: blur, scaling: scaling)
        }
        if case .string = args["estimator"] {
            let parsed = try args.choice("estimator", estimatorChoices)
            let gammas = try args.numbers("gammas")
            guard !gammas.isEmpty, gammas.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw args.error("gammas must be positive numbers", at: "gammas")
            }
            options.mmd = MMDOptions(gammas: gammas, estimator: parsed)
        }
        return options
    }
}

/// How an argument was written in the call (`gen`, `parts.test`), or a placeholder for long
/// expressions, for messages and legends.
func written(_ args: Arguments, _ name: String, _ context: CallContext) -> String {
    guard args.isGiven(name) else { return name }
    return writtenText(context.file.text(of: args.span(of: name)), fallback: name)
}

/// `text` when it is short and on one line, else `fallback`.
func writtenText(_ text: String, fallback: String) -> String {
    text.count <= 40 && !text.contains("\n") ? text : fallback
}
