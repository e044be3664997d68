import Foundation
import MixFlowOps

/// `mfsh sweep`: checks the request, keeps DIR/sweep.json, and hands over to the local runner,
/// the SLURM writer, the summary or a SLURM task's last step. Returns the exit status.
enum SweepCommand {
    static func run(_ request: SweepRequest, output: TerminalOutput) -> Int32 {
        do {
            switch request {
            case .run(let options): return try start(options, output: output)
            case let .summary(directory, by, plot, svgPath):
                return try summarize(SweepLayout(directory: directory), by: by, plot: plot, svgPath: svgPath, output: output)
            case let .finishRun(directory, name, status):
                return try finishRun(SweepLayout(directory: directory), name: name, status: status)
            }
        } catch let error as UsageError {
            output.writeError("mfsh sweep: \(error.message)\n")
            return 64
        } catch let error as MissingInput {
            output.writeError("mfsh sweep: \(error.message)\n")
            return 66
        } catch {
            output.writeError("mfsh sweep: \(error)\n")
            return 73
        }
    }

    private struct MissingInput: Error { var message: String }

    private static func start(_ options: SweepRunOptions, output: TerminalOutput) throws -> Int32 {
        let layout = SweepLayout(directory: options.directory)
        let plan = SweepPlan(script: try scriptPath(options.script), mfsh: executablePath(), parameters: options.parameters,
                             fixedArguments: options.fixedArguments)
        guard plan.combinationCount != nil else {
            throw UsageError(message: "the parameters make more than \(SweepPlan.maxCombinations) combinations")
        }
        if options.slurm { try SlurmScript.check(options: options.slurmOptions, layout: layout) }
        try SweepLayout.makeDirectory(layout.runsDirectory)
        if let previous = try SweepPlan.read(from: layout.planPath), !plan.canResume(previous) {
            throw UsageError(message: "\(layout.directory) holds a sweep of \(describe(previous)); this one is of \(describe(plan)). "
                             + "Use another -o DIR, or remove that one")
        }
        try plan.write(to: layout.planPath)
        if options.slurm {
            return try SlurmSubmission(plan: plan, layout: layout, options: options.slurmOptions, output: output).run(submit: options.submit)
        }
        let jobs = options.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let stopAfter = ProcessInfo.processInfo.environment["MFSH_SWEEP_STOP_AFTER"].flatMap { Int($0) }
        return try LocalSweep(plan: plan, layout: layout, jobs: jobs, output: output, stopAfter: stopAfter).run()
    }

    private static func summarize(_ layout: SweepLayout, by: [String], plot: String?, svgPath: String?,
                                  output: TerminalOutput) throws -> Int32 {
        let plan = try readPlan(layout)
        let summary = try SweepSummary(table: try ResultsTable.load(plan: plan, layout: layout), plan: plan, by: by)
        output.write(summary.outputTable.rendered())
        if let plot {
            let figure = try SweepPlot.figure(summary, result: plot)
            let path = svgPath ?? layout.directory + "/\(plot)_by_\(by[0]).svg"
            try figure.write(to: path)
            output.write("wrote \(path)\n")
        }
        return 0
    }

    /// A SLURM task's last step: records the run's exit status if the run could not (killed,
    /// or mfsh never started), rewrites results.csv, and exits with the run's status so SLURM's
    /// accounting shows which tasks failed.
    private static func finishRun(_ layout: SweepLayout, name: String, status: Int32) throws -> Int32 {
        let plan = try readPlan(layout)
        guard plan.combinations().contains(where: { $0.name == name }) else {
            throw UsageError(message: "'\(name)' is not a run of the sweep in \(layout.directory)")
        }
        let file = layout.record(name)
        if try file.read()?.exitStatus == nil { try file.appendExit(status, seconds: nil) }
        try ResultsTable.refresh(plan: plan, layout: layout)
        return min(max(status, 0), 255)
    }

    private static func readPlan(_ layout: SweepLayout) throws -> SweepPlan {
        guard let plan = try SweepPlan.read(from: layout.planPath) else {
            throw MissingInput(message: "\(layout.directory) is not a sweep directory (no sweep.json)")
        }
        return plan
    }

    /// The script's absolute path; it must be a readable regular file.
    private static func scriptPath(_ path: String) throws -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
        var info = stat()
        guard stat(standardized, &info) == 0 else { throw MissingInput(message: "cannot open '\(path)': no such file") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw MissingInput(message: "'\(path)' is not a script file") }
        return standardized
    }

    /// This mfsh binary, so the runs use the same build as the sweep.
    private static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 { return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        let first = CommandLine.arguments[0]
        return first.hasPrefix("/") ? first : FileManager.default.currentDirectoryPath + "/" + first
    }

    private static func describe(_ plan: SweepPlan) -> String {
        let words = plan.parameters.map(\.key) + plan.fixedArguments
        return (plan.script as NSString).lastPathComponent + " over " + words.joined(separator: ", ")
    }
}
