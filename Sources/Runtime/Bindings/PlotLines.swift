import MixFlowOps

/// Lines from a record of number lists: the first field is x, every other field a line over it.
/// `plot (components: [1, 2, 4, 8, 16], w2: means) logx=true` draws a parameter sweep; several
/// records overlay their lines (`plot (d: ds, MixFlow: a) (d: ds, CFM: b)`).
enum PlotLines {
    static func chart(_ request: PlotRequest) throws -> Chart {
        for keyword in ["by", "equal", "points", "metric"] where request.isGiven(keyword) {
            throw RuntimeError("\(keyword)= does not apply to a line plot of a record")
        }
        var series: [LineSeries] = []
        var xName: String?
        for item in request.items {
            guard case .record(let record) = item.value else {
                throw RuntimeError("cannot plot \(item.value.typeNameWithArticle) together with a record of lines", at: item.span)
            }
            let (name, lines) = try columns(of: record, at: item)
            xName = xName ?? name
            for line in lines {
                series.append(LineSeries(x: line.x, y: line.y, label: line.label, color: PlotPalette.color(series.count),
                                         marker: .circle))
            }
        }
        var options = request.options
        if options.xLabel == nil { options.xLabel = xName }
        if options.yLabel == nil, series.count == 1 { options.yLabel = series[0].label }
        if series.count == 1 && !request.isGiven("legend") { options.legend = .none }
        return .figure(Figure.lines(series, options: options))
    }

    /// The x field's name and one (x, y, label) per other field, all of equal length.
    private static func columns(of record: Record, at item: PlotRequest.Item) throws -> (String, [(x: [Double], y: [Double], label: String)]) {
        let fields = record.fields
        guard fields.count >= 2 else {
            throw RuntimeError("a line plot needs a record of x values and at least one line, e.g. (components: [1, 2, 4], w2: [0.3, 0.2, 0.25])",
                               at: item.span)
        }
        let x = try numbers(fields[0].value, field: fields[0].name, at: item)
        let lines = try fields.dropFirst().map { field in
            let y = try numbers(field.value, field: field.name, at: item)
            guard y.count == x.count else {
                throw RuntimeError("line '\(field.name)' has \(y.count) values for \(x.count) values of '\(fields[0].name)'", at: item.span)
            }
            return (x: x, y: y, label: field.name)
        }
        return (fields[0].name, lines)
    }

    private static func numbers(_ value: Value, field: String, at item: PlotRequest.Item) throws -> [Double] {
        let items: [Value]
        switch value {
        case .list(let list): items = list
        case .range(let range): items = range.map { .number($0) }
        default:
            throw RuntimeError("field '\(field)' of the record must be a list of numbers, got \(value.typeNameWithArticle)", at: item.span)
        }
        return try items.map { element in
            guard case .number(let number) = element else {
                throw RuntimeError("field '\(field)' of the record must hold numbers, got \(element.typeNameWithArticle)", at: item.span)
            }
            return number
        }
    }
}
