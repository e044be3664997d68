import XCTest
@testable import MixFlowOps

final class TicksTests: XCTestCase {
    private func labels(_ ticks: [Tick]) -> [String] { ticks.map(\.label) }

    func testLinearTicksUseOneTwoFiveStepsWithSharedDecimals() {
        XCTAssertEqual(labels(Ticks.linear(from: 0, to: 1, targetCount: 5)), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        XCTAssertEqual(labels(Ticks.linear(from: -0.78, to: 0.78, targetCount: 3)), ["-0.5", "0.0", "0.5"])
        XCTAssertEqual(labels(Ticks.linear(from: 0, to: 3000, targetCount: 8)), ["0", "500", "1000", "1500", "2000", "2500", "3000"])
        XCTAssertEqual(labels(Ticks.linear(from: 0.1652, to: 0.4238, targetCount: 6)), ["0.20", "0.25", "0.30", "0.35", "0.40"])
    }

    func testTickValuesAreTheNearestDoublesOfTheirLabels() {
        let ticks = Ticks.linear(from: 0, to: 0.35, targetCount: 4)
        XCTAssertEqual(labels(ticks), ["0.0", "0.1", "0.2", "0.3"])
        XCTAssertEqual(ticks.map(\.value), [0.0, 0.1, 0.2, 0.3], "0.3 must be the literal 0.3, not 3 * 0.1")
    }

    func testNoFloatNoiseAndNiceStepsOverManyRanges() {
        var random = PlotTestRandom(seed: 5)
        for _ in 0..<3000 {
            let scale = Foundation.pow(10, (random.uniform() * 16 - 8).rounded())
            let lo = (random.uniform() - 0.5) * 10 * scale
            let hi = lo + (0.01 + random.uniform() * 10) * scale
            let target = 2 + Int(random.uniform() * 9)
            let ticks = Ticks.linear(from: lo, to: hi, targetCount: target)
            XCTAssertGreaterThanOrEqual(ticks.count, 2, "[\(lo), \(hi)] target \(target)")
            XCTAssertLessThanOrEqual(Double(ticks.count), 2.5 * Double(target) + 1, "[\(lo), \(hi)] target \(target)")
            for tick in ticks {
                XCTAssertFalse(tick.label.contains("0000000") || tick.label.contains("999999"), "noisy label \(tick.label)")
                XCTAssertEqual(Double(tick.label), tick.value, "label \(tick.label) does not print value \(tick.value)")
                XCTAssertTrue(tick.value >= lo - 1e-9 * (hi - lo) && tick.value <= hi + 1e-9 * (hi - lo))
            }
            assertOneTwoFiveSpacing(ticks.map(\.value))
        }
    }

    private func assertOneTwoFiveSpacing(_ values: [Double], file: StaticString = #filePath, line: UInt = #line) {
        guard values.count >= 2 else { return }
        let step = values[1] - values[0]
        let mantissa = step / Foundation.pow(10, Foundation.floor(Foundation.log10(step)))
        XCTAssertTrue([1, 2, 5, 10].contains { abs(mantissa - Double($0)) < 1e-6 }, "step \(step) is not 1, 2 or 5 x 10^k",
                      file: file, line: line)
        for (a, b) in zip(values, values.dropFirst()) {
            XCTAssertEqual(b - a, step, accuracy: 1e-9 * abs(step) * 100, file: file, line: line)
        }
    }

    func testZeroIsNeverNegative() {
        XCTAssertEqual(labels(Ticks.linear(from: -1, to: 1, targetCount: 4)), ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
        XCTAssertFalse(labels(Ticks.linear(from: -3e-7, to: 3e-7, targetCount: 4)).contains { $0.hasPrefix("-0") && Double($0) == 0 })
    }

    func testVeryLargeAndVerySmallRangesUseScientificLabels() {
        XCTAssertEqual(labels(Ticks.linear(from: 0, to: 3e6, targetCount: 3)), ["0", "1e6", "2e6", "3e6"])
        XCTAssertEqual(labels(Ticks.linear(from: 0, to: 3e-6, targetCount: 3)), ["0", "1e-6", "2e-6", "3e-6"])
        XCTAssertEqual(labels(Ticks.linear(from: 1.5e-5, to: 3.5e-5, targetCount: 4)), ["1.5e-5", "2e-5", "2.5e-5", "3e-5", "3.5e-5"])
    }

    func testDegenerateRanges() {
        XCTAssertEqual(labels(Ticks.linear(from: 2, to: 2, targetCount: 5)), ["2"])
        XCTAssertEqual(Ticks.linear(from: .nan, to: 1, targetCount: 5), [])
    }

    func testLogTicksOnDecades() {
        XCTAssertEqual(labels(Ticks.logarithmic(from: 0.0009, to: 150, targetCount: 6)), ["0.001", "0.01", "0.1", "1", "10", "100"])
        XCTAssertEqual(labels(Ticks.logarithmic(from: 1e-9, to: 1e9, targetCount: 5)), ["1e-8", "0.0001", "1", "10000", "1e8"])
    }

    func testLogTicksWithinAShortRangeUseOneTwoFive() {
        XCTAssertEqual(labels(Ticks.logarithmic(from: 0.09, to: 3, targetCount: 6)), ["0.1", "0.2", "0.5", "1", "2"])
        XCTAssertEqual(labels(Ticks.logarithmic(from: 1, to: 40, targetCount: 7)), ["1", "2", "5", "10", "20"])
        XCTAssertEqual(labels(Ticks.logarithmic(from: 1.1, to: 1.9, targetCount: 4)), ["1.2", "1.4", "1.6", "1.8"])
        XCTAssertEqual(Ticks.logMinor(from: 0.5, to: 30), [0.6, 0.7, 0.8, 0.9, 2, 3, 4, 5, 6, 7, 8, 9, 20, 30].filter { $0 < 30 })
    }

    func testDecimalFormatting() {
        XCTAssertEqual(DecimalValue(mantissa: 5, exponent: -1).fixed(decimals: 2), "0.50")
        XCTAssertEqual(DecimalValue(mantissa: -15, exponent: -1).fixed(decimals: 1), "-1.5")
        XCTAssertEqual(DecimalValue(mantissa: 25, exponent: -6).scientific, "2.5e-5")
        XCTAssertEqual(DecimalValue(mantissa: 1, exponent: 6).scientific, "1e6")
        XCTAssertEqual(DecimalValue(mantissa: 2, exponent: -2).readable, "0.02")
        XCTAssertEqual(DecimalValue(mantissa: 1, exponent: 3).readable, "1000")
        XCTAssertEqual(DecimalValue.significant(0.18349, digits: 3), "0.183")
        XCTAssertEqual(DecimalValue.significant(1234.5, digits: 3), "1235")
        XCTAssertEqual(DecimalValue.significant(1.23456e-7, digits: 3), "1.23e-7")
        XCTAssertEqual(DecimalValue.significant(2_345_678, digits: 3), "2.35e6")
        XCTAssertEqual(DecimalValue.significant(-0.000999, digits: 2), "-0.001")
    }

    func testSVGNumberFormatting() {
        XCTAssertEqual(SVGNumber.format(12.345), "12.3")
        XCTAssertEqual(SVGNumber.format(12.35, decimals: 2), "12.35")
        XCTAssertEqual(SVGNumber.format(-0.04), "0")
        XCTAssertEqual(SVGNumber.format(5), "5")
        XCTAssertEqual(SVGNumber.format(-7.25, decimals: 1), "-7.3")
        XCTAssertEqual(SVGNumber.format(0.05, decimals: 2), "0.05")
        XCTAssertEqual(SVGNumber.format(.nan), "0")
    }
}

import Foundation
