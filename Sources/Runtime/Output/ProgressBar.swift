import Foundation

/// A progress report for long work (training, sampling, big metrics).
///
/// On a terminal (`output.showsLiveProgress`) it redraws one line at most `redrawInterval`
/// seconds apart: `alternate  1200/3000 [########------------]  40%  loss 0.1234  210 steps/s  ETA 0:09`.
/// Elsewhere it stays silent until `finish`, which sends one summary line:
/// `train: 3000 steps in 14.2 s (211 steps/s), loss 0.1234`.
///
/// Create it with `CallContext.progress(_:total:)`; call `update` every step (cheap when no
/// redraw is due) and `finish` once, also when the work was interrupted.
public final class ProgressBar {
    public let task: String
    public let total: Int
    public private(set) var step = 0
    public private(set) var phase: String
    public private(set) var losses: [(name: String, value: Double)] = []

    private let output: any OutputSink
    private let clock: () -> Double
    private let started: Double
    private var lastDraw = -Double.infinity
    private var finished = false
    /// Seconds between redraws on a terminal.
    public var redrawInterval = 0.1
    /// How the live line shows the position (default `step/total`); e.g. `t 0.40` for sampling,
    /// whose steps are fractions of the time interval rather than countable steps.
    public var position: ((_ step: Int, _ total: Int) -> String)?
    /// The live line shows `steps/s` (off when the steps are not meaningful units).
    public var showsRate = true
    /// What a step is, in the summary and the rate: "steps", or e.g. "conditions" for metrics.
    public var unit = "steps"

    /// `clock` returns seconds; tests pass a fake one.
    public init(task: String, total: Int, phase: String = "", output: any OutputSink,
                clock: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.task = task
        self.total = max(0, total)
        self.phase = phase
        self.output = output
        self.clock = clock
        self.started = clock()
    }

    /// Records that `step` steps are done (of `total`), with the current phase and losses.
    public func update(step: Int, phase: String? = nil, losses: [(String, Double)] = []) {
        self.step = step
        if let phase { self.phase = phase }
        if !losses.isEmpty { self.losses = losses.map { (name: $0.0, value: $0.1) } }
        guard output.showsLiveProgress, !finished else { return }
        let now = clock()
        if now - lastDraw >= redrawInterval || step >= total {
            lastDraw = now
            output.progress(liveLine(now: now), final: false)
        }
    }

    /// Ends the report with its summary line; `stopped` marks work cut short by Ctrl-C.
    public func finish(stopped: Bool = false) {
        guard !finished else { return }
        finished = true
        output.progress(summaryLine(now: clock(), stopped: stopped), final: true)
    }

    /// Ends the report with `summary` in place of the step count, followed by the elapsed time:
    /// `sample mix: 42 conditions x 1000 points in 1.3 s`.
    public func finish(summary: String, stopped: Bool = false) {
        guard !finished else { return }
        finished = true
        let line = summary + " in " + formatSeconds(clock() - started)
        output.progress(stopped ? line + " (interrupted)" : line, final: true)
    }

    /// Steps per second so far (0 before the first step).
    func rate(now: Double) -> Double {
        let elapsed = now - started
        return elapsed > 0 ? Double(step) / elapsed : 0
    }

    func liveLine(now: Double) -> String {
        let fraction = total > 0 ? min(1, Double(step) / Double(total)) : 0
        let filled = Int((fraction * 20).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled)
        var parts = [(phase.isEmpty ? task : phase), position?(step, total) ?? "\(step)/\(total)", "[\(bar)]",
                     String(format: "%3d%%", Int(fraction * 100))]
        parts += losses.map { "\($0.name) \(formatLoss($0.value))" }
        let rate = rate(now: now)
        if rate > 0 {
            if showsRate { parts.append(formatRate(rate)) }
            parts.append("ETA " + formatDuration(Double(total - step) / rate))
        }
        return parts.joined(separator: "  ")
    }

    func summaryLine(now: Double, stopped: Bool) -> String {
        let elapsed = now - started
        var line = "\(task): \(step)" + (stopped ? " of \(total)" : "") + " \(unit) in "
            + formatSeconds(elapsed)
        let rate = rate(now: now)
        if rate > 0 { line += " (\(formatRate(rate)))" }
        if !losses.isEmpty {
            line += ", " + losses.map { "\($0.name) \(formatLoss($0.value))" }.joined(separator: ", ")
        }
        return stopped ? line + " (interrupted)" : line
    }

    private func formatLoss(_ value: Double) -> String { String(format: "%.4g", value) }
    private func formatRate(_ rate: Double) -> String {
        rate >= 10 ? "\(Int(rate.rounded())) \(unit)/s" : String(format: "%.2f \(unit)/s", rate)
    }
    private func formatSeconds(_ seconds: Double) -> String { String(format: "%.1f s", seconds) }
}

/// `m:ss` or `h:mm:ss`.
func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "?" }
    let total = Int(seconds.rounded())
    let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
    return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
}
