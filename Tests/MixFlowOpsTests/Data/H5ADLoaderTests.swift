import XCTest
@testable import MixFlowOps

/// The real PBMC 68k fixtures (see Tests/Fixtures/pbmc/README.md) and small files written here.
final class H5ADLoaderTests: XCTestCase {
    private let files = ["pbmc68k_reduced.h5ad", "pbmc68k_reduced_modern.h5ad", "pbmc68k_raw_csr.h5ad"]
    private let expectedCounts: [String: Int] = [
        "Dendritic": 240, "CD14+ Monocyte": 129, "CD19+ B": 95, "CD4+/CD25 T Reg": 68, "CD8+ Cytotoxic T": 54,
        "CD8+/CD45RA+ Naive Cytotoxic": 43, "CD56+ NK": 31, "CD4+/CD45RO+ Memory": 19, "CD34+": 13,
        "CD4+/CD45RA+/CD25- Naive T": 8,
    ]

    private func load(_ file: String, use: String = "X", columns: [String] = ["bulk_labels"]) throws -> Dataset {
        try H5ADLoader.load(path: fixturePath("pbmc", file), options: H5ADOptions(conditionColumns: columns, use: use))
    }

    func testPCAAndBulkLabelsInAllThreeFiles() throws {
        for file in files {
            let data = try load(file, use: "X_pca")
            XCTAssertEqual(data.summary, "dataset 700x50, 10 conditions (bulk_labels), descriptors 10-D", file)
            XCTAssertEqual(Array(data.points.storage.prefix(4)), [-7.939618, 5.024914, 2.9037306, 0.6902482], file)
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: zip(data.conditions.map(\.name), data.counts)), expectedCounts, file)
            XCTAssertEqual(data.conditions.first?.name, "CD4+/CD25 T Reg", "category order, \(file)")
            XCTAssertEqual(data.featureNames.first, "X_pca_1")
        }
    }

    func testBothLayoutsGiveTheSameValues() throws {
        for (use, columns) in [("X", ["bulk_labels", "phase"]), ("X_umap", ["louvain"]), ("raw", ["phase"])] {
            let old = try load("pbmc68k_reduced.h5ad", use: use, columns: columns)
            var modern = try load("pbmc68k_reduced_modern.h5ad", use: use, columns: columns)
            modern.name = old.name   // only the file names differ
            XCTAssertEqual(old, modern, use)
        }
        let dense = try load("pbmc68k_reduced.h5ad")
        XCTAssertEqual(dense.summary, "dataset 700x765, 10 conditions (bulk_labels), descriptors 10-D")
        XCTAssertEqual(Array(dense.featureNames.prefix(3)), ["HES4", "TNFRSF4", "SSU72"])
        let twoFields = try load("pbmc68k_reduced_modern.h5ad", use: "X_pca", columns: ["bulk_labels", "phase"])
        XCTAssertEqual(twoFields.pointCount, 700)
        XCTAssertEqual(twoFields.fields.map(\.name), ["bulk_labels", "phase"])
        XCTAssertEqual(twoFields.counts.reduce(0, +), 700)
    }

    func testSparseRawCounts() throws {
        let data = try load("pbmc68k_raw_csr.h5ad")
        XCTAssertEqual(data.points.rows, 700)
        XCTAssertEqual(data.points.cols, 765)
        XCTAssertEqual(data.points.storage.filter { $0 != 0 }.count, 174_400)
        XCTAssertEqual(data.points.storage.reduce(0.0) { $0 + Double($1) }, 319_044.22, accuracy: 0.05)
        // The older file's raw.X (h5sparse attributes) holds the same matrix.
        XCTAssertEqual(try load("pbmc68k_reduced.h5ad", use: "raw").points, data.points)
    }

    func testErrorsNameTheFileAndWhatIsAvailable() throws {
        let dir = try temporaryDirectory(for: self)
        let fake = try writeFile(dir, "cells.h5ad", "cell,x\nA,1\n")
        let notHDF5 = expectDataError { try H5ADLoader.load(path: fake) }
        XCTAssertEqual(notHDF5?.path, fake)
        XCTAssertTrue(notHDF5?.message.hasPrefix("not an HDF5 file") == true)
        let noKey = expectDataError { try self.load("pbmc68k_reduced_modern.h5ad", use: "X_tsne") }
        XCTAssertEqual(noKey?.message, "no obsm matrix 'X_tsne'")
        XCTAssertEqual(noKey?.hint, "obsm keys are 'X_pca', 'X_umap'; or use \"X\"")
        XCTAssertEqual(noKey?.path, fixturePath("pbmc", "pbmc68k_reduced_modern.h5ad"))
        let oldNoKey = expectDataError { try self.load("pbmc68k_reduced.h5ad", use: "X_tsne") }
        XCTAssertEqual(oldNoKey?.hint, "obsm keys are 'X_pca', 'X_umap'; or use \"X\"")
        let noColumn = expectDataError { try self.load("pbmc68k_reduced.h5ad", columns: ["cell_type"]) }
        XCTAssertEqual(noColumn?.message, "no obs column 'cell_type'")
        XCTAssertEqual(noColumn?.hint, "obs columns are 'bulk_labels', 'n_genes', 'percent_mito', 'n_counts', "
            + "'S_score', 'G2M_score', 'phase', 'louvain'")
        XCTAssertEqual(expectDataError { try self.load("pbmc68k_raw_csr.h5ad", use: "raw") }?.message,
                       "the file has no raw matrix (neither raw/X nor raw.X)")
        XCTAssertEqual(expectDataError { try H5ADLoader.load(path: dir + "/absent.h5ad") }?.message,
                       "cannot read '\(dir)/absent.h5ad': file not found")
    }

    /// A download cut short: the HDF5 superblock is there, the data is not.
    func testTruncatedFileIsAnErrorNotACrash() throws {
        let dir = try temporaryDirectory(for: self)
        let whole = try Data(contentsOf: URL(fileURLWithPath: fixturePath("pbmc", "pbmc68k_reduced_modern.h5ad")))
        let path = dir + "/cut.h5ad"
        try whole.prefix(whole.count / 3).write(to: URL(fileURLWithPath: path))
        let error = expectDataError { try H5ADLoader.load(path: path, options: H5ADOptions(conditionColumns: ["bulk_labels"], use: "X_pca")) }
        XCTAssertEqual(error?.path, path)
        XCTAssertTrue(error?.message.hasPrefix("cannot open HDF5 file: truncated file") == true, error?.message ?? "")
    }

    /// A file written here: CSC X, a string and a numeric obs column, and an unsupported encoding.
    func testSmallWrittenFile() throws {
        let dir = try temporaryDirectory(for: self)
        let path = dir + "/small.h5ad"
        let writer = TestH5Writer(path: path)
        // X = [[1, 0], [0, 2], [3, 4]] as CSC: column 0 holds rows 0, 2; column 1 rows 1, 2.
        writer.group("X", encoding: "csc_matrix")
        writer.integersAttribute("X", "shape", [3, 2])
        writer.floats("X/data", [1, 3, 2, 4], shape: [4])
        writer.integers("X/indices", [0, 2, 1, 2])
        writer.integers("X/indptr", [0, 2, 4])
        writer.group("obs", encoding: "dataframe")
        writer.stringAttribute("obs", "_index", "_index")
        writer.strings("obs/_index", ["c1", "c2", "c3"])
        writer.strings("obs/drug", ["b", "a", "b"])
        writer.floats("obs/dose", [10, 10, 20], shape: [3])
        writer.group("obs/flag", encoding: "awkward-array")
        writer.group("var", encoding: "dataframe")
        writer.stringAttribute("var", "_index", "gene")
        writer.strings("var/gene", ["G1", "G2"])
        writer.close()

        let data = try H5ADLoader.load(path: path, options: H5ADOptions(conditionColumns: ["drug", "dose"]))
        XCTAssertEqual(data.points.storage, [1, 0, 0, 2, 3, 4])
        XCTAssertEqual(data.featureNames, ["G1", "G2"])
        XCTAssertEqual(data.conditions.map(\.name), ["b@10", "b@20", "a@10"])
        XCTAssertEqual(data.conditionOfPoint, [0, 2, 1])
        XCTAssertEqual(data.conditions.map(\.descriptor), [[1, 0, 10], [1, 0, 20], [0, 1, 10]])
        let unsupported = expectDataError { try H5ADLoader.load(path: path, options: H5ADOptions(conditionColumns: ["flag"])) }
        XCTAssertEqual(unsupported?.message, "'obs/flag': unsupported column encoding 'awkward-array'")
        let whole = try H5ADLoader.load(path: path)
        XCTAssertEqual(whole.summary, "dataset 3x2, 1 condition, descriptors 0-D")
        XCTAssertEqual(whole.conditions.map(\.name), ["all"])
    }

    /// Crafted files (anndata never writes these): a NaN among numeric categories, float sparse
    /// indices, inf in X. None may become data silently.
    func testCraftedValuesAreMissingOrRefusedNeverData() throws {
        let dir = try temporaryDirectory(for: self)
        let path = dir + "/crafted.h5ad"
        let writer = TestH5Writer(path: path)
        writer.floats("X", [1, 2, 3, 4, 5, .infinity], shape: [3, 2])
        writer.group("obs", encoding: "dataframe")
        writer.group("obs/dose", encoding: "categorical")
        writer.integers("obs/dose/codes", [0, 1, 0])
        writer.floats("obs/dose/categories", [1.5, .nan], shape: [2])
        writer.group("layers", encoding: "dict")
        writer.group("layers/float_indices", encoding: "csr_matrix")
        writer.integersAttribute("layers/float_indices", "shape", [3, 2])
        writer.floats("layers/float_indices/data", [1, 2], shape: [2])
        writer.floats("layers/float_indices/indices", [0.7, 1.2], shape: [2])
        writer.integers("layers/float_indices/indptr", [0, 1, 2, 2])
        writer.floats("layers/finite", [1, 2, 3, 4, 5, 6], shape: [3, 2])
        writer.close()

        let missing = expectDataError {
            try H5ADLoader.load(path: path, options: H5ADOptions(conditionColumns: ["dose"], layer: "finite"))
        }
        XCTAssertEqual(missing?.message, "'obs/dose': cell 1 (0-based) has no 'dose' value (missing)", "not a condition named nan")
        let dropped = try H5ADLoader.loadWithReport(path: path, options: H5ADOptions(conditionColumns: ["dose"], layer: "finite",
                                                                                      dropMissing: true))
        XCTAssertEqual(dropped.dataset.conditions.map(\.name), ["1.5"])
        XCTAssertEqual(dropped.dataset.points.storage, [1, 2, 5, 6])
        XCTAssertEqual(dropped.report.droppedNote, "1 cell with missing values dropped (dose 1)")
        let infinite = expectDataError { try H5ADLoader.load(path: path, options: H5ADOptions(dropMissing: true)) }
        XCTAssertEqual(infinite?.message, "'X': cell 2 (0-based), gene 'x2' (column 2): found inf, expected a finite number")
        let indices = expectDataError { try H5ADLoader.load(path: path, options: H5ADOptions(layer: "float_indices")) }
        XCTAssertEqual(indices?.message, "'layers/float_indices/indices': holds floating-point numbers, expected integers")
    }
}
