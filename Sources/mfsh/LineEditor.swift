import CReadline
import Foundation
import Runtime

/// GNU readline through its callback interface, so the REPL owns the wait for input: a
/// Ctrl-C at the prompt interrupts `poll`, and the REPL clears the line and starts over.
/// readline's C callbacks reach Swift state through `LineEditor.shared` on the main actor.
@MainActor
final class LineEditor {
    enum Input {
        case line(String)
        case endOfFile
        /// Ctrl-C at the prompt: the line (and any pending continuation) was discarded.
        case interrupted
    }

    static var shared: LineEditor?

    /// Completion for the text before the cursor: the word readline should replace and the
    /// candidates for it.
    var complete: (_ line: String, _ cursor: Int) -> CompletionResult = { _, _ in CompletionResult(word: "", candidates: []) }
    fileprivate var receivedLine: String??
    fileprivate var pendingCandidates: [String] = []

    init(historyLines: [String]) {
        mf_rl_set_readline_name(LineEditor.persistent("mfsh"))
        // Signals stay ours: readline must not install SIGINT handlers of its own.
        mf_rl_set_catch_signals(0)
        mf_rl_set_catch_sigwinch(1)
        mf_rl_set_completer_word_break_characters(LineEditor.wordBreaks)
        mf_rl_set_basic_word_break_characters(LineEditor.wordBreaks)
        // The runtime finds strings itself. Left at its default ("\"'"), readline would treat
        // the quote before a file name as a delimiter and append a closing quote after it.
        mf_rl_set_basic_quote_characters(LineEditor.persistent(""))
        mf_rl_set_attempted_completion(completionHook)
        mf_rl_set_sort_completion_matches(0)
        stifle_history(Int32(History.maxEntries))
        for line in historyLines { add_history(line) }
        LineEditor.shared = self
    }

    /// readline keeps the string pointers it is given, so they must outlive the call (a Swift
    /// string passed as `const char *` is only valid during the call). Made once, never freed.
    private static func persistent(_ text: String) -> UnsafePointer<CChar> { UnsafePointer(strdup(text)!) }
    private static let wordBreaks = persistent(Interpreter.completionWordBreaks)

    /// Reads one line with `prompt`, waiting in `poll` so Ctrl-C can interrupt the wait.
    func readLine(prompt: String) -> Input {
        receivedLine = nil
        rl_callback_handler_install(prompt, lineHook)
        defer { rl_callback_handler_remove() }
        while receivedLine == nil {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, -1)
            if SignalHandling.takePromptInterrupt() {
                discardLine()
                return .interrupted
            }
            if ready < 0 { continue }
            rl_callback_read_char()
        }
        guard case .some(.some(let line)) = receivedLine else { return .endOfFile }
        return .line(line)
    }

    func addToHistory(_ line: String) {
        add_history(line)
    }

    private func discardLine() {
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_replace_line("", 0)
        fputs("^C\n", mf_stdout())
        fflush(mf_stdout())
    }

    fileprivate func candidates(text: String) -> [String] {
        let line = String(cString: mf_rl_line_buffer())
        let result = complete(line, Int(mf_rl_point()))
        // readline replaces `text` (split at its break characters); the runtime's word may be
        // longer or shorter. Rewrite each candidate as a replacement for `text`.
        return result.candidates.compactMap { candidate in
            if text.count >= result.word.count {
                return String(text.dropLast(result.word.count)) + candidate
            }
            let extra = result.word.count - text.count
            return candidate.hasPrefix(result.word.prefix(extra)) ? String(candidate.dropFirst(extra)) : nil
        }
    }
}

/// readline calls this with each finished line (nil at end of input).
private let lineHook: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { pointer in
    let line = pointer.map { String(cString: $0) }
    free(pointer)
    MainActor.assumeIsolated {
        LineEditor.shared?.receivedLine = .some(line)
        // Stop readline from redrawing the prompt while the entry runs.
        rl_callback_handler_remove()
    }
}

/// readline's completion entry point: all candidates at once, no file-name fallback.
private let completionHook: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
    mf_rl_set_attempted_completion_over(1)
    let word = text.map { String(cString: $0) } ?? ""
    let candidates = MainActor.assumeIsolated { LineEditor.shared?.candidates(text: word) ?? [] }
    guard !candidates.isEmpty else { return nil }
    if candidates.count == 1, let last = candidates[0].last, "=/.".contains(last) {
        mf_rl_set_completion_suppress_append(1)
    }
    MainActor.assumeIsolated { LineEditor.shared?.pendingCandidates = candidates }
    return mf_rl_completion_matches(text, candidateGenerator)
}

/// Hands readline the pending candidates one by one (`state` 0 starts over).
private let candidateGenerator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
    let candidate: String? = MainActor.assumeIsolated {
        guard let editor = LineEditor.shared, Int(state) < editor.pendingCandidates.count else { return nil }
        return editor.pendingCandidates[Int(state)]
    }
    return candidate.map { strdup($0) }
}
