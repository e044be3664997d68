import Lang

/// Matches the arguments written in a call to the parameters of a builtin or user function,
/// before any argument is evaluated: each argument either fills a named parameter or the
/// variadic one. Every mistake is reported at the argument that causes it.
///
/// Rules: positional arguments fill the positional parameters in order (extra ones go to the
/// variadic parameter, if any); `name=value` fills the parameter of that name (positional or
/// keyword-only), or else the `otherKeywords` parameter when there is one; a parameter filled
/// twice, an unknown name, too many positionals, and a required parameter left empty are errors.
struct ArgumentBinder {
    struct Slot {
        var name: String
        var kind: ParameterSpec.Kind
        var isRequired: Bool
    }

    /// For each argument: the index of the slot it fills.
    typealias Assignment = [Int]

    let calleeName: String
    let slots: [Slot]
    /// Shown as the hint of "missing" and "too many" errors: `usage: sqrt x`.
    let usage: String

    /// What the binder needs to know of one written argument: its label and where it is.
    struct Written {
        var label: String?
        var labelSpan: Span?
        var span: Span
        /// The variable written as the value, when it is a plain name (`train mix ...`).
        var identifier: String?

        init(_ argument: Argument) {
            label = argument.label
            labelSpan = argument.labelSpan
            span = argument.span
        }

        init(positionalAt span: Span) {
            self.span = span
        }
    }

    func assign(_ arguments: [Written], callSpan: Span) throws(RuntimeError) -> Assignment {
        var assignment: Assignment = []
        var filledBy: [Int: Span] = [:]
        var otherLabels = Set<String>()
        let positionalSlots = slots.indices.filter { slots[$0].kind == .positional }
        let variadicSlot = slots.firstIndex { $0.kind == .variadic }
        var nextPositional = 0
        for argument in arguments {
            let slot: Int
            if let label = argument.label {
                slot = try slotForKeyword(label, at: argument.labelSpan ?? argument.span)
            } else if nextPositional < positionalSlots.count {
                slot = positionalSlots[nextPositional]
                nextPositional += 1
            } else if let variadicSlot {
                assignment.append(variadicSlot)
                continue
            } else {
                throw tooMany(positionalSlots.count, at: argument.span)
            }
            if slots[slot].kind == .otherKeywords {
                let label = argument.label ?? ""
                guard otherLabels.insert(label).inserted else {
                    throw RuntimeError("argument '\(label)' of \(calleeName) is given twice", at: argument.labelSpan ?? argument.span)
                }
                assignment.append(slot)
                continue
            }
            if filledBy[slot] != nil {
                throw RuntimeError("argument '\(slots[slot].name)' of \(calleeName) is given twice",
                                   at: argument.labelSpan ?? argument.span)
            }
            filledBy[slot] = argument.span
            assignment.append(slot)
        }
        if let missing = slots.indices.first(where: { slots[$0].isRequired && filledBy[$0] == nil }) {
            throw RuntimeError("missing argument '\(slots[missing].name)' for \(calleeName)", at: callSpan,
                               hint: "usage: \(usage)")
        }
        return assignment
    }

    private func slotForKeyword(_ label: String, at span: Span) throws(RuntimeError) -> Int {
        let named: (Slot) -> Bool = { $0.kind == .positional || $0.kind == .keyword }
        if let index = slots.firstIndex(where: { $0.name == label && named($0) }) { return index }
        if let index = slots.firstIndex(where: { $0.kind == .otherKeywords }) { return index }
        let names = slots.filter(named).map(\.name)
        let hint: String
        if let suggestion = suggestName(for: label, among: names) {
            hint = "did you mean '\(suggestion)'?"
        } else if names.isEmpty {
            hint = "\(calleeName) takes no keyword arguments"
        } else {
            hint = "\(calleeName) takes: " + names.joined(separator: ", ")
        }
        throw RuntimeError("unknown keyword '\(label)' for \(calleeName)", at: span, hint: hint)
    }

    private func tooMany(_ count: Int, at span: Span) -> RuntimeError {
        let takes = count == 0 ? "no positional arguments" : count == 1 ? "1 positional argument" : "\(count) positional arguments"
        return RuntimeError("too many arguments: \(calleeName) takes \(takes)", at: span, hint: "usage: \(usage)")
    }
}

extension ArgumentBinder {
    init(builtin: Builtin) {
        calleeName = builtin.name
        slots = builtin.parameters.map { Slot(name: $0.name, kind: $0.kind, isRequired: $0.isRequired) }
        usage = builtin.signature
    }

    init(function: UserFunction) {
        calleeName = "'\(function.name)'"
        slots = function.declaration.parameters.map {
            Slot(name: $0.name, kind: .positional, isRequired: $0.defaultValue == nil)
        }
        usage = function.signature
    }
}
