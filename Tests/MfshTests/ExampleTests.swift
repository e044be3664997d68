import Foundation
import XCTest

/// Every `examples/*.mf` runs and exits 0, so examples never rot. Each is run with the single
/// argument `quick`: an example that does heavy work reads `args` and shrinks itself
/// (`quick = len(args) > 0 and args[0] == "quick"`).
final class ExampleTests: XCTestCase {
    func testEveryExampleRuns() throws {
        let examples = MfshProcess.testsDirectory.deletingLastPathComponent().appendingPathComponent("examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".mf") }.sorted()
        XCTAssertFalse(names.isEmpty)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for name in names {
            // Run from a scratch directory so files an example writes do not land in the repository.
            let result = try MfshProcess.run([examples.appendingPathComponent(name).path, "quick"], in: scratch, timeout: 300)
            XCTAssertFalse(result.timedOut, "examples/\(name) timed out")
            XCTAssertEqual(result.status, 0, "examples/\(name) failed:\n\(result.stderr)")
        }
    }

    func testHelloGreetsItsArgument() throws {
        let hello = MfshProcess.testsDirectory.deletingLastPathComponent().appendingPathComponent("examples/hello.mf")
        let result = try MfshProcess.run([hello.path, "Ada"])
        XCTAssertEqual(result.stdout.split(separator: "\n").first, "hello, Ada")
        XCTAssertTrue(result.stdout.contains("sin(90) = 1\n"), result.stdout)
    }
}
