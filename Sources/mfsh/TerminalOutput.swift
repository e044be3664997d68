import CReadline
import Foundation
import Lang
import Runtime

/// The output sink of the command line: results to stdout, warnings, diagnostics and progress
/// to stderr. Colours and the live progress bar only when stderr is a terminal.
final class TerminalOutput: OutputSink {
    let stderrIsTerminal: Bool
    let useColor: Bool
    /// A live progress line is on screen and must be cleared before other output.
    private var progressShown = false
    /// Set when this process is one run of a sweep: `result` is recorded there too.
    var resultsFile: RunResultsFile?

    init() {
        stderrIsTerminal = isatty(STDERR_FILENO) == 1
        useColor = stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    func write(_ text: String) {
        clearProgress()
        fputs(text, mf_stdout())
        if isatty(STDOUT_FILENO) == 1 { fflush(mf_stdout()) }
    }

    func warning(_ message: String) {
        writeError((useColor ? "\u{1B}[1;35mwarning:\u{1B}[0m " : "warning: ") + message + "\n")
    }

    func progress(_ line: String, final: Bool) {
        if final {
            clearProgress()
            writeError(line + "\n")
        } else if stderrIsTerminal {
            fflush(mf_stdout())
            writeErrorRaw("\r" + String(line.prefix(terminalWidth() - 1)) + "\u{1B}[K")
            progressShown = true
        }
    }

    var showsLiveProgress: Bool { stderrIsTerminal }

    func result(_ name: String, _ value: Value) throws {
        write(name + " = " + value.displayString + "\n")
        try resultsFile?.appendResult(name, value)
    }

    /// Renders diagnostics to stderr (with colour on a terminal).
    func report(_ diagnostics: [Diagnostic]) {
        writeError(DiagnosticRenderer.render(diagnostics, color: useColor) + "\n")
    }

    func writeError(_ text: String) {
        clearProgress()
        writeErrorRaw(text)
    }

    private func writeErrorRaw(_ text: String) {
        fflush(mf_stdout())
        fputs(text, mf_stderr())
        fflush(mf_stderr())
    }

    private func clearProgress() {
        guard progressShown else { return }
        progressShown = false
        fputs("\r\u{1B}[K", mf_stderr())
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 { return Int(size.ws_col) }
        return 80
    }
}
