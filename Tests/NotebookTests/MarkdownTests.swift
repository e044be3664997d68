import MarkupSupport
import XCTest
import MixFlowOps
@testable import Notebook

final class MarkdownTests: XCTestCase {
    private func html(_ text: String) -> String { Markdown.html(text) }

    func testHeadingsAtxAndSetext() {
        XCTAssertEqual(html("# Title"), "<h1>Title</h1>")
        XCTAssertEqual(html("### Three ###"), "<h3>Three</h3>")
        XCTAssertEqual(html("#NoSpace"), "<p>#NoSpace</p>")
        XCTAssertEqual(html("Big\n==="), "<h1>Big</h1>")
        XCTAssertEqual(html("Small\n---"), "<h2>Small</h2>")
        XCTAssertEqual(Markdown.html("# Title", headingOffset: 1), "<h2>Title</h2>")
        XCTAssertEqual(Markdown.html("###### Six", headingOffset: 1), "<h6>Six</h6>")
    }

    func testParagraphsJoinLinesAndSplitAtBlankLines() {
        XCTAssertEqual(html("one\ntwo\n\nthree"), "<p>one\ntwo</p>\n<p>three</p>")
    }

    func testEmphasisAndStrong() {
        XCTAssertEqual(html("*a* _b_ **c** __d__"), "<p><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong></p>")
        XCTAssertEqual(html("***both***"), "<p><em><strong>both</strong></em></p>")
        XCTAssertEqual(html("**bold *and em* inside**"), "<p><strong>bold <em>and em</em> inside</strong></p>")
        XCTAssertEqual(html("snake_case_name stays"), "<p>snake_case_name stays</p>")
        XCTAssertEqual(html("2 * 3 * 4"), "<p>2 * 3 * 4</p>")
        XCTAssertEqual(html("*unclosed"), "<p>*unclosed</p>")
    }

    func testInlineCodeIsEscapedAndNotFormatted() {
        XCTAssertEqual(html("use `a*b<c>` here"), "<p>use <code>a*b&lt;c&gt;</code> here</p>")
        XCTAssertEqual(html("``code with ` tick``"), "<p><code>code with ` tick</code></p>")
        XCTAssertEqual(html("`unclosed"), "<p>`unclosed</p>")
    }

    func testLinksAndUnsafeSchemes() {
        XCTAssertEqual(html("[paper](https://arxiv.org/abs/2601.11827)"),
                       "<p><a href=\"https://arxiv.org/abs/2601.11827\">paper</a></p>")
        XCTAssertEqual(html("[t](x.html \"Title\")"), "<p><a href=\"x.html\" title=\"Title\">t</a></p>")
        XCTAssertEqual(html("[*em* link](#a)"), "<p><a href=\"#a\"><em>em</em> link</a></p>")
        XCTAssertEqual(html("[bad](javascript:alert(1))"), "<p>bad</p>")
        XCTAssertEqual(html("<https://example.org/a?b=1&c=2>"),
                       "<p><a href=\"https://example.org/a?b=1&amp;c=2\">https://example.org/a?b=1&amp;c=2</a></p>")
        XCTAssertEqual(html("[not a link] (x)"), "<p>[not a link] (x)</p>")
    }

    func testRawHTMLIsEscaped() {
        XCTAssertEqual(html("<script>alert('x')</script> & co"),
                       "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</p>")
    }

    func testBackslashEscapesAndHardBreaks() {
        XCTAssertEqual(html("\\*not em\\*"), "<p>*not em*</p>")
        XCTAssertEqual(html("line one  \nline two"), "<p>line one<br/>\nline two</p>")
        XCTAssertEqual(html("line one\\\nline two"), "<p>line one<br/>\nline two</p>")
    }

    func testTightAndLooseBulletLists() {
        XCTAssertEqual(html("- a\n- b"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>")
        XCTAssertEqual(html("* a\n\n* b"), "<ul>\n<li><p>a</p></li>\n<li><p>b</p></li>\n</ul>")
        XCTAssertEqual(html("- a\ncontinued\n- b"), "<ul>\n<li>a\ncontinued</li>\n<li>b</li>\n</ul>")
    }

    func testOrderedListsKeepTheirStart() {
        XCTAssertEqual(html("1. one\n2. two"), "<ol>\n<li>one</li>\n<li>two</li>\n</ol>")
        XCTAssertEqual(html("3) three\n4) four"), "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>")
    }

    func testNestedLists() {
        XCTAssertEqual(html("- a\n  - a1\n  - a2\n- b"),
                       "<ul>\n<li>a\n<ul>\n<li>a1</li>\n<li>a2</li>\n</ul></li>\n<li>b</li>\n</ul>")
        XCTAssertEqual(html("1. first\n   - detail\n2. second"),
                       "<ol>\n<li>first\n<ul>\n<li>detail</li>\n</ul></li>\n<li>second</li>\n</ol>")
    }

    func testFencedCodeBlocks() {
        XCTAssertEqual(html("```mf\nx = 1 < 2\n\n# c\n```"),
                       "<pre><code class=\"language-mf\">x = 1 &lt; 2\n\n# c</code></pre>")
        XCTAssertEqual(html("~~~\nunclosed *x*"), "<pre><code>unclosed *x*</code></pre>")
        XCTAssertEqual(html("text\n```\ncode\n```"), "<p>text</p>\n<pre><code>code</code></pre>")
    }

    func testQuotesAndRules() {
        XCTAssertEqual(html("> quoted *text*\n> more"), "<blockquote>\n<p>quoted <em>text</em>\nmore</p>\n</blockquote>")
        XCTAssertEqual(html("a\n\n***\n\nb"), "<p>a</p>\n<hr/>\n<p>b</p>")
        XCTAssertEqual(html("- - -"), "<hr/>")
    }

    func testEveryOutputIsWellFormedXML() {
        let samples = ["# h *x*", "a **b** `c` [d](e)", "- a\n  1. b\n- c", "> q\n>\n> - x", "```\n<&>\n```",
                       "*a **b* c**", "_a *b_ c*", "[a](<b c>)", "x < y & z > w", "\u{0001}ctrl"]
        for sample in samples {
            let check = MarkupCheck("<div>" + html(sample) + "</div>")
            XCTAssertTrue(check.isWellFormed, "\(sample): \(check.error ?? "")")
        }
    }

    func testPipeTables() {
        XCTAssertEqual(html("| model | W2 |\n|---|---:|\n| **MixFlow** | 0.16 |\n| CFM | 0.20 |"),
                       "<div class=\"table-wrap md-table\"><table>\n<thead><tr><th>model</th><th style=\"text-align: right\">W2</th></tr></thead>\n"
                       + "<tbody>\n<tr><td><strong>MixFlow</strong></td><td style=\"text-align: right\">0.16</td></tr>\n"
                       + "<tr><td>CFM</td><td style=\"text-align: right\">0.20</td></tr>\n</tbody>\n</table></div>")
        XCTAssertTrue(html("Intro line\na | b\n:-: | -\n1 | 2 | 3").contains("<th style=\"text-align: center\">a</th><th>b</th>"),
                      "a table may follow a paragraph line; extra cells are cut")
        XCTAssertEqual(html("a \\| b | c\n--- | ---"), "<div class=\"table-wrap md-table\"><table>\n<thead><tr><th>a | b</th><th>c</th></tr></thead>\n</table></div>")
        XCTAssertEqual(html("a | b\nnot a delimiter"), "<p>a | b\nnot a delimiter</p>")
    }

    func testIndentedCodeBlocks() {
        XCTAssertEqual(html("Run it:\n\n    mfsh run.mf seed=2\n\n      quick <b>\n\nDone."),
                       "<p>Run it:</p>\n<pre><code>mfsh run.mf seed=2\n\n  quick &lt;b&gt;</code></pre>\n<p>Done.</p>")
        XCTAssertEqual(html("para\n    lazy continuation"), "<p>para\nlazy continuation</p>", "indented code cannot interrupt a paragraph")
    }
}
