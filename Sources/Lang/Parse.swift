/// Parses a whole source file. The single entry point of the language front end.
///
/// Placeholder until the parser lands: reports that nothing is implemented.
public func parse(_ file: SourceFile) -> ParseResult {
    let diagnostic = Diagnostic.error("the parser is not built yet", in: file, at: .point(0))
    return ParseResult(program: Program(statements: []), diagnostics: [diagnostic], isIncomplete: false)
}
