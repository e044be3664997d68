import Foundation
import Lang
import MixFlowOps
import XCTest
@testable import Runtime

/// An output sink standing in for a notebook: it embeds plots.
private final class InlineRecorder: InlinePlotOutput {
    let recording = RecordingOutput()
    func write(_ text: String) { recording.write(text) }
    func warning(_ message: String) { recording.warning(message) }
    func plot(_ plot: OutputPlot) { recording.plot(plot) }
    func table(_ table: OutputTable) { recording.table(table) }
}

/// A domain value that draws itself, as a training history will.
private final class FakeHistory: Plottable {
    var typeName: String { "history" }
    var summary: String { "history, 3 steps" }
    func member(_ name: String) throws -> Value? { nil }
    func chart(for request: PlotRequest) throws -> Chart {
        let smoothing = request.int("smoothing")
        var options = request.options
        if !request.isGiven("logy") { options.logY = true }
        let series = LineSeries(x: [1, 2, 3], y: [1, 0.5, 0.25].map { $0 / Double(smoothing) }, label: request.items[0].label)
        return .figure(Figure.history([series], options: options))
    }
}

final class PlotBindingTests: XCTestCase {
    private func session(output: (any OutputSink)? = nil) throws -> (BindingSession, URL) {
        let directory = try scratchDirectory(self)
        var registry = BuiltinRegistry.standard()
        registry.add("fake_history", category: .models, summary: "A fake history.", help: "    h = fake_history", returns: "a history") { _, _ in
            .object(FakeHistory())
        }
        let session = BindingSession(directory: directory, registry: registry, output: output)
        // Plots are written relative to the working directory.
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(directory.path)
        addTeardownBlock { FileManager.default.changeCurrentDirectoryPath(previous) }
        session.run("""
            real = load "letters" letters="AE" angles=[0, 90, 180] points=40 seed=1
            gen = load "letters" letters="AE" angles=[0, 90, 180] points=40 noise=0.05 seed=2
            """)
        return (session, directory)
    }

    private func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    func testOverlayHasAPanelPerConditionAndALayerPerValue() throws {
        let (session, directory) = try session()
        session.run("plot gen real to=\"overlay.svg\" title=\"gen over real\"")
        let svg = try String(contentsOf: directory.appendingPathComponent("overlay.svg"), encoding: .utf8)
        XCTAssertEqual(count("<g class=\"panel\">", in: svg), 6)
        // One layer per panel for each value, plus its legend marker.
        XCTAssertEqual(count("stroke=\"\(PlotPalette.color(0).hex)\"", in: svg), 7, "generated")
        XCTAssertEqual(count("stroke=\"\(PlotPalette.color(1).hex)\"", in: svg), 7, "real")
        for title in ["A @ 0", "A @ 90", "E @ 180", ">gen<", ">real<", ">gen over real<"] {
            XCTAssertTrue(svg.contains(title), title)
        }
        guard case .plot(let plot) = session.output.events.last else { return XCTFail("no plot event") }
        XCTAssertEqual(plot.path, "overlay.svg")
        XCTAssertEqual(plot.svg, svg)
    }

    func testGroupingAndThinning() throws {
        let (session, directory) = try session()
        session.run("""
            plot real by="letter" to="letters.svg"
            plot real by="none" to="one.svg" points=10
            plot real["A@90"] to="single.svg"
            """)
        let byLetter = try String(contentsOf: directory.appendingPathComponent("letters.svg"), encoding: .utf8)
        XCTAssertEqual(count("<g class=\"panel\">", in: byLetter), 2)
        XCTAssertTrue(byLetter.contains(">letter A<"))
        let one = try String(contentsOf: directory.appendingPathComponent("one.svg"), encoding: .utf8)
        XCTAssertEqual(count("<g class=\"panel\">", in: one), 1)
        // One panel, one set, six conditions: a coloured layer of at most 10 points per condition,
        // and a legend marker for each.
        XCTAssertEqual(count("h0M", in: one) + count("h0\"", in: one), 60 + 6)
        let single = try String(contentsOf: directory.appendingPathComponent("single.svg"), encoding: .utf8)
        XCTAssertTrue(single.contains(">A @ 90<"))
        XCTAssertFalse(single.contains(">real["), "a single set needs no legend")
    }

    func testARecordOfNumberListsDrawsALinePerField() throws {
        let (session, directory) = try session()
        session.run("plot (components: [1, 2, 4, 8], MixFlow: [0.3, 0.2, 0.15, 0.18], CFM: [0.4, 0.4, 0.4, 0.4]) to=\"sweep.svg\" logx=true")
        let svg = try String(contentsOf: directory.appendingPathComponent("sweep.svg"), encoding: .utf8)
        XCTAssertEqual(count("<g class=\"panel\">", in: svg), 1)
        for text in [">components<", ">MixFlow<", ">CFM<"] { XCTAssertTrue(svg.contains(text), text) }
        // A line and its legend entry per field after the first, in palette order.
        XCTAssertGreaterThanOrEqual(count("stroke=\"\(PlotPalette.color(0).hex)\"", in: svg), 2, "MixFlow")
        XCTAssertGreaterThanOrEqual(count("stroke=\"\(PlotPalette.color(1).hex)\"", in: svg), 2, "CFM")
        XCTAssertEqual(count("stroke=\"\(PlotPalette.color(2).hex)\"", in: svg), 0, "no third line")
        XCTAssertEqual(session.error("plot (d: [1, 2, 3], e: [1, 2]) to=\"x.svg\"")?.message,
                       "line 'e' has 2 values for 3 values of 'd'")
        XCTAssertEqual(session.error("plot (d: [1, 2], e: [1, \"a\"]) to=\"x.svg\"")?.message,
                       "field 'e' of the record must hold numbers, got a string")
        XCTAssertEqual(session.error("plot (d: [1, 2]) to=\"x.svg\"")?.message.hasPrefix("a line plot needs a record of x values"), true)
    }

    func testWithoutToANotebookEmbedsAndWritesNothing() throws {
        let inline = InlineRecorder()
        let (session, directory) = try session(output: inline)
        session.run("plot gen real")
        guard case .plot(let plot) = inline.recording.events.last else { return XCTFail("no plot") }
        XCTAssertNil(plot.path)
        XCTAssertTrue(plot.svg.hasPrefix("<?xml"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }

    func testWithoutToAScriptWritesNameOfTheFirstValue() throws {
        let (session, directory) = try session()
        session.run("plot gen real\nplot real[\"A@0\"]")
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("gen.svg").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("plot.svg").path))
        let paths = session.output.events.compactMap { event -> String? in
            if case .plot(let plot) = event { return plot.path } else { return nil }
        }
        XCTAssertEqual(paths, ["gen.svg", "plot.svg"])
    }

    func testTablesDrawBarsWithASeriesPerTable() throws {
        let (session, directory) = try session()
        session.run("""
            near = w2 gen real
            far = w2 real[letter="A"] gen[letter="A"]
            plot near far to="bars.svg"
            """)
        let svg = try String(contentsOf: directory.appendingPathComponent("bars.svg"), encoding: .utf8)
        for label in [">near<", ">far<", ">E@180<", ">mean<", ">w2 per condition<"] { XCTAssertTrue(svg.contains(label), label) }
        let several = try XCTUnwrap(session.error("e = evaluate gen real metrics=[\"w2\", \"mmd\"]\nplot e e to=\"x.svg\""))
        XCTAssertEqual(several.message, "the tables have several metrics; say which to draw")
        XCTAssertEqual(session.error("plot near to=\"x.svg\" by=\"letter\"")?.message,
                       "by= applies to scatter plots of point sets, not to metric tables")
    }

    func testAPlottableValueDrawsItselfWithItsOwnOptions() throws {
        let (session, directory) = try session()
        session.run("h = fake_history\nplot h to=\"h.svg\" smoothing=2")
        let svg = try String(contentsOf: directory.appendingPathComponent("h.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains(">step<") && svg.contains(">loss<"), "the history figure")
        let typo = try XCTUnwrap(session.error("plot h to=\"h.svg\" smothing=2"))
        XCTAssertEqual(typo.message, "unknown keyword 'smothing' for plot")
        XCTAssertEqual(typo.hint, "did you mean 'smoothing'?")
        XCTAssertEqual(session.error("plot h to=\"h.svg\" smoothing=\"a\"")?.message,
                       "argument 'smoothing' of plot must be an integer, got a string")
    }

    func testSubOptionsApplyOnlyToTheValuesThatDrawThemselves() throws {
        let (session, _) = try session()
        let wrong = try XCTUnwrap(session.error("plot real to=\"r.svg\" smoothing=2"))
        XCTAssertEqual(wrong.message, "smoothing= applies to training histories (and models), not to plotting a dataset")
        XCTAssertEqual(wrong.location?.start, SourceLocation(line: 1, column: 32), "at the keyword's value")
        let plot = try XCTUnwrap(BuiltinRegistry.standard()["plot"])
        XCTAssertTrue(HelpText.page(for: plot).contains("histories, models: running mean of the loss curves"))
    }

    func testWriteErrorsPointAtThePath() throws {
        let (session, _) = try session()
        let error = try XCTUnwrap(session.error("plot real to=\"no/such/dir/a.svg\""))
        XCTAssertTrue(error.message.hasPrefix("cannot write 'no/such/dir/a.svg': directory '"), error.message)
        XCTAssertEqual(error.location?.start, SourceLocation(line: 1, column: 14))
        XCTAssertEqual(error.hint, "create the directory first, or write somewhere else")
    }
}
