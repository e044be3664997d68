import Foundation
import XCTest
@testable import Notebook

final class IpynbTests: XCTestCase {
    private func notebook(_ document: NotebookDocument = SampleNotebook.document()) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(document.ipynb().utf8)) as? [String: Any])
    }

    func testIsNbformat45WithTheMfshKernel() throws {
        let json = try notebook()
        XCTAssertEqual(json["nbformat"] as? Int, 4)
        XCTAssertEqual(json["nbformat_minor"] as? Int, 5)
        let metadata = try XCTUnwrap(json["metadata"] as? [String: Any])
        XCTAssertEqual((metadata["kernelspec"] as? [String: String])?["name"], "mfsh")
        XCTAssertEqual((metadata["language_info"] as? [String: String])?["file_extension"], ".mf")
        let run = try XCTUnwrap(metadata["mfsh"] as? [String: Any])
        XCTAssertEqual(run["arguments"] as? [String], ["quick", "seed=2"])
        XCTAssertEqual(run["wall_seconds"] as? Double, 45.4)
        let cells = try XCTUnwrap(json["cells"] as? [[String: Any]])
        let ids = cells.compactMap { $0["id"] as? String }
        XCTAssertEqual(Set(ids).count, cells.count, "nbformat 4.5 cells have unique ids")
    }

    func testCellsKeepTheirOrderAndOutputs() throws {
        let cells = try XCTUnwrap(try notebook()["cells"] as? [[String: Any]])
        XCTAssertEqual(cells.map { $0["cell_type"] as? String ?? "" },
                       ["markdown", "markdown", "code", "code", "markdown", "code", "code", "code", "markdown", "code"])
        let header = (cells[0]["source"] as? [String])?.joined() ?? ""
        XCTAssertTrue(header.hasPrefix("# letters.mf\n\n2025-06-01 14:03 UTC · arguments: quick seed=2 · seed 1 · wall time 45.4 s"), header)
        let results = try XCTUnwrap(cells[5]["outputs"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["output_type"] as? String ?? "" }, ["stream", "display_data", "display_data"])
        let table = try XCTUnwrap(results[1]["data"] as? [String: [String]])
        XCTAssertTrue(table["text/html"]?.joined().contains("<td class=\"num\">0.1835</td>") ?? false)
        XCTAssertEqual(table["text/plain"]?.first, "W2 (exact, 1000 vs 1000 points) per condition\n")
        XCTAssertNotNil((results[2]["data"] as? [String: Any])?["image/svg+xml"])
    }

    func testFailedCellEndsWithItsErrorAndLaterCellsHaveNoOutputs() throws {
        let cells = try XCTUnwrap(try notebook()["cells"] as? [[String: Any]])
        let failed = try XCTUnwrap(cells[7]["outputs"] as? [[String: Any]])
        XCTAssertEqual(failed.last?["output_type"] as? String, "error")
        XCTAssertEqual(failed.last?["evalue"] as? String, "unknown keyword 'sigam' for gmm_base")
        XCTAssertTrue(cells[9]["execution_count"] is NSNull)
        XCTAssertEqual((cells[9]["outputs"] as? [Any])?.count, 0)
    }

    func testSameDocumentSameBytes() {
        XCTAssertEqual(SampleNotebook.document().ipynb(), SampleNotebook.document().ipynb())
    }

    func testWriteChoosesTheFormatByExtension() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-ipynb-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let document = SampleNotebook.document()
        try document.write(to: directory.appendingPathComponent("r.ipynb").path)
        try document.write(to: directory.appendingPathComponent("r.html").path)
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent("r.ipynb"), encoding: .utf8), document.ipynb())
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent("r.html"), encoding: .utf8), document.html())
    }
}
