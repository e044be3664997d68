import Foundation
import XCTest
@testable import mfsh
@testable import Runtime

/// The pieces of `mfsh sweep` on their own: parameters and ranges, run names, the results file,
/// the table and the summary's statistics.
final class SweepPartsTests: XCTestCase {
    func testListsAndRangesGiveTheValuesTheScriptReceives() throws {
        XCTAssertEqual(try SweepParameter.parse("seed=1,2,3"), SweepParameter(key: "seed", values: ["1", "2", "3"]))
        XCTAssertEqual(try SweepParameter.parse("lr=0:1:0.1").values,
                       ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"], "stop excluded, no 0.30000000000000004")
        XCTAssertEqual(try SweepParameter.parse("angle=360:0:-90").values, ["360", "270", "180", "90"])
        XCTAssertEqual(try SweepParameter.parse("model=mixflow,cfm").values, ["mixflow", "cfm"])
        XCTAssertEqual(try SweepParameter.parse("t=a:b:c").values, ["a:b:c"], "not three numbers: a plain value")
        XCTAssertEqual(try SweepParameter.parse("steps=500").values, ["500"])
    }

    func testBadParametersAreUsageErrorsThatSayWhy() {
        func message(_ word: String) -> String {
            do {
                _ = try SweepParameter.parse(word)
                return "parsed"
            } catch {
                return error.message
            }
        }
        XCTAssertEqual(message("seed=1,,2"), "seed= has an empty value (item 2 of '1,,2'); separate values by single commas")
        XCTAssertEqual(message("seed=1,2,1"), "seed= gives the value '1' twice")
        XCTAssertEqual(message("x=3:0:1"), "x=3:0:1 is empty: the stop is excluded and the step must lead from start towards stop")
        XCTAssertEqual(message("x=0:1:0"), "x=0:1:0: the step must be a finite number other than 0")
        XCTAssertEqual(message("x=0:1:1e-9"), "x=0:1:1e-9 has more than 10000 values")
        XCTAssertEqual(message("2x=1"), "'2x' is not a parameter name: use letters, digits and _, not starting with a digit")
        XCTAssertEqual(message("status=1"), "'status' is a column of every sweep table; name the parameter otherwise")
    }

    func testTheCommandLineSplitsScriptParametersWordsAndOptions() throws {
        let request = try SweepRequest.parse(["run.mf", "seed=1,2", "quick", "-j", "2", "I=1:3:1", "-o", "out", "--slurm-opt=--time=1:00:00"])
        guard case .run(let options) = request else { return XCTFail("\(request)") }
        XCTAssertEqual(options.script, "run.mf")
        XCTAssertEqual(options.parameters.map(\.key), ["seed", "I"])
        XCTAssertEqual(options.fixedArguments, ["quick"])
        XCTAssertEqual(options.jobs, 2)
        XCTAssertEqual(options.directory, "out")
        XCTAssertEqual(options.slurmOptions, ["--time=1:00:00"])
        XCTAssertFalse(options.slurm, "--slurm-opt alone does not switch to SLURM")
        XCTAssertThrowsError(try SweepRequest.parse(["run.mf", "seed=1", "seed=2", "-o", "o"]))
        XCTAssertThrowsError(try SweepRequest.parse(["run.mf", "seed=1,2"]), "no -o")
        XCTAssertThrowsError(try SweepRequest.parse(["run.mf", "-o", "o"]), "no parameter")
        XCTAssertThrowsError(try SweepRequest.parse(["run.mf", "seed=1", "-o", "o", "--jobs", "0"]))
        XCTAssertEqual(try SweepRequest.parse(["--summary", "out", "by=I,model", "plot=w2"]),
                       .summary(directory: "out", by: ["I", "model"], plot: "w2", svgPath: nil))
    }

    func testCombinationsNestInParameterOrderAndNameTheirDirectoriesSafely() {
        let plan = SweepPlan(script: "/s.mf", mfsh: "/mfsh",
                             parameters: [SweepParameter(key: "a", values: ["1", "2"]), SweepParameter(key: "b", values: ["x", "y/z", ".."])],
                             fixedArguments: [])
        let combinations = plan.combinations()
        XCTAssertEqual(combinations.map(\.arguments), [["a=1", "b=x"], ["a=1", "b=y/z"], ["a=1", "b=.."],
                                                       ["a=2", "b=x"], ["a=2", "b=y/z"], ["a=2", "b=.."]])
        XCTAssertEqual(combinations.map(\.name), ["a=1,b=x", "a=1,b=y%2Fz", "a=1,b=..", "a=2,b=x", "a=2,b=y%2Fz", "a=2,b=.."])
        XCTAssertEqual(plan.combinationCount, 6)
        let long = Combination(assignments: [.init(key: "k", value: String(repeating: "v", count: 400))])
        XCTAssertLessThanOrEqual(long.name.utf8.count, 200)
        XCTAssertNotEqual(long.name, Combination(assignments: [.init(key: "k", value: String(repeating: "v", count: 401))]).name)
    }

    func testTheResultsFileKeepsValuesExactlyAndTheLastOfARepeatedName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-sweep-parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = RunResultsFile(path: directory.appendingPathComponent("results.jsonl").path)
        XCTAssertNil(try file.read())
        try file.appendResult("w2", .number(1.0 / 3.0))
        try file.appendResult("loss", .number(.nan))
        try file.appendResult("label", .string("a \"quoted\", comma\nline"))
        try file.appendResult("w2", .number(0.25))
        try file.appendExit(0, seconds: 1.23456)
        let record = try XCTUnwrap(try file.read())
        XCTAssertEqual(record.results.map(\.name), ["w2", "loss", "label"])
        XCTAssertEqual(record.result("w2")?.number, 0.25)
        XCTAssertTrue(record.result("loss")?.number?.isNaN == true)
        XCTAssertEqual(record.result("label")?.text, "a \"quoted\", comma\nline")
        XCTAssertEqual(record.exitStatus, 0)
        XCTAssertEqual(record.seconds, 1.235)
        XCTAssertEqual(record.status, .ok)
        // A directory in the way is refused, not written through.
        let blocked = RunResultsFile(path: directory.path)
        XCTAssertThrowsError(try blocked.appendResult("w2", .number(1)))
    }

    func testTheTableHasParameterThenResultColumnsAndQuotesText() {
        let plan = SweepPlan(script: "/s.mf", mfsh: "/mfsh", parameters: [SweepParameter(key: "seed", values: ["1", "2", "3"])],
                             fixedArguments: [])
        var first = RunRecord()
        first.setResult("w2", .init(type: "number", text: "0.5"))
        first.setResult("seed", .init(type: "string", text: "x, y"))
        first.exitStatus = 0
        first.seconds = 2
        var second = RunRecord()
        second.exitStatus = 70
        let table = ResultsTable(plan: plan, records: ["seed=1": first, "seed=2": second])
        XCTAssertEqual(String(decoding: table.csv(), as: UTF8.self), """
            seed,w2,result_seed,status,seconds
            1,0.5,"x, y",ok,2
            2,,,failed,
            3,,,pending,

            """)
    }

    func testStatisticsAndTheClock() {
        let (mean, sd, n) = SweepSummary.statistics([1, 2, 3, 4])
        XCTAssertEqual(mean, 2.5)
        XCTAssertEqual(try XCTUnwrap(sd), (5.0 / 3.0).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(n, 4)
        XCTAssertNil(SweepSummary.statistics([7]).sd)
        XCTAssertEqual(SweepProgress.clock(42), "0:42")
        XCTAssertEqual(SweepProgress.clock(3 * 3600 + 2 * 60 + 10), "3:02:10")
        let start = Date(timeIntervalSince1970: 0)
        var progress = SweepProgress(total: 10, started: start)
        XCTAssertNil(progress.estimatedSecondsLeft(now: start.addingTimeInterval(5)))
        progress.ok = 2
        progress.running = 2
        XCTAssertEqual(progress.estimatedSecondsLeft(now: start.addingTimeInterval(20)), 80)
        XCTAssertEqual(progress.line(now: start.addingTimeInterval(20)), "sweep: 2/10 done, 2 running, 0:20 elapsed, ETA 1:20")
    }
}
