import Foundation
import MixFlowOps

/// DIR/results.csv: one row per combination of the plan, in plan order; the parameter columns,
/// then one column per result name (in the order results first appear), then `status` (ok,
/// failed, interrupted, unfinished, pending) and `seconds` (the run's own time, empty when
/// unknown). A result named like a parameter gets the column `result_NAME`.
struct ResultsTable {
    struct Row {
        var combination: Combination
        var record: RunRecord?
        var status: RunStatus { record?.status ?? .pending }
    }

    var parameterKeys: [String]
    var resultNames: [String]
    var rows: [Row]

    init(plan: SweepPlan, records: [String: RunRecord]) {
        parameterKeys = plan.parameters.map(\.key)
        rows = plan.combinations().map { Row(combination: $0, record: records[$0.name]) }
        var names: [String] = []
        var seen = Set<String>()
        for row in rows {
            for (name, _) in row.record?.results ?? [] where seen.insert(name).inserted { names.append(name) }
        }
        resultNames = names
    }

    /// Every combination's record as it is on disk now.
    static func load(plan: SweepPlan, layout: SweepLayout) throws -> ResultsTable {
        var records: [String: RunRecord] = [:]
        for combination in plan.combinations() {
            let name = combination.name
            records[name] = try layout.record(name).read()
        }
        return ResultsTable(plan: plan, records: records)
    }

    /// The records there are, by run name.
    var recordsByName: [String: RunRecord] {
        var records: [String: RunRecord] = [:]
        for row in rows { records[row.combination.name] = row.record }
        return records
    }

    var header: [String] {
        parameterKeys + resultNames.map { parameterKeys.contains($0) ? "result_" + $0 : $0 } + ["status", "seconds"]
    }

    func csv() -> Data {
        var writer = CSVWriter(header: header)
        for row in rows {
            var fields = row.combination.assignments.map { CSVField.text($0.value) }
            fields += resultNames.map { name in row.record?.result(name).map { CSVField.text($0.text) } ?? .text("") }
            fields.append(.text(row.status.rawValue))
            fields.append(row.record?.seconds.map(CSVField.number) ?? .text(""))
            writer.appendRow(fields)
        }
        return writer.data
    }

    /// Writes results.csv atomically, holding the sweep's lock.
    func write(to layout: SweepLayout) throws {
        try SweepLock.holding(layout.lockPath) {
            try AtomicFile.write(csv(), to: layout.resultsPath)
        }
    }

    /// Reads every record and writes results.csv, all under the sweep's lock: SLURM tasks that
    /// finish together take turns, and the last one has seen every record written before it.
    @discardableResult
    static func refresh(plan: SweepPlan, layout: SweepLayout) throws -> ResultsTable {
        try SweepLock.holding(layout.lockPath) {
            let table = try load(plan: plan, layout: layout)
            try AtomicFile.write(table.csv(), to: layout.resultsPath)
            return table
        }
    }

    func count(_ status: RunStatus) -> Int { rows.filter { $0.status == status }.count }
}

/// An exclusive `flock` on a file, held while `body` runs.
enum SweepLock {
    static func holding<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw RecordError("cannot open lock file '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw RecordError("cannot lock '\(path)': \(String(cString: strerror(errno)))") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
