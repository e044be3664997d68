import Foundation
import XCTest

/// The real Jupyter client (jupyter_client, nbclient, nbformat from PyPI) in a virtual
/// environment under `.build/jupyter-env`, made the first time a test needs it, driving
/// `scripts/jupyter_peer.py`. Without Python, the network or PyPI the tests skip with the
/// reason rather than pass.
enum JupyterPeer {
    static let packages = ["jupyter_client", "nbclient", "nbformat"]
    static var repositoryRoot: URL { MfshProcess.testsDirectory.deletingLastPathComponent() }
    static var environment: URL { repositoryRoot.appendingPathComponent(".build/jupyter-env") }
    static var python: URL { environment.appendingPathComponent("bin/python") }
    static var script: URL { repositoryRoot.appendingPathComponent("scripts/jupyter_peer.py") }
    static let importCheck = "import jupyter_client, nbclient, nbformat"

    /// Made once per test process: nil when ready, else why not.
    nonisolated(unsafe) private static var problem: String??

    static func require() throws -> URL {
        if problem == nil { problem = .some(prepare()) }
        if let reason = problem! { throw XCTSkip("the Jupyter client (PyPI) is not available: \(reason)") }
        return python
    }

    private static func prepare() -> String? {
        if run(python.path, ["-c", importCheck]).status == 0 { return nil }
        let created = run("/usr/bin/env", ["python3", "-m", "venv", environment.path])
        guard created.status == 0 else { return "python3 -m venv failed: \(tail(created.error))" }
        let installed = run(python.path, ["-m", "pip", "install", "--quiet"] + packages)
        guard installed.status == 0 else { return "pip install \(packages.joined(separator: " ")) failed: \(tail(installed.error))" }
        let check = run(python.path, ["-c", importCheck])
        return check.status == 0 ? nil : "\(importCheck) failed: \(tail(check.error))"
    }

    /// Installs the kernelspec under a fresh folder (removed after the test) and returns the
    /// JUPYTER_PATH that finds it.
    static func installKernel(for test: XCTestCase) throws -> String {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-jupyter-\(UUID().uuidString)")
        test.addTeardownBlock { try? FileManager.default.removeItem(at: prefix) }
        let result = try MfshProcess.run(["kernel", "install", "--prefix", prefix.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return prefix.appendingPathComponent("share/jupyter").path
    }

    /// Runs the peer script; the result's status is 0 when every check in it passed.
    static func peer(_ arguments: [String], jupyterPath: String, in directory: URL? = nil) throws -> (status: Int32, output: String, error: String) {
        let python = try require()
        var environment = ProcessInfo.processInfo.environment
        environment["JUPYTER_PATH"] = jupyterPath
        // Keep Jupyter's runtime files (connection files) out of the user's home.
        let runtime = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-jupyter-runtime-\(UUID().uuidString)")
        environment["JUPYTER_RUNTIME_DIR"] = runtime.path
        environment["JUPYTER_PLATFORM_DIRS"] = "1"
        defer { try? FileManager.default.removeItem(at: runtime) }
        return run(python.path, [script.path] + arguments, environment: environment, in: directory)
    }

    private static func tail(_ text: String) -> String {
        let lines = text.split(separator: "\n").suffix(3).joined(separator: " | ")
        return lines.isEmpty ? "no message" : lines
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    in directory: URL? = nil) -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-peer-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: scratch.path + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.path + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: scratch.path + ".out")
            try? FileManager.default.removeItem(atPath: scratch.path + ".err")
        }
        guard let out = FileHandle(forWritingAtPath: scratch.path + ".out"), let err = FileHandle(forWritingAtPath: scratch.path + ".err") else {
            return (-1, "", "cannot create \(scratch.path)")
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "", "cannot run \(executable): \(error)") }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let text = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return (process.terminationStatus, text(scratch.path + ".out"), text(scratch.path + ".err"))
    }
}
