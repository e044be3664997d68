import Foundation
import XCTest

/// The real `anndata` Python package, from a virtual environment under `.build/pyenv` that is
/// created (anndata from PyPI) the first time a test needs it. When Python, the network or PyPI
/// is missing, tests skip with the reason rather than pass.
enum PythonPeer {
    /// The repository root (the folder holding `Tests`).
    static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent()
    }

    static var python: URL { repositoryRoot.appendingPathComponent(".build/pyenv/bin/python") }
    static var script: URL { repositoryRoot.appendingPathComponent("scripts/anndata_peer.py") }

    /// Made once per test process: nil when ready, else why not.
    nonisolated(unsafe) private static var problem: String??

    /// The interpreter with anndata importable; throws XCTSkip with the reason otherwise.
    static func requireAnnData() throws -> URL {
        if problem == nil { problem = .some(prepare()) }
        if let reason = problem! { throw XCTSkip("anndata (PyPI) is not available: \(reason)") }
        return python
    }

    private static func prepare() -> String? {
        if run(python.path, ["-c", "import anndata"]).status == 0 { return nil }
        let venv = repositoryRoot.appendingPathComponent(".build/pyenv").path
        let created = run("/usr/bin/env", ["python3", "-m", "venv", venv])
        guard created.status == 0 else { return "python3 -m venv failed: \(tail(created.error))" }
        let installed = run(python.path, ["-m", "pip", "install", "--quiet", "anndata"])
        guard installed.status == 0 else { return "pip install anndata failed: \(tail(installed.error))" }
        let check = run(python.path, ["-c", "import anndata"])
        return check.status == 0 ? nil : "import anndata failed: \(tail(check.error))"
    }

    /// Runs the peer script (`write DIR` or `describe FILE`); fails the test on a non-zero exit.
    static func peer(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = run(try requireAnnData().path, [script.path] + arguments)
        guard result.status == 0 else {
            XCTFail("anndata_peer.py \(arguments.joined(separator: " ")) failed: \(tail(result.error))", file: file, line: line)
            throw PeerFailure()
        }
        return result.output
    }

    /// What anndata reads from `path`, decoded from the peer's JSON.
    static func describe(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let text = try peer(["describe", path], file: file, line: line)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], file: file, line: line)
    }

    struct PeerFailure: Error {}

    private static func tail(_ text: String) -> String {
        let lines = text.split(separator: "\n").suffix(3).joined(separator: " | ")
        return lines.isEmpty ? "no message" : lines
    }

    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // Standard error to a file, so a chatty child cannot block on a full pipe.
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-peer-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorPath.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorPath) }
        let out = Pipe()
        process.standardOutput = out
        guard let errorHandle = try? FileHandle(forWritingTo: errorPath) else { return (-1, "", "cannot create \(errorPath.path)") }
        process.standardError = errorHandle
        do { try process.run() } catch { return (-1, "", "cannot run \(executable): \(error)") }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errorHandle.close()
        let error = (try? String(contentsOf: errorPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), error)
    }
}
