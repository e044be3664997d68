import Foundation
import Lang
import MixFlowOps
import XCTest
@testable import Runtime

/// A session for binding tests: runs script text (from a file in `directory`, so relative paths
/// resolve there) and reads back values, output and errors.
final class BindingSession {
    let output = RecordingOutput()
    let interpreter: Interpreter
    /// Where relative input paths resolve (the "script's folder").
    let directory: URL

    init(directory: URL? = nil, registry: BuiltinRegistry = .standard(), output sink: (any OutputSink)? = nil) {
        self.directory = directory ?? BindingSession.fixturesDirectory
        interpreter = Interpreter(output: sink ?? output, registry: registry)
    }

    /// `Tests/Fixtures`.
    static var fixturesDirectory: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures")
    }

    /// Runs `text` as a REPL entry would (results echoed); fails the test on an error.
    @discardableResult
    func run(_ text: String, echo: Bool = false, file: StaticString = #filePath, line: UInt = #line) -> Interpreter.Outcome {
        let outcome = outcomeOf(text, echo: echo)
        if case .ok = outcome {} else { XCTFail("unexpected outcome \(outcome)", file: file, line: line) }
        return outcome
    }

    /// The error a piece of text stops with (nil when it runs).
    func error(_ text: String) -> Diagnostic? {
        switch outcomeOf(text, echo: false) {
        case .runtimeError(let diagnostic), .missingInput(let diagnostic): return diagnostic
        case .syntaxErrors(let diagnostics): return diagnostics.first
        default: return nil
        }
    }

    func outcomeOf(_ text: String, echo: Bool) -> Interpreter.Outcome {
        let source = SourceFile(name: directory.appendingPathComponent("test.mf").path, text: text)
        let parsed = parse(source)
        guard parsed.diagnostics.isEmpty else { return .syntaxErrors(parsed.diagnostics) }
        return interpreter.run(parsed.program, in: source, echo: echo)
    }

    subscript(name: String) -> Value? { interpreter.value(named: name) }

    func object<T>(_ name: String, as type: T.Type) -> T? {
        guard case .object(let object) = self[name] else { return nil }
        return object as? T
    }

    func number(_ name: String) -> Double? {
        guard case .number(let number) = self[name] else { return nil }
        return number
    }
}

/// A fresh directory under the temporary directory, removed when the test ends.
func scratchDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-bindings-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}
