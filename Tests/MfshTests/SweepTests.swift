import Foundation
import XCTest

/// `mfsh sweep` end to end with real child processes: a 2 x 3 sweep two at a time, a failing
/// combination, resuming after an interruption, Ctrl-C while runs are going, and the summary.
final class SweepTests: XCTestCase {
    /// y = 10a + b; the combination a=2, b=1 fails when `fail` is given.
    static let script = """
        a = arg("a", 0)
        b = arg("b", 0)
        print "a =" a "b =" b
        if arg("fail", false) and a == 2 and b == 1 {
            assert false "combination a=2 b=1 fails on purpose"
        }
        result("y", 10 * a + b)
        result("label", "run " + str(a) + "/" + str(b))
        """

    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.script.write(to: directory.appendingPathComponent("grid.mf"), atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func sweep(_ arguments: [String], environment: [String: String] = [:],
                       whileRunning: ((Process) -> Void)? = nil) throws -> MfshProcess.Result {
        let result = try MfshProcess.run(["sweep"] + arguments, in: directory, environment: environment, timeout: 120,
                                         whileRunning: whileRunning)
        XCTAssertFalse(result.timedOut, "mfsh sweep timed out:\n\(result.stderr)")
        return result
    }

    /// results.csv as rows of fields (no field in these tests holds a comma or a quote).
    private func results(_ name: String = "out") throws -> [[String]] {
        let text = try String(contentsOf: directory.appendingPathComponent(name + "/results.csv"), encoding: .utf8)
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    private func statuses(_ rows: [[String]]) -> [String] { rows.dropFirst().map { $0[$0.count - 2] } }

    func testATwoByThreeSweepTwoAtATimeGathersEveryRun() throws {
        let result = try sweep(["grid.mf", "a=1,2", "b=0:3:1", "--jobs", "2", "-o", "out"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("sweep: 6 combinations of a (2) x b (3); 2 at a time"), result.stderr)
        XCTAssertFalse(result.stderr.contains("ETA"), "no live progress line when stderr is not a terminal")
        let rows = try results()
        XCTAssertEqual(rows.first, ["a", "b", "y", "label", "status", "seconds"])
        XCTAssertEqual(rows.dropFirst().map { Array($0.prefix(5)) }, [
            ["1", "0", "10", "run 1/0", "ok"], ["1", "1", "11", "run 1/1", "ok"], ["1", "2", "12", "run 1/2", "ok"],
            ["2", "0", "20", "run 2/0", "ok"], ["2", "1", "21", "run 2/1", "ok"], ["2", "2", "22", "run 2/2", "ok"],
        ])
        for row in rows.dropFirst() {
            let seconds = try XCTUnwrap(Double(row[5]), "seconds of \(row)")
            XCTAssertTrue(seconds >= 0 && seconds < 60, "\(row)")
        }
        // Each run has its own directory with its log.
        let log = try String(contentsOf: directory.appendingPathComponent("out/runs/a=2,b=1/run.log"), encoding: .utf8)
        XCTAssertEqual(log, "a = 2 b = 1\ny = 21\nlabel = run 2/1\n")
    }

    func testAFailingCombinationIsReportedWithItsLogWhileTheOthersFinish() throws {
        let result = try sweep(["grid.mf", "a=1,2", "b=0,1,2", "fail", "--jobs", "2", "-o", "out"])
        XCTAssertEqual(result.status, 70, result.stderr)
        XCTAssertTrue(result.stderr.contains("sweep: run a=2,b=1 failed (exit 70, "), result.stderr)
        XCTAssertTrue(result.stderr.contains("error: assertion failed: combination a=2 b=1 fails on purpose"),
                      "the end of the run's log is shown:\n\(result.stderr)")
        XCTAssertTrue(result.stderr.contains("6 runs in "), result.stderr)
        XCTAssertTrue(result.stderr.contains(": 5 ok, 1 failed;"), result.stderr)
        XCTAssertEqual(statuses(try results()), ["ok", "ok", "ok", "ok", "failed", "ok"])
    }

    func testAnInterruptedSweepResumesWithoutRedoingFinishedRuns() throws {
        // The interruption comes from inside the sweep once two runs have ended (no timer).
        let first = try sweep(["grid.mf", "a=1,2", "b=0,1,2", "--jobs", "1", "-o", "out"], environment: ["MFSH_SWEEP_STOP_AFTER": "2"])
        XCTAssertEqual(first.status, 130, first.stderr)
        XCTAssertTrue(first.stderr.contains("sweep: interrupted after "), first.stderr)
        XCTAssertTrue(first.stderr.contains("2 ok, 0 failed, 0 stopped, 4 not started; run the same command again to resume"), first.stderr)
        XCTAssertEqual(statuses(try results()), ["ok", "ok", "pending", "pending", "pending", "pending"])
        let kept = directory.appendingPathComponent("out/runs/a=1,b=0/results.jsonl").path
        let before = try FileManager.default.attributesOfItem(atPath: kept)[.systemFileNumber] as? Int

        let second = try sweep(["grid.mf", "a=1,2", "b=0,1,2", "--jobs", "1", "-o", "out"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stderr.contains("2 already done, 4 to run"), second.stderr)
        XCTAssertTrue(second.stderr.contains("4 runs in "), second.stderr)
        XCTAssertEqual(statuses(try results()), Array(repeating: "ok", count: 6))
        let after = try FileManager.default.attributesOfItem(atPath: kept)[.systemFileNumber] as? Int
        XCTAssertEqual(before, after, "a finished run is not run again")

        let third = try sweep(["grid.mf", "a=1,2", "b=0,1,2", "-o", "out"])
        XCTAssertEqual(third.status, 0, third.stderr)
        XCTAssertTrue(third.stderr.contains("6 already done, 0 to run"), third.stderr)
    }

    func testCtrlCStopsTheRunningRunsCleanly() throws {
        // Run i=2 declares it has started, then loops until stopped. The test presses Ctrl-C
        // once run i=1 is recorded as done and run i=2 is inside its loop.
        let endless = """
            i = arg("i", 0)
            if i == 2 {
                result("started", true)
                n = 0
                for k in 0:1e15 { n = n + 1 }
            }
            result("i", i)
            """
        try endless.write(to: directory.appendingPathComponent("endless.mf"), atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out")
        var pressed = false
        let result = try sweep(["endless.mf", "i=1,2", "--jobs", "2", "-o", "out"]) { process in
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, process.isRunning {
                let table = (try? String(contentsOf: out.appendingPathComponent("results.csv"), encoding: .utf8)) ?? ""
                let record = (try? String(contentsOf: out.appendingPathComponent("runs/i=2/results.jsonl"), encoding: .utf8)) ?? ""
                if table.contains("\n1,1,ok,") && record.contains("\"started\"") {
                    kill(process.processIdentifier, SIGINT)
                    pressed = true
                    return
                }
                usleep(20_000)
            }
        }
        XCTAssertTrue(pressed, "the runs never reached the point to interrupt:\n\(result.stderr)")
        XCTAssertEqual(result.status, 130, result.stderr)
        XCTAssertEqual(statuses(try results()), ["ok", "interrupted"])
        let log = try String(contentsOf: out.appendingPathComponent("runs/i=2/run.log"), encoding: .utf8)
        XCTAssertTrue(log.contains("error: interrupted"), "the run stopped at a safe point and said where:\n\(log)")
        XCTAssertTrue(result.stderr.contains("1 ok, 0 failed, 1 stopped, 0 not started"), result.stderr)
    }

    func testTheSummaryAveragesOverTheOtherParametersAndPlots() throws {
        XCTAssertEqual(try sweep(["grid.mf", "a=1,2", "b=0,1,2", "-o", "out"]).status, 0)
        let summary = try MfshProcess.run(["sweep", "--summary", "out", "by=a", "plot=y"], in: directory)
        XCTAssertEqual(summary.status, 0, summary.stderr)
        XCTAssertEqual(summary.stdout, """
            mean, sd and n over b for each a; 6 of 6 runs ok
            a  result  mean  sd  n
            -  ------  ----  --  -
            1  y         11   1  3
            2  y         21   1  3
            wrote \(directory.appendingPathComponent("out/y_by_a.svg").standardizedFileURL.path)

            """)
        let svg = try String(contentsOf: directory.appendingPathComponent("out/y_by_a.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains("<title>y against a</title>") && svg.hasSuffix("</svg>\n"), String(svg.suffix(100)))
        let wrong = try MfshProcess.run(["sweep", "--summary", "out", "by=c"], in: directory)
        XCTAssertEqual(wrong.status, 64)
        XCTAssertEqual(wrong.stderr, "mfsh sweep: by=c: the sweep has no parameter 'c' (it has a, b)\n")
    }

    func testAnotherSweepIntoTheSameDirectoryIsRefused() throws {
        XCTAssertEqual(try sweep(["grid.mf", "a=1", "-o", "out"]).status, 0)
        let other = try sweep(["grid.mf", "b=1,2", "-o", "out"])
        XCTAssertEqual(other.status, 64)
        XCTAssertTrue(other.stderr.contains("holds a sweep of grid.mf over a; this one is of grid.mf over b"), other.stderr)
        let unusable = try sweep(["grid.mf", "a=1,,2", "-o", "out2"])
        XCTAssertEqual(unusable.status, 64)
        XCTAssertTrue(unusable.stderr.hasPrefix("mfsh: a= has an empty value (item 2 of '1,,2'); separate values by single commas\n"
                                                + "usage: mfsh sweep SCRIPT"), unusable.stderr)
        let missing = try sweep(["nope.mf", "a=1", "-o", "out2"])
        XCTAssertEqual(missing.status, 66)
        XCTAssertEqual(missing.stderr, "mfsh sweep: cannot open 'nope.mf': no such file\n")
    }
}
