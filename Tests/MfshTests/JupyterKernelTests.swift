import Foundation
import XCTest

/// `mfsh kernel` against the real Jupyter client, and `.ipynb` export checked by nbformat.
/// The checks of the protocol itself are in scripts/jupyter_peer.py (it exits non-zero with
/// the reason at the first mismatch); these tests run it and check what it reports.
final class JupyterKernelTests: XCTestCase {
    private func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-jupyter-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testKernelspecRunsThisBinary() throws {
        let prefix = try scratchDirectory()
        let result = try MfshProcess.run(["kernel", "install", "--prefix", prefix.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let file = prefix.appendingPathComponent("share/jupyter/kernels/mfsh/kernel.json")
        let spec = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        XCTAssertEqual(spec["display_name"] as? String, "mfsh (MixFlow)")
        XCTAssertEqual(spec["language"] as? String, "mf")
        XCTAssertEqual(spec["interrupt_mode"] as? String, "message")
        let argv = try XCTUnwrap(spec["argv"] as? [String])
        XCTAssertEqual(argv.dropFirst(), ["kernel", "-f", "{connection_file}"])
        XCTAssertEqual(URL(fileURLWithPath: argv[0]).resolvingSymlinksInPath(), MfshProcess.binary.resolvingSymlinksInPath())
    }

    func testBadKernelCommandLinesAreUsageErrors() throws {
        for arguments in [["kernel"], ["kernel", "-f"], ["kernel", "install", "--system"], ["kernel", "install", "--prefix"]] {
            let result = try MfshProcess.run(arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
        }
        let missing = try MfshProcess.run(["kernel", "-f", "/nonexistent/connection.json"])
        XCTAssertEqual(missing.status, 66)
        XCTAssertTrue(missing.stderr.contains("cannot read connection file"), missing.stderr)
    }

    func testAJupyterSessionExecutesCompletesInspectsAndInterrupts() throws {
        let jupyterPath = try JupyterPeer.installKernel(for: self)
        let result = try JupyterPeer.peer(["session"], jupyterPath: jupyterPath)
        XCTAssertEqual(result.status, 0, result.error)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Int], result.output)
        XCTAssertGreaterThan(summary["interrupted_at_step"] ?? 0, 0)
    }

    func testNbclientRunsANotebookAndItValidates() throws {
        let jupyterPath = try JupyterPeer.installKernel(for: self)
        let output = try scratchDirectory().appendingPathComponent("run.ipynb")
        let result = try JupyterPeer.peer(["notebook", output.path], jupyterPath: jupyterPath)
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.path))
    }

    /// `mfsh notebook -o x.ipynb`: nbformat 4.5 that nbformat validates, with the run's facts,
    /// Markdown cells, outputs of every kind, and plots written beside the report.
    func testExportedNotebookValidatesAndRecordsTheRun() throws {
        let directory = try scratchDirectory()
        let reports = directory.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("tiny.mf")
        try """
        ## # A tiny run
        ## | what | value |
        ## |---|---|
        ## | steps | 30 |
        data = load "letters" letters="AK" angles=0:360:90 points=100 seed=1
        parts = holdout data angle=[90]
        mix = mixflow gmm_base(components=2) hidden=[16] seed=1
        train mix parts.train steps=arg("steps", 30)
        plot mix to="history.svg"
        ## Scores
        gen = sample mix parts.test n=40 seed=2
        evaluate gen parts.test metrics=["w2"]
        mix.steps
        print nosuch
        """.write(to: script, atomically: true, encoding: .utf8)
        let run = try MfshProcess.run(["notebook", script.path, "-o", "reports/tiny.ipynb", "steps=30", "quick"], in: directory, timeout: 120)
        XCTAssertEqual(run.status, 70, run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: reports.appendingPathComponent("history.svg").path), "the plot beside the report")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("history.svg").path))
        let text = try String(contentsOf: reports.appendingPathComponent("tiny.ipynb"), encoding: .utf8)
        XCTAssertTrue(text.contains("arguments: steps=30 quick"), "the header records the arguments")
        XCTAssertTrue(text.contains("wall time "))
        XCTAssertTrue(text.contains(", core "), "and the BLAS core")

        let result = try JupyterPeer.peer(["validate", reports.appendingPathComponent("tiny.ipynb").path], jupyterPath: "")
        XCTAssertEqual(result.status, 0, result.error)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], result.output)
        XCTAssertEqual(summary["nbformat"] as? [Int], [4, 5])
        XCTAssertEqual(summary["cells"] as? [String], ["markdown", "markdown", "code", "markdown", "code"])
        let outputs = try XCTUnwrap(summary["outputs"] as? [[String]])
        XCTAssertTrue(outputs[2].contains("display_data"), "the plot")
        XCTAssertEqual(outputs[4].last, "error")
        XCTAssertEqual(summary["mimes"] as? [String], ["image/svg+xml", "text/html", "text/plain"])
    }
}
