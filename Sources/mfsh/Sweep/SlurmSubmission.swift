import Foundation
import MixFlowOps

/// `mfsh sweep ... --slurm [--submit]`: readies DIR for the job array (run directories, the
/// SLURM output folder, results.csv with every combination pending or done), writes
/// sweep.sbatch, and with `--submit` hands it to `sbatch`.
struct SlurmSubmission {
    let plan: SweepPlan
    let layout: SweepLayout
    let options: [String]
    let output: TerminalOutput

    /// The exit status: 0 written (and submitted), 69 when sbatch is missing or refuses.
    func run(submit: Bool) throws -> Int32 {
        let table = try ResultsTable.load(plan: plan, layout: layout)
        let todo = table.rows.filter { $0.status != .ok }.map(\.combination)
        try table.write(to: layout)
        guard !todo.isEmpty else {
            output.writeError("sweep: all \(table.rows.count) combinations are done; nothing to submit\n")
            return 0
        }
        try SweepLayout.makeDirectory(layout.slurmOutputDirectory)
        for combination in todo { try layout.prepareRun(combination.name) }
        let script = SlurmScript(plan: plan, layout: layout, combinations: todo, options: options)
        try AtomicFile.write(script.text, to: layout.sbatchPath)
        let done = table.rows.count - todo.count
        output.writeError("sweep: wrote \(layout.sbatchPath): a job array of \(todo.count) task\(todo.count == 1 ? "" : "s")"
                          + (done > 0 ? " (\(done) combinations already done)" : "") + "\n")
        guard submit else {
            output.writeError("sweep: submit it with: sbatch \(layout.sbatchPath)\n")
            return 0
        }
        return sbatch()
    }

    /// Runs `sbatch --parsable sweep.sbatch` and reports the job id or sbatch's complaint.
    private func sbatch() -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch", "--parsable", layout.sbatchPath]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            output.writeError("sweep: cannot run sbatch: \(error.localizedDescription)\n")
            return 69
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let said = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else {
            let reason = process.terminationStatus == 127 ? "sbatch not found: is SLURM installed and on PATH?" : said
            output.writeError("sweep: sbatch failed (exit \(process.terminationStatus)): \(reason)\n")
            return 69
        }
        let job = String(decoding: stdout, as: UTF8.self).split(separator: ";").first.map(String.init)?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        output.write("\(job)\n")
        output.writeError("sweep: submitted job array \(job); follow it with squeue -j \(job), "
                          + "then: mfsh sweep --summary \(layout.directory)\n")
        return 0
    }
}
