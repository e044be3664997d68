import Foundation
import XCTest

/// Locations of shared fixtures under Tests/Fixtures, found from this file's path.
enum PlotFixturePaths {
    static var testsDirectory: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" && url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
        }
        return url
    }

    static func fixture(_ topic: String, _ name: String) -> URL {
        testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(topic).appendingPathComponent(name)
    }
}

/// Byte-exact comparison with a stored golden file. Set MFSH_UPDATE_GOLDENS=1 to (re)write the
/// goldens from the current output instead of comparing.
enum PlotGolden {
    static var updating: Bool { ProcessInfo.processInfo.environment["MFSH_UPDATE_GOLDENS"] == "1" }

    static func check(_ actual: String, topic: String, name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = PlotFixturePaths.fixture(topic, name)
        if updating {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            XCTAssertNoThrow(try Data(actual.utf8).write(to: url), file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("golden \(topic)/\(name) is missing; run with MFSH_UPDATE_GOLDENS=1 to create it", file: file, line: line)
            return
        }
        if expected != actual {
            let firstDifference = zip(expected.split(separator: "\n", omittingEmptySubsequences: false),
                                      actual.split(separator: "\n", omittingEmptySubsequences: false))
                .enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = firstDifference.map { "line \($0.offset + 1):\n  expected: \($0.element.0.prefix(200))\n  actual:   \($0.element.1.prefix(200))" } ?? "lengths differ"
            XCTFail("output differs from golden \(topic)/\(name) at \(where_)\n(MFSH_UPDATE_GOLDENS=1 rewrites goldens after a deliberate change)",
                    file: file, line: line)
        }
    }
}
