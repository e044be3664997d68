import XCTest
@testable import Runtime

/// How values, ranges, tables and progress look.
final class DisplayTests: XCTestCase {
    func testNumbersUseShortestRoundTripAndIntegersHaveNoFraction() {
        XCTAssertEqual(formatNumber(3), "3")
        XCTAssertEqual(formatNumber(-2), "-2")
        XCTAssertEqual(formatNumber(-0.0), "0")
        XCTAssertEqual(formatNumber(0.125), "0.125")
        XCTAssertEqual(formatNumber(1e-6), "1e-06")
        XCTAssertEqual(formatNumber(0.1 + 0.2), "0.30000000000000004")
        XCTAssertEqual(formatNumber(1e20), "1e+20")
        XCTAssertEqual(formatNumber(123456789012), "123456789012")
        XCTAssertEqual(formatNumber(.nan), "nan")
        XCTAssertEqual(formatNumber(-.infinity), "-inf")
    }

    func testListsAreCutAfterTenItemsWithACount() {
        let value = Value.list((0..<15).map { .number(Double($0)) })
        XCTAssertEqual(value.displayString, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … (5 more)]")
        XCTAssertEqual(Value.list([]).displayString, "[]")
    }

    func testStringsAreQuotedOnlyWhenNestedOrEchoed() {
        XCTAssertEqual(Value.string("a\"b").displayString, "a\"b")
        XCTAssertEqual(Value.string("a\"b\n").echoString, "\"a\\\"b\\n\"")
        XCTAssertEqual(Value.list(["x", 1, true, .nil]).displayString, "[\"x\", 1, true, nil]")
        let record = Value.record(Record([("name", "mix"), ("w2", 0.5), ("ok", [1, 2])]))
        XCTAssertEqual(record.displayString, "(name: \"mix\", w2: 0.5, ok: [1, 2])")
        XCTAssertEqual(Value.record(Record()).displayString, "()")
    }

    func testDeeplyNestedValuesAreElided() {
        var value: Value = 1
        for _ in 0..<40 { value = .list([value]) }
        XCTAssertEqual(value.displayString, String(repeating: "[", count: 16) + "[…]" + String(repeating: "]", count: 16))
    }

    func testRangesCountWithoutDriftAndDisplayAsWritten() throws {
        let tenths = try XCTUnwrap(RangeValue(start: 0, stop: 1, step: 0.1))
        XCTAssertEqual(tenths.count, 10)
        XCTAssertEqual(tenths.last!, 0.9, accuracy: 1e-15)
        XCTAssertEqual(RangeValue(start: 0, stop: 0.9, step: 0.3)?.count, 3)
        XCTAssertEqual(RangeValue(start: 0, stop: 360, step: 30)?.count, 12)
        XCTAssertEqual(RangeValue(start: 10, stop: 0, step: -2).map(Array.init), [10, 8, 6, 4, 2])
        XCTAssertEqual(RangeValue(start: 5, stop: 0)?.count, 0)
        XCTAssertEqual(RangeValue(start: 0, stop: 1e9)?.count, 1_000_000_000)
        XCTAssertEqual(RangeValue(start: 0, stop: 1e12, step: 3)?.count, 333_333_333_334)
        XCTAssertNil(RangeValue(start: 0, stop: 1, step: 0))
        XCTAssertEqual(Value.range(RangeValue(start: 0, stop: 360, step: 30)!).displayString, "0:360:30")
        XCTAssertEqual(Value.range(RangeValue(start: 0, stop: 5)!).displayString, "0:5")
    }

    func testTablesAlignNumbersRight() {
        let table = OutputTable(title: "w2", headers: ["condition", "w2"], rows: [["A/90", "0.125"], ["mean", "1.5"]])
        XCTAssertEqual(table.rendered(), """
            w2
            condition     w2
            ---------  -----
            A/90       0.125
            mean         1.5

            """)
    }

    func testProgressBarRedrawsThrottledOnATerminalAndSummarises() {
        let sink = LiveSink()
        var now = 100.0
        let bar = ProgressBar(task: "train", total: 100, phase: "warmup", output: sink, clock: { now })
        for step in 1...100 {
            now += 0.01
            bar.update(step: step, losses: [("loss", 0.5)])
        }
        bar.finish()
        // 1 s of work at 0.1 s per redraw: ten redraws plus the last step, then the summary.
        XCTAssertEqual(sink.live.count, 11)
        XCTAssertEqual(sink.live.last, "warmup  100/100  [####################]  100%  loss 0.5  100 steps/s  ETA 0:00")
        XCTAssertEqual(sink.final, ["train: 100 steps in 1.0 s (100 steps/s), loss 0.5"])
    }

    func testProgressOffATerminalIsOneSummaryLine() {
        let sink = RecordingOutput()
        var now = 0.0
        let bar = ProgressBar(task: "sample", total: 50, output: sink, clock: { now })
        for step in 1...20 {
            now += 0.5
            bar.update(step: step)
        }
        bar.finish(stopped: true)
        XCTAssertEqual(sink.events, [.progress("sample: 20 of 50 steps in 10.0 s (2.00 steps/s) (interrupted)")])
    }

    func testProgressCountsItsOwnUnit() {
        let sink = RecordingOutput()
        var now = 0.0
        let bar = ProgressBar(task: "evaluate", total: 42, output: sink, clock: { now })
        bar.unit = "conditions"
        now = 2
        bar.update(step: 42)
        bar.finish()
        XCTAssertEqual(sink.events, [.progress("evaluate: 42 conditions in 2.0 s (21 conditions/s)")])
    }

    func testProgressWithACustomPositionAndSummary() {
        let sink = LiveSink()
        var now = 0.0
        let bar = ProgressBar(task: "sample mix", total: 100, phase: "sample", output: sink, clock: { now })
        bar.position = { step, total in "t \(Double(step) / Double(total))" }
        bar.showsRate = false
        now = 1
        bar.update(step: 25)
        now = 2
        bar.finish(summary: "sample mix: 3 conditions x 10 points", stopped: true)
        XCTAssertEqual(sink.live, ["sample  t 0.25  [#####---------------]   25%  ETA 0:03"])
        XCTAssertEqual(sink.final, ["sample mix: 3 conditions x 10 points in 2.0 s (interrupted)"])
    }
}

private final class LiveSink: OutputSink {
    var live: [String] = []
    var final: [String] = []
    func write(_ text: String) {}
    func warning(_ message: String) {}
    func progress(_ line: String, final isFinal: Bool) {
        if isFinal { final.append(line) } else { live.append(line) }
    }
    var showsLiveProgress: Bool { true }
}
