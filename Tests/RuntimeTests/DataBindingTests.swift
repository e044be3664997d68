import Foundation
import Lang
import MixFlowOps
import XCTest
@testable import Runtime

/// `load`, selection, `holdout` and the dataset value, checked against MixFlowOps called directly.
final class DataBindingTests: XCTestCase {
    func testLettersMatchTheGeneratorWithTheSameOptions() throws {
        let session = BindingSession()
        session.run("data = load \"letters\" letters=\"AEK\" angles=0:360:90 points=30 noise=0.03 seed=7 dim=3")
        let loaded = try XCTUnwrap(session.object("data", as: DatasetValue.self)).dataset
        let direct = try Letters.make(LettersOptions(letters: "AEK", angles: [0, 90, 180, 270], points: 30, noise: 0.03, seed: 7, dim: 3))
        XCTAssertEqual(loaded, direct)
    }

    func testToySetsTakeTheirOwnConditionKeyword() throws {
        let session = BindingSession()
        session.run("g = load \"gaussians\" radii=[0.5, 2] points=40 noise=0.2 seed=9")
        let loaded = try XCTUnwrap(session.object("g", as: DatasetValue.self)).dataset
        XCTAssertEqual(loaded, try ToyDatasets.make(ToyOptions(kind: .gaussians, values: [0.5, 2], points: 40, noise: 0.2, seed: 9)))
        let wrong = try XCTUnwrap(session.error("r = load \"rings\" radii=[1]"))
        XCTAssertEqual(wrong.message, "radii= applies to load \"gaussians\", not to load \"rings\"")
        XCTAssertEqual(wrong.hint, "load \"rings\" takes factors, points, noise, seed")
    }

    func testLoadsDeclarationShowsTheLoadersDefaultsAndWhereEachKeywordApplies() throws {
        let registry = BuiltinRegistry.standard()
        let load = try XCTUnwrap(registry["load"])
        let noise = try XCTUnwrap(load.parameter(named: "noise"))
        let toyNoise = ToyKind.allCases.map { "\($0.rawValue) \(formatNumber($0.defaultNoise))" }
        XCTAssertEqual(load.defaultText(of: noise), (["letters \(formatNumber(LettersOptions().noise))"] + toyNoise).joined(separator: ", "))
        XCTAssertEqual(load.parameter(named: "letters")?.defaultValue, .string(LettersOptions().letters))
        XCTAssertEqual(load.parameter(named: "na")?.defaultValue, .list(CSVOptions.defaultMissingValues.map(Value.string)))
        XCTAssertEqual(load.documentation(of: try XCTUnwrap(load.parameter(named: "sep"))), ".csv: the field separator")
        XCTAssertEqual(load.documentation(of: noise), "generated data: Gaussian noise sd")
        XCTAssertFalse(registry.markdownReference().contains("points=nil"), "no default shown as nil")
        let session = BindingSession()
        XCTAssertEqual(session.error("d = load \"letters\" sep=\";\"")?.hint, "load \"letters\" takes letters, angles, points, noise, dim, seed")
    }

    func testWithoutSeedTheSessionSeedDecidesAndEachLoadGetsItsOwn() throws {
        let session = BindingSession()
        session.run("seed 4\na = load \"letters\" letters=\"A\" angles=[0] points=10\nb = load \"letters\" letters=\"A\" angles=[0] points=10")
        let again = BindingSession()
        again.run("seed 4\na = load \"letters\" letters=\"A\" angles=[0] points=10")
        XCTAssertEqual(session.object("a", as: DatasetValue.self)?.dataset, again.object("a", as: DatasetValue.self)?.dataset)
        XCTAssertNotEqual(session.object("a", as: DatasetValue.self)?.dataset, session.object("b", as: DatasetValue.self)?.dataset)
    }

    func testMembersDescribeTheDataset() throws {
        let session = BindingSession()
        session.run("""
            d = load "letters" letters="AE" angles=[0, 90] points=5 seed=1
            n = d.n; dim = d.dim; count = d.count; names = d.conditions; counts = d.counts
            letters = d.letter; angles = d.angle; fields = d.fields; first = d.points[0]
            """)
        XCTAssertEqual(session["n"], 20)
        XCTAssertEqual(session["dim"], 2)
        XCTAssertEqual(session["count"], 4)
        XCTAssertEqual(session["names"], ["A@0", "A@90", "E@0", "E@90"])
        XCTAssertEqual(session["counts"], .record(Record([("A@0", 5), ("A@90", 5), ("E@0", 5), ("E@90", 5)])))
        XCTAssertEqual(session["letters"], ["A", "E"])
        XCTAssertEqual(session["angles"], [0, 90])
        XCTAssertEqual(session["fields"], ["letter", "angle"])
        let data = try XCTUnwrap(session.object("d", as: DatasetValue.self)).dataset
        // Points read as the shortest decimal of their Float, which converts back to the Float.
        guard case .list(let row) = session["first"], case .number(let x) = row[0] else { return XCTFail("no point") }
        XCTAssertEqual(Float(x), data.points[0, 0])
        let completion = session.interpreter.completions(line: "d.co", cursor: 4).candidates
        XCTAssertEqual(completion, ["d.count", "d.conditions", "d.counts"])
    }

    func testSelectionByFieldsAndByName() throws {
        let session = BindingSession()
        session.run("""
            d = load "letters" letters="AEK" angles=[0, 90, 180] points=4 seed=1
            a90 = d[letter="A", angle=90]
            some = d[angle=[0, 90], letter=["E", "K"]]
            named = d["K@180"]
            by_name = d[condition=["A@0", "E@90"]]
            """)
        XCTAssertEqual(session.object("a90", as: DatasetValue.self)?.dataset.conditions.map(\.name), ["A@90"])
        XCTAssertEqual(session.object("some", as: DatasetValue.self)?.dataset.conditions.map(\.name), ["E@0", "E@90", "K@0", "K@90"])
        XCTAssertEqual(session.object("named", as: DatasetValue.self)?.dataset.pointCount, 4)
        XCTAssertEqual(session.object("by_name", as: DatasetValue.self)?.dataset.conditions.map(\.name), ["A@0", "E@90"])
        let unknown = try XCTUnwrap(session.error("x = d[angle=45]"))
        XCTAssertEqual(unknown.message, "no condition has angle=45 in letters")
        XCTAssertEqual(unknown.hint, "angle values are '0', '90', '180'")
        XCTAssertEqual(unknown.location?.start, SourceLocation(line: 1, column: 5))
        let badIndex = try XCTUnwrap(session.error("x = d[3]"))
        XCTAssertEqual(badIndex.message, "a dataset is indexed by a condition name, got a number")
    }

    func testHoldoutRulesGiveTheSplitsOfMixFlowOps() throws {
        let session = BindingSession()
        session.run("""
            d = load "letters" letters="AE" angles=[0, 90, 180] points=3 seed=1
            by_angle = holdout d angle=[90, 180]
            by_name = holdout d conditions=["E@0"]
            by_fraction = holdout d fraction=0.5 seed=11
            """)
        let data = try XCTUnwrap(session.object("d", as: DatasetValue.self)).dataset
        let query = ConditionQuery([ConditionQuery.Constraint(field: "angle", values: [.number(90), .number(180)])])
        XCTAssertEqual(session.object("by_angle", as: SplitValue.self)?.split, try data.holdout(.matching(query)))
        XCTAssertEqual(session.object("by_name", as: SplitValue.self)?.split, try data.holdout(.conditions(["E@0"])))
        XCTAssertEqual(session.object("by_fraction", as: SplitValue.self)?.split, try data.holdout(.fraction(0.5, seed: 11)))
        let split = try XCTUnwrap(session.object("by_angle", as: SplitValue.self))
        XCTAssertTrue(try split.member("train").map { $0 == (try split.member("train"))! } ?? false, "the same value each time")
    }

    func testHoldoutChecksItsRule() throws {
        let session = BindingSession()
        session.run("d = load \"letters\" letters=\"AE\" angles=[0, 90] points=3 seed=1")
        XCTAssertEqual(session.error("p = holdout d")?.message, "holdout needs a rule saying which conditions to hold out")
        XCTAssertEqual(session.error("p = holdout d angle=[0] conditions=[\"A@0\"]")?.message,
                       "holdout takes one rule, got field values and conditions=")
        XCTAssertEqual(session.error("p = holdout d angle=[0] seed=3")?.message, "seed= only applies with fraction=")
        let typo = try XCTUnwrap(session.error("p = holdout d leter=\"A\""))
        XCTAssertEqual(typo.hint, "did you mean 'letter'?")
        XCTAssertEqual(typo.location?.start, SourceLocation(line: 1, column: 15), "points at the name")
        XCTAssertEqual(session.error("p = holdout d angle=true")?.message,
                       "argument 'angle' of holdout must be a string or a number or a list, got a bool")
        XCTAssertEqual(session.error("p = holdout d angle=[0] angle=[90]")?.message, "argument 'angle' of holdout is given twice")
    }

    func testCSVErrorsPointAtTheLoadCallAndTheSessionKeepsItsValues() throws {
        let directory = try scratchDirectory(self)
        try "g,x,y\na,1,2\nb,3,4\n".write(to: directory.appendingPathComponent("good.csv"), atomically: true, encoding: .utf8)
        try "g,x,y\na,1,2\nb,3,oops\n".write(to: directory.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let session = BindingSession(directory: directory)
        session.run("good = load \"good.csv\" condition=\"g\"\nkept = good")
        let error = try XCTUnwrap(session.error("good = load \"bad.csv\" condition=\"g\""))
        XCTAssertEqual(error.message, "bad.csv:3:3 (column 'y'): expected a number, found 'oops'")
        XCTAssertEqual(error.location?.start, SourceLocation(line: 1, column: 13), "at the path argument")
        // The failed assignment changed nothing: `good` is still the first dataset.
        session.run("n = good.n\nsame = good == kept")
        XCTAssertEqual(session["n"], 2)
        XCTAssertEqual(session["same"], true)
    }

    func testDescriptorsFromASecondFileAndErrorsInIt() throws {
        let directory = try scratchDirectory(self)
        try "g,x,y\na,1,2\nb,3,4\n".write(to: directory.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        try "g,d1,d2,d3\na,1,0,5\nb,0,1,6\n".write(to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try "g,d1\na,1\n".write(to: directory.appendingPathComponent("short.csv"), atomically: true, encoding: .utf8)
        let session = BindingSession(directory: directory)
        session.run("p = load \"p.csv\" condition=\"g\" descriptors=\"d.csv\"\nb = p.descriptors[\"b\"]")
        XCTAssertEqual(session["b"], [0, 1, 6])
        let missing = try XCTUnwrap(session.error("q = load \"p.csv\" condition=\"g\" descriptors=\"short.csv\""))
        XCTAssertTrue(missing.message.hasPrefix("short.csv: no descriptor row for 1 condition: 'b'"), missing.message)
        XCTAssertEqual(missing.location?.start, SourceLocation(line: 1, column: 44), "at the descriptors argument")
    }

    func testAnnDataErrorsNameTheKeyAndTheFile() throws {
        let session = BindingSession()
        let missing = try XCTUnwrap(session.error("c = load \"pbmc/pbmc68k_reduced.h5ad\" use=\"X_diffmap\""))
        XCTAssertEqual(missing.message, "pbmc/pbmc68k_reduced.h5ad: no obsm matrix 'X_diffmap'")
        XCTAssertEqual(missing.hint, "obsm keys are 'X_pca', 'X_umap'; or use \"X\"")
        let directory = try scratchDirectory(self)
        try "not hdf5".write(to: directory.appendingPathComponent("fake.h5ad"), atomically: true, encoding: .utf8)
        let fake = try XCTUnwrap(BindingSession(directory: directory).error("c = load \"fake.h5ad\""))
        XCTAssertTrue(fake.message.hasPrefix("fake.h5ad: not an HDF5 file"), fake.message)
    }

    func testSummariesAreOneLine() throws {
        let session = BindingSession()
        session.run("""
            d = load "moons" angles=[0, 90] points=10 seed=1
            p = holdout d angle=[90]
            d
            p
            """, echo: true)
        XCTAssertEqual(session.output.text, """
            dataset 20x2, 2 conditions (angle), descriptors 2-D
            split: train 1 condition (10 points), test 1 condition (90; 10 points)

            """)
    }
}
