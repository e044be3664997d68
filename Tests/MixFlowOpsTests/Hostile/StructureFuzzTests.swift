import CHDF5
import XCTest
@testable import MixFlowOps

/// Structure-aware fuzzing of the two binary loaders, from a fixed seed: `.mfm` checkpoints whose
/// JSON header fields and tensors are replaced by hostile values and written back with a valid
/// checksum, and `.h5ad` files built from random pieces (declared shapes, sparse parts, obs
/// columns of the wrong length). Every input must load or be refused with an error; a crash
/// ends the test process. `MFSH_FUZZ_RUNS` sets the number of inputs per loader (default 200);
/// long runs print their counts every 10,000 inputs.
final class StructureFuzzTests: XCTestCase {
    private var runs: Int { ProcessInfo.processInfo.environment["MFSH_FUZZ_RUNS"].flatMap(Int.init) ?? 200 }
    private let hostileNumbers: [Any] = [-1, 0, 1, 2, 0.5, -0.5, 255, 65_536, 1 << 31, 1 << 53, Int.max, Int.min,
                                         1e300, -1e300, 999_999_999, "x", [] as [Any], NSNull()]

    func testMutatedCheckpointsLoadOrAreRefused() throws {
        let dir = try temporaryDirectory(for: self)
        let path = dir + "/fuzz.mfm"
        let model = FlowFixtures.mixflow()
        try model.train(on: FlowFixtures.letters(points: 20), options: FlowFixtures.training(.phases(warmup: 2, alternate: 2, cooldown: 1)))
        try model.save(to: path)
        let original = try Checkpoint.read(from: path)
        var random = RandomStream(seed: 18)
        var outcomes = (loaded: 0, refused: 0)
        for _ in 0..<runs {
            var checkpoint = original
            for _ in 0..<(1 + random.nextInt(below: 3)) {
                if random.nextInt(below: 2) == 0 { try mutateHeader(&checkpoint, &random) } else { mutateTensor(&checkpoint, &random) }
            }
            // Written plainly (no temporary file, no fsync): what is fuzzed is the reader.
            try CheckpointFormat.encode(checkpoint).write(to: URL(fileURLWithPath: path))
            do {
                let loaded = try FlowModel.load(from: path)
                outcomes.loaded += 1
                if let condition = loaded.layout?.trainingConditions.first?.condition {
                    _ = try? loaded.sample([condition], options: SamplingOptions(count: 2, solver: .euler(steps: 2)))
                }
            } catch {
                outcomes.refused += 1
            }
            reportProgress("mfm", outcomes)
        }
        XCTAssertEqual(outcomes.loaded + outcomes.refused, runs)
        XCTAssertGreaterThan(outcomes.refused, 0, "the mutations reach the validation")
        print("mfm structure fuzz: \(runs) inputs, \(outcomes.loaded) loaded, \(outcomes.refused) refused with an error")
    }

    private func reportProgress(_ loader: String, _ outcomes: (loaded: Int, refused: Int)) {
        let done = outcomes.loaded + outcomes.refused
        guard done % 10_000 == 0 else { return }
        let line = "\(loader) structure fuzz: \(done) of \(runs) inputs, \(outcomes.loaded) loaded, \(outcomes.refused) refused\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    /// Replaces one number, string or array in the JSON header by a hostile value.
    private func mutateHeader(_ checkpoint: inout Checkpoint, _ random: inout RandomStream) throws {
        guard case .blob(let data)? = checkpoint.entries["model"],
              var json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        let value = hostileNumbers[random.nextInt(below: hostileNumbers.count)]
        json = replaceLeaf(in: json, with: value, random: &random) as? [String: Any] ?? json
        checkpoint.set("model", blob: try JSONSerialization.data(withJSONObject: json))
    }

    private func replaceLeaf(in node: Any, with value: Any, random: inout RandomStream) -> Any {
        if var object = node as? [String: Any], !object.isEmpty {
            let key = object.keys.sorted()[random.nextInt(below: object.count)]
            object[key] = random.nextInt(below: 4) == 0 ? value : replaceLeaf(in: object[key]!, with: value, random: &random)
            return object
        }
        if var array = node as? [Any] {
            switch random.nextInt(below: 4) {
            case 0: array.append(array.last ?? value)
            case 1: if !array.isEmpty { array.removeLast() }
            default:
                if !array.isEmpty {
                    let index = random.nextInt(below: array.count)
                    array[index] = replaceLeaf(in: array[index], with: value, random: &random)
                }
            }
            return array
        }
        return value
    }

    /// Reshapes a tensor or fills part of it with NaN, infinities or huge numbers.
    private func mutateTensor(_ checkpoint: inout Checkpoint, _ random: inout RandomStream) {
        let names = checkpoint.names.filter { $0 != "model" }
        guard !names.isEmpty else { return }
        let name = names[random.nextInt(below: names.count)]
        let specials: [Double] = [.nan, .infinity, -.infinity, 1e300, -1, 0.5, 1e19]
        switch checkpoint.entries[name] {
        case .float32(let m)?:
            var copy = m
            if random.nextInt(below: 3) == 0 {
                copy = Matrix(rows: max(0, m.rows + random.nextInt(below: 3) - 1), cols: max(1, m.cols), repeating: 1)
            } else if copy.count > 0 {
                copy.storage[random.nextInt(below: copy.count)] = Float(specials[random.nextInt(below: specials.count)])
            }
            checkpoint.set(name, copy)
        case .float64(let m)?:
            var copy = m
            if random.nextInt(below: 3) == 0 {
                copy = Matrix(rows: max(1, m.rows + random.nextInt(below: 3) - 1), cols: max(1, m.cols + random.nextInt(below: 3) - 1), repeating: 1)
            } else if copy.count > 0 {
                copy.storage[random.nextInt(below: copy.count)] = specials[random.nextInt(below: specials.count)]
            }
            checkpoint.set(name, copy)
        default:
            break
        }
    }

    func testRandomH5ADStructuresLoadOrAreRefused() throws {
        let dir = try temporaryDirectory(for: self)
        var random = RandomStream(seed: 1818)
        var outcomes = (loaded: 0, refused: 0)
        for index in 0..<runs {
            let path = dir + "/fuzz-\(index % 4).h5ad"
            let columns = writeRandomAnnData(path, &random)
            do {
                _ = try H5ADLoader.load(path: path, options: H5ADOptions(conditionColumns: columns))
                outcomes.loaded += 1
            } catch {
                outcomes.refused += 1
            }
            reportProgress("h5ad", outcomes)
        }
        XCTAssertEqual(outcomes.loaded + outcomes.refused, runs)
        XCTAssertGreaterThan(outcomes.loaded, 0, "some inputs are valid")
        XCTAssertGreaterThan(outcomes.refused, 0, "some are refused")
        print("h5ad structure fuzz: \(runs) inputs, \(outcomes.loaded) loaded, \(outcomes.refused) refused with an error")
    }

    /// Writes an AnnData-like file of random pieces; returns the condition columns to ask for.
    private func writeRandomAnnData(_ path: String, _ random: inout RandomStream) -> [String] {
        let sizes = [0, 1, 2, 3, 5, 1 << 20, 1 << 40]
        func size() -> Int { random.nextInt(below: 4) == 0 ? sizes[random.nextInt(below: sizes.count)] : 1 + random.nextInt(below: 4) }
        let rows = 1 + random.nextInt(below: 4), cols = 1 + random.nextInt(below: 3)
        let writer = TestH5Writer(path: path)
        defer { writer.close() }
        switch random.nextInt(below: 3) {
        case 0:
            writer.floats("X", (0..<(rows * cols)).map { Float($0) }, shape: [rows, cols])
        case 1:
            declare(writer, "X", shape: [size(), size()])
        default:
            writer.group("X", encoding: random.nextInt(below: 2) == 0 ? "csr_matrix" : "csc_matrix")
            writer.integersAttribute("X", "shape", [Int64(size()), Int64(size())])
            let nonZeros = random.nextInt(below: 4)
            writer.floats("X/data", (0..<nonZeros).map { Float($0) }, shape: [nonZeros])
            writer.integers("X/indices", (0..<nonZeros).map { _ in Int32(random.nextInt(below: 5)) - 1 })
            writer.integers("X/indptr", (0..<(1 + random.nextInt(below: 5))).map { _ in Int32(random.nextInt(below: 5)) - 1 })
        }
        writer.group("obs", encoding: "dataframe")
        writer.stringAttribute("obs", "_index", "_index")
        let obsRows = random.nextInt(below: 3) == 0 ? size() % 8 : rows
        writer.strings("obs/_index", (0..<obsRows).map { "c\($0)" })
        writer.strings("obs/g", (0..<(random.nextInt(below: 3) == 0 ? size() % 8 : rows)).map { "g\($0 % 2)" })
        if random.nextInt(below: 2) == 0 { writer.floats("obs/dose", (0..<rows).map { Float($0) }, shape: [rows]) }
        return [[], ["g"], ["dose"], ["g", "dose"], ["missing"]][random.nextInt(below: 5)]
    }

    /// A chunked dataset with a declared shape and no data written.
    private func declare(_ writer: TestH5Writer, _ name: String, shape: [Int]) {
        var dims = shape.map { hsize_t($0) }
        let space = H5Screate_simple(Int32(dims.count), &dims, nil)
        let properties = H5Pcreate(mf_h5p_dataset_create())
        var chunk = shape.map { _ in hsize_t(1) }
        if !shape.contains(0) { H5Pset_chunk(properties, Int32(chunk.count), &chunk) }
        let dataset = H5Dcreate2(writer.file, name, mf_h5t_native_float(), space, mf_h5p_default(), properties, mf_h5p_default())
        if dataset >= 0 { H5Dclose(dataset) }
        H5Pclose(properties); H5Sclose(space)
    }
}
