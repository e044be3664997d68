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

    /// One of the named choices of `table`; an unknown name gets a did-you-mean.
    func choice<E>(_ name: String, _ table: [(String, E)]) throws(RuntimeError) -> E {
        let text = try string(name)
        if let entry = table.first(where: { $0.0 == text }) { return entry.1 }
        let names = table.map(\.0)
        let hint = suggestName(for: text, among: names).map { "did you mean '\($0)'?" }
        throw error("\(name) must be \(ModelScriptNames.quotedChoices(names)), got \"\(text)\"", at: name, hint: hint)
    }

    func activation(_ name: String) throws(RuntimeError) -> Activation {
        let text = try string(name)
        guard let activation = Activation(name: text) else {
            let hint = suggestName(for: text, among: ModelScriptNames.activations).map { "did you mean '\($0)'?" }
            throw error("\(name) must be \(ModelScriptNames.quotedChoices(ModelScriptNames.activations)), got \"\(text)\"",
                        at: name, hint: hint)
        }
        return activation
    }

    /// `seed=` when given (0 or more), else the session's next seed.
    func seed(_ name: String, _ context: CallContext) throws(RuntimeError) -> UInt64 {
        guard optional(name) != nil else { return context.nextSeed() }
        let seed = try int(name)
        guard seed >= 0 else { throw error("\(name) must be 0 or more, got \(seed)", at: name) }
        return UInt64(seed)
    }
}

extension RuntimeError {
    /// A flow-model error as a runtime error at `span`, its hint kept.
    init(_ error: FlowError, at span: Span? = nil) {
        self.init(error.description, at: span, hint: error.hint)
    }
}

/// Names of models: the variable a new model is assigned to (`mix = mixflow base`).
enum ModelNaming {
    /// The variable the call's result is assigned to, when the call is the whole right side of
    /// `name = ...` (looked up in the source text before the call, back to the start of the
    /// statement); nil for any other use (`f(mixflow())`, `return cfm()`).
    static func assignedName(_ context: CallContext) -> String? {
        let file = context.file, start = context.callSpan.start
        guard start <= file.bytes.count else { return nil }
        let lineStart = file.lineStarts[file.line(of: start) - 1]
        var prefix = Substring(file.text(of: Span(lineStart, start)))
        if let boundary = prefix.lastIndex(where: { $0 == ";" || $0 == "{" || $0 == "}" }) {
            prefix = prefix[prefix.index(after: boundary)...]
        }
        let trimmed = prefix.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix("="), !trimmed.hasSuffix("==") else { return nil }
        let name = trimmed.dropLast().trimmingCharacters(in: .whitespaces)
        guard let first = name.first, first.isLetter || first == "_",
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return name
    }

    /// The name written for an argument when it is a plain variable (`train mix ...` -> "mix").
    static func writtenName(_ args: Arguments, _ parameter: String, _ context: CallContext) -> String? {
        guard args.isGiven(parameter) else { return nil }
        let text = context.file.text(of: args.span(of: parameter))
        guard let first = text.first, first.isLetter || first == "_",
              text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return text
    }
}
