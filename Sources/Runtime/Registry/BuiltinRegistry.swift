/// Every builtin command, by name: the one place a command is declared. Argument checking,
/// `help`, tab completion and the Markdown command reference all read it.
///
/// Binding groups add their commands in `Bindings/<Topic>.swift` through a
/// `static func register(into registry: inout BuiltinRegistry)`, listed once in
/// `BuiltinRegistry.bindingGroups`.
public struct BuiltinRegistry {
    private var byName: [String: Builtin] = [:]
    /// Names in registration order (groups keep their commands together).
    public private(set) var names: [String] = []

    /// An empty registry (tests); `standard()` has every builtin.
    public init() {}

    /// The registry with every binding group.
    public static func standard() -> BuiltinRegistry {
        var registry = BuiltinRegistry()
        for register in bindingGroups { register(&registry) }
        return registry
    }

    /// Adds a builtin. Declaring a name twice is a programming error.
    public mutating func add(_ builtin: Builtin) {
        precondition(byName[builtin.name] == nil, "builtin '\(builtin.name)' is declared twice")
        precondition(Set(builtin.parameters.map(\.name)).count == builtin.parameters.count,
                     "builtin '\(builtin.name)' declares a parameter twice")
        precondition(builtin.parameters.filter { $0.kind == .variadic }.count <= 1,
                     "builtin '\(builtin.name)' has more than one variadic parameter")
        precondition(builtin.parameters.filter { $0.kind == .otherKeywords }.count <= 1,
                     "builtin '\(builtin.name)' has more than one otherKeywords parameter")
        precondition(builtin.parameters.allSatisfy { $0.appliesTo == nil || builtin.variants != nil },
                     "builtin '\(builtin.name)' limits a parameter to kinds of call it does not declare")
        byName[builtin.name] = builtin
        names.append(builtin.name)
    }

    /// Declares and adds a builtin in one call (the form binding files use).
    public mutating func add(
        _ name: String, category: BuiltinCategory, parameters: [ParameterSpec] = [], summary: String,
        help: String, returns: String = "nothing", variants: CallVariants? = nil, run: @escaping Builtin.Run
    ) {
        add(Builtin(name: name, category: category, parameters: parameters, summary: summary, help: help,
                    returns: returns, variants: variants, run: run))
    }

    public subscript(name: String) -> Builtin? { byName[name] }

    public func contains(_ name: String) -> Bool { byName[name] != nil }

    public var all: [Builtin] { names.map { byName[$0]! } }

    /// Builtins grouped by category, categories in their declared order.
    public var byCategory: [(category: BuiltinCategory, builtins: [Builtin])] {
        BuiltinCategory.allCases.compactMap { category in
            let members = all.filter { $0.category == category }
            return members.isEmpty ? nil : (category, members)
        }
    }
}
