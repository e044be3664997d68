import Foundation
import MixFlowOps

/// What a sweep runs: a script, the mfsh that runs it, the swept parameters and the words every
/// run gets. Kept as DIR/sweep.json so a rerun can resume, the SLURM tasks and `--summary` know
/// the combinations, and a rerun into the same directory with other parameters is refused.
struct SweepPlan: Codable, Equatable {
    /// Absolute path of the script.
    var script: String
    /// Absolute path of the mfsh binary the runs use.
    var mfsh: String
    var parameters: [SweepParameter]
    /// Words after the script that are not KEY=VALUE (`quick`): passed to every run as they are.
    var fixedArguments: [String]

    /// Cross products larger than this are refused before anything is written.
    static let maxCombinations = 100_000

    /// Every combination, the last parameter varying fastest (as nested loops in the order the
    /// parameters were given).
    func combinations() -> [Combination] {
        var result: [[(String, String)]] = [[]]
        for parameter in parameters {
            result = result.flatMap { prefix in parameter.values.map { prefix + [(parameter.key, $0)] } }
        }
        return result.map { Combination(assignments: $0.map { Combination.Assignment(key: $0.0, value: $0.1) }) }
    }

    /// The number of combinations, or nil when it exceeds `maxCombinations`.
    var combinationCount: Int? {
        var count = 1
        for parameter in parameters {
            let (product, overflow) = count.multipliedReportingOverflow(by: parameter.values.count)
            guard !overflow, product <= Self.maxCombinations else { return nil }
            count = product
        }
        return count
    }

    /// Whether runs recorded under `other` are runs of this plan: same script, same parameter
    /// names in the same order, same fixed words. (Values may differ: adding seeds reuses the
    /// seeds already run.)
    func canResume(_ other: SweepPlan) -> Bool {
        script == other.script && parameters.map(\.key) == other.parameters.map(\.key) && fixedArguments == other.fixedArguments
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(self) + Data("\n".utf8), to: path)
    }

    static func read(from path: String) throws -> SweepPlan? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: 64 << 20) ?? Data()
        guard let plan = try? JSONDecoder().decode(SweepPlan.self, from: data), plan.isWellFormed else {
            throw RecordError("'\(path)' is not a sweep plan written by mfsh sweep")
        }
        return plan
    }

    /// What the command line guarantees, checked again for a plan read from a file (which
    /// anyone may have edited): valid distinct keys, distinct values without commas, a
    /// bounded number of combinations.
    var isWellFormed: Bool {
        guard Set(parameters.map(\.key)).count == parameters.count, combinationCount != nil else { return false }
        return parameters.allSatisfy { parameter in
            (try? SweepParameter.checkKey(parameter.key)) != nil && !parameter.values.isEmpty
                && Set(parameter.values).count == parameter.values.count
                && parameter.values.allSatisfy { !$0.isEmpty && !$0.contains(",") && !$0.contains(where: \.isNewline) }
        }
    }
}

/// One combination of parameter values: one run.
struct Combination: Equatable {
    struct Assignment: Equatable {
        var key: String
        var value: String
    }

    var assignments: [Assignment]

    /// The script's words for it: `key=value` in parameter order.
    var arguments: [String] { assignments.map { $0.key + "=" + $0.value } }

    func value(of key: String) -> String? { assignments.first { $0.key == key }?.value }

    /// The run's directory name: `I=4,seed=1`. Bytes other than letters, digits and `._+-=` are
    /// written %XX, so any value gives a safe, unique name (values cannot hold commas: commas
    /// separate them on the command line). A name too long for a file name is cut and ends in a hash.
    var name: String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-=".utf8)
        let text = arguments.joined(separator: ",")
        var name = ""
        for byte in text.utf8 {
            if allowed.contains(byte) || byte == UInt8(ascii: ",") {
                name.append(Character(Unicode.Scalar(byte)))
            } else {
                name += String(format: "%%%02X", byte)
            }
        }
        if name.isEmpty { return "run" }
        if name.hasPrefix(".") { name = "%2E" + name.dropFirst() }
        guard name.utf8.count > 200 else { return name }
        return String(name.prefix(150)) + "~" + String(format: "%016llx", Self.fnv1a(text))
    }

    /// 64-bit FNV-1a: a stable hash (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
