/// What the command line asks mfsh to do.
enum Invocation: Equatable {
    /// `mfsh` with a terminal on stdin.
    case repl
    /// `mfsh FILE.mf [args]`, or `mfsh - [args]` / piped stdin (path nil).
    case script(path: String?, arguments: [String])
    /// `mfsh -e 'code' [args]`
    case evaluate(code: String, arguments: [String])
    /// `mfsh notebook [--echo] FILE.mf -o report.html [args]`
    case notebook(path: String, output: String, arguments: [String], echo: Bool)
    /// `mfsh kernel -f CONNECTION.json`: serve Jupyter on the sockets the file names.
    case kernel(connectionFile: String)
    /// `mfsh kernel install [--user | --prefix DIR]`: write the Jupyter kernelspec.
    case kernelInstall(KernelSpec.Location)
    /// `mfsh sweep ...`: many runs of one script (see `SweepRequest`).
    case sweep(SweepRequest)
    case help
    /// `mfsh sweep --help`
    case sweepHelp
    case version
    /// `mfsh --reference`: the Markdown command reference generated from the registry.
    case reference
}

/// A command line that cannot be understood (exit status 64).
struct UsageError: Error, Equatable {
    var message: String
    /// The usage text to show with it, when not mfsh's own (`mfsh sweep` has its own).
    var usage: String? = nil
}

enum CommandLineOptions {
    static let usage = """
        usage: mfsh                      start the interactive shell (on a terminal)
               mfsh FILE.mf [ARGS...]    run a script; ARGS are in the list `args`
               mfsh -e CODE [ARGS...]    run CODE
               mfsh - [ARGS...]          run the script on standard input
               mfsh notebook [--echo] FILE.mf -o REPORT.html|REPORT.ipynb [ARGS...]
                                         run a script and write an HTML report or a
                                         Jupyter notebook (--echo: also print its output)
               mfsh kernel install [--user | --prefix DIR]
                                         install the Jupyter kernel "mfsh (MixFlow)"
               mfsh kernel -f CONNECTION.json
                                         run as a Jupyter kernel (Jupyter starts this)
               mfsh sweep FILE.mf KEY=V1,V2 [KEY=A:B:STEP] -o DIR [--jobs N] [--slurm [--submit]]
                                         run the script for every combination; results in
                                         DIR/results.csv (mfsh sweep --help for more)
               mfsh sweep --summary DIR [by=KEY] [plot=RESULT]
                                         mean, sd and n of a sweep's results
               mfsh --help
               mfsh --version            the version, the BLAS in use (kernel core, threads), the CPU
               mfsh --reference          print the command reference (Markdown)

        Standard input that is not a terminal runs as a script, without prompts or colours.
        Exit status: 0 ok, 64 usage, 65 syntax error, 66 file not found, 69 CPU too old for
        this build, 70 runtime error, 130 interrupted.
        History: ~/.mfsh_history (MFSH_HISTORY overrides; empty disables).
        """

    /// Parses `arguments` (without the program name). Options are only read before the script
    /// name; everything after it belongs to the script.
    static func parse(_ arguments: [String], stdinIsTerminal: Bool) throws(UsageError) -> Invocation {
        guard let first = arguments.first else { return stdinIsTerminal ? .repl : .script(path: nil, arguments: []) }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "-h", "--help": return .help
        case "-V", "--version": return .version
        case "--reference": return .reference
        case "-e":
            guard let code = rest.first else { throw UsageError(message: "-e needs code to run, e.g. mfsh -e 'print 1 + 1'") }
            return .evaluate(code: code, arguments: Array(rest.dropFirst()))
        case "-": return .script(path: nil, arguments: rest)
        case "notebook": return try parseNotebook(rest)
        case "kernel": return try parseKernel(rest)
        case "sweep":
            if rest.first == "--help" || rest.first == "-h" { return .sweepHelp }
            do {
                return .sweep(try SweepRequest.parse(rest))
            } catch {
                throw UsageError(message: error.message, usage: SweepRequest.usage)
            }
        default:
            if first.hasPrefix("-") { throw UsageError(message: "unknown option '\(first)'") }
            return .script(path: first, arguments: rest)
        }
    }

    /// `kernel -f FILE`, `kernel install`, `kernel install --user`, `kernel install --prefix DIR`.
    private static func parseKernel(_ arguments: [String]) throws(UsageError) -> Invocation {
        switch arguments.first {
        case "-f", "--connection-file":
            guard arguments.count == 2 else { throw UsageError(message: "kernel -f needs one connection file: mfsh kernel -f CONNECTION.json") }
            return .kernel(connectionFile: arguments[1])
        case "install":
            let options = Array(arguments.dropFirst())
            switch options.first {
            case nil: return .kernelInstall(.system)
            case "--user" where options.count == 1: return .kernelInstall(.user)
            case "--prefix" where options.count == 2: return .kernelInstall(.prefix(options[1]))
            default: throw UsageError(message: "kernel install takes --user or --prefix DIR, got '\(options.joined(separator: " "))'")
            }
        default:
            throw UsageError(message: "kernel needs 'install' or '-f CONNECTION.json'")
        }
    }

    /// `-o FILE` may come before or after the script, `--echo` before it; other words after the
    /// script are its arguments (`mfsh notebook run.mf -o r.html quick seed=2`).
    private static func parseNotebook(_ arguments: [String]) throws(UsageError) -> Invocation {
        var path: String?
        var output: String?
        var scriptArguments: [String] = []
        var echo = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "-o" || argument == "--output" {
                guard index + 1 < arguments.count else { throw UsageError(message: "\(argument) needs a file name") }
                output = arguments[index + 1]
                index += 2
                continue
            }
            if path != nil {
                scriptArguments.append(argument)
            } else if argument == "--echo" {
                echo = true
            } else if argument.hasPrefix("-") {
                throw UsageError(message: "unknown notebook option '\(argument)'")
            } else {
                path = argument
            }
            index += 1
        }
        guard let path else { throw UsageError(message: "notebook needs a script: mfsh notebook FILE.mf -o REPORT.html") }
        guard let output else { throw UsageError(message: "notebook needs an output file: -o REPORT.html or -o REPORT.ipynb") }
        return .notebook(path: path, output: output, arguments: scriptArguments, echo: echo)
    }
}
