import CReadline
import Foundation
import Lang
import MixFlowOps
import Notebook
import Runtime

/// `mfsh notebook script.mf -o report.html [args]`: runs the script cell by cell (cells cut at `##`
/// comments) in echo mode, records each cell's output and time, and writes one self-contained
/// HTML report, or a Jupyter notebook when the name ends in `.ipynb`. The header records how
/// the run was made (arguments, seed, wall time, mfsh version, BLAS core); plots the script
/// writes by a bare file name go beside the report. The report is written whatever happens; the exit status is the script runner's
/// (65 syntax error, 70 runtime error, 130 interrupted).
enum NotebookRunner {
    static func run(script path: String, report reportPath: String, arguments: [String], echo: Bool, output: TerminalOutput) -> Int32 {
        guard let data = ScriptRunner.readScript(path, output: output) else { return 66 }
        if let problem = reportDirectoryProblem(reportPath) {
            output.writeError("mfsh: \(problem)\n")
            return 73
        }
        let file = SourceFile(name: path, text: String(decoding: data, as: UTF8.self))
        let started = ProcessInfo.processInfo.systemUptime
        var document = NotebookDocument(title: (path as NSString).lastPathComponent, date: NotebookRunner.now(),
                                        arguments: arguments, machine: BLASEnvironment.current().summary,
                                        versions: NotebookVersions.all())
        let status: Int32
        let parsed = ScriptRunner.invalidUTF8(data, in: file).map { ParseResult(program: Program(statements: []), diagnostics: [$0], isIncomplete: false) }
            ?? parse(file)
        if parsed.diagnostics.isEmpty {
            let reportDirectory = (reportPath as NSString).deletingLastPathComponent
            let sink = NotebookOutput(terminal: output, echo: echo, plotDirectory: reportDirectory.isEmpty ? nil : reportDirectory)
            let interpreter = Interpreter(output: sink, scriptArguments: arguments)
            SignalHandling.installRunHandler()
            status = runCells(NotebookCells.split(parsed.program, file: file), file, interpreter, sink, output, into: &document)
            document.seed = String(interpreter.currentSeed)
        } else {
            output.report(parsed.diagnostics)
            document.cells = syntaxErrorCells(file, parsed.diagnostics)
            status = 65
        }
        document.totalSeconds = ProcessInfo.processInfo.systemUptime - started
        do {
            try document.write(to: reportPath)
        } catch {
            output.writeError("mfsh: \(error)\n")
            return 73
        }
        output.write("wrote \(reportPath)\n")
        return status
    }

    /// Runs the code cells in order; after a failure (or `exit`) the rest are marked not run.
    private static func runCells(_ parts: [NotebookCells.Part], _ file: SourceFile, _ interpreter: Interpreter,
                                 _ sink: NotebookOutput, _ terminal: TerminalOutput,
                                 into document: inout NotebookDocument) -> Int32 {
        var status: Int32 = 0
        var stopped = false
        for part in parts {
            switch part {
            case .markdown(let text):
                document.cells.append(.markdown(text))
            case .code(let code):
                var cell = CodeCell(source: code.source, firstLine: code.firstLine, status: .notRun)
                if !stopped {
                    let started = ProcessInfo.processInfo.systemUptime
                    let outcome = interpreter.run(Program(statements: code.statements), in: file, echo: true)
                    cell.seconds = ProcessInfo.processInfo.systemUptime - started
                    cell.outputs = sink.takeOutputs()
                    cell.status = cellStatus(outcome, terminal)
                    if case .ok = outcome {} else {
                        stopped = true
                        status = outcome.exitCode
                    }
                }
                document.cells.append(.code(cell))
            }
        }
        return status
    }

    /// How a cell ended; errors are also reported on stderr, as the script runner does.
    private static func cellStatus(_ outcome: Interpreter.Outcome, _ terminal: TerminalOutput) -> CellStatus {
        switch outcome {
        case .ok, .incomplete, .exit: return .ok
        case .runtimeError(let diagnostic), .missingInput(let diagnostic), .interrupted(let diagnostic):
            terminal.report([diagnostic])
            return .failed(DiagnosticRenderer.render(diagnostic, color: false))
        case .syntaxErrors(let diagnostics):
            terminal.report(diagnostics)
            return .failed(DiagnosticRenderer.render(diagnostics, color: false))
        }
    }

    /// A report for a script that does not parse: the errors, and the script as one cell.
    private static func syntaxErrorCells(_ file: SourceFile, _ diagnostics: [Diagnostic]) -> [NotebookCell] {
        let note = "**The script did not run:** it has \(diagnostics.count == 1 ? "a syntax error" : "\(diagnostics.count) syntax errors")."
        let cell = CodeCell(source: file.text, firstLine: 1, status: .failed(DiagnosticRenderer.render(diagnostics, color: false)))
        return [.markdown(note), .code(cell)]
    }

    /// Why the report could not be written, checked before running the script.
    private static func reportDirectoryProblem(_ path: String) -> String? {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "cannot write '\(path)': directory '\(directory)' does not exist"
        }
        guard FileManager.default.isWritableFile(atPath: directory) else { return "cannot write '\(path)': permission denied" }
        return AtomicFile.problem(writing: path)?.description
    }

    /// The local date and time, minutes precision.
    private static func now() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date())
    }
}
