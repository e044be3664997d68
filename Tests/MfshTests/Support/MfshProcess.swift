import Foundation
import XCTest

/// Runs the built `mfsh` binary as a subprocess, with a time limit, capturing its output.
struct MfshProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
        /// Killed by a signal (a crash) rather than exiting.
        var crashed: Bool
    }

    /// The `mfsh` next to the test bundle (both live in `.build/<config>/`).
    static var binary: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        let candidates = [directory, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for candidate in candidates {
            let url = candidate.appendingPathComponent("mfsh")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return directory.appendingPathComponent("mfsh")
    }

    /// The repository's `Tests` directory.
    static var testsDirectory: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url
    }

    /// Runs mfsh with `arguments`; `stdin` nil means /dev/null. Output goes through temporary
    /// files so a chatty child can never block on a full pipe. `launcher` (a program and its
    /// arguments, e.g. an emulator) runs mfsh instead of the kernel starting it directly.
    /// `timeout` only guards against a hung child (no test result depends on speed);
    /// `MFSH_TEST_TIME_SCALE` stretches it on a slow or busy machine. Tests of Ctrl-C set
    /// `MFSH_TEST_INTERRUPT_AFTER_POLLS` in `environment` so the interrupt comes from inside the
    /// work, never from a timer.
    static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil,
                    environment: [String: String] = [:], timeout: TimeInterval = 20, launcher: [String] = [],
                    whileRunning: ((Process) -> Void)? = nil) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        let inURL = scratch.appendingPathComponent("in")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: stdin ?? Data())

        let process = Process()
        if let program = launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = launcher.dropFirst() + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["MFSH_HISTORY"] = ""
        env.merge(environment) { $1 }
        process.environment = env
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        whileRunning?(process)
        let scale = ProcessInfo.processInfo.environment["MFSH_TEST_TIME_SCALE"].flatMap(Double.init) ?? 1
        let deadline = Date().addingTimeInterval(timeout * max(1, scale))
        while process.isRunning, Date() < deadline { usleep(5_000) }
        let timedOut = process.isRunning
        if timedOut {
            process.terminate()
            process.waitUntilExit()
        }
        let text = { (url: URL) in String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }
        return Result(status: process.terminationStatus, stdout: text(outURL), stderr: text(errURL), timedOut: timedOut,
                      crashed: process.terminationReason == .uncaughtSignal && !timedOut)
    }
}
