import Foundation

/// Runs a plan's combinations on this machine, at most `jobs` at once, each as its own mfsh
/// process (`RunCommand`). Combinations already done (exit 0) are skipped, so running the same
/// sweep again resumes it. results.csv is rewritten after every run that ends.
final class LocalSweep {
    let plan: SweepPlan
    let layout: SweepLayout
    let jobs: Int
    let output: TerminalOutput
    /// Test hook (`MFSH_SWEEP_STOP_AFTER=N`): behave as if Ctrl-C were pressed once N runs have
    /// ended, so an interrupted sweep can be tested without racing a timer.
    let stopAfter: Int?

    /// How often the loop looks at its runs (a signal cuts the wait short).
    private static let pollInterval: UInt32 = 100_000

    private var records: [String: RunRecord] = [:]
    private var queue: ArraySlice<Combination> = []
    private var running: [ChildRun] = []
    private var progress = SweepProgress(total: 0)
    /// Ctrl-C was pressed once (runs asked to stop) / twice (runs killed).
    private var stopping = false, killing = false

    init(plan: SweepPlan, layout: SweepLayout, jobs: Int, output: TerminalOutput, stopAfter: Int?) {
        self.plan = plan
        self.layout = layout
        self.jobs = jobs
        self.output = output
        self.stopAfter = stopAfter
    }

    /// Runs the sweep; the exit status: 0 all ok, 70 some run failed, 130 interrupted.
    func run() throws -> Int32 {
        let combinations = plan.combinations()
        records = try ResultsTable.load(plan: plan, layout: layout).recordsByName
        let todo = combinations.filter { records[$0.name]?.status != .ok }
        output.writeError(opening(total: combinations.count, todo: todo.count))
        try writeTable()
        guard !todo.isEmpty else { return 0 }

        SweepSignals.install()
        let environment = blasEnvironment()
        queue = todo[...]
        progress = SweepProgress(total: todo.count)
        while !running.isEmpty || (!stopping && !queue.isEmpty) {
            passOnCtrlC()
            try collectFinishedRuns()
            try startRuns(environment: environment)
            progress.running = running.count
            output.progress(progress.line(), final: false)
            if !running.isEmpty { usleep(Self.pollInterval) }
        }
        let table = try writeTable()
        output.writeError(closing(table))
        if stopping { return 130 }
        return table.count(.failed) + table.count(.interrupted) + table.count(.unfinished) > 0 ? 70 : 0
    }

    /// First Ctrl-C: every run is asked to stop at its next safe point. Second: killed.
    private func passOnCtrlC() {
        let presses = SweepSignals.pressCount
        if presses >= 1 && !stopping {
            stopping = true
            running.forEach { $0.interrupt() }
        }
        if presses >= 2 && !killing {
            killing = true
            running.forEach { $0.forceStop() }
        }
    }

    private func collectFinishedRuns() throws {
        for child in running where !child.isRunning {
            running.removeAll { $0 === child }
            let record = try finish(child)
            records[child.name] = record
            count(record, of: child)
            try writeTable()
            if let stopAfter, progress.finished == stopAfter { SweepSignals.simulatePress() }
        }
    }

    private func startRuns(environment: [String: String]) throws {
        while !stopping, SweepSignals.pressCount == 0, running.count < jobs, let next = queue.popFirst() {
            do {
                try layout.prepareRun(next.name)
                let command = RunCommand(plan: plan, combination: next, layout: layout)
                running.append(try ChildRun(combination: next, command: command, extraEnvironment: environment))
                records[next.name] = RunRecord()
            } catch {
                // A run that cannot even start is a failed run (status 127, as a shell reports a
                // command it cannot run); the others still go.
                output.writeError("sweep: run \(next.name) could not start: \(error)\n")
                try? layout.record(next.name).appendExit(127, seconds: nil)
                records[next.name] = try layout.record(next.name).read() ?? RunRecord()
                progress.failed += 1
            }
        }
    }

    /// The run's record once its process has ended; when the process died without writing its
    /// exit line (killed, crashed), the sweep writes one with the status it saw.
    private func finish(_ child: ChildRun) throws -> RunRecord {
        let file = layout.record(child.name)
        if let record = try file.read(), record.exitStatus != nil { return record }
        try file.appendExit(child.exitStatus, seconds: child.seconds)
        return try file.read() ?? RunRecord()
    }

    /// Counts an ended run; a failure is reported at once with the end of its log. Runs stopped
    /// by the sweep's own Ctrl-C are not failures.
    private func count(_ record: RunRecord, of child: ChildRun) {
        switch record.status {
        case .ok:
            progress.ok += 1
        case .interrupted where stopping:
            break
        case .failed, .interrupted, .unfinished, .pending:
            progress.failed += 1
            let status = record.exitStatus.map { $0 > 128 && $0 != 130 ? "killed by signal \($0 - 128)" : "exit \($0)" } ?? "no exit status"
            let log = layout.logPath(child.name)
            let tail = LogTail.lines(of: log).map { "    " + $0 }.joined(separator: "\n")
            output.writeError("sweep: run \(child.name) failed (\(status), \(SweepProgress.clock(child.seconds))); end of \(log):\n\(tail)\n")
        }
    }

    @discardableResult
    private func writeTable() throws -> ResultsTable {
        let table = ResultsTable(plan: plan, records: records)
        try table.write(to: layout)
        return table
    }

    /// OpenBLAS threads per run: the cores divided among the runs (at least one), unless the
    /// caller chose a count already. Set for the children only.
    private func blasEnvironment() -> [String: String] {
        guard ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil else { return [:] }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return ["OPENBLAS_NUM_THREADS": String(max(1, cores / max(1, jobs)))]
    }

    private func opening(total: Int, todo: Int) -> String {
        let grid = plan.parameters.map { "\($0.key) (\($0.values.count))" }.joined(separator: " x ")
        var text = "sweep: \(total) combination\(total == 1 ? "" : "s") of \(grid)"
        if todo < total { text += "; \(total - todo) already done, \(todo) to run" }
        if todo > 0 { text += "; \(min(jobs, todo)) at a time; logs in \(layout.runsDirectory)/" }
        return text + "\n"
    }

    private func closing(_ table: ResultsTable) -> String {
        let elapsed = SweepProgress.clock(Date().timeIntervalSince(progress.started))
        if stopping {
            let stopped = table.count(.interrupted) + table.count(.unfinished)
            return "sweep: interrupted after \(elapsed): \(table.count(.ok)) ok, \(table.count(.failed)) failed, \(stopped) stopped, "
                + "\(table.count(.pending)) not started; run the same command again to resume\n"
        }
        return "sweep: \(progress.finished) run\(progress.finished == 1 ? "" : "s") in \(elapsed): \(progress.ok) ok, \(progress.failed) failed; "
            + "results in \(layout.resultsPath)\n"
    }
}
