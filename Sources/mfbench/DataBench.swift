// The `data` suite: streaming CSV load of a 1,000,000-row x 50-feature file (plus a condition
// column), reporting wall time and the process's peak resident memory. The file (about 0.5 GB) is
// written once to $TMPDIR/mfbench_csv_1000000_x50.csv and reused; its values come from a fixed seed.
import MixFlowOps
import Foundation

/// Rows of the benchmark file: 1,000,000, or 50,000 with MFBENCH_QUICK=1 (plumbing checks only).
private let csvRows = benchQuick ? 50_000 : 1_000_000
private let csvFeatures = 50

func runDataBench() {
    guard benchSelected("csv_1m_x50") else { return }
    let path = (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/mfbench_csv_\(csvRows)_x50.csv"
    if !FileManager.default.fileExists(atPath: path) { writeBenchCSV(path) }
    let rssBefore = peakResidentMegabytes()
    let start = Date()
    do {
        let data = try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["cond"]))
        let seconds = Date().timeIntervalSince(start)
        precondition(data.pointCount == csvRows && data.dimension == csvFeatures, "unexpected shape \(data.summary)")
        let text = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        emit("data", "csv_1m_x50", "load_s", seconds, unit: "s", higherIsBetter: false)
        emit("data", "csv_1m_x50", "peak_rss_mb", peakResidentMegabytes(), unit: "MB", higherIsBetter: false)
        emit("data", "csv_1m_x50", "matrix_mb", Double(csvRows * csvFeatures * 4) / 1_048_576, unit: "MB", higherIsBetter: false)
        emit("data", "csv_1m_x50", "text_mb", Double(text) / 1_048_576, unit: "MB", higherIsBetter: false)
        emit("data", "csv_1m_x50", "rss_before_load_mb", rssBefore, unit: "MB", higherIsBetter: false)
    } catch {
        print("mfbench data: \(error)")
        exit(70)
    }
}

/// Peak resident set size of this process so far (getrusage; Linux reports kilobytes).
private func peakResidentMegabytes() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_maxrss) / 1024
}

/// Writes the benchmark file in blocks of 10,000 rows: condition `c0`..`c9`, then 50 standard
/// normal values in Float's shortest round-trip form (about 10 characters each).
private func writeBenchCSV(_ path: String) {
    let temporary = path + ".partial"
    guard FileManager.default.createFile(atPath: temporary, contents: nil),
          let handle = FileHandle(forWritingAtPath: temporary) else { fatalError("cannot write \(temporary)") }
    var random = RandomStream(seed: 42)
    handle.write(Data(("cond," + (1...csvFeatures).map { "f\($0)" }.joined(separator: ",") + "\n").utf8))
    for _ in 0..<(csvRows / 10_000) {
        var block = ""
        block.reserveCapacity(10_000 * csvFeatures * 12)
        for _ in 0..<10_000 {
            block += "c\(random.nextInt(below: 10))"
            for _ in 0..<csvFeatures { block += "," + String(Float(random.nextNormal())) }
            block += "\n"
        }
        handle.write(Data(block.utf8))
    }
    try? handle.close()
    _ = rename(temporary, path)
}
