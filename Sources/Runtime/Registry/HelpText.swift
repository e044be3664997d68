import Foundation

/// Help pages, all generated from the registry (and a few lines on the language keywords).
///
/// Convention for `Builtin.help`: paragraphs of prose; example lines indented by four spaces
/// (which are also Markdown code blocks in the generated reference).
public enum HelpText {
    /// The help for whatever `help X` was given: nothing (the overview), a builtin, a user
    /// function, a name as a string, or any value.
    public static func help(for topic: Value, registry: BuiltinRegistry) -> String {
        switch topic {
        case .nil: return overview(registry)
        case .builtin(let builtin): return page(for: builtin)
        case .string(let name): return help(named: name, registry: registry)
        case .function(let function):
            return "fn \(function.signature)\n  a function defined in \(function.file.name) at line "
                + "\(function.file.location(of: function.declaration.nameSpan.start).line)\n"
        default:
            let members = Evaluator.memberNames(of: topic)
            return "\(topic.typeName): \(topic.echoString)\n"
                + (members.isEmpty ? "" : "  members: " + members.joined(separator: ", ") + "\n")
        }
    }

    /// Help on a name: a builtin, a language keyword, or a pointer to the closest name.
    public static func help(named name: String, registry: BuiltinRegistry) -> String {
        if let builtin = registry[name] { return page(for: builtin) }
        if let text = keywordHelp[name] { return text + "\n" }
        let suggestion = suggestName(for: name, among: registry.names + Array(keywordHelp.keys))
        return "no command or keyword named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + "\n"
    }

    /// `help` alone: every command with its summary, by category.
    public static func overview(_ registry: BuiltinRegistry) -> String {
        var lines = ["Commands (help NAME for parameters and an example):"]
        let width = (registry.names.map(\.count).max() ?? 0) + 2
        for (category, builtins) in registry.byCategory {
            lines.append("")
            lines.append(category.rawValue)
            for builtin in builtins {
                lines.append("  " + builtin.name.padding(toLength: width, withPad: " ", startingAt: 0) + builtin.summary)
            }
        }
        lines.append("")
        lines.append("Language: x = expr, if c { } else { }, for x in xs { }, fn f(a, b=1) { return a },")
        lines.append("source \"file.mf\", # comments. help \"for\" (or another keyword) explains one.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A builtin's page: signature, summary, parameters with types and defaults, help text.
    public static func page(for builtin: Builtin) -> String {
        var lines = [builtin.signature, "  " + builtin.summary]
        if !builtin.parameters.isEmpty {
            lines.append("")
            lines.append("  Parameters:")
            let nameWidth = builtin.parameters.map { $0.signatureText.count }.max()! + 2
            let typeWidth = builtin.parameters.map { $0.type.shortName.count }.max()! + 2
            for parameter in builtin.parameters {
                let keywordOnly = parameter.kind == .keyword ? " (keyword)" : ""
                lines.append("    " + parameter.signatureText.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                             + parameter.type.shortName.padding(toLength: typeWidth, withPad: " ", startingAt: 0)
                             + builtin.documentation(of: parameter)
                             + (parameter.shownDefault.map { " (default: \($0))" } ?? "") + keywordOnly)
            }
        }
        lines.append("  Returns: " + builtin.returns)
        lines.append("")
        lines += builtin.help.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    static let keywordHelp: [String: String] = [
        "if": "if condition { ... } else { ... }\n  Runs the first block when the condition is true. The condition must be true or false.\n\n    if x > 0 { print \"positive\" } else if x == 0 { print \"zero\" }",
        "else": "if condition { ... } else { ... }: the block run when the condition is false.",
        "for": "for name in sequence { ... }\n  Runs the block once per item of a list, range or string. The loop variable stays\n  bound after the loop (blocks do not open scopes).\n\n    for angle in 0:360:90 { print angle }",
        "in": "for name in sequence { ... }: see help \"for\".",
        "fn": "fn name(a, b=1) { ... return value }\n  Defines a function. Defaults are evaluated at each call in the defining scope.\n  A function sees the variables of the scope it was defined in; assigning inside it\n  creates a local variable.\n\n    fn square(x) { return x * x }",
        "return": "return value\n  Ends the current function with a value (nil when the value is left out).",
        "source": "source \"file.mf\"\n  Runs another script in the current scope; the path is relative to this script.",
        "and": "a and b: true when both are; b is not evaluated when a is false.",
        "or": "a or b: true when either is; b is not evaluated when a is true.",
        "not": "not a: the opposite truth value.",
        "true": "true and false are the two boolean values.",
        "false": "true and false are the two boolean values.",
        "nil": "nil: the absence of a value; what a function without return gives.",
    ]
}

extension BuiltinRegistry {
    /// The command reference for the docs, in Markdown: one section per category, one
    /// subsection per command with its signature, parameter table and help text.
    public func markdownReference() -> String {
        var out = "# mfsh command reference\n\nGenerated from the builtin registry (`BuiltinRegistry.markdownReference()`).\n"
        for (category, builtins) in byCategory {
            out += "\n## \(category.rawValue)\n"
            for builtin in builtins {
                out += "\n### `\(builtin.name)`\n\n\(builtin.summary)\n\n```\n\(builtin.signature)\n```\n"
                if !builtin.parameters.isEmpty {
                    out += "\n| parameter | type | default | |\n|---|---|---|---|\n"
                    for parameter in builtin.parameters {
                        let defaultText = !parameter.isNamed ? "" : builtin.defaultText(of: parameter).map { "`\($0)`" } ?? "required"
                        let kind = parameter.kind == .keyword ? " (keyword only)" : parameter.isNamed ? "" : " (any number)"
                        out += "| `\(parameter.isNamed ? parameter.name : parameter.signatureText)` | \(parameter.type.shortName.replacingOccurrences(of: "|", with: "\\|")) | \(defaultText) | \(builtin.documentation(of: parameter))\(kind) |\n"
                    }
                }
                out += "\nReturns \(builtin.returns).\n\n\(builtin.help)\n"
            }
        }
        return out
    }
}
