import Foundation
import XCTest

/// Runs every `Tests/Scripts/**/*.mf` (except helpers whose names start with `_`) through the
/// built mfsh and checks its `# expect` comments. One failure per failing file, naming it.
final class GoldenScriptTests: XCTestCase {
    func testEveryGoldenScript() throws {
        let root = MfshProcess.testsDirectory.appendingPathComponent("Scripts")
        let scripts = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: root.path))
            .filter { $0.hasSuffix(".mf") && !($0 as NSString).lastPathComponent.hasPrefix("_") }
            .sorted()
        XCTAssertGreaterThanOrEqual(scripts.count, 40, "the golden suite has shrunk")
        var failures = 0
        for script in scripts {
            let text = try String(contentsOf: root.appendingPathComponent(script), encoding: .utf8)
            let expectations = ScriptExpectations(parsing: text)
            let result = try MfshProcess.run([script], in: root, timeout: 30)
            var problems = result.timedOut ? ["timed out"] : []
            problems += expectations.mismatches(status: result.status, stdout: result.stdout, stderr: result.stderr)
            if !problems.isEmpty {
                failures += 1
                XCTFail("Tests/Scripts/\(script):\n  " + problems.joined(separator: "\n  "))
            }
        }
        print("golden scripts: \(scripts.count - failures) of \(scripts.count) passed")
    }
}
