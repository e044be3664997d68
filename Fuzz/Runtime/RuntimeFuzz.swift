// libFuzzer entry point for the whole language: lexer, parser and evaluator with every builtin,
// built by `scripts/fuzz --runtime` (not by SwiftPM).
//
// Each input runs twice, as a script (`run`) and as REPL entries (`runEntry`), in an interpreter
// whose output is discarded; every runtime diagnostic is rendered and its span checked.
//
// Files: inputs run inside a sandbox folder (made at start-up, the working directory from then
// on) holding a small corpus (`FuzzSandbox`): CSV and TSV points, descriptors, a trained .mfm,
// a dense .h5ad written by `save`, the PBMC CSR .h5ad, and a script for `source`. `load`,
// `save`, `source` and `plot` act on it freely; after each input the folder is put back as it
// was (new files removed, changed corpus files restored), so inputs do not depend on each other
// and the disk does not fill. Inputs whose string literals could name a path outside the
// folder (`/`, `~`, `..`, or a `\u{...}` escape that could spell one) are skipped; division and
// everything outside strings is fuzzed. The memory budget is 256 MB (MFSH_MEMORY), so huge
// requests are refused quickly. Exponents `e1`.. `e9` are still skipped (1e9-element ranges or
// training steps would be a slow input, not a bug). A crash, trap, sanitizer report or a run
// over -timeout stops the fuzzer. Each run is stopped as a user would stop it, by Ctrl-C
// "pressed" from inside after `pollBudget` interrupt polls (loop turns, calls, training or
// solver steps): `train` without steps= runs a default budget of at least 5,000 steps, a slow
// input rather than a bug, and the interrupt paths get fuzzed too. At exit the fuzzer prints how many inputs reached the files
// (`MFSH_FUZZ_VERBOSE=1` also prints every input's outcome).

import Foundation
import Lang
import Runtime

nonisolated(unsafe) private let registry = BuiltinRegistry.standard()
nonisolated(unsafe) private var sandbox: FuzzSandbox?
private let verbose = ProcessInfo.processInfo.environment["MFSH_FUZZ_VERBOSE"] == "1"
private let pollBudget = 200

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if sandbox == nil { sandbox = FuzzSandbox.enter(registry: registry) }
    let box = sandbox!
    guard !FuzzSandbox.mayLeaveTheFolder(bytes) else {
        box.statistics.skipped += 1
        return 0
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let interpreter = Interpreter(output: FuzzSilentOutput(), registry: registry)
    interpreter.maxCallDepth = 200
    let file = SourceFile(name: "fuzz.mf", text: text)
    var outcomes: [Interpreter.Outcome] = []
    Interrupt.interrupt(afterPolls: pollBudget)
    outcomes.append(interpreter.run(file))
    Interrupt.interrupt(afterPolls: pollBudget)
    outcomes.append(interpreter.runEntry(file))
    Interrupt.interrupt(afterPolls: 0)
    Interrupt.clear()
    var succeeded = false
    for outcome in outcomes {
        let diagnostics: [Diagnostic]
        switch outcome {
        case .runtimeError(let diagnostic), .missingInput(let diagnostic), .interrupted(let diagnostic): diagnostics = [diagnostic]
        case .syntaxErrors(let found): diagnostics = found
        case .ok: diagnostics = []; succeeded = true
        default: diagnostics = []
        }
        let rendered = DiagnosticRenderer.render(diagnostics)
        for diagnostic in diagnostics {
            if let location = diagnostic.location, location.span.end > location.file.bytes.count {
                fatalError("diagnostic span \(location.span) outside a file of \(location.file.bytes.count) bytes")
            }
        }
        if verbose { FileHandle.standardError.write(Data("[fuzz] \(diagnostics.isEmpty ? "ok" : rendered.prefix(300).description)\n".utf8)) }
    }
    box.restore(afterInput: text, succeeded: succeeded)
    return 0
}
