import Foundation

/// One completed training step.
public struct TrainingRecord: Sendable, Equatable {
    /// 1-based step number over the model's whole training (it continues across `train` calls).
    public var step: Int
    public var phase: TrainingPhase
    /// Which loss this step optimised.
    public var update: StepUpdate
    /// L_OT = mean over the batch's pairs of |v(x_t, t, y) - u|^2 (in base steps evaluated
    /// without dropout and without an update).
    public var lossOT: Double
    /// L_geo = mean over the batch's pairs of |x1 - x0|^2 (what base steps minimise).
    public var lossGeo: Double
    /// Training time so far in seconds, at the end of this step (summed over `train` calls).
    public var seconds: Double

    public init(step: Int, phase: TrainingPhase, update: StepUpdate, lossOT: Double, lossGeo: Double, seconds: Double) {
        self.step = step
        self.phase = phase
        self.update = update
        self.lossOT = lossOT
        self.lossGeo = lossGeo
        self.seconds = seconds
    }
}

/// A model's training history: one record per completed step, in order.
public struct TrainingHistory: Sendable, Equatable {
    public private(set) var records: [TrainingRecord] = []

    public init(records: [TrainingRecord] = []) { self.records = records }

    public var count: Int { records.count }
    public var isEmpty: Bool { records.isEmpty }
    /// Total training time in seconds.
    public var seconds: Double { records.last?.seconds ?? 0 }

    mutating func append(_ record: TrainingRecord) { records.append(record) }
    mutating func removeLast() { records.removeLast() }

    /// Consecutive runs of one phase: (phase, first step, last step), in order.
    public var phaseSpans: [(phase: TrainingPhase, first: Int, last: Int)] {
        var spans: [(phase: TrainingPhase, first: Int, last: Int)] = []
        for record in records {
            if let last = spans.last, last.phase == record.phase, last.last == record.step - 1 {
                spans[spans.count - 1].last = record.step
            } else {
                spans.append((record.phase, record.step, record.step))
            }
        }
        return spans
    }

    /// Means of L_OT over the velocity steps and of L_geo over all steps among the last
    /// `window` records (nil when there are none).
    public func recentLosses(window: Int) -> (ot: Double?, geo: Double?) {
        let tail = records.suffix(max(window, 1))
        let velocity = tail.filter { $0.update == .velocity }.map(\.lossOT)
        let geo = tail.map(\.lossGeo)
        return (velocity.isEmpty ? nil : velocity.reduce(0, +) / Double(velocity.count),
                geo.isEmpty ? nil : geo.reduce(0, +) / Double(geo.count))
    }

    /// Columns step, phase, update, loss_ot, loss_geo, seconds (for `save history "h.csv"`
    /// and notebook tables).
    public var table: DataTable {
        // Columns of equal length by construction.
        try! DataTable(columns: [
            TableColumn("step", .integers(records.map(\.step))),
            TableColumn("phase", .strings(records.map(\.phase.rawValue))),
            TableColumn("update", .strings(records.map(\.update.rawValue))),
            TableColumn("loss_ot", .doubles(records.map(\.lossOT))),
            TableColumn("loss_geo", .doubles(records.map(\.lossGeo))),
            TableColumn("seconds", .doubles(records.map(\.seconds))),
        ])
    }

    /// `history: 3000 steps (warm-up 1-300, alternate 301-2700, cool-down 2701-3000), 21.4 s;
    /// last 100: L_OT 0.0312, L_geo 0.0451`
    public var summary: String {
        guard !records.isEmpty else { return "history: no steps" }
        let spans = phaseSpans.map { "\($0.phase) \($0.first)-\($0.last)" }.joined(separator: ", ")
        let recent = recentLosses(window: 100)
        var text = "history: \(records.count) steps (\(spans)), " + formatSeconds(seconds)
        text += "; last \(min(100, records.count)):"
        if let ot = recent.ot { text += " L_OT \(formatLoss(ot))," }
        if let geo = recent.geo { text += " L_geo \(formatLoss(geo))" }
        return text
    }
}

extension TrainingHistory: CustomStringConvertible {
    public var description: String { summary }
}

func formatLoss(_ value: Double) -> String {
    value.isFinite ? String(format: "%.4g", value) : "\(value)"
}

func formatSeconds(_ seconds: Double) -> String {
    seconds < 60 ? String(format: "%.1f s", seconds) : String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60)
}
