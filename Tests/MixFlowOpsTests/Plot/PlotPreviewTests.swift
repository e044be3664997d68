import Foundation
import XCTest
@testable import MixFlowOps

/// Writes the stress figures to $MFSH_PLOT_PREVIEW_DIR for looking at them (rsvg-convert);
/// skipped otherwise.
final class PlotPreviewTests: XCTestCase {
    func testWritePreviewsWhenAsked() throws {
        guard let directory = ProcessInfo.processInfo.environment["MFSH_PLOT_PREVIEW_DIR"] else {
            throw XCTSkip("set MFSH_PLOT_PREVIEW_DIR to write preview figures")
        }
        for (index, figure) in FigureStructureTests.stressFigures.enumerated() {
            try AtomicFile.write(figure.svg(), to: directory + "/stress-\(index).svg")
        }
        try AtomicFile.write(GoldenFigures.smallMultiples(pointsPerLayer: 2000).svg(), to: directory + "/large.svg")
    }
}
