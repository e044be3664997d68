import Foundation
import XCTest
@testable import MixFlowOps

/// Where the shared test fixtures live: Tests/Fixtures/<topic>, found from this file's path.
func fixturePath(_ topic: String, _ file: String) -> String {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.lastPathComponent != "Tests", directory.path != "/" {
        directory = directory.deletingLastPathComponent()
    }
    return directory.appendingPathComponent("Fixtures").appendingPathComponent(topic).appendingPathComponent(file).path
}

/// A fresh temporary directory for one test, removed at the end of it.
func temporaryDirectory(for test: XCTestCase) throws -> String {
    let path = NSTemporaryDirectory() + "mfsh-data-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// Writes `text` to `name` in `directory` and returns the path.
@discardableResult
func writeFile(_ directory: String, _ name: String, _ text: String) throws -> String {
    let path = directory + "/" + name
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// Runs `body`, which must throw a DataError; returns it (failing the test otherwise).
func expectDataError<T>(_ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> DataError? {
    do {
        let value = try body()
        XCTFail("expected a DataError, got \(value)", file: file, line: line)
    } catch let error as DataError {
        return error
    } catch {
        XCTFail("expected a DataError, got \(error)", file: file, line: line)
    }
    return nil
}
