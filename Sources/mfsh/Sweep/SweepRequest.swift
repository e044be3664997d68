/// What `mfsh sweep ...` asks for, from its command line.
enum SweepRequest: Equatable {
    /// `mfsh sweep SCRIPT KEY=V1,V2 [KEY=A:B:STEP] [WORD...] [--jobs N] -o DIR [--slurm ...]`
    case run(SweepRunOptions)
    /// `mfsh sweep --summary DIR [by=KEY[,KEY...]] [plot=RESULT] [to=FILE.svg]`
    case summary(directory: String, by: [String], plot: String?, svgPath: String?)
    /// `mfsh sweep --finish-run DIR NAME STATUS`: the last line of a SLURM task.
    case finishRun(directory: String, name: String, status: Int32)

    static let usage = """
        usage: mfsh sweep SCRIPT KEY=V1,V2,... [KEY=A:B:STEP] [WORD...] -o DIR [--jobs N]
                          [--slurm [--slurm-opt OPTION]... [--submit]]
               mfsh sweep --summary DIR [by=KEY[,KEY...]] [plot=RESULT [to=FILE.svg]]
        Runs SCRIPT once per combination of the values (mfsh SCRIPT KEY=value ... WORD...), at
        most N at once (default: one per core), and gathers what each run declared with
        result(name, value) into DIR/results.csv. Running it again resumes: combinations
        already done are skipped. --slurm writes DIR/sweep.sbatch, a job array with one task per
        combination; --submit also hands it to sbatch.
        """
}

struct SweepRunOptions: Equatable {
    var script: String
    var parameters: [SweepParameter] = []
    var fixedArguments: [String] = []
    var directory: String
    /// Nil: one per core.
    var jobs: Int?
    var slurm = false
    var submit = false
    var slurmOptions: [String] = []
}

extension SweepRequest {
    /// Parses the words after `mfsh sweep`. Options may come anywhere; the first other word is
    /// the script, later words with `=` are parameters and the rest are passed to every run.
    static func parse(_ words: [String]) throws(UsageError) -> SweepRequest {
        var reader = WordReader(words: words)
        if words.first == "--summary" { return try parseSummary(&reader) }
        if words.first == "--finish-run" { return try parseFinishRun(&reader) }
        var script: String?
        var directory: String?
        var options = SweepRunOptions(script: "", directory: "")
        while let word = reader.next() {
            switch word {
            case "-o", "--output": directory = try reader.value(for: word)
            case "-j", "--jobs":
                let text = try reader.value(for: word)
                guard let jobs = Int(text), (1...4096).contains(jobs) else {
                    throw UsageError(message: "\(word) needs a number of runs at once from 1 to 4096, got '\(text)'")
                }
                options.jobs = jobs
            case "--slurm": options.slurm = true
            case "--submit": options.slurm = true; options.submit = true
            case "--slurm-opt": options.slurmOptions.append(try reader.value(for: word))
            default:
                if word.hasPrefix("--slurm-opt=") {
                    options.slurmOptions.append(String(word.dropFirst("--slurm-opt=".count)))
                } else if word.hasPrefix("-") {
                    throw UsageError(message: "unknown sweep option '\(word)'")
                } else if script == nil {
                    script = word
                } else if word.contains("=") {
                    let parameter = try SweepParameter.parse(word)
                    guard !options.parameters.contains(where: { $0.key == parameter.key }) else {
                        throw UsageError(message: "parameter '\(parameter.key)' is given twice; list all its values in one \(parameter.key)=V1,V2")
                    }
                    options.parameters.append(parameter)
                } else {
                    options.fixedArguments.append(word)
                }
            }
        }
        guard let script else { throw UsageError(message: "sweep needs a script: mfsh sweep run.mf seed=1,2,3 -o out") }
        guard !options.parameters.isEmpty else { throw UsageError(message: "sweep needs at least one parameter, e.g. seed=1,2,3") }
        guard let directory else { throw UsageError(message: "sweep needs an output directory: -o DIR") }
        options.script = script
        options.directory = directory
        return .run(options)
    }

    private static func parseSummary(_ reader: inout WordReader) throws(UsageError) -> SweepRequest {
        _ = reader.next()
        guard let directory = reader.next(), !directory.hasPrefix("-") else {
            throw UsageError(message: "--summary needs the sweep's directory: mfsh sweep --summary DIR")
        }
        var by: [String] = [], plot: String?, svgPath: String?
        while let word = reader.next() {
            if word.hasPrefix("by=") {
                by = word.dropFirst(3).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard !by.contains(""), Set(by).count == by.count else {
                    throw UsageError(message: "by= takes parameter names separated by commas, each once, e.g. by=I,model")
                }
            } else if word.hasPrefix("plot=") {
                plot = String(word.dropFirst(5))
            } else if word.hasPrefix("to=") {
                svgPath = String(word.dropFirst(3))
                guard svgPath!.hasSuffix(".svg") else { throw UsageError(message: "to= names an SVG file, e.g. to=w2.svg") }
            } else {
                throw UsageError(message: "--summary takes by=KEY, plot=RESULT and to=FILE.svg, not '\(word)'")
            }
        }
        if svgPath != nil && plot == nil { throw UsageError(message: "to= goes with plot=RESULT") }
        return .summary(directory: directory, by: by, plot: plot, svgPath: svgPath)
    }

    private static func parseFinishRun(_ reader: inout WordReader) throws(UsageError) -> SweepRequest {
        _ = reader.next()
        guard let directory = reader.next(), let name = reader.next(), let statusText = reader.next(),
              let status = Int32(statusText), reader.next() == nil else {
            throw UsageError(message: "--finish-run takes DIR RUN-NAME EXIT-STATUS (it is the last line of a SLURM task)")
        }
        return .finishRun(directory: directory, name: name, status: status)
    }
}

/// Walks through command-line words.
private struct WordReader {
    let words: [String]
    var index = 0

    mutating func next() -> String? {
        guard index < words.count else { return nil }
        defer { index += 1 }
        return words[index]
    }

    mutating func value(for option: String) throws(UsageError) -> String {
        guard let value = next() else { throw UsageError(message: "\(option) needs a value") }
        return value
    }
}
