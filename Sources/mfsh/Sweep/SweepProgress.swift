import Foundation

/// The counts a sweep shows as it goes, and its one-line form:
/// `sweep: 3/6 done (1 failed), 2 running, 1:05 elapsed, ETA 0:42`.
struct SweepProgress {
    /// Runs this invocation has to do (combinations already done are not counted).
    var total: Int
    var ok = 0
    var failed = 0
    var running = 0
    let started: Date

    init(total: Int, started: Date = Date()) {
        self.total = total
        self.started = started
    }

    var finished: Int { ok + failed }

    /// Seconds until the last run ends, from the rate runs have finished at so far (which
    /// already reflects how many run at once); nil before the first one ends.
    func estimatedSecondsLeft(now: Date = Date()) -> Double? {
        guard finished > 0 else { return nil }
        let elapsed = now.timeIntervalSince(started)
        return elapsed / Double(finished) * Double(total - finished)
    }

    func line(now: Date = Date()) -> String {
        var text = "sweep: \(finished)/\(total) done"
        if failed > 0 { text += " (\(failed) failed)" }
        text += ", \(running) running, \(Self.clock(now.timeIntervalSince(started))) elapsed"
        text += ", ETA " + (estimatedSecondsLeft(now: now).map(Self.clock) ?? "--")
        return text
    }

    /// `0:42`, `12:05`, `3:02:10`.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(min(max(seconds, 0), 1e9).rounded())
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
