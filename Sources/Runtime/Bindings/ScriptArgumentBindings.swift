import Foundation

/// arg, num: reading a script's parameters from its command line (`mfsh run.mf seed=2 quick`).
enum ScriptArgumentBindings {
    static func register(into registry: inout BuiltinRegistry) {
        registerArg(&registry)
        registerNum(&registry)
    }

    private static func registerArg(_ registry: inout BuiltinRegistry) {
        registry.add(
            "arg", category: .core,
            parameters: [
                .positional("name", .string, doc: "the parameter's name"),
                .positional("default", .optional(.union([.number, .string, .bool])), default: .nil,
                            doc: "its value when the command line does not give it; also fixes its type"),
            ],
            summary: "A script parameter from the command line: name=value, or a bare name for true.",
            help: """
                Looks through `args` for `name=value` (the last one wins) or the bare word `name`
                (which means true). The value takes the type of the default: a number default
                reads a number, a bool default reads true/false/yes/no/1/0, otherwise the text.
                Not given: the default.

                    steps = arg("steps", 10000)       # mfsh run.mf steps=500
                    quick = arg("quick", false)       # mfsh run.mf quick
                    name = arg("name", "letters")
                """,
            returns: "a number, bool, string or nil"
        ) { context, args in
            try scriptArgument(args, context)
        }
    }

    private static func registerNum(_ registry: inout BuiltinRegistry) {
        registry.add(
            "num", category: .core,
            parameters: [.positional("value", .union([.number, .string]), doc: "text such as \"12\", \"-0.5\" or \"1e-3\", or a number")],
            summary: "Turn text into a number.",
            help: """
                Reads a decimal number (with optional sign, point and exponent); a number is
                returned as it is. Text that is not a number is an error.

                    lr = num("1e-3")
                """,
            returns: "a number"
        ) { _, args in
            switch args["value"] {
            case .string(let text):
                guard let number = parseNumber(text) else {
                    throw args.error("'\(text)' is not a number", at: "value", hint: "write it like 12, -0.5 or 1e-3")
                }
                return .number(number)
            case let value: return value
            }
        }
    }

    /// Decimal numbers only: no hex, no "nan"/"inf" words, no surrounding letters.
    static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
        return Double(trimmed)
    }

    private static func scriptArgument(_ args: Arguments, _ context: CallContext) throws(RuntimeError) -> Value {
        let name = try args.string("name")
        let fallback = args["default"]
        var found: String?
        var bare = false
        for word in context.scriptArguments {
            if word == name {
                found = nil
                bare = true
            } else if word.hasPrefix(name + "=") {
                found = String(word.dropFirst(name.count + 1))
                bare = false
            }
        }
        if bare { return .bool(true) }
        guard let text = found else { return fallback }
        switch fallback {
        case .number:
            guard let number = parseNumber(text) else {
                throw args.error("script argument '\(name)=\(text)' is not a number", at: "name", hint: "run it as \(name)=12")
            }
            return .number(number)
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "1": return .bool(true)
            case "false", "no", "0": return .bool(false)
            default:
                throw args.error("script argument '\(name)=\(text)' is not true or false", at: "name", hint: "run it as \(name)=true or \(name)=false")
            }
        default:
            return .string(text)
        }
    }
}
