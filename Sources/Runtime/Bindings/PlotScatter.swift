import Lang
import MixFlowOps

/// Scatter plots of point sets: one layer per plotted set (generated over real), one panel per
/// condition (small multiples with shared axes) or per value of a field, or a single panel.
public enum PlotScatter {
    /// Most panels `by="auto"` draws before falling back to one panel.
    static let autoPanelLimit = 64
    /// More panels than this are drawn 4 to a row in notebooks, so they stay legible in the
    /// page's column (a file gets about the square root of the panel count per row).
    static let notebookPanelsPerRowLimit = 16
    /// Most panels any scatter plot draws.
    static let panelLimit = 200
    /// A single set in one panel gets a colour per condition up to this many conditions.
    static let colouredConditionLimit = 10

    struct Cloud {
        var data: Dataset
        var label: String
    }

    /// The chart for point sets; public so a `Plottable` point set (e.g. samples that can also
    /// draw trajectories) can fall back to the plain scatter plot.
    public static func chart(_ request: PlotRequest, warn: (String) -> Void) throws -> Chart {
        if request.isGiven("metric") { throw RuntimeError("metric= applies to plots of metric tables, not of point sets") }
        let sets = try request.items.map { item -> Cloud in
            guard case .object(let object) = item.value, let points = object as? any PointSetValue else {
                throw RuntimeError("cannot plot \(item.value.typeNameWithArticle) together with point sets", at: item.span)
            }
            guard points.pointSet.dimension >= 2 else {
                throw RuntimeError("a scatter plot needs points with 2 or more features; \(item.label) has \(points.pointSet.dimension)",
                                   at: item.span)
            }
            return Cloud(data: points.pointSet, label: item.label)
        }
        let groups = try panelGroups(sets, by: request.by, at: request.items[0].span, warn: warn)
        let colourByCondition = sets.count == 1 && groups.count == 1 && (2...colouredConditionLimit).contains(sets[0].data.conditions.count)
        let panels = groups.map { group in
            Panel(title: group.title, layers: colourByCondition ? conditionLayers(sets[0], request) : layers(sets, group, request))
        }
        return .figure(Figure(panels: panels, options: options(request, sets: sets, panels: panels.count, legend: sets.count > 1 || colourByCondition)))
    }

    /// A panel: its title and the condition names it shows.
    struct Group {
        var title: String?
        var conditions: Set<String>
    }

    /// The panels `by` asks for.
    static func panelGroups(_ sets: [Cloud], by: String, at span: Span, warn: (String) -> Void) throws -> [Group] {
        var order: [Condition] = []
        var seen = Set<String>()
        for set in sets { for condition in set.data.conditions where seen.insert(condition.name).inserted { order.append(condition) } }
        let single = [Group(title: order.count == 1 ? panelTitle(order[0]) : nil, conditions: seen)]
        switch by {
        case "none":
            return single
        case "auto":
            guard order.count > 1 else { return single }
            guard order.count <= autoPanelLimit else {
                warn("plot: \(order.count) conditions drawn in one panel (by=\"condition\" draws up to \(panelLimit) panels; or select some, e.g. data[angle=0])")
                return single
            }
            return order.map { Group(title: panelTitle($0), conditions: [$0.name]) }
        case "condition":
            guard order.count <= panelLimit else {
                throw RuntimeError("by=\"condition\" would draw \(order.count) panels, more than \(panelLimit)", at: span,
                                   hint: "select fewer conditions, or group them with by=\"\(sets[0].data.fields.first?.name ?? "none")\"")
            }
            return order.map { Group(title: panelTitle($0), conditions: [$0.name]) }
        default:
            return try fieldGroups(order, field: by, sets: sets, at: span)
        }
    }

    /// One panel per distinct value of `field`, titled `field value`.
    private static func fieldGroups(_ order: [Condition], field: String, sets: [Cloud], at span: Span) throws -> [Group] {
        for set in sets where !set.data.fields.contains(where: { $0.name == field }) {
            let fields = set.data.fields.map(\.name)
            let hint = suggestName(for: field, among: fields + ["auto", "condition", "none"]).map { "did you mean '\($0)'?" }
                ?? "by= takes \"auto\", \"condition\", \"none\" or a field: " + fields.joined(separator: ", ")
            throw RuntimeError("by=\"\(field)\": \(set.label) has no field '\(field)'", at: span, hint: hint)
        }
        var groups: [(value: MetadataValue, group: Group)] = []
        for condition in order {
            guard let value = condition[field] else { continue }
            if let index = groups.firstIndex(where: { $0.value == value }) {
                groups[index].group.conditions.insert(condition.name)
            } else {
                groups.append((value, Group(title: "\(field) \(value)", conditions: [condition.name])))
            }
        }
        guard groups.count <= panelLimit else {
            throw RuntimeError("by=\"\(field)\" would draw \(groups.count) panels, more than \(panelLimit)", at: span)
        }
        return groups.map(\.group)
    }

    /// `A @ 90` for letter A at 90 degrees, `radius 2` for a single numeric field (a bare number
    /// says too little), the name when there is no metadata.
    static func panelTitle(_ condition: Condition) -> String {
        if condition.metadata.count == 1, let entry = condition.metadata.first, entry.value.number != nil {
            return "\(entry.field) \(entry.value)"
        }
        return condition.metadata.isEmpty ? condition.name : condition.metadata.map(\.value.description).joined(separator: " @ ")
    }

    /// One layer per set in a panel, coloured by the set's position so colours agree across panels.
    private static func layers(_ sets: [Cloud], _ group: Group, _ request: PlotRequest) -> [PlotLayer] {
        let rows = sets.map { set in
            set.data.conditions.indices.filter { group.conditions.contains(set.data.conditions[$0].name) }
                .flatMap { set.data.pointIndices[$0] }.sorted()
        }
        let style = MarkerStyle(pointsInPanel: rows.map { min($0.count, request.maxPoints) }.reduce(0, +), overlay: sets.count > 1)
        return zip(sets, rows).enumerated().map { index, pair in
            .scatter(layer(pair.0.data, rows: pair.1, label: pair.0.label, color: PlotPalette.color(index), style: style, request))
        }
    }

    /// One set in one panel, a layer (and colour) per condition.
    private static func conditionLayers(_ set: Cloud, _ request: PlotRequest) -> [PlotLayer] {
        let shown = set.data.pointIndices.map { min($0.count, request.maxPoints) }.reduce(0, +)
        let style = MarkerStyle(pointsInPanel: shown, overlay: true)
        return set.data.conditions.indices.map { index in
            .scatter(layer(set.data, rows: set.data.pointIndices[index], label: panelTitle(set.data.conditions[index]),
                           color: PlotPalette.color(index), style: style, request))
        }
    }

    private static func layer(_ data: Dataset, rows: [Int], label: String, color: Color, style: MarkerStyle,
                              _ request: PlotRequest) -> ScatterLayer {
        let kept = thinned(rows, to: request.maxPoints)
        return ScatterLayer(x: kept.map { Double(data.points[$0, 0]) }, y: kept.map { Double(data.points[$0, 1]) },
                            label: label, color: color, size: style.size, opacity: style.opacity)
    }

    /// At most `limit` of `rows`, evenly spaced (deterministic).
    static func thinned(_ rows: [Int], to limit: Int) -> [Int] {
        guard rows.count > limit, limit > 0 else { return rows }
        return (0..<limit).map { rows[$0 * rows.count / limit] }
    }

    /// Marker size and opacity: smaller and lighter as panels fill up.
    struct MarkerStyle {
        var size: Double
        var opacity: Double
        init(pointsInPanel count: Int, overlay: Bool) {
            size = count <= 300 ? 3.5 : count <= 1500 ? 2.6 : count <= 6000 ? 2 : 1.5
            opacity = overlay ? 0.55 : 0.7
        }
    }

    private static func options(_ request: PlotRequest, sets: [Cloud], panels: Int, legend: Bool) -> PlotOptions {
        var options = request.options
        let names = sets[0].data.featureNames
        if options.xLabel == nil { options.xLabel = names[0] }
        if options.yLabel == nil { options.yLabel = names[1] }
        if !request.isGiven("equal") { options.equalAspect = true }
        if request.embedded && options.columns == nil && panels > notebookPanelsPerRowLimit { options.columns = 4 }
        if !legend && !request.isGiven("legend") { options.legend = .none }
        return options
    }
}
