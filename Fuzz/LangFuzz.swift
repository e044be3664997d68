// libFuzzer entry point for the language front end, built by scripts/fuzz (not by SwiftPM).
//
// Each input is decoded as UTF-8 (invalid sequences become U+FFFD, as when mfsh reads a file),
// lexed, parsed, and every diagnostic rendered (with colour for odd-sized inputs). libFuzzer
// reports a crash, a trap (failed precondition, out-of-range index, overflow), a sanitizer finding
// or a run over the -timeout limit.
//
// The evaluator has its own target, Fuzz/Runtime/RuntimeFuzz.swift (`scripts/fuzz --runtime`).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    fuzzOne(text)
    return 0
}

func fuzzOne(_ text: String) {
    let file = SourceFile(name: "fuzz.mf", text: text)
    let result = parse(file)
    // Rendering dominates the cost of a run; colour adds only escapes, so half the inputs suffice.
    _ = DiagnosticRenderer.render(result.diagnostics, color: file.bytes.count % 2 == 1)
    // Invariants worth a crash: an incomplete result has diagnostics, every span lies in the file.
    if result.isIncomplete && result.diagnostics.isEmpty { fatalError("incomplete without diagnostics") }
    for diagnostic in result.diagnostics {
        if let span = diagnostic.location?.span, span.end > file.bytes.count {
            fatalError("diagnostic span \(span) outside a file of \(file.bytes.count) bytes")
        }
    }
    for statement in result.program.statements where statement.span.end > file.bytes.count {
        fatalError("statement span \(statement.span) outside the file")
    }
    checkTokens(Lexer.tokenize(file), file)
}

/// Tokens come in order, do not overlap, stay inside the file and end with one end-of-input;
/// names found in the input also exercise the did-you-mean search.
func checkTokens(_ lexed: LexResult, _ file: SourceFile) {
    var previousEnd = 0
    var names: [String] = []
    for token in lexed.tokens {
        if token.span.start < previousEnd || token.span.end > file.bytes.count {
            fatalError("token span \(token.span) out of order or outside the file")
        }
        previousEnd = token.span.end
        if case .identifier(let name) = token.kind, names.count < 6 { names.append(name) }
    }
    if lexed.tokens.last?.kind != .endOfInput { fatalError("tokens do not end with end-of-input") }
    for name in names {
        _ = Keyword.suggestion(for: name)
        _ = closestMatch(to: name + "x", among: names)
    }
}
