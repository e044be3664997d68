// libFuzzer entry point for the whole language: lexer, parser and evaluator with every builtin,
// built by `scripts/fuzz --runtime` (not by SwiftPM).
//
// Each input runs twice, as a script (`run`) and as REPL entries (`runEntry`), in an interpreter
// whose output is discarded; every runtime diagnostic is rendered and its span checked.
//
// Files: inputs run inside a sandbox folder (made at start-up, the working directory from then
// on) holding a small corpus: points.csv, groups.csv (descriptors), model.mfm (a trained cfm),
// part.mf (for `source`) and, when MFSH_FUZZ_H5AD names one, data.h5ad. `load`, `save`,
// `source` and `plot` act on it freely; inputs naming a path outside it (`/`, `..`, `~`) are
// skipped. The memory budget is 256 MB (MFSH_MEMORY), so huge requests are refused quickly.
// Exponents `e1`.. `e9` are still skipped (1e9-element ranges or training steps would be a slow
// input, not a bug). A crash, trap, sanitizer report or a run over -timeout stops the fuzzer.

import Foundation
import Lang
import Runtime

private final class DiscardingOutput: OutputSink {
    func write(_ text: String) {}
    func warning(_ message: String) {}
}

nonisolated(unsafe) private let registry = BuiltinRegistry.standard()
private let skippedWords = ["/", "..", "~", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"]
nonisolated(unsafe) private var sandboxReady = false

/// Makes the sandbox folder with its corpus and moves into it (once per process).
private func enterSandbox() {
    if sandboxReady { return }
    sandboxReady = true
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-fuzz-sandbox-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    _ = FileManager.default.changeCurrentDirectoryPath(folder)
    setenv("MFSH_MEMORY", "256M", 1)
    try? "g,x,y\na,0,1\na,1,0\na,2,2\nb,5,5\nb,6,4\nb,4,6\n".write(toFile: "points.csv", atomically: true, encoding: .utf8)
    try? "g,d1,d2\na,0,1\nb,1,0\n".write(toFile: "groups.csv", atomically: true, encoding: .utf8)
    try? "part = 1\nfn twice(x) { return 2 * x }\n".write(toFile: "part.mf", atomically: true, encoding: .utf8)
    if let h5ad = ProcessInfo.processInfo.environment["MFSH_FUZZ_H5AD"] {
        try? FileManager.default.copyItem(atPath: h5ad, toPath: "data.h5ad")
    }
    let setup = """
        d = load "points.csv" condition="g" descriptors="groups.csv"
        m = cfm hidden=[4] encoder_hidden=[4] seed=1
        train m d steps=2 progress=false
        save m "model.mfm"
        """
    let outcome = Interpreter(output: DiscardingOutput(), registry: registry).run(SourceFile(name: "setup.mf", text: setup))
    if case .ok = outcome {} else { FileHandle.standardError.write(Data("fuzz sandbox: the setup failed: \(outcome)\n".utf8)) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if skippedWords.contains(where: text.contains) { return 0 }
    enterSandbox()
    let interpreter = Interpreter(output: DiscardingOutput(), registry: registry)
    interpreter.maxCallDepth = 200
    let file = SourceFile(name: "fuzz.mf", text: text)
    for outcome in [interpreter.run(file), interpreter.runEntry(file)] {
        let diagnostics: [Diagnostic]
        switch outcome {
        case .runtimeError(let diagnostic), .missingInput(let diagnostic), .interrupted(let diagnostic): diagnostics = [diagnostic]
        case .syntaxErrors(let found): diagnostics = found
        default: diagnostics = []
        }
        _ = DiagnosticRenderer.render(diagnostics)
        for diagnostic in diagnostics {
            if let location = diagnostic.location, location.span.end > location.file.bytes.count {
                fatalError("diagnostic span \(location.span) outside a file of \(location.file.bytes.count) bytes")
            }
        }
    }
    return 0
}
