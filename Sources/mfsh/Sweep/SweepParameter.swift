import Foundation
import MixFlowOps

/// One swept parameter from the command line: `seed=1,2,3` (a list of values) or `lr=0.1:0.5:0.1`
/// (a range, stop excluded as in the language's `0:360:30`). A single value (`steps=500`) is a
/// parameter too: every run gets it and the table has its column.
struct SweepParameter: Codable, Equatable {
    var key: String
    /// The values as the script receives them (`key=value`), in the order given.
    var values: [String]

    /// More values than this in one parameter is a typo (a step of 1e-9), not a sweep.
    static let maxValues = 10_000
    /// Column names every sweep table has already.
    static let reservedKeys: Set<String> = ["status", "seconds"]

    /// Parses `KEY=V1,V2,...` or `KEY=A:B:STEP`.
    static func parse(_ word: String) throws(UsageError) -> SweepParameter {
        guard let equals = word.firstIndex(of: "=") else {
            throw UsageError(message: "'\(word)' is not a parameter: write KEY=V1,V2 or KEY=A:B:STEP")
        }
        let key = String(word[..<equals])
        let text = String(word[word.index(after: equals)...])
        try checkKey(key)
        if let range = try rangeValues(text, key: key) { return SweepParameter(key: key, values: range) }
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if let empty = values.firstIndex(of: "") {
            throw UsageError(message: "\(key)= has an empty value (item \(empty + 1) of '\(text)'); separate values by single commas")
        }
        guard values.count <= maxValues else { throw UsageError(message: "\(key)= has \(values.count) values; at most \(maxValues)") }
        if let repeated = values.enumerated().first(where: { values[..<$0.offset].contains($0.element) }) {
            throw UsageError(message: "\(key)= gives the value '\(repeated.element)' twice")
        }
        if let bad = values.first(where: { $0.contains(where: \.isNewline) }) {
            throw UsageError(message: "\(key)= value '\(bad.debugDescription)' contains a line break")
        }
        return SweepParameter(key: key, values: values)
    }

    /// A script reads its parameters with `arg("key", …)`: keys are names of that form.
    static func checkKey(_ key: String) throws(UsageError) {
        let scalars = key.unicodeScalars
        let valid = !key.isEmpty && key.count <= 64 && scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)) }
            && !("0"..."9").contains(scalars.first!)
        guard valid else {
            throw UsageError(message: "'\(key)' is not a parameter name: use letters, digits and _, not starting with a digit")
        }
        guard !reservedKeys.contains(key) else {
            throw UsageError(message: "'\(key)' is a column of every sweep table; name the parameter otherwise")
        }
    }

    /// The values of `A:B:STEP` (exactly three numbers), or nil when `text` is not of that form.
    static func rangeValues(_ text: String, key: String) throws(UsageError) -> [String]? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let numbers = parts.compactMap { number(String($0)) }
        guard numbers.count == 3 else { return nil }
        let (start, stop, step) = (numbers[0], numbers[1], numbers[2])
        guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
            throw UsageError(message: "\(key)=\(text): the step must be a finite number other than 0")
        }
        let span = (stop - start) / step
        guard span > 0 else {
            throw UsageError(message: "\(key)=\(text) is empty: the stop is excluded and the step must lead from start towards stop")
        }
        // A value within a millionth of a step of the stop counts as the stop (0:1:0.1 has 10
        // values, not 11, despite rounding).
        let count = max(1, Int(exactly: (span - 1e-6).rounded(.up)) ?? Int.max)
        guard count <= maxValues else {
            throw UsageError(message: "\(key)=\(text) has more than \(maxValues) values")
        }
        return (0..<count).map { index in formatted(start + Double(index) * step) }
    }

    /// A decimal number as `arg` reads one (no hex, no words such as "inf").
    static func number(_ text: String) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
        return Double(text)
    }

    /// Twelve significant digits, then the shortest text: 0.1 * 3 gives "0.3", not
    /// "0.30000000000000004"; whole numbers have no ".0".
    static func formatted(_ value: Double) -> String {
        let rounded = Double(String(format: "%.12g", value)) ?? value
        return CSV.number(rounded == 0 ? 0 : rounded)
    }
}
