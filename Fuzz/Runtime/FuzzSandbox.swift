// The folder the evaluator fuzzer's inputs run in: made once per process with a small corpus of
// data files, put back after every input, and counted so a run can show that the file builtins
// were reached (not just parsed).

import Foundation
import Lang
import Runtime

final class FuzzSandbox {
    struct Statistics {
        var run = 0, skipped = 0, succeeded = 0
        /// Inputs that ran to the end (as script or as entries) and call the builtin.
        var loaded = 0, sourced = 0
        /// Inputs after which a file was new or changed, by its kind.
        var wroteCSV = 0, wroteMFM = 0, wroteH5AD = 0, wroteSVG = 0, wroteOther = 0
        var restored = 0
    }

    private struct Snapshot {
        var contents: Data
        var size: off_t
        var modified: timespec
    }

    let folder: String
    private var corpus: [String: Snapshot] = [:]
    var statistics = Statistics()

    private init(folder: String) { self.folder = folder }

    /// Makes the folder and its corpus, moves into it, and registers the exit report.
    static func enter(registry: BuiltinRegistry) -> FuzzSandbox {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-fuzz-sandbox-\(getpid())").path
        try? FileManager.default.removeItem(atPath: folder)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = FileManager.default.changeCurrentDirectoryPath(folder)
        setenv("MFSH_MEMORY", "256M", 1)
        let points = "g,x,y\na,0,1\na,1,0\na,2,2\nb,5,5\nb,6,4\nb,4,6\n"
        try? points.write(toFile: "points.csv", atomically: true, encoding: .utf8)
        try? points.replacingOccurrences(of: ",", with: "\t").write(toFile: "points.tsv", atomically: true, encoding: .utf8)
        try? "g,d1,d2\na,0,1\nb,1,0\n".write(toFile: "groups.csv", atomically: true, encoding: .utf8)
        try? "part = 1\nfn twice(x) { return 2 * x }\n".write(toFile: "part.mf", atomically: true, encoding: .utf8)
        if let h5ad = ProcessInfo.processInfo.environment["MFSH_FUZZ_H5AD"] {
            try? FileManager.default.copyItem(atPath: h5ad, toPath: "data.h5ad")
        }
        let setup = """
            d = load "points.csv" condition="g" descriptors="groups.csv"
            m = cfm hidden=[4] encoder_hidden=[4] seed=1
            train m d steps=2 progress=false
            save m "model.mfm"
            save d "small.h5ad"
            """
        let outcome = Interpreter(output: FuzzSilentOutput(), registry: registry).run(SourceFile(name: "setup.mf", text: setup))
        if case .ok = outcome {} else { FileHandle.standardError.write(Data("fuzz sandbox: the setup failed: \(outcome)\n".utf8)) }
        let sandbox = FuzzSandbox(folder: folder)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let contents = FileManager.default.contents(atPath: name), let info = sandbox.status(name) else { continue }
            sandbox.corpus[name] = Snapshot(contents: contents, size: info.st_size, modified: info.st_mtim)
        }
        FileHandle.standardError.write(Data("fuzz sandbox: \(folder) with \(sandbox.corpus.keys.sorted().joined(separator: ", "))\n".utf8))
        reportAtExit = sandbox
        atexit { FuzzSandbox.reportAtExit?.printReport() }
        return sandbox
    }

    nonisolated(unsafe) private static var reportAtExit: FuzzSandbox?

    /// Whether a string literal of the input could name a path outside the folder: it holds `/`,
    /// `~`, `..`, or a `\u{...}` escape (which could spell one). Text outside strings is free.
    static func mayLeaveTheFolder(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var inString = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                switch byte {
                case UInt8(ascii: "\""): inString = false
                case UInt8(ascii: "/"), UInt8(ascii: "~"): return true
                case UInt8(ascii: "."): if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ".") { return true }
                case UInt8(ascii: "\\"):
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") { return true }
                    index += 1   // \" and \\ do not end or start anything
                default: break
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "e"), index + 1 < bytes.count, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[index + 1]) {
                return true
            }
            index += 1
        }
        return false
    }

    /// Counts what the input reached, removes files it made and restores corpus files it changed.
    func restore(afterInput text: String, succeeded: Bool) {
        statistics.run += 1
        if succeeded {
            statistics.succeeded += 1
            if text.contains("load") { statistics.loaded += 1 }
            if text.contains("source") { statistics.sourced += 1 }
        }
        var wrote = Set<String>()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let snapshot = corpus[name] else {
                wrote.insert((name as NSString).pathExtension.lowercased())
                try? FileManager.default.removeItem(atPath: name)
                continue
            }
            guard let info = status(name), info.st_size == snapshot.size, info.st_mtim.tv_sec == snapshot.modified.tv_sec,
                  info.st_mtim.tv_nsec == snapshot.modified.tv_nsec, info.st_mode & S_IFMT == S_IFREG else {
                wrote.insert((name as NSString).pathExtension.lowercased())
                put(name, snapshot)
                continue
            }
        }
        for (name, snapshot) in corpus where status(name) == nil { put(name, snapshot) }
        for kind in wrote {
            switch kind {
            case "csv", "tsv": statistics.wroteCSV += 1
            case "mfm": statistics.wroteMFM += 1
            case "h5ad": statistics.wroteH5AD += 1
            case "svg": statistics.wroteSVG += 1
            default: statistics.wroteOther += 1
            }
        }
    }

    private func put(_ name: String, _ snapshot: Snapshot) {
        try? FileManager.default.removeItem(atPath: name)
        _ = FileManager.default.createFile(atPath: name, contents: snapshot.contents)
        if let info = status(name) { corpus[name]?.size = info.st_size; corpus[name]?.modified = info.st_mtim }
        statistics.restored += 1
    }

    private func status(_ name: String) -> stat? {
        var info = stat()
        return lstat(name, &info) == 0 ? info : nil
    }

    func printReport() {
        let s = statistics
        let report = """
            fuzz sandbox report: \(s.run) inputs run (\(s.skipped) skipped for paths or exponents), \(s.succeeded) ran to the end;
              ran to the end calling load: \(s.loaded), source: \(s.sourced);
              inputs that wrote a file: csv/tsv \(s.wroteCSV), mfm \(s.wroteMFM), h5ad \(s.wroteH5AD), svg \(s.wroteSVG), other \(s.wroteOther);
              corpus files restored: \(s.restored)

            """
        FileHandle.standardError.write(Data(report.utf8))
    }
}

final class FuzzSilentOutput: OutputSink {
    func write(_ text: String) {}
    func warning(_ message: String) {}
}
