import XCTest
@testable import MixFlowOps

final class CheckpointTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "mfsh-checkpoint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    func testCRC32KnownValue() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
    }

    private func sample() throws -> Checkpoint {
        var checkpoint = Checkpoint()
        checkpoint.set("w", Matrix<Float>([[1.5, -2], [0, .infinity]]))
        checkpoint.set("d", Matrix<Double>([[Double.pi]]))
        checkpoint.set("empty", Matrix<Float>(rows: 0, cols: 3))
        try checkpoint.set("config", json: ["hidden": [128, 128]])
        return checkpoint
    }

    func testRoundTripThroughAFile() throws {
        let path = directory + "/model.mfm"
        let checkpoint = try sample()
        try checkpoint.write(to: path)
        let loaded = try Checkpoint.read(from: path)
        XCTAssertEqual(loaded, checkpoint)
        XCTAssertEqual(loaded.names, ["w", "d", "empty", "config"])
        XCTAssertEqual(try loaded.json("config", as: [String: [Int]].self), ["hidden": [128, 128]])
        XCTAssertThrowsError(try loaded.floatMatrix("nope")) { XCTAssertTrue("\($0)".contains("has: w, d, empty, config")) }
    }

    func testEmptyTensorAsTheLastEntryRoundTrips() throws {
        // Regression: the shape check compared each side with the bytes left, so a 0 x k tensor
        // at the very end of a file (no bytes left) was rejected as malformed.
        var checkpoint = Checkpoint()
        checkpoint.set("w", Matrix<Float>([[1, 2]]))
        checkpoint.set("history", Matrix<Double>(rows: 0, cols: 6))
        let path = directory + "/empty-last.mfm"
        try checkpoint.write(to: path)
        let loaded = try Checkpoint.read(from: path)
        XCTAssertEqual(loaded, checkpoint)
        XCTAssertEqual(try loaded.doubleMatrix("history").cols, 6)
    }

    func testCorruptionIsDetectedWithClearMessages() throws {
        let data = CheckpointFormat.encode(try sample())
        func message(_ bytes: Data) -> String {
            do { _ = try CheckpointFormat.decode(bytes, source: "m.mfm"); return "no error" } catch { return "\(error)" }
        }
        XCTAssertTrue(message(data.prefix(data.count - 7)).contains("truncated"), message(data.prefix(data.count - 7)))
        XCTAssertTrue(message(data.prefix(10)).contains("truncated"))
        var flipped = data
        flipped[40] ^= 0x10
        XCTAssertTrue(message(flipped).contains("corrupted: checksum"), message(flipped))
        var version = data
        version[8] = 7
        XCTAssertEqual(message(version), "'m.mfm' uses checkpoint format version 7; this build reads version 1 (written by a newer mfsh: upgrade to read it)")
        XCTAssertTrue(message(Data("hello, world".utf8)).contains("not an mfsh checkpoint"))
        XCTAssertTrue(message(data + Data([0])).contains("unexpected bytes"))
        XCTAssertThrowsError(try Checkpoint.read(from: directory + "/missing.mfm")) { error in
            XCTAssertTrue("\(error)".hasSuffix("no such file"), "\(error)")
        }
    }

    func testParametersAndAdamStateRoundTrip() throws {
        let config = MLPConfiguration(inputs: 2, hasTime: true, conditionWidth: 3, hidden: [6, 6], outputs: 2)
        let trained = MLP<Float>(config, seed: 1, name: "velocity")
        let adam = Adam(parameters: trained.parameters)
        for p in trained.parameters { p.gradient = Matrix(rows: p.rows, cols: p.cols, repeating: 0.1) }
        adam.step(); adam.step()
        var checkpoint = Checkpoint()
        checkpoint.store(trained.parameters)
        try checkpoint.store(adam, prefix: "adam.velocity")
        let path = directory + "/v.mfm"
        try checkpoint.write(to: path)

        let fresh = MLP<Float>(config, seed: 99, name: "velocity")
        let freshAdam = Adam(parameters: fresh.parameters)
        let loaded = try Checkpoint.read(from: path)
        try loaded.restore(fresh.parameters)
        try loaded.restore(freshAdam, prefix: "adam.velocity")
        XCTAssertEqual(fresh.parameters.map(\.value), trained.parameters.map(\.value))
        XCTAssertEqual(freshAdam.steps, [2, 2, 2, 2, 2, 2])
        XCTAssertEqual(freshAdam.moments(of: 3).second, adam.moments(of: 3).second)

        let wider = MLP<Float>(MLPConfiguration(inputs: 2, hasTime: true, conditionWidth: 3, hidden: [7, 6], outputs: 2), seed: 2, name: "velocity")
        let before = wider.parameters.map(\.value)
        XCTAssertThrowsError(try loaded.restore(wider.parameters)) { error in
            XCTAssertEqual("\(error)", "checkpoint entry 'velocity.layer0.weight' is 6x6, expected 7x6")
        }
        XCTAssertEqual(wider.parameters.map(\.value), before, "a failed restore changes nothing")
    }
}
