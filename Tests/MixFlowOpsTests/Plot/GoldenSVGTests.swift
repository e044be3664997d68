import MarkupSupport
import XCTest
@testable import MixFlowOps

/// Byte-exact SVG output for fixed inputs. After a deliberate change to the drawing code, look
/// at the new pictures (rsvg-convert) and rewrite the goldens with MFSH_UPDATE_GOLDENS=1.
final class GoldenSVGTests: XCTestCase {
    func testGoldenFiguresMatchByteForByte() {
        for figure in GoldenFigures.all {
            PlotGolden.check(figure.svg(), topic: "golden-svg", name: figure.name)
        }
    }

    func testRenderingIsDeterministic() {
        for figure in GoldenFigures.all {
            XCTAssertEqual(figure.svg(), figure.svg(), "\(figure.name) differs between two renderings")
        }
    }

    func testGoldenFiguresAreWellFormedXML() {
        for figure in GoldenFigures.all {
            let check = MarkupCheck(figure.svg())
            XCTAssertTrue(check.isWellFormed, "\(figure.name): \(check.error ?? "")")
        }
    }
}
