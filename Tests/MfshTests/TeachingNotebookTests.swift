import Foundation
import XCTest

/// Each `examples/teaching/*.mf` renders with `mfsh notebook` into a report that holds every one
/// of its figures inline. The test renders a copy with the argument `quick` (next to a copy of
/// `_common.mf`, in the same folder layout, so `source "../_common.mf"` resolves), from a scratch
/// folder that shows any file the notebook writes.
final class TeachingNotebookTests: XCTestCase {
    private static let quickLine = "quick = arg(\"quick\", false)"

    func testEveryTeachingNotebookRendersItsFiguresInline() throws {
        let teaching = ExampleTests.examplesDirectory.appendingPathComponent("teaching")
        let scripts = try ExampleTests.scripts(in: teaching)
        XCTAssertEqual(scripts.map(\.lastPathComponent),
                       ["01_straight_paths.mf", "02_ot_pairing.mf", "03_velocity_field.mf", "04_conditional_base.mf"])
        for script in scripts {
            let name = script.lastPathComponent
            let source = try String(contentsOf: script, encoding: .utf8)
            XCTAssertTrue(source.contains(Self.quickLine), "\(name) must read the quick argument with: \(Self.quickLine)")
            let (result, report, leftovers) = try render(source, as: name)
            XCTAssertEqual(result.status, 0, "\(name):\n\(result.stderr)")
            let markup = try XCTUnwrap(report, "\(name): no report written")
            XCTAssertNil(markup.error, name)
            XCTAssertEqual(markup.sections("cell code failed").count + markup.sections("cell code not-run").count, 0, name)
            XCTAssertGreaterThanOrEqual(markup.sections("cell markdown").count, 3, "\(name): a course needs its text")
            // One figure per plot statement (none of them sits in a loop), each an inline SVG.
            let plots = source.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("plot ") }.count
            let figures = markup.elements(named: "figure")
            XCTAssertGreaterThan(plots, 0, name)
            XCTAssertEqual(figures.count, plots, "\(name): a figure per plot")
            XCTAssertTrue(figures.allSatisfy { figure in markup.children(of: figure).contains { $0.name == "svg" } }, name)
            XCTAssertEqual(leftovers, [], "\(name): a notebook only embeds its plots")
        }
    }

    /// Renders `source` as `scratch/teaching/name` into `scratch/report.html`; returns the result, the
    /// parsed report and any other file the run left in the scratch directory.
    private func render(_ source: String, as name: String) throws -> (MfshProcess.Result, ReportMarkup?, [String]) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-teaching-\(UUID().uuidString)")
        let folder = scratch.appendingPathComponent("teaching")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.copyItem(at: ExampleTests.examplesDirectory.appendingPathComponent("_common.mf"),
                                         to: scratch.appendingPathComponent("_common.mf"))
        try source.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let result = try MfshProcess.run(["notebook", "teaching/" + name, "-o", "report.html", "quick"], in: scratch, timeout: 120)
        let markup = (try? String(contentsOf: scratch.appendingPathComponent("report.html"), encoding: .utf8)).map(ReportMarkup.init)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
            .filter { !["report.html", "_common.mf", "teaching"].contains($0) }
        return (result, markup, leftovers.sorted())
    }
}
