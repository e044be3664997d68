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
        var lines = [header(diagnostic.severity, escapingControls(diagnostic.message), at: diagnostic.location, palette)]
        let hint = diagnostic.hint.map(escapingControls)
        if let location = diagnostic.location {
            lines += SourceExcerpt(location).lines(hint: hint, palette)
        } else if let hint {
            lines.append("\(palette.bold)hint:\(palette.reset) \(hint)")
        }
        for note in diagnostic.notes {
            lines.append(header(.note, escapingControls(note.message), at: note.location, palette))
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

    /// Messages quote file contents (a CSV cell, a column name): control characters in them are
    /// shown escaped, so a NUL cannot cut the message and an ANSI escape from a file cannot
    /// drive the terminal. Line breaks and tabs stay.
    public static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            if isEscaped(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                shown += "\\u{" + hex + "}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    private static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
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
