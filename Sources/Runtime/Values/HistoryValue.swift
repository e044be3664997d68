import MixFlowOps

/// A model's training history (`mix.history`): one record per completed step. A snapshot: it
/// does not change when the model trains on.
///
/// Members: `.n` (steps), `.first` and `.last` (records with step, phase, update, loss_ot,
/// loss_geo, seconds), the columns as lists (`.step`, `.phase`, `.update`, `.loss_ot`,
/// `.loss_geo`, `.seconds`), `.phases` (a record per phase run: phase, first, last), `.recent`
/// (mean L_OT over the velocity steps and mean L_geo of the last 100 steps), `.model`. `h[i]` is
/// step i + 1's record (negative i counts from the end); `for r in h` walks the records.
/// `plot mix.history` draws the loss curves over phase bands; `save mix.history "h.csv"` writes
/// the table.
public final class HistoryValue: Plottable, TableExportable {
    public let history: TrainingHistory
    public let modelName: String

    public init(_ history: TrainingHistory, modelName: String) {
        self.history = history
        self.modelName = modelName
    }

    public var typeName: String { "history" }

    /// `history of 'mix': 3000 steps (warm-up 1-300, ...), 21.4 s; last 100: L_OT 0.0312, L_geo 0.0451`
    public var summary: String {
        history.summary.replacingFirst("history:", with: "history of '\(modelName)':")
    }

    private static let columns = ["step", "phase", "update", "loss_ot", "loss_geo", "seconds"]
    public var memberNames: [String] { ["n", "first", "last", "phases", "recent", "model"] + HistoryValue.columns }

    public func member(_ name: String) throws -> Value? {
        let records = history.records
        switch name {
        case "n": return .number(Double(records.count))
        case "first": return records.first.map { .record(record($0)) } ?? .nil
        case "last": return records.last.map { .record(record($0)) } ?? .nil
        case "model": return .string(modelName)
        case "phases":
            return .list(history.phaseSpans.map { span in
                .record(Record([("phase", .string(span.phase.rawValue)), ("first", .number(Double(span.first))),
                                ("last", .number(Double(span.last)))]))
            })
        case "recent":
            let recent = history.recentLosses(window: 100)
            return .record(Record([("loss_ot", recent.ot.map(Value.number) ?? .nil), ("loss_geo", recent.geo.map(Value.number) ?? .nil)]))
        default:
            guard HistoryValue.columns.contains(name) else { return nil }
            return .list(records.map { record($0)[name]! })
        }
    }

    public var elements: [Value]? { history.records.map { .record(record($0)) } }

    public func index(_ index: Value) throws -> Value {
        let count = history.count
        guard case .number(let number) = index, number == number.rounded(), abs(number) < 9e15 else {
            throw RuntimeError("a history is indexed by a step position (an integer), got \(index.echoString)")
        }
        let position = Int(number) < 0 ? count + Int(number) : Int(number)
        guard position >= 0, position < count else {
            throw RuntimeError("index \(Int(number)) is out of range for a history of \(count) steps",
                               hint: count == 0 ? "the model has not trained yet" : "valid indices are 0 to \(count - 1), or -1 to -\(count)")
        }
        return .record(record(history.records[position]))
    }

    private func record(_ step: TrainingRecord) -> Record {
        Record([
            ("step", .number(Double(step.step))), ("phase", .string(step.phase.rawValue)), ("update", .string(step.update.rawValue)),
            ("loss_ot", .number(step.lossOT)), ("loss_geo", .number(step.lossGeo)), ("seconds", .number(step.seconds)),
        ])
    }

    // MARK: TableExportable

    public func exportTable(options: TableExportOptions) throws -> DataTable { history.table }

    // MARK: Plottable

    /// One history: L_OT and L_geo (running means over `smoothing=` steps) on a log
    /// axis over the phase bands. Several histories (`plot mix.history c.history`): their L_OT
    /// curves overlaid, one colour per model.
    public func chart(for request: PlotRequest) throws -> Chart {
        let smoothing = request.int("smoothing")
        guard smoothing >= 1 else { throw RuntimeError("smoothing= must be 1 or more steps, got \(smoothing)") }
        var options = request.options
        if !request.isGiven("logy") { options.logY = true }
        let histories = try request.items.map { item -> (HistoryValue, String) in
            guard case .object(let history as HistoryValue) = item.value else {
                throw RuntimeError("plot draws training curves of histories and models together, not of \(item.value.typeNameWithArticle)",
                                   at: item.span, hint: "e.g. plot mix.history cfm.history")
            }
            return (history, request.isGiven("labels") ? item.label : history.modelName)
        }
        guard histories.count > 1 else {
            guard !history.isEmpty else { throw RuntimeError("the history of '\(modelName)' has no steps to plot yet") }
            return .figure(history.figure(smoothing: smoothing, options: options))
        }
        let series = histories.enumerated().map { index, entry in
            let velocity = entry.0.history.records.filter { $0.update == .velocity }
            return LineSeries(x: velocity.map { Double($0.step) }, y: trailingMeans(velocity.map(\.lossOT), window: smoothing),
                              label: "\(entry.1) L_OT", color: PlotPalette.color(index))
        }
        return .figure(Figure.history(series, options: options))
    }
}

/// The mean of the last `window` values at every position (fewer at the start), as the single
/// history's curves are smoothed.
func trailingMeans(_ values: [Double], window: Int) -> [Double] {
    var sum = 0.0
    return values.indices.map { i in
        sum += values[i]
        if i >= window { sum -= values[i - window] }
        return sum / Double(min(i + 1, window))
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
