import Foundation
import Lang
import MixFlowOps

/// Checked readers for the options of the model commands: each error points at the keyword and
/// names the allowed values, in the script's terms.
extension Arguments {
    /// An integer of at least `minimum`.
    func int(_ name: String, atLeast minimum: Int) throws(RuntimeError) -> Int {
        let value = try int(name)
        guard value >= minimum else { throw error("\(name) must be \(minimum) or more, got \(value)", at: name) }
        return value
    }

    /// A finite number accepted by `isValid`; `expected` says which ("a number > 0").
    func number(_ name: String, _ expected: String, _ isValid: (Double) -> Bool) throws(RuntimeError) -> Double {
        let value = try number(name)
        guard value.isFinite, isValid(value) else { throw error("\(name) must be \(expected), got \(formatNumber(value))", at: name) }
        return value
    }

    /// A dropout probability in [0, 1).
    func dropout(_ name: String) throws(RuntimeError) -> Double {
        try number(name, "a probability in [0, 1)") { $0 >= 0 && $0 < 1 }
    }

    /// Hidden layer widths: a list of integers >= 1 (may be empty: no hidden layer).
    func widths(_ name: String) throws(RuntimeError) -> [Int] {
        var widths: [Int] = []
        for value in try numbers(name) {
            guard value == value.rounded(), value >= 1, value < 1e6 else {
                throw error("\(name) takes layer widths (whole numbers >= 1), got \(formatNumber(value))", at: name)
            }
            widths.append(Int(value))
        }
        return widths
    }

    /// `seed=` when given (0 or more), else the session's next seed.
    func seed(_ name: String, _ context: CallContext) throws(RuntimeError) -> UInt64 {
        guard optional(name) != nil else { return context.nextSeed() }
        let seed = try int(name)
        guard seed >= 0 else { throw error("\(name) must be 0 or more, got \(seed)", at: name) }
        return UInt64(seed)
    }
}
