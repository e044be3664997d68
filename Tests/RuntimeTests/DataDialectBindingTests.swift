import Foundation
import Lang
import MixFlowOps
import XCTest
@testable import Runtime

/// The CSV dialect keywords of load, .tsv output, and their help.
final class DataDialectBindingTests: XCTestCase {
    func testTSVSavesWithTabsAndLoadsBack() throws {
        let directory = try scratchDirectory(self)
        let session = BindingSession(directory: directory)
        session.run("""
            d = load "letters" letters="AK" angles=[0, 45] points=4 seed=2
            save d "\(directory.appendingPathComponent("d.tsv").path)"
            back = load "d.tsv" condition=["letter", "angle"]
            """)
        let text = try String(contentsOf: directory.appendingPathComponent("d.tsv"), encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("letter\tangle\tx\ty\nA\t0\t"), text)
        let original = try XCTUnwrap(session.object("d", as: DatasetValue.self)).dataset
        let back = try XCTUnwrap(session.object("back", as: DatasetValue.self)).dataset
        XCTAssertEqual(back.points, original.points)
        XCTAssertEqual(back.conditions.map(\.name), original.conditions.map(\.name))
    }

    func testDialectKeywordsAndTheirErrors() throws {
        let directory = try scratchDirectory(self)
        try "\u{FEFF}group;x\n# made by hand\nA;1\nA;n/a\nB;3\n".write(to: directory.appendingPathComponent("e.csv"), atomically: true, encoding: .utf8)
        let session = BindingSession(directory: directory)
        session.run("d = load \"e.csv\" condition=\"group\" na=[\"n/a\"] drop_na=true")
        XCTAssertEqual(session.object("d", as: DatasetValue.self)?.summary,
                       "dataset 2x1, 2 conditions (group), descriptors 2-D; 1 row with missing values dropped (x 1)")
        XCTAssertEqual(session.error("load \"e.csv\" condition=\"group\" na=[\"n/a\"]")?.message,
                       "e.csv:4:2 (column 'x'): missing value: expected a number, found 'n/a'")
        XCTAssertEqual(session.error("load \"e.csv\" sep=\";;\"")?.message, "sep= takes one character, e.g. \";\" or \"\\t\", got \";;\"")
        XCTAssertEqual(session.error("load \"letters\" drop_na=true")?.message, "drop_na= applies to files (.csv, .h5ad), not to load \"letters\"")
        XCTAssertEqual(session.error("load \"e.csv\" layer=\"counts\"")?.message, "layer= applies to .h5ad files, not to load \"e.csv\"")
        XCTAssertEqual(session.error("save d \"d.json\"")?.message, "save writes a dataset as CSV; name the file .csv, .tsv or .h5ad, got 'd.json'")
        XCTAssertEqual(session.error("save [d, 3] \"d.h5ad\"")?.message, "save writes .h5ad files of datasets and samples, not a number")
        let missing = session.error("save d \"/nonexistent-mfsh-dir/d.h5ad\"")
        XCTAssertEqual(missing?.message, "cannot write '/nonexistent-mfsh-dir/d.h5ad': directory '/nonexistent-mfsh-dir' does not exist")
        XCTAssertEqual(missing?.hint, "create the directory first, or write somewhere else")
    }

    func testHelpListsTheNewKeywords() {
        let registry = BuiltinRegistry.standard()
        let load = HelpText.help(named: "load", registry: registry)
        for keyword in ["layer", "features", "drop_na", "sep", "na"] {
            XCTAssertTrue(load.contains(keyword + "="), "help load lists \(keyword)=")
        }
        XCTAssertTrue(load.contains("\"highly_variable\""))
        let save = HelpText.help(named: "save", registry: registry)
        XCTAssertTrue(save.contains(".h5ad"))
        XCTAssertTrue(save.contains("save [parts.test, gen] \"compare.h5ad\""))
    }
}
