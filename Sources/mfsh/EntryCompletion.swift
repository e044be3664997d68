import Runtime

/// Completion of one entry, shared by the REPL (readline) and the Jupyter kernel: `:` shell
/// commands, `?NAME` help topics, and otherwise the interpreter's completion.
enum EntryCompletion {
    static func complete(line: String, cursor: Int, interpreter: Interpreter, metaCommands: [String]) -> CompletionResult {
        if line.hasPrefix(":"), !line.contains(" ") {
            let word = String(line.prefix(cursor))
            return CompletionResult(word: word, candidates: metaCommands.map { ":" + $0 }.filter { $0.hasPrefix(word) })
        }
        if line.hasPrefix("?") {
            let inner = interpreter.completions(line: String(line.dropFirst()), cursor: max(0, cursor - 1))
            return CompletionResult(word: "?" + inner.word, candidates: inner.candidates.map { "?" + $0 })
        }
        return interpreter.completions(line: line, cursor: cursor)
    }
}
