/// The names a script writes for the values of an option (`pairing="ot"`), both ways. A keyword
/// declared with `keyword(_:default:doc:)` has the type `.choice(names)`, so argument checking,
/// help, completion and the reference list the names from this one table.
public struct ScriptChoices<Option> {
    public let entries: [(name: String, option: Option)]

    public init(_ entries: [(String, Option)]) {
        self.entries = entries.map { (name: $0.0, option: $0.1) }
    }

    public var names: [String] { entries.map(\.name) }

    public var type: TypeSpec { .choice(names) }

    public func option(named name: String) -> Option? {
        entries.first { $0.name == name }?.option
    }

    /// A keyword taking one of the names; its default is `defaultName`.
    public func keyword(_ keyword: String, default defaultName: String, doc: String) -> ParameterSpec {
        precondition(names.contains(defaultName), "default '\(defaultName)' of \(keyword)= is not one of its choices")
        return .keyword(keyword, type, default: .string(defaultName), doc: doc)
    }
}

extension ScriptChoices: Sendable where Option: Sendable {}

extension ScriptChoices where Option: Equatable {
    /// The script name of a value (the enum's own description when the table lacks it).
    public func name(of option: Option) -> String {
        entries.first { $0.option == option }?.name ?? "\(option)"
    }

    /// A keyword taking one of the names; its default is the name of `option`.
    public func keyword(_ keyword: String, default option: Option, doc: String) -> ParameterSpec {
        self.keyword(keyword, default: name(of: option), doc: doc)
    }
}

extension ScriptChoices where Option: RawRepresentable & CaseIterable, Option.RawValue == String {
    /// Every case, by its raw value.
    public init(allCasesOf _: Option.Type) {
        self.init(Option.allCases.map { ($0.rawValue, $0) })
    }
}

extension Arguments {
    /// The option named by a `.choice` argument (checked against the names before the call).
    public func choice<Option>(_ name: String, _ choices: ScriptChoices<Option>) throws(RuntimeError) -> Option {
        let text = try string(name)
        guard let option = choices.option(named: text) else {
            throw error("\(name) must be \(quotedChoices(choices.names)), got \"\(text)\"", at: name)
        }
        return option
    }
}
