/// The one command line that runs a combination, wherever it runs: a local sweep starts it as a
/// child process, and the SLURM job array writes it into its task script. It is a plain script
/// run, `mfsh SCRIPT key=value ... [fixed words]`, in the run's own directory, with its output
/// in run.log and `MFSH_RESULTS` naming its results file.
struct RunCommand: Equatable {
    var executable: String
    var arguments: [String]
    var workingDirectory: String
    var logPath: String
    /// Variables added to the environment.
    var environment: [String: String]

    init(plan: SweepPlan, combination: Combination, layout: SweepLayout) {
        let name = combination.name
        executable = plan.mfsh
        arguments = [plan.script] + combination.arguments + plan.fixedArguments
        workingDirectory = layout.runDirectory(name)
        logPath = layout.logPath(name)
        environment = [RunResultsFile.environmentKey: layout.recordPath(name)]
    }

    /// The command as a shell line (for the SLURM task script and for messages).
    var shellLine: String {
        let assignments = environment.keys.sorted().map { $0 + "=" + ShellQuote.quote(environment[$0]!) }
        return "cd " + ShellQuote.quote(workingDirectory) + " && "
            + (assignments + ([executable] + arguments).map(ShellQuote.quote)).joined(separator: " ")
            + " > " + ShellQuote.quote(logPath) + " 2>&1"
    }
}

/// POSIX shell quoting: a word in single quotes, with each `'` written as `'\''`.
enum ShellQuote {
    static func quote(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-=+,:@%".unicodeScalars.contains($0))
        }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
