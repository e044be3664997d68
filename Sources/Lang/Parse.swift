/// Parses a whole source file. The single entry point of the language front end.
///
/// Never fails and never traps: syntax errors come back as diagnostics (at most about 100,
/// sorted by position), with whatever statements parsed cleanly.
public func parse(_ file: SourceFile) -> ParseResult {
    let lexed = Lexer.tokenize(file)
    var parser = Parser(file: file, tokens: lexed.tokens)
    let statements = parser.program()
    let cells = topLevelCells(lexed.cellComments, outside: parser.topLevelExtents)
    var diagnostics = sortedByPosition(lexed.diagnostics + parser.diagnostics)
    if diagnostics.count >= Parser.errorLimit {
        diagnostics.removeLast(diagnostics.count - Parser.errorLimit)
        diagnostics.append(Diagnostic(.note, "too many errors; only the first \(Parser.errorLimit) are shown"))
    }
    let endOfInputErrors = parser.endOfInputErrors + (lexed.endsInsideString ? 1 : 0)
    let isIncomplete = !diagnostics.isEmpty && endOfInputErrors == diagnostics.count
    return ParseResult(
        program: Program(statements: statements, cellComments: cells),
        diagnostics: diagnostics, isIncomplete: isIncomplete)
}

/// The `##` lines that are not inside any top-level statement (a block, a bracket spanning lines).
/// Both inputs are in source order, so one merge pass suffices.
func topLevelCells(_ cells: [CellComment], outside extents: [Span]) -> [CellComment] {
    var kept: [CellComment] = []
    var next = 0
    for cell in cells {
        while next < extents.count, extents[next].end <= cell.span.start { next += 1 }
        let inside = next < extents.count && extents[next].start <= cell.span.start
        if !inside { kept.append(cell) }
    }
    return kept
}

/// Lexer and parser diagnostics interleaved by source position, keeping their order on ties.
func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted { lhs, rhs in
        let left = lhs.element.location?.span.start ?? Int.max
        let right = rhs.element.location?.span.start ?? Int.max
        return left != right ? left < right : lhs.offset < rhs.offset
    }.map(\.element)
}
