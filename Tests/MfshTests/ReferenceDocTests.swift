import Foundation
import XCTest

/// docs/commands.md is the command reference generated from the builtin registry; it must never
/// drift from the commands mfsh actually has.
final class ReferenceDocTests: XCTestCase {
    func testCommittedReferenceMatchesTheRegistry() throws {
        let document = MfshProcess.testsDirectory.deletingLastPathComponent().appendingPathComponent("docs/commands.md")
        let committed = try String(contentsOf: document, encoding: .utf8)
        let generated = try MfshProcess.run(["--reference"])
        XCTAssertEqual(generated.status, 0)
        XCTAssertTrue(generated.stdout.contains("### `gmm_base`"), "the reference lists the model commands")
        XCTAssertEqual(committed, generated.stdout,
                       "docs/commands.md is stale: regenerate it with `.build/release/mfsh --reference > docs/commands.md`")
    }
}
