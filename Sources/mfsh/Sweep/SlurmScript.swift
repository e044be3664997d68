/// DIR/sweep.sbatch: a SLURM job array with one task per combination still to run. Task i runs
/// combination i with exactly the command line a local sweep would start (`RunCommand`), then
/// `mfsh sweep --finish-run` records how it ended (if the run could not) and rewrites
/// results.csv, so a finished array leaves the same DIR a local sweep does. SLURM does all the
/// scheduling; `#SBATCH` options come from `--slurm-opt`.
struct SlurmScript {
    let plan: SweepPlan
    let layout: SweepLayout
    /// The combinations to run, task 1 first.
    let combinations: [Combination]
    /// Each becomes one `#SBATCH` line (e.g. `--time=01:00:00`, `--cpus-per-task=2`).
    let options: [String]

    /// Refuses options and paths that would not survive as `#SBATCH` lines.
    static func check(options: [String], layout: SweepLayout) throws(UsageError) {
        for option in options {
            guard option.hasPrefix("-"), !option.contains(where: \.isNewline) else {
                throw UsageError(message: "--slurm-opt takes one sbatch option such as --time=01:00:00, got '\(option.debugDescription)'")
            }
        }
        guard !layout.directory.contains(where: { $0.isWhitespace || $0 == "%" || $0 == "'" || $0 == "\"" }) else {
            throw UsageError(message: "--slurm needs an output directory whose path has no spaces, quotes or %, got '\(layout.directory)'")
        }
    }

    var text: String {
        let grid = plan.parameters.map { "\($0.key) (\($0.values.count))" }.joined(separator: " x ")
        var lines = [
            "#!/bin/bash",
            "# Written by `mfsh sweep --slurm`: \(plan.script) over \(grid).",
            "# One array task per combination not yet done; each runs the script exactly as a local",
            "# sweep would, then records how it ended and rewrites results.csv.",
            "# Submit: sbatch \(layout.sbatchPath)   Then: mfsh sweep --summary \(layout.directory)",
            "#SBATCH --job-name=mfsh-sweep",
            "#SBATCH --array=1-\(combinations.count)",
            "#SBATCH --output=\(layout.slurmOutputDirectory)/%A_%a.out",
        ]
        lines += options.map { "#SBATCH " + $0 }
        lines += [
            "",
            "# BLAS threads: the CPUs SLURM gave the task, unless set already.",
            "export OPENBLAS_NUM_THREADS=\"${OPENBLAS_NUM_THREADS:-${SLURM_CPUS_PER_TASK:-1}}\"",
            "case \"${SLURM_ARRAY_TASK_ID:-}\" in",
        ]
        for (index, combination) in combinations.enumerated() {
            let command = RunCommand(plan: plan, combination: combination, layout: layout)
            lines.append("\(index + 1)) run=\(ShellQuote.quote(combination.name))")
            lines.append("   rm -f \(ShellQuote.quote(layout.recordPath(combination.name)))")
            lines.append("   " + command.shellLine + " ;;")
        }
        lines += [
            "*) echo \"sweep.sbatch: no combination for array task '${SLURM_ARRAY_TASK_ID:-}'\" >&2; exit 64 ;;",
            "esac",
            "status=$?",
            [plan.mfsh, "sweep", "--finish-run", layout.directory].map(ShellQuote.quote).joined(separator: " ") + " \"$run\" \"$status\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
