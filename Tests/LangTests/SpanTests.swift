import XCTest

@testable import Lang

/// Spans are UTF-8 byte ranges; these tests pin the ones diagnostics depend on.
final class SpanTests: XCTestCase {
    func only(_ text: String) -> Stmt {
        let result = parse(source(text))
        XCTAssertEqual(result.diagnostics.map(\.message), [])
        return result.program.statements[0]
    }

    func value(_ statement: Stmt) -> Expr {
        switch statement.kind {
        case .assign(_, _, let value): return value
        case .expression(let expression): return expression
        default: fatalError("no value in \(statement)")
        }
    }

    func testBinaryExpressionCoversItsOperands() {
        let statement = only("x = 1 + 2")
        XCTAssertEqual(statement.span, Span(0, 9))
        guard case .assign(_, let nameSpan, let expression) = statement.kind,
            case .binary(_, let left, let right) = expression.kind
        else { return XCTFail() }
        XCTAssertEqual(nameSpan, Span(0, 1))
        XCTAssertEqual(expression.span, Span(4, 9))
        XCTAssertEqual([left.span, right.span], [Span(4, 5), Span(8, 9)])
    }

    func testParenthesesBelongToTheirExpression() {
        guard case .binary(_, let left, _) = value(only("x = (1 + 2) * 3")).kind else { return XCTFail() }
        XCTAssertEqual(left.span, Span(4, 11))
        XCTAssertEqual(value(only("x = (1 + 2) * 3")).span, Span(4, 15))
    }

    func testCommandArgumentAndLabelSpans() {
        let expression = value(only("print a, key=2 -3"))
        XCTAssertEqual(expression.span, Span(0, 17))
        guard case .command(_, let nameSpan, let arguments) = expression.kind else { return XCTFail() }
        XCTAssertEqual(nameSpan, Span(0, 5))
        XCTAssertEqual(arguments.map(\.span), [Span(6, 7), Span(9, 14), Span(15, 17)])
        XCTAssertEqual(arguments[1].labelSpan, Span(9, 12))
        XCTAssertEqual(arguments[1].value.span, Span(13, 14))
    }

    func testPostfixSpans() {
        let member = value(only("a.bc"))
        XCTAssertEqual(member.span, Span(0, 4))
        guard case .member(_, _, let nameSpan) = member.kind else { return XCTFail() }
        XCTAssertEqual(nameSpan, Span(2, 4))
        XCTAssertEqual(value(only("f(x, y)")).span, Span(0, 7))
        XCTAssertEqual(value(only("a[1]")).span, Span(0, 4))
        XCTAssertEqual(value(only("a[k=1]")).span, Span(0, 6))
        XCTAssertEqual(value(only("-a^2")).span, Span(0, 4))
        XCTAssertEqual(value(only("x = 0:10:2")).span, Span(4, 10))
    }

    func testLiteralSpans() {
        XCTAssertEqual(value(only("x = [1, 2]")).span, Span(4, 10))
        let record = value(only("x = (ab: 1)"))
        XCTAssertEqual(record.span, Span(4, 11))
        guard case .record(let fields) = record.kind else { return XCTFail() }
        XCTAssertEqual(fields[0].nameSpan, Span(5, 7))
        XCTAssertEqual(value(only("x = \"é\"")).span, Span(4, 8), "é is two bytes")
    }

    func testStatementSpans() {
        XCTAssertEqual(only("if a { } else { }").span, Span(0, 17))
        XCTAssertEqual(only("if a { }\n").span, Span(0, 8))
        XCTAssertEqual(only("for i in xs { }").span, Span(0, 15))
        XCTAssertEqual(only("source \"f.mf\"").span, Span(0, 13))
        let function = only("fn f(a, b=1) {\n  return a\n}")
        XCTAssertEqual(function.span, Span(0, 27))
        guard case .function(let declaration) = function.kind else { return XCTFail() }
        XCTAssertEqual(declaration.nameSpan, Span(3, 4))
        XCTAssertEqual(declaration.parameters.map(\.span), [Span(5, 6), Span(8, 11)])
        XCTAssertEqual(declaration.body.span, Span(13, 27))
        XCTAssertEqual(declaration.body.statements[0].span, Span(17, 25))
    }

    func testForVariableSpan() {
        guard case .forIn(_, let variableSpan, _, _) = only("for item in xs { }").kind else { return XCTFail() }
        XCTAssertEqual(variableSpan, Span(4, 8))
    }

    func testDiagnosticSpans() {
        let diagnostics = parse(source("x = )\ny = (1 +\n")).diagnostics
        XCTAssertEqual(diagnostics.map { $0.location?.span }, [Span(4, 5), Span(14, 14)])
    }

    func testCellCommentSpan() {
        let cells = parse(source("x = 1\n## Hello\r\n")).program.cellComments
        XCTAssertEqual(cells, [CellComment(text: "Hello", span: Span(6, 14))])
    }
}
