import CReadline
import Foundation
import Lang
import MixFlowOps
import Runtime

/// Non-interactive runs: a script file, `-e` code, or standard input. Returns the exit status.
enum ScriptRunner {
    static func run(_ invocation: Invocation, output: TerminalOutput) -> Int32 {
        let source: SourceFile
        let arguments: [String]
        switch invocation {
        case let .script(path?, scriptArguments):
            guard let data = readScript(path, output: output) else { return 66 }
            source = SourceFile(name: path, text: String(decoding: data, as: UTF8.self))
            if let problem = invalidUTF8(data, in: source) { return report(.syntaxErrors([problem]), output: output) }
            arguments = scriptArguments
        case let .script(nil, scriptArguments):
            let data = FileHandle.standardInput.readDataToEndOfFile()
            source = SourceFile(name: "<stdin>", text: String(decoding: data, as: UTF8.self))
            if let problem = invalidUTF8(data, in: source) { return report(.syntaxErrors([problem]), output: output) }
            arguments = scriptArguments
        case let .evaluate(code, scriptArguments):
            source = SourceFile(name: "<-e>", text: code)
            arguments = scriptArguments
        default:
            preconditionFailure("not a script invocation: \(invocation)")
        }
        let interpreter = Interpreter(output: output, scriptArguments: arguments)
        let started = monotonicNanoseconds()
        output.resultsFile = ProcessInfo.processInfo.environment[RunResultsFile.environmentKey].map(RunResultsFile.init)
        SignalHandling.installRunHandler()
        let outcome = interpreter.run(source)
        let status = report(outcome, output: output)
        recordExit(status, since: started, output: output)
        return status
    }

    /// In a sweep, the run's last line of record: its exit status and time.
    private static func recordExit(_ status: Int32, since started: Int64, output: TerminalOutput) {
        guard let file = output.resultsFile else { return }
        do {
            try file.appendExit(status, seconds: Double(monotonicNanoseconds() - started) / 1e9)
        } catch {
            output.warning("cannot record the end of this sweep run: \(error)")
        }
    }

    /// Prints what went wrong (if anything) and gives the exit status.
    static func report(_ outcome: Interpreter.Outcome, output: TerminalOutput) -> Int32 {
        switch outcome {
        case .syntaxErrors(let diagnostics): output.report(diagnostics)
        case .runtimeError(let diagnostic), .missingInput(let diagnostic), .interrupted(let diagnostic): output.report([diagnostic])
        case .ok, .incomplete, .exit: break
        }
        fflush(mf_stdout())
        return outcome.exitCode
    }

    /// A syntax error at the first byte of `data` that is not UTF-8, or nil when all of it is.
    /// `file` holds the decoded text; the bytes before the bad one decode unchanged, so the
    /// offset is the same in both.
    static func invalidUTF8(_ data: Data, in file: SourceFile) -> Diagnostic? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error:
                let byte = String(data[data.startIndex + offset], radix: 16, uppercase: true)
                return Diagnostic.error("the file is not valid UTF-8 (byte 0x\(byte))", in: file, at: .point(offset),
                                        hint: "save the script as UTF-8 text")
            }
        }
    }

    /// The script's bytes, or nil after reporting why it cannot be read.
    static func readScript(_ path: String, output: TerminalOutput) -> Data? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            output.writeError("mfsh: cannot open '\(path)': no such file\n")
            return nil
        }
        guard !isDirectory.boolValue else {
            output.writeError("mfsh: cannot run '\(path)': it is a directory\n")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            output.writeError("mfsh: cannot read '\(path)': permission denied or unreadable\n")
            return nil
        }
        AtomicFile.protect(path, role: "the running script")
        return data
    }
}
