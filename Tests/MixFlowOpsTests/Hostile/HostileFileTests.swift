import CHDF5
import XCTest
@testable import MixFlowOps

/// Crafted files: shapes that claim more than the file holds, checkpoints whose checksum is valid
/// but whose fields are not. Each must be a clear error, never an abort.
final class HostileFileTests: XCTestCase {
    /// An .h5ad whose X is a dataset declared with `shape` but never written (a few KB on disk).
    private func h5adDeclaring(shape: [UInt64], in dir: String) -> String {
        let path = dir + "/declared.h5ad"
        let writer = TestH5Writer(path: path)
        var dims = shape.map { hsize_t($0) }
        let space = H5Screate_simple(Int32(dims.count), &dims, nil)
        let properties = H5Pcreate(mf_h5p_dataset_create())
        var chunk = shape.map { _ in hsize_t(1) }
        // Chunked, so nothing is allocated until written (an empty dataset needs no chunks).
        if !shape.contains(0) { H5Pset_chunk(properties, Int32(chunk.count), &chunk) }
        let dataset = H5Dcreate2(writer.file, "X", mf_h5t_native_float(), space, mf_h5p_default(), properties, mf_h5p_default())
        XCTAssertGreaterThanOrEqual(dataset, 0, "the test could not create the crafted dataset")
        H5Dclose(dataset); H5Pclose(properties); H5Sclose(space)
        writer.close()
        return path
    }

    func testH5ADShapeLargerThanTheFileIsRefusedBeforeAllocating() throws {
        let dir = try temporaryDirectory(for: self)
        let path = h5adDeclaring(shape: [3_000, 3_000], in: dir)
        let error = expectDataError { try H5ADLoader.load(path: path) }
        XCTAssertTrue(error?.message.contains("declares the shape (3000, 3000) (36000000 bytes), more than a file of") == true,
                      error?.message ?? "no error")
    }

    func testH5ADShapeOverTheBudgetOrOverflowingIsRefused() throws {
        let dir = try temporaryDirectory(for: self)
        let huge = expectDataError { try H5ADLoader.load(path: h5adDeclaring(shape: [1_000_000, 1_000_000], in: dir)) }
        XCTAssertTrue(huge?.message.contains("over the memory budget") == true, huge?.message ?? "no error")
        let overflow = expectDataError { try H5ADLoader.load(path: h5adDeclaring(shape: [1 << 40, 1 << 40], in: dir)) }
        XCTAssertTrue(overflow?.message.contains("does not fit in memory on any machine") == true, overflow?.message ?? "no error")
    }

    /// Found by the structure fuzzer: a (0, 2^40) X allocated no values but 2^40 feature names.
    func testZeroRowsDoNotHideAHugeColumnCount() throws {
        let dir = try temporaryDirectory(for: self)
        let error = expectDataError { try H5ADLoader.load(path: h5adDeclaring(shape: [0, 1 << 40], in: dir)) }
        XCTAssertTrue(error?.message.contains("reading its (0, 1099511627776) values needs") == true, error?.message ?? "no error")
    }

    func testSparseShapeAttributeOverTheBudgetIsRefused() throws {
        let dir = try temporaryDirectory(for: self)
        let path = dir + "/sparse.h5ad"
        let writer = TestH5Writer(path: path)
        writer.group("X", encoding: "csr_matrix")
        writer.integersAttribute("X", "shape", [200, 1_000_000_000_000])
        writer.floats("X/data", [1], shape: [1])
        writer.integers("X/indices", [0])
        writer.integers("X/indptr", [0, 1])
        writer.close()
        let error = expectDataError { try H5ADLoader.load(path: path) }
        XCTAssertTrue(error?.message.contains("reading its (200, 1000000000000) values needs") == true, error?.message ?? "no error")
    }

    // MARK: Checkpoints with a valid checksum around invalid fields

    /// A small trained model saved, its header or entries changed by `edit`, written back (so the
    /// checksum is valid again), then loaded: returns the error.
    private func loadError(_ edit: (inout Checkpoint, inout ModelHeader) throws -> Void) throws -> String {
        let dir = try temporaryDirectory(for: self)
        let path = dir + "/m.mfm"
        let model = FlowFixtures.cfm()
        try model.train(on: FlowFixtures.letters(points: 20), options: FlowFixtures.training(.steps(3)))
        try model.save(to: path)
        var checkpoint = try Checkpoint.read(from: path)
        var header = try checkpoint.json("model", as: ModelHeader.self)
        try edit(&checkpoint, &header)
        try checkpoint.set("model", json: header)
        try checkpoint.write(to: path)
        do {
            _ = try FlowModel.load(from: path)
            return "loaded without an error"
        } catch {
            return String(describing: error)
        }
    }

    func testCheckpointFieldsAreValidatedDespiteAValidChecksum() throws {
        XCTAssertTrue(try loadError { _, header in header.layout?.dimension = -3 }
            .contains("its data dimension is -3, expected 1 or more"))
        XCTAssertTrue(try loadError { _, header in header.layout?.descriptorWidth = -1 }
            .contains("its descriptor width is -1"))
        XCTAssertTrue(try loadError { _, header in header.layout?.featureNames.append("extra") }
            .contains("it names 3 features for dimension 2"))
        XCTAssertTrue(try loadError { _, header in header.layout?.trainingConditions[0].numbers.append(1) }
            .contains("fields but"))
        XCTAssertTrue(try loadError { _, header in header.layout?.trainingConditions[0].descriptor.append(0) }
            .contains("has a descriptor of 5 numbers, expected 4"))
        XCTAssertTrue(try loadError { _, header in header.options.velocity.hidden = [999_999, 999_999] }
            .contains("over the memory budget"))
        XCTAssertTrue(try loadError { _, header in header.layout?.standardization = Standardization(shift: [0], scale: 1) }
            .contains("its standardization shifts 1 coordinates"))
        // (JSON carries no NaN or infinity, so a crafted header cannot hold one.)
        for scale in [0, -2, 1e-320] {
            XCTAssertTrue(try loadError { _, header in header.layout?.standardization = Standardization(shift: [0, 0], scale: scale) }
                .contains("its standardization scale is"), "\(scale)")
        }
    }

    func testCheckpointCountersMustBeWholeNumbers() throws {
        for bad in [Double.nan, 1e300, -1, 0.5] {
            let history = try loadError { checkpoint, _ in
                var m = try checkpoint.doubleMatrix("history")
                m[1, 0] = bad
                checkpoint.set("history", m)
            }
            XCTAssertTrue(history.contains("history row 2 is not a valid training step"), "\(bad): \(history)")
            let steps = try loadError { checkpoint, _ in
                let name = checkpoint.names.first { $0.hasSuffix(".steps") }!
                var m = try checkpoint.doubleMatrix(name)
                m[0, 0] = bad
                checkpoint.set(name, m)
            }
            XCTAssertTrue(steps.contains("a step count is not a whole number >= 0"), "\(bad): \(steps)")
        }
    }

    // MARK: Sinkhorn of degenerate clouds

    func testSinkhornOfConstantCloudsAndNoFeaturesIsZero() throws {
        let same = Matrix<Double>(rows: 5, cols: 2, repeating: 1)
        XCTAssertEqual(try sinkhorn(same, same).value, 0, accuracy: 1e-12)
        let empty = Matrix<Double>(rows: 4, cols: 0)
        XCTAssertEqual(try sinkhorn(empty, empty).value, 0, accuracy: 1e-12)
        let far = Matrix<Double>(rows: 2, cols: 1, storage: [-1e308, 1e308])
        XCTAssertThrowsError(try sinkhorn(far, far)) {
            XCTAssertTrue("\($0)".contains("would take more than 100000 steps"), "\($0)")
        }
    }
}
