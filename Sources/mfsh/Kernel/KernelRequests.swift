import Foundation
import Lang
import Runtime

/// The shell requests that touch the session: execute, complete, inspect, is_complete.
extension Kernel {
    func execute(_ request: JupyterMessage) {
        let code = request.content["code"] as? String ?? ""
        let silent = request.content["silent"] as? Bool ?? false
        if !silent {
            executionCount += 1
            publish("execute_input", ["code": code, "execution_count": executionCount], parent: request)
        }
        output.begin(executionCount: executionCount)
        self.silent = silent
        let failure = run(code)
        self.silent = false
        var content: [String: Any] = ["execution_count": executionCount]
        if let failure {
            let error: [String: Any] = ["ename": failure.name, "evalue": failure.value, "traceback": failure.traceback]
            if !silent { publish("error", error, parent: request) }
            content.merge(error) { $1 }
            content["status"] = "error"
        } else {
            content.merge(["status": "ok", "user_expressions": [String: Any](), "payload": [Any]()]) { $1 }
        }
        reply(request, content)
    }

    struct Failure {
        var name: String
        var value: String
        var traceback: [String]

        init(_ name: String, _ diagnostics: [Diagnostic]) {
            self.name = name
            value = diagnostics.first?.message ?? name
            traceback = DiagnosticRenderer.render(diagnostics, color: false).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Runs one cell as a REPL entry (bare expressions echoed); `?NAME` shows help as in the
    /// REPL. Returns what went wrong, nil when it ran.
    private func run(_ code: String) -> Failure? {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("?") {
            output.write(HelpText.help(named: String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces), registry: interpreter.registry))
            return nil
        }
        let file = SourceFile(name: "<cell \(executionCount)>", text: code)
        SignalHandling.installRunHandler()
        var outcome = interpreter.runEntry(file)
        SignalHandling.installPromptHandler()
        // Input that ends too early is the cell's syntax error; parse it as a whole script to say where.
        if case .incomplete = outcome { outcome = interpreter.run(file) }
        switch outcome {
        case .ok, .incomplete: return nil
        case .exit:
            output.stream("stderr", "exit ends scripts; in a notebook, restart the kernel to start over\n")
            return nil
        case .syntaxErrors(let diagnostics): return Failure("SyntaxError", diagnostics)
        case .runtimeError(let diagnostic), .missingInput(let diagnostic): return Failure("Error", [diagnostic])
        case .interrupted(let diagnostic):
            output.stream("stderr", "(stopped; variables keep the values they had)\n")
            return Failure("Interrupted", [diagnostic])
        }
    }

    /// The REPL's completion for the line holding the cursor (`cursor_pos` counts Unicode code
    /// points, protocol 5.2 and later).
    func complete(_ content: [String: Any]) -> [String: Any] {
        let (line, lineCursor, cursor) = Kernel.lineAtCursor(content)
        let result = EntryCompletion.complete(line: line, cursor: lineCursor, interpreter: interpreter, metaCommands: [])
        return ["status": "ok", "matches": result.candidates, "cursor_start": cursor - result.word.unicodeScalars.count,
                "cursor_end": cursor, "metadata": [String: Any]()]
    }

    /// The REPL's `help` text for the name under the cursor.
    func inspect(_ content: [String: Any]) -> [String: Any] {
        let (line, lineCursor, _) = Kernel.lineAtCursor(content)
        let name = Kernel.word(in: line, around: lineCursor)
        let known = !name.isEmpty && (interpreter.value(named: name) != nil || interpreter.registry[name] != nil || Keyword(rawValue: name) != nil)
        guard known else { return ["status": "ok", "found": false, "data": [String: Any](), "metadata": [String: Any]()] }
        let text = interpreter.value(named: name).map { HelpText.help(for: $0, registry: interpreter.registry) }
            ?? HelpText.help(named: name, registry: interpreter.registry)
        return ["status": "ok", "found": true, "data": ["text/plain": text], "metadata": [String: Any]()]
    }

    /// The parser's verdict, as the REPL uses it for continuation lines.
    func isComplete(_ content: [String: Any]) -> [String: Any] {
        let code = content["code"] as? String ?? ""
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("?") { return ["status": "complete"] }
        let parsed = parse(SourceFile(name: "<cell>", text: code))
        if parsed.isIncomplete { return ["status": "incomplete", "indent": ""] }
        return ["status": parsed.diagnostics.isEmpty ? "complete" : "invalid"]
    }

    /// The line holding the cursor, the cursor as a byte offset into it, and the cursor in code points.
    static func lineAtCursor(_ content: [String: Any]) -> (line: String, cursor: Int, codePoints: Int) {
        let code = content["code"] as? String ?? ""
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(0, content["cursor_pos"] as? Int ?? scalars.count), scalars.count)
        let lineStart = scalars[..<cursor].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let lineEnd = scalars[cursor...].firstIndex(of: "\n") ?? scalars.count
        var line = String.UnicodeScalarView()
        line.append(contentsOf: scalars[lineStart..<lineEnd])
        var before = String.UnicodeScalarView()
        before.append(contentsOf: scalars[lineStart..<cursor])
        return (String(line), String(before).utf8.count, cursor)
    }

    /// The name (letters, digits, `_`) touching the byte offset `cursor` of `line`.
    static func word(in line: String, around cursor: Int) -> String {
        let bytes = Array(line.utf8)
        let isName = { (byte: UInt8) in byte == UInt8(ascii: "_") || (byte >= 48 && byte <= 57) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 122) }
        var start = min(cursor, bytes.count)
        var end = start
        while start > 0, isName(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, isName(bytes[end]) { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
