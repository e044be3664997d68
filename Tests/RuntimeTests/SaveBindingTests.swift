import Foundation
import Lang
import MixFlowOps
import XCTest
@testable import Runtime

/// A value saved in its own format, as a model checkpoint will be.
private final class FakeModel: FileSavable {
    var typeName: String { "model" }
    var summary: String { "fake model" }
    func member(_ name: String) throws -> Value? { nil }
    var savedFileExtensions: [String] { ["mfm"] }
    func save(to path: String) throws -> String {
        try AtomicFile.write("weights", to: path)
        return "checkpoint, 7 bytes"
    }
}

final class SaveBindingTests: XCTestCase {
    private func session() throws -> (BindingSession, URL) {
        let directory = try scratchDirectory(self)
        var registry = BuiltinRegistry.standard()
        registry.add("fake_model", category: .models, summary: "A fake model.", help: "    m = fake_model", returns: "a model") { _, _ in
            .object(FakeModel())
        }
        return (BindingSession(directory: directory, registry: registry), directory)
    }

    func testADatasetRoundTripsThroughCSV() throws {
        let (session, directory) = try session()
        let path = directory.appendingPathComponent("d.csv").path
        session.run("""
            d = load "letters" letters="AK" angles=[0, 45] points=7 seed=3
            save d "\(path)"
            back = load "\(path)" condition=["letter", "angle"]
            """)
        let original = try XCTUnwrap(session.object("d", as: DatasetValue.self)).dataset
        let back = try XCTUnwrap(session.object("back", as: DatasetValue.self)).dataset
        XCTAssertEqual(back.points, original.points, "Floats written in their shortest exact form")
        XCTAssertEqual(back.conditions.map(\.name), original.conditions.map(\.name))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("letter,angle,x,y\nA,0,"), text)
        XCTAssertEqual(text.split(separator: "\n").count, 29)
        XCTAssertEqual(session.output.text, "wrote \(path) (28 rows: letter, angle, x, y)\n")
    }

    func testTransformedDataIsWrittenInSourceFeaturesUnlessAskedOtherwise() throws {
        let (session, directory) = try session()
        let source = directory.appendingPathComponent("s.csv").path
        let model = directory.appendingPathComponent("m.csv").path
        session.run("""
            cells = load "\(BindingSession.fixturesDirectory.path)/pbmc/pbmc68k_reduced.h5ad" use="X_pca" condition="bulk_labels" pca=3 scale=true
            save cells "\(source)"
            save cells "\(model)" space="model"
            """)
        let header = { (path: String) in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")[0] }
        XCTAssertEqual(try header(model), "bulk_labels,PC1,PC2,PC3")
        XCTAssertEqual(try header(source).split(separator: ",").count, 51, "bulk_labels and the 50 obsm columns")
    }

    func testAMetricTableIsARowPerConditionThenTheMean() throws {
        let (session, directory) = try session()
        let path = directory.appendingPathComponent("t.csv").path
        session.run("""
            a = load "gaussians" radii=[1, 2] points=30 seed=1
            b = load "gaussians" radii=[1, 2] points=30 seed=2
            t = energy a b
            save t "\(path)"
            """)
        let table = try XCTUnwrap(session.object("t", as: MetricTableValue.self)).table
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, ["condition,energy", "1,\(table.values[0][0])", "2,\(table.values[1][0])", "mean,\(table.mean[0])"])
    }

    func testWriteErrorsPointAtThePathArgument() throws {
        let (session, directory) = try session()
        session.run("d = load \"letters\" letters=\"A\" angles=[0] points=3 seed=1")
        let missing = try XCTUnwrap(session.error("save d \"\(directory.path)/nope/d.csv\""))
        XCTAssertEqual(missing.message, "cannot write '\(directory.path)/nope/d.csv': directory '\(directory.path)/nope' does not exist")
        XCTAssertEqual(missing.location?.start, SourceLocation(line: 1, column: 8))
        XCTAssertEqual(session.error("save 3 \"x.csv\"")?.message, "save writes datasets, samples and metric tables, not a number")
        XCTAssertEqual(session.error("save d \"x.json\"")?.message, "save writes a dataset as CSV; name the file .csv, .tsv or .h5ad, got 'x.json'")
    }

    func testPermissionDenied() throws {
        try XCTSkipIf(getuid() == 0, "root writes anywhere")
        let (session, directory) = try session()
        let locked = directory.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked.path) }
        session.run("d = load \"letters\" letters=\"A\" angles=[0] points=3 seed=1")
        let error = try XCTUnwrap(session.error("save d \"\(locked.path)/d.csv\""))
        XCTAssertEqual(error.message, "cannot write '\(locked.path)/d.csv': permission denied")
    }

    func testFileSavableValuesChooseTheirFormat() throws {
        let (session, directory) = try session()
        let path = directory.appendingPathComponent("m.mfm").path
        session.run("m = fake_model\nsave m \"\(path)\"")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "weights")
        XCTAssertEqual(session.output.text, "wrote \(path) (checkpoint, 7 bytes)\n")
        XCTAssertEqual(session.error("save m \"m.csv\"")?.message, "cannot save a model as .csv; it saves as .mfm")
    }

    func testShowWritesTheFullDisplay() throws {
        let (session, _) = try session()
        session.run("""
            a = load "gaussians" radii=[1] points=5 seed=1
            show a
            show "text"
            """)
        XCTAssertEqual(session.output.text, "dataset 5x2, 1 condition (radius), descriptors 1-D\n\"text\"\n")
    }
}
