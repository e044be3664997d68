import Foundation

/// The last lines of a run's log, to show next to a failure.
enum LogTail {
    /// At most `count` lines from the last 64 KiB of the file; "(empty log)" or "(no log)" when
    /// there is nothing to show.
    static func lines(of path: String, count: Int = 10) -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return ["(no log)"] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let window: UInt64 = 64 << 10
        try? handle.seek(toOffset: size > window ? size - window : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if size > window { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? ["(empty log)"] : Array(lines.suffix(count))
    }
}
