/// One parameter of a builtin.
public struct ParameterSpec {
    public enum Kind: Equatable, Sendable {
        /// Filled by position, or by `name=value`.
        case positional
        /// Only by `name=value`.
        case keyword
        /// Takes every remaining positional argument (at most one per builtin, after the
        /// positional ones): `print a b c`.
        case variadic
        /// Takes every `name=value` whose name is no other parameter's (at most one per
        /// builtin): `holdout data angle=[90, 210]`, where the names are a dataset's fields.
        /// The binding reads them from `Arguments.otherKeywords` and checks the names itself.
        case otherKeywords
    }

    public var name: String
    public var type: TypeSpec
    public var kind: Kind
    /// Used when the argument is left out; nil means the argument is required.
    public var defaultValue: Value?
    /// One line for `help` and the command reference.
    public var doc: String
    /// The kinds of call this keyword applies to (keys of the builtin's `CallVariants`); nil:
    /// every call. Given to a call of another kind, it is an error at the keyword.
    public var appliesTo: Set<String>? = nil
    /// The default in words where it depends on the call (`letters 0.02, moons 0.05`) or is
    /// found from the data (`detected`); the value bound is then `nil`.
    public var shownDefault: String? = nil

    /// The parameter, applying only to calls of these kinds.
    public func only(_ variants: Set<String>) -> ParameterSpec {
        var copy = self
        copy.appliesTo = variants
        return copy
    }

    /// The parameter, its default shown in help as `text`.
    public func showingDefault(_ text: String) -> ParameterSpec {
        var copy = self
        copy.shownDefault = text
        return copy
    }

    /// A required positional parameter (also accepted as `name=value`).
    public static func positional(_ name: String, _ type: TypeSpec, doc: String) -> ParameterSpec {
        ParameterSpec(name: name, type: type, kind: .positional, defaultValue: nil, doc: doc)
    }

    /// A positional parameter with a default (`default: .nil` for an optional one).
    public static func positional(_ name: String, _ type: TypeSpec, default defaultValue: Value, doc: String) -> ParameterSpec {
        ParameterSpec(name: name, type: type, kind: .positional, defaultValue: defaultValue, doc: doc)
    }

    /// A required keyword-only parameter, `name=value`.
    public static func keyword(_ name: String, _ type: TypeSpec, doc: String) -> ParameterSpec {
        ParameterSpec(name: name, type: type, kind: .keyword, defaultValue: nil, doc: doc)
    }

    /// A keyword-only parameter with a default (`default: .nil` for an optional one).
    public static func keyword(_ name: String, _ type: TypeSpec, default defaultValue: Value, doc: String) -> ParameterSpec {
        ParameterSpec(name: name, type: type, kind: .keyword, defaultValue: defaultValue, doc: doc)
    }

    /// Collects the remaining positional arguments, each of type `type`.
    public static func variadic(_ name: String, _ type: TypeSpec, doc: String) -> ParameterSpec {
        ParameterSpec(name: name, type: type, kind: .variadic, defaultValue: nil, doc: doc)
    }

    /// Takes any `name=value` not matching another parameter, each of type `type`; `name` is
    /// what the help calls them (`FIELD=…`).
    public static func otherKeywords(_ name: String, _ type: TypeSpec, doc: String) -> ParameterSpec {
        ParameterSpec(name: name, type: type, kind: .otherKeywords, defaultValue: nil, doc: doc)
    }

    public var isRequired: Bool { kind != .variadic && kind != .otherKeywords && defaultValue == nil }

    /// Whether `name=value` may fill this parameter by its own name.
    public var isNamed: Bool { kind == .positional || kind == .keyword }

    /// `name`, `name=8`, `name...` for signatures.
    public var signatureText: String {
        switch kind {
        case .variadic: return name + "..."
        case .otherKeywords: return name.uppercased() + "=…"
        case .positional, .keyword:
            guard let defaultValue else { return name }
            return name + "=" + (shownDefault == nil ? defaultValue.echoString : "…")
        }
    }
}

/// Groups commands in `help` and the reference.
public enum BuiltinCategory: String, CaseIterable, Sendable {
    case core = "Core"
    case math = "Math"
    case lists = "Lists and records"
    case session = "Session"
    case data = "Data"
    case models = "Models"
    case metrics = "Metrics"
    case plot = "Plots"
    case output = "Files and output"
}

/// A builtin command: its declaration (which drives argument checking, help, completion and the
/// command reference) and its implementation.
public final class Builtin {
    public typealias Run = (inout CallContext, Arguments) throws -> Value

    public let name: String
    public let category: BuiltinCategory
    public let parameters: [ParameterSpec]
    /// One line: what it does.
    public let summary: String
    /// Longer help: details, defaults, and at least one example line.
    public let help: String
    /// What it returns, in words ("a number", "a dataset").
    public let returns: String
    /// The kinds of call whose keywords differ (`load "letters"`, `load "x.csv"`), if any.
    public let variants: CallVariants?
    public let run: Run

    public init(name: String, category: BuiltinCategory, parameters: [ParameterSpec], summary: String,
                help: String, returns: String, variants: CallVariants? = nil, run: @escaping Run) {
        self.name = name
        self.variants = variants
        self.category = category
        self.parameters = parameters
        self.summary = summary
        self.help = help
        self.returns = returns
        self.run = run
    }

    /// `gmm_base data components=8 sigma=0.1`: positional names bare, keywords with defaults.
    public var signature: String {
        ([name] + parameters.map { parameter in
            parameter.kind == .keyword && parameter.defaultValue == nil ? parameter.name + "=…" : parameter.signatureText
        }).joined(separator: " ")
    }

    /// The parameter's line of help: its doc, after the kinds of call it applies to.
    public func documentation(of parameter: ParameterSpec) -> String {
        guard let variants, let appliesTo = parameter.appliesTo else { return parameter.doc }
        return variants.label(of: appliesTo) + ": " + parameter.doc
    }

    /// The default in words for help and the reference; nil for a required parameter.
    public func defaultText(of parameter: ParameterSpec) -> String? {
        parameter.shownDefault ?? parameter.defaultValue.map(\.echoString)
    }

    public func parameter(named name: String) -> ParameterSpec? {
        parameters.first { $0.name == name && $0.isNamed }
    }

    /// Names accepted as `name=value` (besides any name an `otherKeywords` parameter takes).
    public var keywordNames: [String] {
        parameters.filter(\.isNamed).map(\.name)
    }
}
