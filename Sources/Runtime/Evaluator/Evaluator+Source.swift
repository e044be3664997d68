import Foundation
import Lang

/// `source "other.mf"`: runs another file in the current scope, like a shell's `source`, so its
/// functions and variables become visible. The path is relative to the file containing the
/// `source` statement. A file that is already being sourced (directly or through others) is a
/// cycle and an error, never infinite recursion.
extension Evaluator {
    @inline(never)
    func executeSource(_ pathExpression: Expr, _ frame: Frame) throws(RuntimeError) {
        let value = try evaluate(pathExpression, frame)
        guard case .string(let path) = value else {
            throw fail("source needs a file name (a string), got \(value.typeNameWithArticle)", pathExpression.span, frame)
        }
        let resolved = path.hasPrefix("/") ? path : (baseDirectory(of: frame.file) as NSString).appendingPathComponent(path)
        let canonical = Evaluator.canonicalPath(resolved)
        if let start = sourceStack.firstIndex(of: canonical) {
            let chain = (sourceStack[start...] + [canonical]).map { ($0 as NSString).lastPathComponent }
            throw fail("source cycle: " + chain.joined(separator: " -> "), pathExpression.span, frame,
                       hint: "a file cannot source itself, directly or through other files")
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            let exists = FileManager.default.fileExists(atPath: resolved)
            let error = RuntimeError("cannot source '\(path)': the file \(exists ? "cannot be read" : "does not exist")", at: pathExpression.span,
                                     hint: "paths are relative to \(frame.file.name.hasPrefix("<") ? "the working directory" : "the directory of this script")",
                                     kind: exists ? .failure : .missingInput)
            throw error.located(in: frame.file, at: pathExpression.span)
        }
        // A binary file would parse into hundreds of syntax errors; one error says what it is.
        if data.contains(0) || String(data: data, encoding: .utf8) == nil {
            throw fail("cannot source '\(path)': it is not a UTF-8 text file (\(data.contains(0) ? "it holds NUL bytes" : "invalid UTF-8"))",
                       pathExpression.span, frame, hint: "source runs .mf scripts; is this the right file?")
        }
        let file = SourceFile(name: resolved, text: String(decoding: data, as: UTF8.self))
        let parsed = parse(file)
        let here = Diagnostic.Location(file: frame.file, span: pathExpression.span)
        guard parsed.diagnostics.isEmpty else {
            var error = RuntimeError("'\(path)' has syntax errors", at: pathExpression.span, kind: .syntax(parsed.diagnostics))
            error.file = frame.file
            throw error
        }
        sourceStack.append(canonical)
        defer { sourceStack.removeLast() }
        let sourcedFrame = Frame(environment: frame.environment, file: file, function: nil)
        do {
            for statement in parsed.program.statements {
                if case .returned = try execute(statement, sourcedFrame) { break }
            }
        } catch {
            var unwound = error
            unwound.addCallNote("in '\(path)', sourced here", at: here)
            throw unwound
        }
    }

    /// Absolute path with `.`/`..` and symbolic links resolved, so two spellings of one file are
    /// recognised as the same file.
    static func canonicalPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
