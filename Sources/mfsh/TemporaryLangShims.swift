// TEMPORARY until branch `lang` lands DiagnosticRenderer and closestMatch; deleted at that merge.
import Lang

enum DiagnosticRenderer {
    static func render(_ diagnostics: [Diagnostic], color: Bool = false) -> String {
        diagnostics.map { diagnostic in
            var line = "error: " + diagnostic.message
            if let location = diagnostic.location { line = "\(location.file.name):\(location.start): " + line }
            return line + (diagnostic.hint.map { " (\($0))" } ?? "")
        }.joined(separator: "\n")
    }
}

func closestMatch(to name: String, among candidates: [String]) -> String? { nil }
