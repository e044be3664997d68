// libFuzzer entry point for the whole language: lexer, parser and evaluator with every builtin,
// built by `scripts/fuzz --runtime` (not by SwiftPM).
//
// Each input runs twice, as a script (`run`) and as REPL entries (`runEntry`), in an interpreter
// whose output is discarded; every runtime diagnostic is rendered and its span checked. The
// sandbox skips inputs that would touch the disk or ask for huge work: `source`, `save`, `plot`
// and `load` of files (they read and write paths), and exponents `e1`.. `e9` (1e9-element ranges
// or training steps would be a slow input, not a bug). A crash, trap, sanitizer report or a run
// over -timeout stops the fuzzer.

import Foundation
import Lang
import Runtime

private final class DiscardingOutput: OutputSink {
    func write(_ text: String) {}
    func warning(_ message: String) {}
}

nonisolated(unsafe) private let registry = BuiltinRegistry.standard()
private let skippedWords = ["source", "save", "plot", "load", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if skippedWords.contains(where: text.contains) { return 0 }
    let interpreter = Interpreter(output: DiscardingOutput(), registry: registry)
    interpreter.maxCallDepth = 200
    let file = SourceFile(name: "fuzz.mf", text: text)
    for outcome in [interpreter.run(file), interpreter.runEntry(file)] {
        let diagnostics: [Diagnostic]
        switch outcome {
        case .runtimeError(let diagnostic), .interrupted(let diagnostic): diagnostics = [diagnostic]
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
