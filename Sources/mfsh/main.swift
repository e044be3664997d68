import CReadline
// mfsh: the MixFlow shell. A thin front end over Runtime (as lua.c is over Lua): parse the
// command line, then run a script, `-e` code, standard input, or the interactive REPL.
import Foundation
import MixFlowOps
import Runtime

enum MfshVersion {
    static let string = mfshVersion
}

@MainActor
func mfshMain() -> Int32 {
    let output = TerminalOutput()
    let invocation: Invocation
    do {
        invocation = try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst()),
                                                  stdinIsTerminal: isatty(STDIN_FILENO) == 1)
    } catch {
        output.writeError("mfsh: \(error.message)\n\(error.usage ?? CommandLineOptions.usage)\n")
        return 64
    }
    switch invocation {
    case .help:
        output.write(CommandLineOptions.usage + "\n")
        return 0
    case .sweepHelp:
        output.write(SweepRequest.usage + "\n")
        return 0
    case .sweep(let request):
        return SweepCommand.run(request, output: output)
    case .version:
        output.write("mfsh \(MfshVersion.string)\nBLAS: \(BLASEnvironment.current().summary)\nCPU: \(CPUDescription.current().summary)\n")
        return 0
    case .reference:
        output.write(BuiltinRegistry.standard().markdownReference())
        return 0
    case .repl:
        return REPL(output: output).run()
    case .notebook(let path, let report, let arguments, let echo):
        return NotebookRunner.run(script: path, report: report, arguments: arguments, echo: echo, output: output)
    case .script, .evaluate:
        return ScriptRunner.run(invocation, output: output)
    }
}

let status = mfshMain()
fflush(mf_stdout())
exit(status)
