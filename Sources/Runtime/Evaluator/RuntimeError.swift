import Lang
import MixFlowOps

/// An error raised while running a script. Bindings throw it with a message (and, when they
/// know better than "the whole call", the span of the offending argument); the evaluator fills
/// in the file and call span, and appends one note per user function being unwound.
public struct RuntimeError: Error {
    public enum Kind: Equatable, Sendable {
        /// An ordinary failure: exit code 70.
        case failure
        /// A file named by the script does not exist: exit code 66 (sysexits EX_NOINPUT).
        case missingInput
        /// Ctrl-C reached a safe point: exit code 130.
        case interrupted
        /// A `source`d file did not parse: exit code 65. The diagnostics are the syntax errors.
        case syntax([Diagnostic])
        /// The script called `exit N`.
        case exit(Int32)
    }

    /// The fields live in one heap box, so the error is a single pointer: with typed throws
    /// every call site in the evaluator reserves stack for the error it may receive, and
    /// recursion multiplies that reservation. Copy-on-write keeps value semantics.
    private final class Storage: @unchecked Sendable {
        var kind: Kind
        var message: String
        var span: Span?
        var file: SourceFile?
        var hint: String?
        var notes: [Diagnostic.Note] = []
        var elidedCallNotes = 0

        init(kind: Kind, message: String, span: Span?, hint: String?) {
            self.kind = kind
            self.message = message
            self.span = span
            self.hint = hint
        }

        func copy() -> Storage {
            let copy = Storage(kind: kind, message: message, span: span, hint: hint)
            copy.file = file
            copy.notes = notes
            copy.elidedCallNotes = elidedCallNotes
            return copy
        }
    }

    private var storage: Storage

    private var writable: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    public var kind: Kind {
        get { storage.kind }
        set { writable.kind = newValue }
    }
    public var message: String {
        get { storage.message }
        set { writable.message = newValue }
    }
    public var span: Span? {
        get { storage.span }
        set { writable.span = newValue }
    }
    public var file: SourceFile? {
        get { storage.file }
        set { writable.file = newValue }
    }
    public var hint: String? {
        get { storage.hint }
        set { writable.hint = newValue }
    }
    public var notes: [Diagnostic.Note] {
        get { storage.notes }
        set { writable.notes = newValue }
    }
    /// Call-chain notes left out once `maxCallNotes` were recorded (deep recursion).
    var elidedCallNotes: Int {
        get { storage.elidedCallNotes }
        set { writable.elidedCallNotes = newValue }
    }
    static let maxCallNotes = 12

    public init(_ message: String, at span: Span? = nil, hint: String? = nil, kind: Kind = .failure) {
        storage = Storage(kind: kind, message: message, span: span, hint: hint)
    }

    /// Stopped by Ctrl-C; `progress` says where ("training step 1200 of 3000").
    public static func interrupted(_ progress: String = "", at span: Span? = nil) -> RuntimeError {
        RuntimeError(progress.isEmpty ? "interrupted" : "interrupted at \(progress)", at: span, kind: .interrupted)
    }

    /// Sets the place of the error unless a more precise one is already known.
    func located(in file: SourceFile, at span: Span) -> RuntimeError {
        var copy = self
        if copy.file == nil {
            copy.file = file
            if copy.span == nil { copy.span = span }
        }
        return copy
    }

    /// Records one user-function frame the error passed through, innermost first.
    mutating func addCallNote(_ message: String, at location: Diagnostic.Location) {
        if notes.count < RuntimeError.maxCallNotes {
            notes.append(Diagnostic.Note(message, at: location))
        } else {
            elidedCallNotes += 1
        }
    }

    /// The error as a diagnostic for rendering.
    public var diagnostic: Diagnostic {
        let location = file.map { Diagnostic.Location(file: $0, span: span ?? .point(0)) }
        var allNotes = notes
        if elidedCallNotes > 0 { allNotes.append(Diagnostic.Note("… and \(elidedCallNotes) more calls")) }
        return Diagnostic(.error, message, at: location, hint: hint, notes: allNotes)
    }

    /// Wraps any error a binding or a MixFlowOps call threw. `Cancelled` becomes an interruption
    /// carrying its progress text; MixFlowOps errors keep their place and hint; any other error
    /// keeps its description as the message.
    static func wrapping(_ error: any Error) -> RuntimeError {
        switch error {
        case let runtime as RuntimeError: return runtime
        case let cancelled as Cancelled: return .interrupted(cancelled.progress)
        case let diagnostic as Diagnostic:
            var wrapped = RuntimeError(diagnostic.message, at: diagnostic.location?.span, hint: diagnostic.hint)
            wrapped.file = diagnostic.location?.file
            wrapped.notes = diagnostic.notes
            return wrapped
        case let reported as any ReportedError: return RuntimeError(reported)
        default: return RuntimeError(String(describing: error))
        }
    }
}
