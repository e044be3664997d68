import Foundation
import Lang
import MixFlowOps
import Runtime

/// The REPL's own commands, which start with `:`.
enum MetaCommand: String, CaseIterable {
    case vars, reset, load, save, time, quit, help

    var summary: String {
        switch self {
        case .vars: return ":vars             list the variables of this session"
        case .reset: return ":reset            forget every variable and function, restart the seed"
        case .load: return ":load FILE        run a script in this session"
        case .save: return ":save FILE        write the entries that ran without error as a script"
        case .time: return ":time CODE        run CODE and show how long it took"
        case .quit: return ":quit             leave (Ctrl-D does the same)"
        case .help: return ":help             this list"
        }
    }
}

extension REPL {
    func runMetaCommand(_ text: String) {
        let body = text.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        guard let command = MetaCommand(rawValue: name) else {
            let suggestion = closestMatch(to: name, among: MetaCommand.allCases.map(\.rawValue))
            output.writeError("unknown shell command ':\(name)'" + (suggestion.map { "; did you mean ':\($0)'?" } ?? "; :help lists them") + "\n")
            return
        }
        switch command {
        case .vars: listVariables()
        case .reset:
            interpreter.reset()
            sessionLog.removeAll()
            output.write("session reset\n")
        case .load: load(argument)
        case .save: save(argument)
        case .time: time(argument)
        case .quit: finished = 0
        case .help: output.write(MetaCommand.allCases.map(\.summary).joined(separator: "\n") + "\n")
        }
    }

    private func listVariables() {
        let variables = interpreter.variables.filter { $0.name != "args" }
        if variables.isEmpty { return output.write("no variables yet\n") }
        let width = variables.map(\.name.count).max()!
        for (name, value) in variables {
            output.write(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(value.typeName.padding(toLength: 8, withPad: " ", startingAt: 0))  \(value.echoString)\n")
        }
    }

    private func load(_ path: String) {
        guard !path.isEmpty else { return output.writeError(":load needs a file name\n") }
        guard let data = ScriptRunner.readScript(path, output: output) else { return }
        let file = SourceFile(name: path, text: String(decoding: data, as: UTF8.self))
        if let problem = ScriptRunner.invalidUTF8(data, in: file) { return output.report([problem]) }
        SignalHandling.installRunHandler()
        let outcome = interpreter.run(file)
        SignalHandling.installPromptHandler()
        if case .exit(let code) = outcome { finished = code }
        if case .ok = outcome { sessionLog.append("source " + quotedPath(path)) }
        _ = ScriptRunner.report(outcome, output: output)
    }

    private func save(_ path: String) {
        guard !path.isEmpty else { return output.writeError(":save needs a file name\n") }
        let script = "# mfsh session saved \(Date())\n" + sessionLog.map { $0 + "\n" }.joined()
        do {
            try AtomicFile.write(script, to: path)
            output.write("saved \(sessionLog.count) entr\(sessionLog.count == 1 ? "y" : "ies") to \(path)\n")
        } catch {
            output.writeError("\(error)\n")
        }
    }

    private func time(_ code: String) {
        guard !code.isEmpty else { return output.writeError(":time needs code to run, e.g. :time sum 0:1000000\n") }
        let start = monotonicNanoseconds()
        if evaluate(code) { return output.writeError(":time needs a complete entry on one line\n") }
        let milliseconds = Double(monotonicNanoseconds() - start) / 1e6
        output.write(String(format: "time: %.3f ms\n", milliseconds))
    }

    private func quotedPath(_ path: String) -> String {
        "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
