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
    case .kernel(let connectionFile):
        return Kernel.run(connectionFile: connectionFile, terminal: output)
    case .kernelInstall(let location):
        return KernelSpec.install(at: location, output: output)
    case .notebook(let path, let report, let arguments, let echo):
        return NotebookRunner.run(script: path, report: report, arguments: arguments, echo: echo, output: output)
    case .script, .evaluate:
        return ScriptRunner.run(invocation, output: output)
    }
}

/// `MFSH_TEST_INTERRUPT_AFTER_POLLS=N`: a SIGINT raised from inside the work after N interrupt
/// polls, so tests of Ctrl-C do not race a timer against the machine's speed.
func armTestInterrupt() {
    guard let text = ProcessInfo.processInfo.environment["MFSH_TEST_INTERRUPT_AFTER_POLLS"],
          let polls = Int(text), polls > 0 else { return }
    Interrupt.interrupt(afterPolls: polls) { _ = raise(SIGINT) }
}

armTestInterrupt()
let status = mfshMain()
fflush(mf_stdout())
exit(status)
