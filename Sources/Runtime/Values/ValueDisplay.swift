/// How values look when printed or echoed: one readable line per value.
///
/// Numbers print in their shortest round-trip form, integers without `.0` (`3`, `0.125`, `1e-06`);
/// lists show their first `maxListItems` items and a count of the rest; records print as
/// `(a: 1, b: 2)`; strings are quoted when nested in a list or record so `["1", 1]` reads right;
/// domain objects print their one-line summary.
extension Value {
    /// Items shown before a list is cut short with "… (N more)".
    public static let maxListItems = 10
    /// Nesting shown before inner lists and records are elided as `[…]` / `(…)`.
    static let maxDisplayDepth = 16

    /// The display used by `print` and `str`: top-level strings are shown without quotes.
    public var displayString: String {
        if case .string(let text) = self { return text }
        return formatted(depth: 0)
    }

    /// The display used when echoing a result in the REPL: strings are quoted, so `"3"` and `3`
    /// look different.
    public var echoString: String { formatted(depth: 0) }

    func formatted(depth: Int) -> String {
        switch self {
        case .number(let number): return formatNumber(number)
        case .string(let text): return quoted(text)
        case .bool(let flag): return flag ? "true" : "false"
        case .nil: return "nil"
        case .list(let items): return formatList(items, depth: depth)
        case .record(let record): return formatRecord(record, depth: depth)
        case .range(let range): return range.description
        case .function(let function): return "fn " + function.signature
        case .builtin(let builtin): return "builtin " + builtin.name
        case .object(let object): return object.summary
        }
    }

    private func formatList(_ items: [Value], depth: Int) -> String {
        if items.isEmpty { return "[]" }
        if depth >= Value.maxDisplayDepth { return "[…]" }
        var parts = items.prefix(Value.maxListItems).map { $0.formatted(depth: depth + 1) }
        if items.count > Value.maxListItems { parts.append("… (\(items.count - Value.maxListItems) more)") }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    private func formatRecord(_ record: Record, depth: Int) -> String {
        if record.count == 0 { return "()" }
        if depth >= Value.maxDisplayDepth { return "(…)" }
        let parts = record.fields.map { "\($0.name): \($0.value.formatted(depth: depth + 1))" }
        return "(" + parts.joined(separator: ", ") + ")"
    }
}

/// A number in its shortest round-trip form, integers without a fractional part:
/// `3`, `-2`, `0.125`, `1e-06`, `1e+20`, `nan`, `inf`.
public func formatNumber(_ number: Double) -> String {
    if number.isNaN { return "nan" }
    if number.isInfinite { return number < 0 ? "-inf" : "inf" }
    if number == number.rounded(), abs(number) < 1e16 { return String(Int64(number)) }
    return number.description
}

/// A string literal as it would be written in a script: `"a \"b\"\n"`.
func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case "\r": result += "\\r"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
