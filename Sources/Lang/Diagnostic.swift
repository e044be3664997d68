/// A problem found in a script, as a value: the parser, the evaluator and the bindings return
/// these and never print. `DiagnosticRenderer` turns them into text.
public struct Diagnostic: Error, Equatable, Sendable {
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    /// Where a diagnostic (or one of its notes) points.
    public struct Location: Equatable, Sendable {
        public var file: SourceFile
        public var span: Span
        public init(file: SourceFile, span: Span) {
            self.file = file
            self.span = span
        }
        public var start: SourceLocation { file.location(of: span.start) }
    }

    /// A secondary message, e.g. one frame of the user-function call chain.
    public struct Note: Equatable, Sendable {
        public var message: String
        public var location: Location?
        public init(_ message: String, at location: Location? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    public var message: String
    public var location: Location?
    /// Shown after the marker, e.g. "did you mean 'sigma'?".
    public var hint: String?
    public var notes: [Note]

    public init(
        _ severity: Severity = .error, _ message: String, at location: Location? = nil,
        hint: String? = nil, notes: [Note] = []
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
        self.notes = notes
    }

    public static func error(_ message: String, in file: SourceFile, at span: Span, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: Location(file: file, span: span), hint: hint)
    }
}
