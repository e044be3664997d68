import Lang

/// A value of the .mf language.
///
/// Plain data (numbers, strings, lists, records, ranges) are value types; functions, builtins and
/// domain objects (datasets, models, ...) are references, so `m2 = m` names the same model.
/// Values live on the interpreter's thread and are not `Sendable`: a model being trained is a
/// mutable object and pretending otherwise would only hide that.
public enum Value {
    case number(Double)
    case string(String)
    case bool(Bool)
    case `nil`
    case list([Value])
    case record(Record)
    /// `start:stop:step`, stop exclusive, iterated lazily.
    case range(RangeValue)
    /// A user function (`fn`) with the scope it was defined in.
    case function(UserFunction)
    /// A builtin from the registry, as a value: `f = sqrt; f(4)`.
    case builtin(Builtin)
    /// A domain value added by a binding (dataset, split, model, samples, metric table, ...).
    case object(any DomainObject)
}

extension Value {
    /// The name shown in type errors and returned by `type(x)`: "number", "list", "dataset", ...
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .string: return "string"
        case .bool: return "bool"
        case .nil: return "nil"
        case .list: return "list"
        case .record: return "record"
        case .range: return "range"
        case .function, .builtin: return "function"
        case .object(let object): return object.typeName
        }
    }

    /// The type name with an article, for messages: "a number", "an object".
    public var typeNameWithArticle: String { withArticle(typeName) }

    public var isNil: Bool {
        if case .nil = self { return true }
        return false
    }

    /// The elements when this value can be iterated by `for` (lists, ranges, strings, and domain
    /// objects that opt in); nil otherwise.
    public var elements: [Value]? {
        switch self {
        case .list, .range: return listItems
        case .string(let text): return text.map { .string(String($0)) }
        case .object(let object): return object.elements
        default: return nil
        }
    }
}

extension Value {
    /// Deepest nesting of lists and records a value may have. Deeper values would make Swift's
    /// recursive release and comparison of nested arrays overflow the stack, so building one
    /// (`x = [x]` in a long loop) is an error instead of a crash.
    public static let maxNestingDepth = 1000

    /// Whether this value nests lists and records more than `limit` levels deep. Stops at the
    /// first level past the limit, so the cost is bounded by the part of the value it visits.
    public func nestsDeeper(than limit: Int) -> Bool {
        switch self {
        case .list(let items):
            return limit <= 0 ? true : items.contains { $0.nestsDeeper(than: limit - 1) }
        case .record(let record):
            return limit <= 0 ? true : record.values.contains { $0.nestsDeeper(than: limit - 1) }
        default:
            return false
        }
    }
}

/// "a number", "an integer"; plural type names such as "samples" take no article.
func withArticle(_ noun: String) -> String {
    guard let first = noun.first else { return noun }
    if noun == "nil" || (noun.hasSuffix("s") && !noun.hasSuffix("ss")) { return noun }
    return ("aeiou".contains(first) ? "an " : "a ") + noun
}

extension Value: Equatable {
    /// Structural equality for data; identity for functions, builtins and domain objects.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.nil, .nil): return true
        case let (.list(a), .list(b)): return a == b
        case let (.record(a), .record(b)): return a == b
        case let (.range(a), .range(b)): return a == b
        case let (.function(a), .function(b)): return a === b
        case let (.builtin(a), .builtin(b)): return a === b
        case let (.object(a), .object(b)): return a === b
        default: return false
        }
    }
}

// Literal conformances keep binding code and tests short: `default: 8`, `["a", "b"]`. There is
// deliberately no `nil` literal: `value != nil` on a `Value?` must mean Swift's nil. Write `.nil`.
extension Value: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
}

/// A record: named fields in the order they were written. `(a: 1, b: 2)`.
public struct Record: Equatable {
    public private(set) var names: [String]
    public private(set) var values: [Value]

    public init() {
        names = []
        values = []
    }

    /// Fields in order; a repeated name keeps its first position and its last value.
    public init(_ fields: [(String, Value)]) {
        self.init()
        for (name, value) in fields { self[name] = value }
    }

    public var count: Int { names.count }
    public var fields: [(name: String, value: Value)] { Array(zip(names, values)) }

    public subscript(name: String) -> Value? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            if let index = names.firstIndex(of: name) {
                if let newValue { values[index] = newValue } else {
                    names.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }
}

/// A user function: its declaration, the scope it closes over, and the file it was written in
/// (for diagnostics inside its body).
public final class UserFunction {
    public let declaration: FunctionDecl
    let closure: Environment
    public let file: SourceFile

    init(declaration: FunctionDecl, closure: Environment, file: SourceFile) {
        self.declaration = declaration
        self.closure = closure
        self.file = file
    }

    public var name: String { declaration.name }

    /// `name(a, b=1)` as written, for help and display.
    public var signature: String {
        let parameters = declaration.parameters.map { parameter in
            parameter.defaultValue == nil ? parameter.name : parameter.name + "=" + file.text(of: parameter.defaultValue!.span)
        }
        return "\(name)(\(parameters.joined(separator: ", ")))"
    }
}
