import Foundation
import XCTest

/// Ctrl-C during `train` from the command line: the script stops with status 130 after a whole
/// training step and says where; the summary line marks the run as interrupted.
final class ModelInterruptTests: XCTestCase {
    func testSIGINTDuringTrainingStopsWithStatus130AndSaysWhere() throws {
        let script = """
            toy = load "gaussians" radii=[1, 2] points=100 seed=1
            m = cfm hidden=[16] encoder_hidden=[8] seed=1
            train m toy steps=100000000
            print "never"
            """
        // mfsh raises SIGINT on itself at its 200th interrupt poll (one per training step once
        // `train` runs): the interruption lands inside training on any machine, with no timer.
        let result = try MfshProcess.run(["-e", script], environment: ["MFSH_TEST_INTERRUPT_AFTER_POLLS": "200"], timeout: 60)
        XCTAssertFalse(result.timedOut)
        XCTAssertEqual(result.status, 130, result.stderr)
        XCTAssertEqual(result.stdout, "")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("train m: ") == true && lines.first?.hasSuffix("(interrupted)") == true, result.stderr)
        let error = try XCTUnwrap(lines.first { $0.contains(": error: ") })
        XCTAssertTrue(error.hasPrefix("<-e>:3:1: error: interrupted at training step "), error)
        // The step it stopped before is one past the last whole step the model keeps.
        let numbers = error.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let stopped = try XCTUnwrap(numbers.dropFirst(2).first), kept = try XCTUnwrap(numbers.last)
        XCTAssertEqual(stopped, kept + 1, error)
        XCTAssertTrue(kept > 0 && kept < 200, error)
        XCTAssertTrue(error.hasSuffix("'m' keeps the weights of step \(kept)"), error)
    }
}
