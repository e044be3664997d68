import Foundation
import Lang
import Runtime

/// The interactive shell: read an entry (continuing with `..> ` while the parser says the input
/// is incomplete), run it with results echoed, repeat. Also `?NAME` and the `:` meta-commands.
@MainActor
final class REPL {
    static let prompt = "mf> "
    static let continuationPrompt = "..> "

    let output: TerminalOutput
    var interpreter: Interpreter
    let editor: LineEditor
    let history: History
    /// Entries that ran without error, for `:save`.
    var sessionLog: [String] = []
    var entryNumber = 0
    var finished: Int32?

    init(output: TerminalOutput) {
        self.output = output
        interpreter = Interpreter(output: output)
        history = History(warn: { output.warning($0) })
        editor = LineEditor(historyLines: history.load())
        editor.complete = { [unowned self] line, cursor in self.complete(line, cursor) }
    }

    /// Runs until `:quit`, `exit`, or end of input; returns the exit status.
    func run() -> Int32 {
        output.write("mfsh \(MfshVersion.string) — 'help' lists commands, ':help' the shell's own, Ctrl-D quits\n")
        SignalHandling.installPromptHandler()
        var pending = ""
        while finished == nil {
            switch editor.readLine(prompt: pending.isEmpty ? REPL.prompt : REPL.continuationPrompt) {
            case .endOfFile:
                output.write("\n")
                return 0
            case .interrupted:
                pending = ""
            case .line(let line):
                if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    editor.addToHistory(line)
                    history.append(line)
                }
                pending = handle(pending.isEmpty ? line : pending + "\n" + line)
            }
        }
        return finished ?? 0
    }

    /// Handles an entry; returns the text still waiting for a continuation line ("" if none).
    private func handle(_ entry: String) -> String {
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "" }
        if trimmed.hasPrefix(":") {
            runMetaCommand(trimmed)
            return ""
        }
        if trimmed.hasPrefix("?") {
            output.write(HelpText.help(named: String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces),
                                       registry: interpreter.registry))
            return ""
        }
        return evaluate(entry) ? entry : ""
    }

    /// Runs one entry; returns true when it is incomplete and needs more lines.
    @discardableResult
    func evaluate(_ entry: String) -> Bool {
        entryNumber += 1
        let file = SourceFile(name: "<repl:\(entryNumber)>", text: entry)
        SignalHandling.installRunHandler()
        let outcome = interpreter.runEntry(file)
        SignalHandling.installPromptHandler()
        switch outcome {
        case .incomplete:
            entryNumber -= 1
            return true
        case .ok:
            sessionLog.append(entry)
        case .exit(let code):
            finished = code
        case .syntaxErrors(let diagnostics):
            output.report(diagnostics)
        case .runtimeError(let diagnostic), .missingInput(let diagnostic):
            output.report([diagnostic])
        case .interrupted(let diagnostic):
            output.writeError("\n")  // the terminal echoed ^C without a line break
            output.report([diagnostic])
            output.write("(stopped; variables keep the values they had)\n")
        }
        return false
    }

    private func complete(_ line: String, _ cursor: Int) -> CompletionResult {
        EntryCompletion.complete(line: line, cursor: cursor, interpreter: interpreter,
                                 metaCommands: MetaCommand.allCases.map(\.rawValue))
    }
}
