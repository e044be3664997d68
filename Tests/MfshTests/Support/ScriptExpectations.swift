import Foundation

/// What a golden script declares about its own run, in comments:
/// - `# expect: TEXT`: the next line of stdout is exactly TEXT (one space after the colon is
///   dropped, so `# expect:` alone is an empty line);
/// - `# expect error: L:C MESSAGE`: stderr has an error diagnostic at line L, column C (of
///   whichever file it is in) whose message contains MESSAGE; `L:` alone checks only the line;
/// - `# expect exit: N`: the exit status. Without it: 0, or 70 when an error is expected.
struct ScriptExpectations {
    struct ErrorExpectation {
        var line: Int
        var column: Int?
        var message: String
    }

    var stdoutLines: [String] = []
    var errors: [ErrorExpectation] = []
    var exitStatus: Int32?

    init(parsing text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let rest = ScriptExpectations.after("# expect error:", in: line) {
                errors.append(ScriptExpectations.parseError(rest))
            } else if let rest = ScriptExpectations.after("# expect exit:", in: line) {
                exitStatus = Int32(rest.trimmingCharacters(in: .whitespaces))
            } else if let rest = ScriptExpectations.after("# expect:", in: line) {
                stdoutLines.append(rest.hasPrefix(" ") ? String(rest.dropFirst()) : rest)
            }
        }
    }

    var expectedStatus: Int32 { exitStatus ?? (errors.isEmpty ? 0 : 70) }

    /// Problems with an actual run, empty when it matches.
    func mismatches(status: Int32, stdout: String, stderr: String) -> [String] {
        var problems: [String] = []
        if status != expectedStatus { problems.append("exit status \(status), expected \(expectedStatus)") }
        var actual = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if actual.last == "" { actual.removeLast() }
        if actual != stdoutLines {
            let index = Array(zip(actual, stdoutLines)).firstIndex { $0 != $1 } ?? min(actual.count, stdoutLines.count)
            let got = index < actual.count ? "'\(actual[index])'" : "end of output"
            let wanted = index < stdoutLines.count ? "'\(stdoutLines[index])'" : "end of output"
            problems.append("stdout line \(index + 1): got \(got), expected \(wanted)")
        }
        let headers = stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        for error in errors where !headers.contains(where: { ScriptExpectations.matches($0, error) }) {
            problems.append("no error at \(error.line):\(error.column.map(String.init) ?? "*") containing '\(error.message)'")
        }
        if errors.isEmpty, !stderr.isEmpty, status == 0 { problems.append("unexpected stderr") }
        if !problems.isEmpty, !stderr.isEmpty { problems.append("stderr was:\n" + stderr) }
        return problems
    }

    /// Whether a diagnostic header `file:L:C: error: message` matches an expectation.
    private static func matches(_ header: Substring, _ expected: ErrorExpectation) -> Bool {
        guard let range = header.range(of: ": error: ") else { return false }
        let location = header[..<range.lowerBound].split(separator: ":").suffix(2).compactMap { Int($0) }
        guard location.count == 2, location[0] == expected.line else { return false }
        if let column = expected.column, location[1] != column { return false }
        return expected.message.isEmpty || header[range.upperBound...].contains(expected.message)
    }

    private static func after(_ marker: String, in line: Substring) -> String? {
        guard let range = line.range(of: marker) else { return nil }
        return String(line[range.upperBound...])
    }

    private static func parseError(_ text: String) -> ErrorExpectation {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let location = trimmed.prefix { !$0.isWhitespace }
        let message = trimmed.dropFirst(location.count).trimmingCharacters(in: .whitespaces)
        let parts = location.split(separator: ":", omittingEmptySubsequences: false)
        return ErrorExpectation(line: Int(parts.first ?? "") ?? -1, column: parts.count > 1 ? Int(parts[1]) : nil, message: message)
    }
}
