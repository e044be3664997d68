import Foundation

/// Where a sweep keeps its files, under the directory given with `-o DIR`:
///
///     DIR/sweep.json              the plan (script, parameters), for resuming and --summary
///     DIR/results.csv             one row per combination
///     DIR/runs/NAME/run.log       the run's standard output and error
///     DIR/runs/NAME/results.jsonl what the run recorded with result(), and how it ended
///     DIR/runs/NAME/...           files the script wrote (each run works in its own directory)
///     DIR/sweep.sbatch            the SLURM job array (--slurm)
///     DIR/slurm/                  SLURM's own output per array task
struct SweepLayout {
    /// Absolute.
    let directory: String

    init(directory: String) {
        let absolute = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        self.directory = URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    var planPath: String { directory + "/sweep.json" }
    var resultsPath: String { directory + "/results.csv" }
    var lockPath: String { directory + "/.results.lock" }
    var runsDirectory: String { directory + "/runs" }
    var sbatchPath: String { directory + "/sweep.sbatch" }
    var slurmOutputDirectory: String { directory + "/slurm" }

    func runDirectory(_ name: String) -> String { runsDirectory + "/" + name }
    func logPath(_ name: String) -> String { runDirectory(name) + "/run.log" }
    func recordPath(_ name: String) -> String { runDirectory(name) + "/results.jsonl" }
    func record(_ name: String) -> RunResultsFile { RunResultsFile(path: recordPath(name)) }

    /// Creates `path` and its parents; a file in the way is an error naming it.
    static func makeDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw RecordError("'\(path)' exists and is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RecordError("cannot create directory '\(path)': \(error.localizedDescription)")
        }
    }

    /// Readies a run's directory for a fresh start: the old log and record go (files the script
    /// wrote stay, and are overwritten as the script writes them again).
    func prepareRun(_ name: String) throws {
        try Self.makeDirectory(runDirectory(name))
        for path in [logPath(name), recordPath(name)] {
            if unlink(path) != 0 && errno != ENOENT {
                throw RecordError("cannot remove '\(path)': \(String(cString: strerror(errno)))")
            }
        }
    }
}
