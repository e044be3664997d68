// mfbench: the Swift side of `scripts/bench`. Each suite prints one JSON object per line:
//   {"suite": "nn", "case": "train_w128", "metric": "steps_per_s", "value": 1234.5, "unit": "steps/s",
//    "higher_is_better": true, "target": 2.0}
// and scripts/bench pairs those lines with the Python references' lines of the same suite, case
// and metric. "target" (optional, Swift side only) is the required ratio ours/theirs (or
// theirs/ours when lower is better). A line with no Python partner is shown as a measurement.
//
// To add a suite: write Sources/mfbench/<Suite>Bench.swift with a function that emits lines
// (use `emit` and `measureRate` below), register it in `suites`, and add
// scripts/bench_py/<suite>.py printing the same suite/case/metric keys.
//
// `mfbench --list` names the suites; `mfbench --about` the CPU and the BLAS (library, version,
// kernel core, threads) for the table's header.
import MixFlowOps
import Foundation

let suites: [String: () -> Void] = [
    "data": runDataBench,
    "models": runModelsBench,
    "nn": runNNBench,
    "transport": runTransportSuite,
]

/// Threads both sides use (the driver sets MFBENCH_THREADS; default: all processors).
let benchThreads = Int(ProcessInfo.processInfo.environment["MFBENCH_THREADS"] ?? "")
    ?? ProcessInfo.processInfo.activeProcessorCount
/// MFBENCH_QUICK=1 shortens every measurement (for checking the plumbing, not for numbers).
let benchQuick = ProcessInfo.processInfo.environment["MFBENCH_QUICK"] == "1"

/// MFBENCH_CASES=a,b runs only the cases with those names (all when unset).
let benchCases = ProcessInfo.processInfo.environment["MFBENCH_CASES"].map { Set($0.split(separator: ",").map(String.init)) }

/// Whether the case `name` should run.
func benchSelected(_ name: String) -> Bool { benchCases?.contains(name) ?? true }

/// Prints one result line.
func emit(_ suite: String, _ caseName: String, _ metric: String, _ value: Double, unit: String,
          higherIsBetter: Bool = true, target: Double? = nil) {
    var record: [String: Any] = ["suite": suite, "case": caseName, "metric": metric, "value": value,
                                 "unit": unit, "higher_is_better": higherIsBetter]
    if let target { record["target"] = target }
    let data = try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}

/// Calls `body` for at least `seconds` after `warmup` calls; returns the best of three
/// calls-per-second measurements (best-of damps noise from other processes). Same protocol as
/// `rate` in scripts/bench_py/common.py.
/// With MFBENCH_FIXED=N each measurement instead runs `body` exactly N times (for
/// instruction-count profiles under callgrind, which are repeatable on a busy machine).
/// With MFBENCH_FASTEST=1 the rate is 1 / (the fastest single call) over the same time: on a
/// machine shared with other work, the calls that ran undisturbed (not comparable with the
/// Python side, which does not have this mode).
func measureRate(seconds: Double = 2, warmup: Int = 20, _ body: () -> Void) -> Double {
    if let fixed = Int(ProcessInfo.processInfo.environment["MFBENCH_FIXED"] ?? "") {
        for _ in 0..<fixed { body() }
        return 0
    }
    let (minimum, warm) = benchQuick ? (0.2, 2) : (seconds, warmup)
    for _ in 0..<warm { body() }
    if ProcessInfo.processInfo.environment["MFBENCH_FASTEST"] == "1" { return fastestCallRate(seconds: minimum, body) }
    var best = 0.0
    for _ in 0..<3 {
        var count = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        repeat {
            body()
            count += 1
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        } while elapsed < minimum / 3
        best = max(best, Double(count) / elapsed)
    }
    return best
}

/// 1 / the shortest duration of one call of `body`, over `seconds`.
func fastestCallRate(seconds: Double, _ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    var fastest = UInt64.max
    var now = start
    repeat {
        body()
        let end = DispatchTime.now().uptimeNanoseconds
        fastest = min(fastest, end - now)
        now = end
    } while Double(now - start) * 1e-9 < seconds
    return 1e9 / Double(max(fastest, 1))
}

let requested = CommandLine.arguments.dropFirst()
if requested.first == "--list" {
    print(suites.keys.sorted().joined(separator: "\n"))
    exit(0)
}
// --about: the CPU and the BLAS this binary runs on, for the header of the benchmark table.
if requested.first == "--about" {
    BLASThreads.set(benchThreads)
    print("cpu: \(CPUDescription.current().summary)")
    print("mfsh BLAS: \(BLASEnvironment.current().summary)")
    exit(0)
}
let names = requested.isEmpty ? suites.keys.sorted() : Array(requested)
for name in names {
    guard let run = suites[name] else {
        FileHandle.standardError.write(Data("mfbench: unknown suite '\(name)'; known: \(suites.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(64)
    }
    run()
}
