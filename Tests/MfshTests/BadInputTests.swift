import Foundation
import XCTest

/// Hostile input: every case must end with status 65 (syntax) or 70 (runtime) and a message
/// naming a line and column, within the time limit, and never crash.
final class BadInputTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `bytes` as a script file; returns a description of what was wrong, or nil.
    private func problem(running bytes: [UInt8], name: String, allowSuccess: Bool = false) throws -> String? {
        let file = directory.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        let result = try MfshProcess.run([file.path], timeout: 30)
        if result.timedOut { return "\(name): timed out" }
        if result.crashed { return "\(name): crashed (signal \(result.status))\n\(result.stderr.suffix(2000))" }
        if allowSuccess, result.status == 0 { return nil }
        guard result.status == 65 || result.status == 70 else {
            return "\(name): exit status \(result.status)\n\(result.stderr.prefix(2000))"
        }
        let located = result.stderr.range(of: #"\.mf:\d+:\d+: error: "#, options: .regularExpression) != nil
        return located ? nil : "\(name): no line:column in the message\n\(result.stderr.prefix(2000))"
    }

    private func assertAllFine(_ cases: [(String, [UInt8])], allowSuccess: Bool = false) throws {
        var problems: [String] = []
        for (name, bytes) in cases {
            if let problem = try problem(running: bytes, name: name, allowSuccess: allowSuccess) { problems.append(problem) }
        }
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }

    func testRandomBytes() throws {
        var generator = SplitMix(seed: 20260601)
        let cases = (0..<40).map { index -> (String, [UInt8]) in
            let count = 64 + Int(generator.next() % 4000)
            return ("random\(index).mf", (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        try assertAllFine(cases)
    }

    func testRandomPrintableNoise() throws {
        // Random text over the language's own characters: much more likely to reach the
        // evaluator than raw bytes.
        let alphabet = Array("abcfnorxyz_0123456789 \n\t\"'()[]{}:;,.=+-*/%^<>!#".utf8) + Array("if for in fn return source and or not".utf8)
        var generator = SplitMix(seed: 7)
        let cases = (0..<60).map { index -> (String, [UInt8]) in
            let count = 16 + Int(generator.next() % 600)
            return ("noise\(index).mf", (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        }
        try assertAllFine(cases, allowSuccess: true)
    }

    func testTruncatedScripts() throws {
        let program = """
            fn f(a, b=2) {
                if a > b { return [a, (x: b)] } else { return "s\\t" }
            }
            for i in 0:10:2 { print f(i) }
            """
        let bytes = Array(program.utf8)
        // Cut inside every bracket, block and string: each cut leaves something unclosed.
        let cuts = [6, 12, 15, 30, 45, 52, 60, 70, 85, 100, bytes.count - 1]
        try assertAllFine(cuts.map { ("cut\($0).mf", Array(bytes.prefix($0))) })
    }

    func testDeepNesting() throws {
        let depth = 100_000
        try assertAllFine([
            ("parens.mf", Array(String(repeating: "(", count: depth).utf8)),
            ("brackets.mf", Array(("x = " + String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)).utf8)),
            ("blocks.mf", Array(String(repeating: "if true {\n", count: depth).utf8)),
            ("negations.mf", Array(("x = " + String(repeating: "-", count: depth) + "1").utf8)),
            ("nots.mf", Array(("x = " + String(repeating: "not ", count: depth) + "true").utf8)),
            ("calls.mf", Array(("x = " + String(repeating: "f(", count: depth)).utf8)),
        ])
    }

    func testLongChainsAndLines() throws {
        let megabyte = 1 << 20
        try assertAllFine([
            ("sum_chain.mf", Array(("x = " + String(repeating: "1 + ", count: megabyte / 4) + "nope").utf8)),
            ("long_name.mf", Array(("print " + String(repeating: "a", count: megabyte)).utf8)),
            ("long_string.mf", Array(("x = \"" + String(repeating: "b", count: megabyte) + "\"\nprint y").utf8)),
            ("long_number.mf", Array(("x = " + String(repeating: "9", count: megabyte) + "\nprint x + \"\"").utf8)),
            ("many_lines.mf", Array((String(repeating: "x = 1\n", count: 200_000) + "print undefined_at_the_end").utf8)),
        ])
    }

    func testInvalidUTF8() throws {
        try assertAllFine([
            ("lone_continuation.mf", Array("print 1\n".utf8) + [0x80] + Array("\n".utf8)),
            ("in_string.mf", Array("x = \"".utf8) + [0xFF, 0xFE] + Array("\"\n".utf8)),
            ("overlong.mf", [0xC0, 0xAF] + Array(" = 1".utf8)),
            ("surrogate.mf", Array("y = 2 # ".utf8) + [0xED, 0xA0, 0x80]),
            ("truncated_sequence.mf", Array("print \"".utf8) + [0xE2, 0x82]),
        ])
    }

    func testUnknownCommandsAndNames() throws {
        try assertAllFine([
            ("unknown_command.mf", Array("frobnicate 1 2 key=3".utf8)),
            ("unknown_expression_call.mf", Array("x = frobnicate(1)".utf8)),
            ("unknown_in_function.mf", Array("fn f() { return g() }\nf()".utf8)),
            ("nul_bytes.mf", [0, 0, 0] + Array("print 1".utf8)),
        ])
    }

    func testDeeplyNestedValuesBuiltAtRunTime() throws {
        // Each would overflow the stack when compared or freed if it could be built.
        try assertAllFine([
            ("deep_list.mf", Array("x = 1\nfor i in 0:200000 { x = [x] }\nprint x == x".utf8)),
            ("deep_record.mf", Array("r = ()\nfor i in 0:200000 { r = (inner: r) }".utf8)),
            ("deep_append.mf", Array("a = []\nfor i in 0:200000 { a = append([], a) }".utf8)),
        ])
    }
}

/// SplitMix64: a fixed, seeded source of test bytes.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
