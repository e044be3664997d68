import Foundation
import Lang
import MixFlowOps
import XCTest
@testable import Runtime

/// `.h5ad` in and out against the real anndata package: files written by anndata load with the
/// values anndata holds, and files mfsh saves read back in anndata with the same cells, names,
/// categories and values. Skipped (with the reason) when anndata cannot be installed.
final class AnnDataPeerTests: XCTestCase {
    /// X of the fixtures (scripts/anndata_peer.py): row i = (4i .. 4i+3) / 4 + 0.1, as float32.
    private func fixtureRow(_ i: Int) -> [Float] { (0..<4).map { Float(4 * i + $0) / 4 + 0.1 } }

    private func fixtures() throws -> (BindingSession, URL) {
        let directory = try scratchDirectory(self)
        _ = try PythonPeer.peer(["write", directory.path])
        return (BindingSession(directory: directory), directory)
    }

    private func dataset(_ session: BindingSession, _ name: String) throws -> Dataset {
        try XCTUnwrap(session.object(name, as: DatasetValue.self)).dataset
    }

    func testDenseSparseAndLayersLoadAsAnnDataWroteThem() throws {
        let (session, _) = try fixtures()
        for file in ["dense", "csr", "csc"] {
            session.run("d = load \"\(file).h5ad\" condition=\"cell_type\" drop_na=true")
            let data = try dataset(session, "d")
            XCTAssertEqual(data.conditions.map(\.name), ["B", "NK", "T"], "category order, \(file)")
            XCTAssertEqual(data.counts, [2, 1, 2], file)
            XCTAssertEqual(data.pointNames, ["cell0", "cell1", "cell3", "cell4", "cell5"], file)
            XCTAssertEqual(data.points.storage, [0, 1, 3, 4, 5].flatMap(fixtureRow), file)
            XCTAssertEqual(data.featureNames, ["CD3E", "MS4A1", "CD3E-1", "NKG7"], "made unique as anndata does, \(file)")
            XCTAssertTrue(session.output.warnings.contains { $0.contains("gene names repeat ('CD3E')") }, file)
            XCTAssertEqual(session.object("d", as: DatasetValue.self)?.summary,
                           "dataset 5x4, 3 conditions (cell_type), descriptors 3-D; 1 cell with missing values dropped (cell_type 1)")
        }
        session.run("""
            counts = load "csr.h5ad" layer="counts"
            hvg = load "dense.h5ad" features="highly_variable"
            picked = load "csc.h5ad" features=["NKG7", "MS4A1"]
            """)
        XCTAssertEqual(try dataset(session, "counts").points.storage, (0..<6).flatMap(fixtureRow).map { ($0 * 3).rounded() })
        let hvg = try dataset(session, "hvg")
        XCTAssertEqual(hvg.featureNames, ["CD3E", "CD3E-1", "NKG7"])
        XCTAssertEqual(hvg.points.row(1), [fixtureRow(1)[0], fixtureRow(1)[2], fixtureRow(1)[3]])
        let picked = try dataset(session, "picked")
        XCTAssertEqual(picked.featureNames, ["NKG7", "MS4A1"])
        XCTAssertEqual(picked.points.row(5), [fixtureRow(5)[3], fixtureRow(5)[1]])
    }

    func testObsColumnsKeepTheirTypeAndValues() throws {
        let (session, _) = try fixtures()
        session.run("""
            flags = load "dense.h5ad" condition="flag"
            flagged = flags[flag=true]
            ints = load "dense.h5ad" condition="n" drop_na=true
            bools = load "dense.h5ad" condition="b" drop_na=true
            doses = load "dense.h5ad" condition="dose"
            parts = holdout doses dose=[0.1]
            bigs = load "dense.h5ad" condition="big"
            singles = load "dense.h5ad" condition="dose32"
            low = singles[dose32=0.1]
            """)
        XCTAssertEqual(try dataset(session, "flags").conditions.map(\.name), ["True", "False"])
        XCTAssertEqual(try dataset(session, "flagged").pointNames, ["cell0", "cell2", "cell3"])
        XCTAssertEqual(try dataset(session, "ints").conditions.map(\.name), ["1", "3", "16777216", "16777217"])
        XCTAssertEqual(try dataset(session, "ints").fields.map(\.kind), [.number])
        XCTAssertEqual(try dataset(session, "bools").counts, [3, 2])
        XCTAssertEqual(try dataset(session, "doses").conditions.map(\.name), ["0.1", "0.2", "0.3"])
        let split = try XCTUnwrap(session.object("parts", as: SplitValue.self)).split
        XCTAssertEqual(split.test.pointNames, ["cell0", "cell2", "cell5"])
        XCTAssertEqual(try dataset(session, "bigs").conditions.map(\.name), ["16777216", "16777217", "1"])
        XCTAssertEqual(try dataset(session, "bigs").counts, [2, 2, 2])
        XCTAssertEqual(try dataset(session, "singles").conditions.map(\.name), ["0.1", "0.2", "0.3"], "float32 shown as written")
        XCTAssertEqual(try dataset(session, "low").pointCount, 3)
    }

    func testMalformedFilesAndKeywordsGiveExactErrors() throws {
        let (session, _) = try fixtures()
        let cases: [(String, String, String?)] = [
            ("load \"dense.h5ad\" condition=\"cell_type\"",
             "dense.h5ad: 'obs/cell_type': cell 2 (0-based, 'cell2') has no 'cell_type' value (missing)",
             "1 cell lacks one; load with drop_na=true to drop them"),
            ("load \"dense.h5ad\" condition=\"n\"",
             "dense.h5ad: 'obs/n': cell 1 (0-based, 'cell1') has no 'n' value (missing)",
             "1 cell lacks one; load with drop_na=true to drop them"),
            ("load \"dense.h5ad\" layer=\"spliced\"", "dense.h5ad: no layer 'spliced'", "layers are 'counts'"),
            ("load \"nan_x.h5ad\" layer=\"counts\"", "nan_x.h5ad: no layer 'counts'",
             "the file has no layers; use X, raw or an obsm key"),
            ("load \"dense.h5ad\" features=[\"CD99\"]", "dense.h5ad: no gene 'CD99' in var names",
             "names are like 'CD3E', 'MS4A1', 'CD3E', 'NKG7'"),
            ("load \"dense.h5ad\" features=[\"nkg7\"]", "dense.h5ad: no gene 'nkg7' in var names", "did you mean 'NKG7'?"),
            ("load \"dense.h5ad\" features=\"means\"",
             "dense.h5ad: 'var/means': holds floating-point numbers, expected booleans (True/False) to pick genes",
             "a mask such as highly_variable from scanpy.pp.highly_variable_genes"),
            ("load \"dense.h5ad\" features=\"dispersions\"", "dense.h5ad: no boolean var column 'dispersions' in var",
             "var columns are 'highly_variable', 'means'"),
            ("load \"dense.h5ad\" use=\"X_pca\" features=[\"CD3E\"]",
             "dense.h5ad: features= picks genes of X, raw or a layer, not of the obsm matrix 'X_pca'",
             "drop features=, or load X with features= and reduce it with pca="),
            ("load \"nan_x.h5ad\"",
             "nan_x.h5ad: 'X': cell 2 (0-based, 'cell2'), gene 'MS4A1' (column 2): found nan, expected a finite number",
             "load with drop_na=true to drop cells with missing values"),
            ("load \"no_cells.h5ad\"", "no_cells.h5ad: 'X' is 0x4: a matrix with no cells cannot be loaded", nil),
            ("load \"dense.h5ad\" use=\"X\" layer=\"counts\"", "layer= and use= both pick the matrix; give one", nil),
            ("load \"dense.h5ad\" sep=\";\"", "sep= applies to .csv files, not to load \"dense.h5ad\"",
             "load \"dense.h5ad\" takes condition, use, layer, features, drop_na, descriptors, pca, scale, seed"),
        ]
        for (code, message, hint) in cases {
            let error = session.error(code)
            XCTAssertEqual(error?.message, message, code)
            XCTAssertEqual(error?.hint, hint, code)
        }
        session.run("d = load \"nan_x.h5ad\" drop_na=true")
        XCTAssertEqual(try dataset(session, "d").pointNames, ["cell0", "cell1", "cell3", "cell4", "cell5"])
    }

    func testSavedRealAndGeneratedCellsReadBackInAnnData() throws {
        _ = try PythonPeer.requireAnnData()
        let directory = try scratchDirectory(self)
        let session = BindingSession(directory: directory)
        let path = directory.appendingPathComponent("compare.h5ad").path
        session.run("""
            d = load "letters" letters="AK" angles=[0, 45] points=3 seed=1
            c = cfm hidden=[8] encoder_hidden=[8] seed=1
            train c d steps=5 progress=false
            gen = sample c d n=2 solver="euler" steps=2 seed=7
            save [d, gen] "\(path)"
            """)
        let read = try PythonPeer.describe(path)
        let data = try dataset(session, "d")
        let gen = try XCTUnwrap(session.object("gen", as: SamplesValue.self)).pointSet
        XCTAssertEqual(read["shape"] as? [Int], [12 + 8, 2])
        XCTAssertEqual(read["x_dtype"] as? String, "float32")
        let x = try XCTUnwrap(read["x"] as? [[Double]]).flatMap { $0 }.map(Float.init)
        XCTAssertEqual(x, data.points.storage + gen.points.storage, "float32 values exactly")
        let names = try XCTUnwrap(read["obs_names"] as? [String])
        XCTAssertEqual(Array(names.prefix(4)), ["A@0_0", "A@0_1", "A@0_2", "A@45_0"])
        XCTAssertEqual(Array(names.suffix(3)), ["gen_K@0_1", "gen_K@45_0", "gen_K@45_1"])
        let obs = try XCTUnwrap(read["obs"] as? [String: [String: Any]])
        XCTAssertEqual(Set(obs.keys), ["letter", "angle", "source"])
        XCTAssertEqual(obs["letter"]?["categories"] as? [String], ["A", "K"])
        XCTAssertEqual(obs["angle"]?["categories"] as? [Int], [0, 45])
        XCTAssertEqual(obs["source"]?["categories"] as? [String], ["real", "generated"])
        XCTAssertEqual(obs["source"]?["codes"] as? [Int], Array(repeating: 0, count: 12) + Array(repeating: 1, count: 8))
        XCTAssertEqual(read["var_names"] as? [String], ["x", "y"])
        let uns = try XCTUnwrap(read["uns"] as? [String: Any])
        XCTAssertEqual(uns["mfsh_version"] as? String, mfshVersion)
        XCTAssertEqual(uns["model"] as? String, "c")
        XCTAssertEqual(uns["seed"] as? Int, 7)
        XCTAssertTrue(session.output.text.contains("wrote \(path) (AnnData 20 cells x 2 features; obs: letter, angle, source)"))
    }

    func testGeneratedCellsMapBackToGenesAndKeepRealCellNames() throws {
        let (session, directory) = try fixtures()
        let path = directory.appendingPathComponent("genes.h5ad").path
        session.run("""
            d = load "dense.h5ad" condition="cell_type" drop_na=true pca=2
            c = cfm hidden=[8] encoder_hidden=[8] seed=1
            train c d steps=5 progress=false
            gen = sample c d n=2 solver="euler" steps=2 seed=3
            save [d, gen] "\(path)"
            """)
        let read = try PythonPeer.describe(path)
        XCTAssertEqual(read["var_names"] as? [String], ["CD3E", "MS4A1", "CD3E-1", "NKG7"])
        let names = try XCTUnwrap(read["obs_names"] as? [String])
        XCTAssertEqual(Array(names.prefix(5)), ["cell0", "cell1", "cell3", "cell4", "cell5"])
        XCTAssertEqual(Array(names.suffix(6)), ["gen_B_0", "gen_B_1", "gen_NK_0", "gen_NK_1", "gen_T_0", "gen_T_1"])
        let x = try XCTUnwrap(read["x"] as? [[Double]])
        XCTAssertEqual(x[2].map(Float.init), fixtureRow(3), "real cells in their source genes")
        let obs = try XCTUnwrap(read["obs"] as? [String: [String: Any]])
        XCTAssertEqual(obs["cell_type"]?["categories"] as? [String], ["B", "NK", "T"])
    }
}

private extension RecordingOutput {
    var warnings: [String] { events.compactMap { if case .warning(let text) = $0 { text } else { nil } } }
}
