import Foundation
import XCTest

/// Every `examples/*.mf` and `examples/teaching/*.mf` runs and exits 0, so examples never rot.
/// Files whose name starts with `_` are sourced helpers, not examples, and are skipped. Each runs
/// with the single argument `quick` (an example reads `args` and shrinks itself) in a scratch
/// directory of its own, and the examples that report results must leave outputs of the right
/// shape: the SVG files they announce, well formed, and a table row per held-out condition.
/// Values are not checked: they move with any change to training and would make tests flaky.
final class ExampleTests: XCTestCase {
    /// What an example leaves behind in `quick` mode.
    struct Shape {
        /// Exactly the SVG files written to the working directory.
        var files: Set<String>
        /// Row names: exactly one line of standard output starts with each, then a space.
        var rows: [String]
    }

    /// The held-out letter conditions at quick size: letters A, E, K at 90, 210 and 300 degrees.
    private static let quickLetterRows = ["A", "E", "K"].flatMap { letter in [90, 210, 300].map { "\(letter)@\($0)" } }
    /// letters.mf's default flavour, extrapolation: A, E, K over the arc 120-210 degrees.
    private static let quickArcRows = ["A", "E", "K"].flatMap { letter in [120, 150, 180, 210].map { "\(letter)@\($0)" } }

    private static let shapes: [String: Shape] = [
        "letters.mf": Shape(files: ["letters_data.svg", "letters_training.svg", "letters.svg", "letters_cfm.svg", "letters_arc.svg", "letters_arc_cfm.svg", "letters_w2.svg", "letters_base.svg", "letters_seen.svg", "letters_seen_cfm.svg"],
                            rows: quickArcRows + ["mean", "seen", "floor", "nearest"]),
        "ablation_components.mf": Shape(files: ["ablation_components.svg", "ablation_components_conditions.svg"], rows: quickLetterRows + ["mean"]),
        "dimensions.mf": Shape(files: ["dimensions.svg", "dimensions_D2.svg", "dimensions_D10.svg", "dimensions_D50.svg", "dimensions_D200.svg"],
                               rows: ["2", "10", "50", "200"]),
        "pbmc.mf": Shape(files: ["pbmc_cells.svg", "pbmc_training.svg", "pbmc.svg", "pbmc_w2.svg"],
                         rows: ["CD4+/CD25 T Reg", "CD8+/CD45RA+ Naive Cytotoxic", "CD56+ NK", "mean", "seen"]),
    ]

    static var examplesDirectory: URL { MfshProcess.testsDirectory.deletingLastPathComponent().appendingPathComponent("examples") }

    /// The example scripts of a folder (not the `_` helpers), sorted.
    static func scripts(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".mf") && !$0.hasPrefix("_") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    func testEveryExampleRunsQuickAndLeavesOutputsOfTheRightShape() throws {
        let examples = try Self.scripts(in: Self.examplesDirectory)
        let teaching = try Self.scripts(in: Self.examplesDirectory.appendingPathComponent("teaching"))
        XCTAssertEqual(Set(Self.shapes.keys).subtracting(examples.map(\.lastPathComponent)), [], "every shape names an example")
        XCTAssertEqual(teaching.count, 4, "the four teaching notebooks")
        for script in examples + teaching {
            let name = script.path.replacingOccurrences(of: Self.examplesDirectory.path + "/", with: "")
            // Its own scratch directory: the files an example writes must not land in the repository.
            let scratch = try scratchDirectory()
            let result = try MfshProcess.run([script.path, "quick"], in: scratch, timeout: 300)
            XCTAssertFalse(result.timedOut, "examples/\(name) timed out")
            XCTAssertEqual(result.status, 0, "examples/\(name) failed:\n\(result.stderr)")
            let written = try svgFiles(in: scratch, example: name)
            if let shape = Self.shapes[name] {
                XCTAssertEqual(written, shape.files, "examples/\(name): the SVG files written")
                assertRows(shape.rows, in: result.stdout, example: name)
            }
        }
    }

    /// The SVG files in `directory`; each must be a whole SVG document.
    private func svgFiles(in directory: URL, example: String) throws -> Set<String> {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".svg") }
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            XCTAssertTrue(text.contains("<svg") && text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>"),
                          "examples/\(example) wrote \(name), which is not a whole SVG document")
        }
        return Set(names)
    }

    /// Exactly one line of `output` starts with each row name followed by a space.
    private func assertRows(_ rows: [String], in output: String, example: String) {
        let lines = output.split(separator: "\n").map(String.init)
        for row in rows {
            let count = lines.filter { $0.hasPrefix(row + " ") }.count
            XCTAssertEqual(count, 1, "examples/\(example): expected one table row for '\(row)', found \(count)\n\(output)")
        }
    }

    private func scratchDirectory() throws -> URL {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: scratch) }
        return scratch
    }

    func testHelloGreetsItsArgument() throws {
        let hello = Self.examplesDirectory.appendingPathComponent("hello.mf")
        let result = try MfshProcess.run([hello.path, "Ada"])
        XCTAssertEqual(result.stdout.split(separator: "\n").first, "hello, Ada")
        XCTAssertTrue(result.stdout.contains("sin(90) = 1\n"), result.stdout)
    }
}
