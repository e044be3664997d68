/// The type a builtin parameter accepts. Checked before the builtin runs, so a wrong argument is
/// reported at its own span with the expected type in words.
public indirect enum TypeSpec: Equatable, Sendable {
    case any
    case number
    /// A number with no fractional part.
    case int
    case string
    case bool
    /// A list; a range is accepted too and read as the list of its elements.
    case list
    /// A list (or range) whose every element has the given type.
    case listOf(TypeSpec)
    case record
    /// A user function or a builtin.
    case function
    /// A domain object whose `typeName` is this name ("dataset", "model", ...).
    case object(String)
    /// Any of these.
    case union([TypeSpec])
    /// The type, or `nil`.
    case optional(TypeSpec)
    /// One of these strings (`pairing="ot"`): help, completion and the check list them.
    case choice([String])

    /// Whether `value` is accepted.
    public func accepts(_ value: Value) -> Bool {
        switch (self, value) {
        case (.any, _): return true
        case (.number, .number): return true
        case (.int, .number(let number)): return number.isFinite && number == number.rounded()
        case (.string, .string), (.bool, .bool), (.record, .record): return true
        case (.list, .list), (.list, .range): return true
        case (.listOf(let element), .list(let items)): return items.allSatisfy(element.accepts)
        case (.listOf(let element), .range(let range)):
            // Every element is start + i * step: integral exactly when start and step are.
            return range.isEmpty || (element.accepts(.number(range.start)) && element.accepts(.number(range.step)))
        case (.function, .function), (.function, .builtin): return true
        case (.object(let name), .object(let object)): return object.typeName == name
        case (.union(let options), _): return options.contains { $0.accepts(value) }
        case (.choice(let names), .string(let text)): return names.contains(text)
        case (.optional, .nil): return true
        case (.optional(let wrapped), _): return wrapped.accepts(value)
        default: return false
        }
    }

    /// The type in words for messages and help: "a number", "a list of numbers", "a dataset or
    /// a split".
    public var description: String {
        switch self {
        case .any: return "any value"
        case .number: return "a number"
        case .int: return "an integer"
        case .string: return "a string"
        case .bool: return "true or false"
        case .list: return "a list"
        case .listOf(let element): return "a list of " + element.pluralNoun
        case .record: return "a record"
        case .function: return "a function"
        case .object(let name): return withArticle(name)
        case .union(let options): return options.map(\.description).joined(separator: " or ")
        case .optional(let wrapped): return wrapped.description + " or nil"
        case .choice(let names): return quotedChoices(names)
        }
    }

    /// Short form for signatures: `number`, `list[int]`, `dataset|split`, `string?`.
    public var shortName: String {
        switch self {
        case .any: return "any"
        case .number: return "number"
        case .int: return "int"
        case .string: return "string"
        case .bool: return "bool"
        case .list: return "list"
        case .listOf(let element): return "list[\(element.shortName)]"
        case .record: return "record"
        case .function: return "function"
        case .object(let name): return name
        case .union(let options): return options.map(\.shortName).joined(separator: "|")
        case .optional(let wrapped): return wrapped.shortName + "?"
        case .choice(let names): return names.map { "\"\($0)\"" }.joined(separator: "|")
        }
    }

    /// The names of a choice (also inside an optional), for messages and completion.
    public var choiceNames: [String]? {
        switch self {
        case .choice(let names): return names
        case .optional(let wrapped): return wrapped.choiceNames
        default: return nil
        }
    }

    private var pluralNoun: String {
        switch self {
        case .number: return "numbers"
        case .int: return "integers"
        case .string: return "strings"
        case .bool: return "booleans"
        case .list, .listOf: return "lists"
        case .record: return "records"
        case .object(let name): return name + "s"
        default: return "values (" + description + ")"
        }
    }
}

extension Value {
    /// The items of a list, or of a range read as a list; nil for anything else, and for a range
    /// longer than `RangeValue.maxListLength` (which would not fit in memory as a list).
    public var listItems: [Value]? {
        switch self {
        case .list(let items): return items
        case .range(let range) where range.count <= RangeValue.maxListLength: return range.map { .number($0) }
        default: return nil
        }
    }
}

/// `"a"`, `"b"` or `"c"` for help and errors.
func quotedChoices(_ names: [String]) -> String {
    let quoted = names.map { "\"\($0)\"" }
    return quoted.count <= 1 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
}
