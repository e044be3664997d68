import XCTest

@testable import Lang

/// Hostile inputs: deep nesting, huge lines, random bytes, invalid UTF-8, truncation.
final class RobustnessTests: XCTestCase {
    let nestingError = "nesting too deep (limit \(maximumNestingDepth))"

    func firstError(_ text: String) -> String? {
        let result = parse(source(text))
        XCTAssertFalse(result.isIncomplete, "too deep is an error, not incomplete")
        return result.diagnostics.first?.message
    }

    func testHundredThousandOpenParentheses() {
        XCTAssertEqual(firstError(String(repeating: "(", count: 100_000)), nestingError)
    }

    func testHundredThousandOpenBrackets() {
        XCTAssertEqual(firstError(String(repeating: "[", count: 100_000)), nestingError)
    }

    func testHundredThousandMinuses() {
        XCTAssertEqual(firstError("x = " + String(repeating: "-", count: 100_000) + "1"), nestingError)
        XCTAssertEqual(firstError("x = " + String(repeating: "not ", count: 100_000) + "a"), nestingError)
    }

    func testHundredThousandBraces() {
        XCTAssertEqual(firstError(String(repeating: "{", count: 100_000)), "unexpected '{'")
        XCTAssertEqual(firstError(String(repeating: "if x {\n", count: 100_000)), nestingError)
        XCTAssertEqual(firstError(String(repeating: "fn f() {", count: 100_000)), nestingError)
    }

    func testLongOperatorAndPostfixChainsAreCapped() {
        XCTAssertEqual(firstError("x = 1" + String(repeating: " + 1", count: 100_000)), nestingError)
        XCTAssertEqual(firstError("x = a" + String(repeating: ".b", count: 100_000)), nestingError)
        XCTAssertEqual(firstError("x = f" + String(repeating: "()", count: 100_000)), nestingError)
        XCTAssertEqual(firstError("x = 2" + String(repeating: "^2", count: 100_000)), nestingError)
        XCTAssertEqual(firstError(String(repeating: "if a { } else ", count: 100_000) + "{ }"), nestingError)
    }

    func testNestingUpToTheLimitIsFine() {
        let depth = maximumNestingDepth
        let deep = "x = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        XCTAssertTrue(parse(source(deep)).succeeded)
        let tooDeep = "x = " + String(repeating: "(", count: depth + 1) + "1" + String(repeating: ")", count: depth + 1)
        XCTAssertEqual(errors(tooDeep), ["1:\(5 + depth) \(nestingError)"])
    }

    func testNestingErrorStopsTheParseWithOneError() {
        let text = String(repeating: "if x {", count: 1000) + "\ny = )\n"
        XCTAssertEqual(parse(source(text)).diagnostics.count, 1)
    }

    func testOneMegabyteLines() {
        let long = String(repeating: "a", count: 1 << 20)
        XCTAssertTrue(parse(source("x = \"\(long)\"")).succeeded)
        XCTAssertTrue(parse(source("\(long) = 1")).succeeded)
        let arguments = parse(source("print" + String(repeating: " a", count: 1 << 19)))
        XCTAssertTrue(arguments.succeeded)
        if case .expression(let expression) = arguments.program.statements.first?.kind,
            case .command(_, _, let passed) = expression.kind
        {
            XCTAssertEqual(passed.count, 1 << 19)
        } else {
            XCTFail("expected one command")
        }
        let rendered = DiagnosticRenderer.render(parse(source("x = \(long) @")).diagnostics)
        XCTAssertLessThan(rendered.count, 600, "a long line is shown as a window")
    }

    func testOneMegabyteProgram() {
        var program = ""
        var count = 0
        while program.utf8.count < 1 << 20 {
            program += "x\(count) = load \"letters\" angles=0:360:30 points=\(count) # note\n"
            program += "if a < b and not c { y = [1, 2][0] * (a: 1).a } else { z = -2^2 }\n"
            count += 2
        }
        let result = parse(source(program))
        XCTAssertTrue(result.succeeded)
        XCTAssertEqual(result.program.statements.count, count)
    }

    func testManyErrorsAreCapped() {
        let result = parse(source(String(repeating: "x = )\n", count: 10_000)))
        XCTAssertEqual(result.diagnostics.count, Parser.errorLimit + 1)
        XCTAssertEqual(result.diagnostics.last?.severity, .note)
    }

    func testRandomBytesNeverBreakTheInvariants() {
        var random = SplitMix64(seed: 2024)
        let alphabet = Array("abc xy_1 2.5e-3 \"\\ u{41} ( ) [ ] { } , : ; = == . + - * / ^ % < > ! # ## \n\t if else for in fn return not and or".utf8)
        for trial in 0..<3000 {
            let length = Int(random.next() % 300)
            let bytes: [UInt8] = (0..<length).map { _ in
                trial % 3 == 0 ? UInt8(truncatingIfNeeded: random.next()) : alphabet[Int(random.next() % UInt64(alphabet.count))]
            }
            let file = source(String(decoding: bytes, as: UTF8.self))
            let result = parse(file)
            checkInvariants(result, file)
        }
    }

    func testInvalidUTF8IsReportedNotFatal() {
        for bytes: [UInt8] in [[0xFF], [0xC3], [0xE2, 0x82], [0x78, 0x20, 0x3D, 0x20, 0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
            let file = source(String(decoding: bytes, as: UTF8.self))
            let result = parse(file)
            XCTAssertFalse(result.succeeded, "bytes \(bytes)")
            XCTAssertEqual(result.diagnostics.first?.hint, "the file may not be valid UTF-8")
            checkInvariants(result, file)
        }
    }

    /// Cutting a valid program after any token leaves a valid or an incomplete program, never a
    /// real error: what the REPL relies on for continuation lines.
    func testEveryTokenPrefixOfAValidProgramIsValidOrIncomplete() {
        let program = """
            data = load "letters" angles=0:360:30 points=1000
            fn f(a, b=1) {
                if a < b and not (a == 0) { return -a^2 + b } else if a >= b { return a / b } else { return }
            }
            r = (a: 1, b: [x[0], x[letter="A", angle=90]], c: ())
            for m in [mix, cfm] { print m.name, w2(gen, parts.test).mean }
            print -1; y = f(1, b=2).z[0:10:2]
            """
        let file = source(program)
        XCTAssertTrue(parse(file).succeeded)
        for token in Lexer.tokenize(file).tokens {
            let prefix = String(decoding: file.bytes[0..<token.span.end], as: UTF8.self)
            let result = parse(source(prefix))
            XCTAssertTrue(result.succeeded || result.isIncomplete, "prefix \(prefix.debugDescription): \(errors(prefix))")
        }
    }

    func checkInvariants(_ result: ParseResult, _ file: SourceFile, line: UInt = #line) {
        if result.isIncomplete { XCTAssertFalse(result.diagnostics.isEmpty, line: line) }
        for diagnostic in result.diagnostics {
            if let span = diagnostic.location?.span {
                XCTAssertLessThanOrEqual(span.end, file.bytes.count, line: line)
            }
            let text = DiagnosticRenderer.render(diagnostic)
            XCTAssertTrue(text.hasPrefix("t.mf:") || text.hasPrefix("note:"), text, line: line)
        }
        for statement in result.program.statements {
            XCTAssertLessThanOrEqual(statement.span.end, file.bytes.count, line: line)
        }
    }
}

/// A small seeded generator for test inputs (SplitMix64).
struct SplitMix64 {
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
