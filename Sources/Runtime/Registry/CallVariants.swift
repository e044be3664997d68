/// The kinds of call a builtin makes, when its keywords depend on them: `load "letters"` takes
/// `letters=`, `load "x.csv"` takes `sep=`. A parameter lists the kinds it applies to
/// (`ParameterSpec.only`); the evaluator rejects a keyword given to a call of another kind, at
/// the keyword, and help prefixes each such parameter with the kinds in words.
public struct CallVariants {
    /// One kind of call: its key, its short name in help (`moons`, `.csv`) and in messages
    /// (`load "moons"`, `.csv files`).
    public struct Variant {
        public var key: String
        public var label: String
        public var phrase: String

        public init(_ key: String, label: String, phrase: String) {
            self.key = key
            self.label = label
            self.phrase = phrase
        }
    }

    /// Several kinds that have a name of their own (`files`, `generated data`).
    public struct Group {
        public var keys: Set<String>
        public var label: String
        public var phrase: String

        public init(_ keys: Set<String>, label: String, phrase: String) {
            self.keys = keys
            self.label = label
            self.phrase = phrase
        }
    }

    /// A call's kind and how messages name the call (`load "e.csv"`).
    public struct Kind {
        public var key: String
        public var call: String

        public init(_ key: String, call: String) {
            self.key = key
            self.call = call
        }
    }

    public var variants: [Variant]
    public var groups: [Group]
    /// The kind of one call, read from its checked arguments; nil when it is none of them (the
    /// builtin then reports what is wrong, or takes no keyword of a kind).
    public var kind: (Arguments) -> Kind?

    public init(_ variants: [Variant], groups: [Group] = [], kind: @escaping (Arguments) -> Kind?) {
        self.variants = variants
        self.groups = groups
        self.kind = kind
    }

    /// `letters, moons` or `files`, for help.
    func label(of keys: Set<String>) -> String {
        if let group = groups.first(where: { $0.keys == keys }) { return group.label }
        return variants.filter { keys.contains($0.key) }.map(\.label).joined(separator: ", ")
    }

    /// `load "letters" and load "moons"` or `files (.csv, .h5ad)`, for messages.
    func phrase(of keys: Set<String>) -> String {
        if let group = groups.first(where: { $0.keys == keys }) { return group.phrase }
        return variants.filter { keys.contains($0.key) }.map(\.phrase).joined(separator: " and ")
    }
}

extension Builtin {
    /// Fails at the first keyword written in the call that does not apply to its kind.
    func checkApplicability(_ args: Arguments) throws(RuntimeError) {
        guard let variants, let kind = variants.kind(args) else { return }
        for parameter in parameters where args.isGiven(parameter.name) {
            guard let keys = parameter.appliesTo, !keys.contains(kind.key) else { continue }
            let takes = parameters.filter { $0.isNamed && $0.kind == .keyword && ($0.appliesTo?.contains(kind.key) ?? true) }
            throw args.error("\(parameter.name)= applies to \(variants.phrase(of: keys)), not to \(kind.call)", at: parameter.name,
                             hint: "\(kind.call) takes " + takes.map(\.name).joined(separator: ", "))
        }
    }
}
