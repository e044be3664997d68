import Foundation
import XCTest

/// `mfsh sweep --slurm --submit` against a real SLURM: scripts/slurm-test-cluster installs
/// slurm-wlm and munge when missing and starts munged, slurmctld and slurmd for a one-node
/// cluster on this machine; the test submits a 4-task job array of examples/sweep_toy.mf, waits
/// for it and reads results.csv. When the daemons cannot start here, the test is skipped with
/// the reason from their logs.
final class SlurmSweepTests: XCTestCase {
    private var cluster: URL!
    private var work: URL!

    private static var repository: URL { MfshProcess.testsDirectory.deletingLastPathComponent() }

    override func setUpWithError() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-slurm-\(UUID().uuidString.prefix(8))")
        cluster = base.appendingPathComponent("cluster")
        work = base.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let start = try Self.shell(["bash", Self.repository.appendingPathComponent("scripts/slurm-test-cluster").path, "start", cluster.path],
                                   timeout: 900)
        guard start.status == 0 else {
            stopCluster()
            throw XCTSkip("the SLURM test cluster did not start: \(start.output.suffix(1500))")
        }
    }

    override func tearDown() {
        stopCluster()
        if let cluster { try? FileManager.default.removeItem(at: cluster.deletingLastPathComponent()) }
    }

    private func stopCluster() {
        guard let cluster else { return }
        _ = try? Self.shell(["bash", Self.repository.appendingPathComponent("scripts/slurm-test-cluster").path, "stop", cluster.path],
                            timeout: 120)
    }

    private var slurmEnvironment: [String: String] { ["SLURM_CONF": cluster.appendingPathComponent("slurm.conf").path] }

    func testAFourTaskJobArrayLeavesTheSameResultsTable() throws {
        let example = Self.repository.appendingPathComponent("examples/sweep_toy.mf").path
        let submit = try MfshProcess.run(["sweep", example, "seed=1,2", "components=1,2", "quick", "-o", "out", "--submit",
                                          "--slurm-opt=--time=00:10:00"],
                                         in: work, environment: slurmEnvironment, timeout: 60)
        XCTAssertEqual(submit.status, 0, submit.stderr)
        let job = submit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNotNil(Int(job), "sbatch's job id on stdout, got '\(submit.stdout)'")
        let out = work.appendingPathComponent("out")
        let sbatch = try String(contentsOf: out.appendingPathComponent("sweep.sbatch"), encoding: .utf8)
        XCTAssertTrue(sbatch.contains("\n#SBATCH --array=1-4\n") && sbatch.contains("\n#SBATCH --time=00:10:00\n"), sbatch)

        // Wait (bounded) until SLURM has run every task and the last one has rewritten the table.
        let deadline = Date().addingTimeInterval(300)
        var rows: [[String]] = []
        repeat {
            usleep(250_000)
            let text = (try? String(contentsOf: out.appendingPathComponent("results.csv"), encoding: .utf8)) ?? ""
            rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        } while Date() < deadline && (rows.count < 5 || rows.dropFirst().contains { ["pending", "unfinished"].contains($0[$0.count - 2]) })
        let queue = try Self.shell(["squeue", "-h", "-j", job], environment: slurmEnvironment, timeout: 30)
        XCTAssertEqual(rows.first, ["seed", "components", "w2", "energy", "status", "seconds"],
                       "results.csv after 300 s:\n\(rows)\nsqueue: \(queue.output)")
        XCTAssertEqual(rows.dropFirst().map { Array($0.prefix(2)) }, [["1", "1"], ["1", "2"], ["2", "1"], ["2", "2"]])
        for row in rows.dropFirst() {
            XCTAssertEqual(row[4], "ok", "\(row); log: " + ((try? String(contentsOf: out.appendingPathComponent("runs/seed=\(row[0]),components=\(row[1])/run.log"), encoding: .utf8)) ?? ""))
            XCTAssertNotNil(Double(row[2]).flatMap { $0 > 0 ? $0 : nil }, "w2 of \(row)")
        }

        let summary = try MfshProcess.run(["sweep", "--summary", "out", "by=components"], in: work)
        XCTAssertEqual(summary.status, 0, summary.stderr)
        XCTAssertTrue(summary.stdout.hasPrefix("mean, sd and n over seed for each components; 4 of 4 runs ok\n"), summary.stdout)
    }

    /// Runs a command, output and errors together, with a time limit. The end of the command
    /// is read with waitpid here: Foundation's Process notices it only once every copy of a
    /// descriptor it hands the child is closed, which daemons started by the command may delay.
    private static func shell(_ arguments: [String], environment: [String: String] = [:],
                              timeout: TimeInterval) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-slurm-cmd-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let status = waitForExit(process, deadline: Date().addingTimeInterval(timeout))
        let output = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
        return (status, output)
    }

    /// The exit status (128 + signal when killed); a command past its deadline is killed.
    private static func waitForExit(_ process: Process, deadline: Date) -> Int32 {
        let pid = process.processIdentifier
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            if reaped == -1 && errno == ECHILD {
                // Foundation reaped it first and has (or is about to have) the status.
                while process.isRunning { usleep(10_000) }
                return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
            }
            // Past the deadline: killed, and reaped on the next turn.
            if Date() > deadline { kill(pid, SIGKILL) }
            usleep(50_000)
        }
    }
}
