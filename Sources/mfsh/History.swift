import Foundation

/// The REPL's persistent history: one entered line per file line, appended as each line is
/// entered (so two sessions open at once interleave their lines instead of overwriting each
/// other), and trimmed to the newest `maxEntries` at start-up. Every write holds an exclusive
/// `flock` on the file. Problems (unreadable, unwritable, not text) produce one warning and
/// turn persistence off; they never stop the REPL.
final class History {
    static let maxEntries = 1000

    /// nil when history is not saved (disabled or after a problem).
    private(set) var path: String?
    private let warn: (String) -> Void
    private var warned = false

    /// `MFSH_HISTORY` overrides the path; set to the empty string it disables saving.
    init(environment: [String: String] = ProcessInfo.processInfo.environment, warn: @escaping (String) -> Void) {
        self.warn = warn
        if let override = environment["MFSH_HISTORY"] {
            path = override.isEmpty ? nil : override
        } else if let home = environment["HOME"], !home.isEmpty {
            path = home + "/.mfsh_history"
        } else {
            path = nil
        }
    }

    /// Reads the saved lines (oldest first), trimming the file when it has grown past twice
    /// `maxEntries`. Lines that are not valid UTF-8 are skipped with a warning.
    func load() -> [String] {
        guard let path else { return [] }
        let descriptor = open(path, O_RDWR | O_CREAT, 0o600)
        guard descriptor >= 0 else {
            give_up("cannot open history file '\(path)': \(String(cString: strerror(errno)))")
            return []
        }
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        guard let data = try? handle.readToEnd() ?? Data() else {
            give_up("cannot read history file '\(path)'")
            return []
        }
        var lines: [String] = []
        var skipped = 0
        for raw in data.split(separator: UInt8(ascii: "\n")) {
            if let line = String(validating: raw, as: UTF8.self), !line.contains("\0") { lines.append(line) } else { skipped += 1 }
        }
        if skipped > 0 { warnOnce("history file '\(path)' has \(skipped) unreadable line(s); they were skipped") }
        if lines.count > 2 * History.maxEntries || skipped > 0 {
            lines = Array(lines.suffix(History.maxEntries))
            rewrite(descriptor, lines)
        }
        return Array(lines.suffix(History.maxEntries))
    }

    /// Appends one entered line (a pasted block is saved as its separate lines).
    func append(_ line: String) {
        guard let path, !line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard descriptor >= 0 else {
            give_up("cannot write history file '\(path)': \(String(cString: strerror(errno)))")
            return
        }
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        let lines = line.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        if bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) != bytes.count {
            give_up("cannot write history file '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Replaces the file's contents in place (under the caller's lock, so a concurrent
    /// session's append waits and then lands after the trimmed lines).
    private func rewrite(_ descriptor: Int32, _ lines: [String]) {
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        guard ftruncate(descriptor, 0) == 0,
              bytes.withUnsafeBytes({ pwrite(descriptor, $0.baseAddress, $0.count, 0) }) == bytes.count
        else {
            give_up("cannot trim history file '\(path ?? "")': \(String(cString: strerror(errno)))")
            return
        }
    }

    private func give_up(_ message: String) {
        warnOnce(message + "; history will not be saved")
        path = nil
    }

    private func warnOnce(_ message: String) {
        guard !warned else { return }
        warned = true
        warn(message)
    }
}
