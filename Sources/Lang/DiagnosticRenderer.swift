// Diagnostics as text, in the shape Swift users read every day:
//
//   letters.mf:3:30: error: unknown keyword 'sigam' for gmm_base
//   3 | base = gmm_base components=8 sigam=0.1
//     |                              ^~~~~ did you mean 'sigma'?
//   letters.mf:1:8: note: 'data' was defined here
//   1 | data = load "letters"
//     |        ^~~~~~~~~~~~~~
//
// Lang never prints; mfsh decides where this text goes and whether it is coloured.

public enum DiagnosticRenderer {
    /// One diagnostic and its notes, without a trailing newline. `color` adds ANSI escapes
    /// (use it only when writing to a terminal).
    public static func render(_ diagnostic: Diagnostic, color: Bool = false) -> String {
        let palette = Palette(enabled: color)
        var lines = [header(diagnostic.severity, diagnostic.message, at: diagnostic.location, palette)]
        if let location = diagnostic.location {
            lines += SourceExcerpt(location).lines(hint: diagnostic.hint, palette)
        } else if let hint = diagnostic.hint {
            lines.append("\(palette.bold)hint:\(palette.reset) \(hint)")
        }
        for note in diagnostic.notes {
            lines.append(header(.note, note.message, at: note.location, palette))
            if let location = note.location {
                lines += SourceExcerpt(location).lines(hint: nil, palette)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Several diagnostics, one after another, separated by line breaks.
    public static func render(_ diagnostics: [Diagnostic], color: Bool = false) -> String {
        diagnostics.map { render($0, color: color) }.joined(separator: "\n")
    }

    /// `file:line:col: error: message`, or `error: message` without a location.
    static func header(
        _ severity: Diagnostic.Severity, _ message: String, at location: Diagnostic.Location?, _ palette: Palette
    ) -> String {
        let label = "\(palette.severity(severity))\(severity.rawValue):\(palette.reset)"
        let text = "\(palette.bold)\(message)\(palette.reset)"
        guard let location else { return "\(label) \(text)" }
        let start = location.start
        return "\(palette.bold)\(location.file.name):\(start.line):\(start.column):\(palette.reset) \(label) \(text)"
    }
}

/// ANSI escapes, or empty strings when colour is off.
struct Palette {
    let enabled: Bool
    var bold: String { enabled ? "\u{1B}[1m" : "" }
    var reset: String { enabled ? "\u{1B}[0m" : "" }
    var marker: String { enabled ? "\u{1B}[1;32m" : "" }
    var gutter: String { enabled ? "\u{1B}[34m" : "" }

    func severity(_ severity: Diagnostic.Severity) -> String {
        guard enabled else { return "" }
        switch severity {
        case .error: return "\u{1B}[1;31m"
        case .warning: return "\u{1B}[1;35m"
        case .note: return "\u{1B}[1;36m"
        }
    }
}
