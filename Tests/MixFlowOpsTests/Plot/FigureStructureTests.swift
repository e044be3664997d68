import Foundation
import XCTest
@testable import MixFlowOps

final class FigureStructureTests: XCTestCase {
    func testSmallMultiplesHaveOnePanelPerConditionAndOneSharedLegend() {
        let svg = SVGInspection(GoldenFigures.smallMultiples().svg())
        XCTAssertEqual(svg.count("g") { $0.attributes["class"] == "panel" }, 12)
        XCTAssertEqual(svg.count("svg") { $0.parent >= 0 }, 12, "one clipped data area per panel")
        for letter in ["A", "E", "T"] {
            for angle in [0, 90, 180, 270] {
                XCTAssertEqual(svg.texts.filter { $0 == "\(letter) @ \(angle)" }.count, 1, "\(letter) @ \(angle)")
            }
        }
        XCTAssertEqual(svg.texts.filter { $0 == "real" }.count, 1)
        XCTAssertEqual(svg.texts.filter { $0 == "generated" }.count, 1)
        XCTAssertEqual(svg.texts.filter { $0 == "Held-out conditions" }.count, 1)
    }

    func testSharedAxesLabelOnlyTheOuterPanels() {
        var figure = GoldenFigures.smallMultiples()
        figure.options.equalAspect = false
        figure.options.xRange = -0.8...0.8
        figure.options.yRange = -0.8...0.8
        let shared = SVGInspection(figure.svg())
        figure.options.sharedAxes = false
        let separate = SVGInspection(figure.svg())
        // Ticks at -0.5, 0.0 and 0.5 on both axes: shared axes label 3 rows (y) and 4 columns (x).
        XCTAssertEqual(shared.texts.filter { $0 == "0.5" }.count, 3 + 4)
        XCTAssertEqual(separate.texts.filter { $0 == "0.5" }.count, 12 + 12)
    }

    func testSameLabelKeepsItsColourInEveryPanel() {
        let svg = SVGInspection(GoldenFigures.smallMultiples().svg())
        let strokes = svg.check.elements(named: "path").compactMap { $0.attributes["stroke-linecap"] == "round" ? $0.attributes["stroke"] : nil }
        XCTAssertEqual(strokes.count, 2 * 12 + 2, "two layers per panel plus two legend swatches")
        XCTAssertEqual(Set(strokes), [PlotPalette.color(0).hex, PlotPalette.color(1).hex])
    }

    func testNoTextOverlapsOrLeavesTheFigure() {
        for (name, render) in GoldenFigures.all + Self.stressFigures {
            let svg = SVGInspection(render())
            XCTAssertTrue(svg.overlappingTexts.isEmpty, "\(name): overlapping texts \(svg.overlappingTexts)")
            let size = svg.size
            XCTAssertEqual(svg.textsOutside(width: size.width, height: size.height), [], "\(name): text outside the figure")
        }
    }

    /// Crowded cases: long labels, many categories, narrow figures, many legend entries.
    static let stressFigures: [(name: String, svg: @Sendable () -> String)] = [
        ("narrow history", {
            var figure = GoldenFigures.history()
            figure.options.width = 300
            figure.options.height = 220
            return figure.svg()
        }),
        ("many long categories", {
            let categories = (0..<24).map { "condition number \($0) @ \($0 * 15)" }
            return BarChart(categories: categories, series: [BarSeries(name: "MixFlow", values: categories.indices.map { 0.1 + Double($0) / 100 })],
                            options: PlotOptions(title: "Many categories", yLabel: "W2")).svg()
        }),
        ("large values", {
            Figure.lines([LineSeries(x: [0, 1e6, 2e6, 3.3e6], y: [1.2e-5, 3e-5, 2e-5, 4.4e-5], label: "tiny")],
                         options: PlotOptions(xLabel: "n", yLabel: "value")).svg()
        }),
        ("many legend entries", {
            let series = (0..<9).map { LineSeries(x: [0, 1, 2], y: [Double($0), Double($0) + 1, Double($0) / 2], label: "a fairly long series name \($0)") }
            return Figure.lines(series, options: PlotOptions(title: "Nine series")).svg()
        }),
        ("twenty panels", {
            let panels = (0..<20).map { i in
                Panel(title: "condition with a long name \(i)", layers: [.scatter(ScatterLayer(x: [0, 1, Double(i)], y: [1, 0, 2], label: "points"))])
            }
            return Figure(panels: panels, options: PlotOptions(title: "Twenty", xLabel: "x", yLabel: "y")).svg()
        }),
    ]

    func testLegendMovesAwayFromData() throws {
        // Data fills the top-right quarter only: the legend goes into another corner, inside.
        var xs: [Double] = [], ys: [Double] = []
        for i in 0..<20 { for j in 0..<20 { xs.append(0.5 + Double(i) / 40); ys.append(0.5 + Double(j) / 40) } }
        xs += [0, 1]
        ys += [0, 1]
        let corner = SVGInspection(Figure.scatter([ScatterLayer(x: xs, y: ys, label: "cloud")]).svg())
        let box = try XCTUnwrap(legendBox(corner))
        XCTAssertLessThan(box.x, 320, "legend should sit on the left, away from the data")

        // Data everywhere: the legend goes outside, right of the frame.
        var allX: [Double] = [], allY: [Double] = []
        for i in 0...40 { for j in 0...40 { allX.append(Double(i) / 40); allY.append(Double(j) / 40) } }
        let full = SVGInspection(Figure.scatter([ScatterLayer(x: allX, y: allY, label: "everywhere")]).svg())
        let frame = try XCTUnwrap(full.check.elements(named: "rect").first { $0.attributes["stroke"] == PlotPalette.axis.hex })
        let frameRight = Double(frame.attributes["x"]!)! + Double(frame.attributes["width"]!)!
        XCTAssertGreaterThan(try XCTUnwrap(legendBox(full)).x, frameRight)
    }

    private func legendBox(_ svg: SVGInspection) -> Rect? {
        svg.check.elements(named: "rect").first { $0.attributes["rx"] == "3" }.map {
            Rect(x: Double($0.attributes["x"]!)!, y: Double($0.attributes["y"]!)!,
                 width: Double($0.attributes["width"]!)!, height: Double($0.attributes["height"]!)!)
        }
    }

    func testEqualAspectDrawsTrueCircles() {
        let equal = SVGInspection(GoldenFigures.baseMixture().svg())
        XCTAssertEqual(equal.count("ellipse"), 0)
        XCTAssertEqual(equal.count("circle") { $0.offset != SIMD2(0, 0) }, 8 * 3,
                       "sigma and 2 sigma circles and a dot for each of the 8 modes")
        var stretched = GoldenFigures.baseMixture()
        stretched.options.equalAspect = false
        stretched.options.width = 900
        stretched.options.height = 300
        XCTAssertEqual(SVGInspection(stretched.svg()).count("ellipse"), 16)
    }

    func testBarValueAxisStartsAtZero() {
        let chart = BarChart(categories: ["a", "b", "c"], series: [BarSeries(name: "m", values: [5.2, 5.6, 6.1])])
        let svg = SVGInspection(chart.svg())
        let numeric = svg.texts.compactMap(Double.init)
        XCTAssertTrue(svg.texts.contains("0"), "value axis labels \(svg.texts)")
        XCTAssertEqual(numeric.filter { $0 < 5 }.min(), 0)
        XCTAssertEqual(svg.count("rect") { $0.attributes["fill"] == nil && $0.attributes["stroke"] == nil }, 3)
        XCTAssertTrue(svg.texts.contains("6.1") && svg.texts.contains("5.2"), "value labels above the bars")
    }

    func testCrowdedCategoryLabelsAreSlanted() {
        let categories = (0..<16).map { "held-out condition \($0)" }
        let chart = BarChart(categories: categories, series: [BarSeries(name: "m", values: categories.map { _ in 1 })])
        let svg = SVGInspection(chart.svg())
        let slanted = svg.check.elements(named: "text").filter { $0.attributes["transform"]?.hasPrefix("rotate(-45") == true }
        XCTAssertEqual(slanted.count, 16)
    }

    func testLogAxesSkipValuesWithoutAPosition() {
        let figure = Figure.lines([LineSeries(x: [1, 2, 3, 4], y: [1, 0, -1, 100], label: "s")], options: PlotOptions(logY: true))
        let text = figure.svg()
        XCTAssertFalse(text.contains("nan") || text.contains("inf"))
        let svg = SVGInspection(text)
        XCTAssertTrue(svg.texts.contains("1") && svg.texts.contains("10") && svg.texts.contains("100"), "\(svg.texts)")
    }

    func testLabelsAreEscaped() {
        let title = "<b>W2 & \"MMD\"</b>"
        let figure = Figure.scatter([ScatterLayer(x: [0, 1], y: [0, 1], label: "a<b")], options: PlotOptions(title: title))
        let svg = SVGInspection(figure.svg())
        XCTAssertTrue(svg.texts.contains(title))
        XCTAssertTrue(svg.texts.contains("a<b"))
    }

    func testEmptyAndDegenerateFiguresStillDrawAxes() {
        for figure in [Figure(panels: []), Figure(layers: [.scatter(ScatterLayer(x: [.nan], y: [1]))]),
                       Figure(layers: [.scatter(ScatterLayer(x: [2, 2], y: [3, 3]))])] {
            let svg = SVGInspection(figure.svg())
            XCTAssertEqual(svg.count("rect") { $0.attributes["stroke"] == PlotPalette.axis.hex }, 1)
            XCTAssertGreaterThanOrEqual(svg.texts.count, 4, "tick labels on both axes")
        }
    }

    func testLargeScatterFilesStaySmall() {
        let figure = GoldenFigures.smallMultiples(pointsPerLayer: 2000)
        let text = figure.svg()
        XCTAssertLessThan(text.utf8.count, 1_500_000, "12 panels x 2 layers x 2000 points = \(text.utf8.count) bytes")
        XCTAssertTrue(SVGInspection(text).check.isWellFormed)
    }

    func testLineDecimationKeepsTheExtremesOfEachPixelColumn() {
        let run = (0..<1000).map { SIMD2(Double($0) / 100, Double(($0 * 37) % 101)) }
        let kept = LineDecimation.keepingExtremes(run)
        XCTAssertLessThanOrEqual(kept.count, 4 * 10)
        for column in 0..<10 {
            let all = run.filter { Int($0.x) == column }.map(\.y)
            let shown = kept.filter { Int($0.x) == column }.map(\.y)
            XCTAssertEqual(shown.min(), all.min())
            XCTAssertEqual(shown.max(), all.max())
        }
        XCTAssertEqual(kept.first, run.first)
        XCTAssertEqual(kept.last, run.last)
    }

    func testMarkerPathsAreCompact() {
        let d = MarkerPath.data(.circle, size: 3, at: [SIMD2(12.34, 5.66), SIMD2(0, 100)])
        XCTAssertEqual(d, "M12.3 5.7h0M0 100h0")
    }
}

final class PlotColorTests: XCTestCase {
    func testHexAndNamedColours() {
        XCTAssertEqual(Color(hex: "#0072B2")?.hex, "#0072b2")
        XCTAssertEqual(Color(hex: "f0c")?.hex, "#ff00cc")
        XCTAssertNil(Color(hex: "#12345"))
        XCTAssertNil(Color(hex: "#gggggg"))
        XCTAssertEqual(Color(name: "Orange"), PlotPalette.color(1))
        XCTAssertEqual(Color(name: "grey")?.hex, "#999999")
        XCTAssertEqual(Color(name: "#000")?.hex, "#000000")
        XCTAssertNil(Color(name: "blurple"))
        XCTAssertEqual(Color(red: 0, green: 0x72, blue: 0xB2).tinted(1).hex, "#ffffff")
        XCTAssertEqual(PlotPalette.color(24), PlotPalette.color(0), "the palette cycles after its 24 colours")
    }

    /// Twenty cell types get twenty colours, each pair as far apart in CIELAB (ΔE*76) as the
    /// Okabe–Ito colours are from each other, and none of the added ones lighter than
    /// Okabe–Ito's yellow (L* 89), the lightest that shows on white.
    func testPaletteHasTwentyFourDistinguishableColours() {
        let colours = PlotPalette.series
        XCTAssertEqual(Set(colours).count, 24)
        var closest = Double.infinity
        for i in colours.indices {
            if i >= 8 { XCTAssertLessThanOrEqual(CIELab(colours[i]).l, 88, "\(colours[i].hex) is too light for a white background") }
            for j in colours.indices where j > i { closest = min(closest, CIELab(colours[i]).distance(to: CIELab(colours[j]))) }
        }
        XCTAssertGreaterThanOrEqual(closest, 25)
    }
}

/// CIELAB (D65 white) of an sRGB colour, the standard formulas.
private struct CIELab {
    var l, a, b: Double

    init(_ colour: Color) {
        func linear(_ channel: UInt8) -> Double {
            let c = Double(channel) / 255
            return c > 0.04045 ? Foundation.pow((c + 0.055) / 1.055, 2.4) : c / 12.92
        }
        let (r, g, bl) = (linear(colour.red), linear(colour.green), linear(colour.blue))
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * bl
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? Foundation.cbrt(t) : 7.787 * t + 16.0 / 116 }
        l = 116 * f(y) - 16
        a = 500 * (f(x) - f(y))
        b = 200 * (f(y) - f(z))
    }

    func distance(to other: CIELab) -> Double {
        ((l - other.l) * (l - other.l) + (a - other.a) * (a - other.a) + (b - other.b) * (b - other.b)).squareRoot()
    }
}
