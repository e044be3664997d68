/// print, str, type, assert, exit (and arg, num from ScriptArgumentBindings; result from
/// ResultBindings).
enum CoreBindings {
    static func register(into registry: inout BuiltinRegistry) {
        registerPrint(&registry)
        registerStr(&registry)
        registerType(&registry)
        registerAssert(&registry)
        registerExit(&registry)
        ScriptArgumentBindings.register(into: &registry)
        ResultBindings.register(into: &registry)
    }

    private static func registerPrint(_ registry: inout BuiltinRegistry) {
        registry.add(
            "print", category: .core,
            parameters: [
                .variadic("values", .any, doc: "values to print, in order"),
                .keyword("sep", .string, default: " ", doc: "text put between the values"),
            ],
            summary: "Print values on one line.",
            help: """
                Prints its arguments separated by `sep` and ends the line. Strings print without
                quotes; lists and records print on one line, long lists cut short with a count.

                    print "loss" 0.125 [1, 2, 3]
                    print("a", "b", sep=", ")
                """
        ) { context, args in
            context.output.write(args.rest.map(\.value.displayString).joined(separator: try args.string("sep")) + "\n")
            return .nil
        }
    }

    private static func registerStr(_ registry: inout BuiltinRegistry) {
        registry.add(
            "str", category: .core,
            parameters: [.positional("value", .any, doc: "any value")],
            summary: "Turn a value into text.",
            help: """
                The text `print` would show for the value. Use it to join numbers to strings.

                    label = "step " + str(100)
                """,
            returns: "a string"
        ) { _, args in .string(args["value"].displayString) }
    }

    private static func registerType(_ registry: inout BuiltinRegistry) {
        registry.add(
            "type", category: .core,
            parameters: [.positional("value", .any, doc: "any value")],
            summary: "The type of a value, as a string.",
            help: """
                One of number, string, bool, nil, list, record, range, function, or the name of a
                domain value such as dataset or model.

                    type(0:10)      # "range"
                """,
            returns: "a string"
        ) { _, args in .string(args["value"].typeName) }
    }

    private static func registerAssert(_ registry: inout BuiltinRegistry) {
        registry.add(
            "assert", category: .core,
            parameters: [
                .positional("condition", .bool, doc: "must be true"),
                .positional("message", .string, default: "", doc: "said when the condition is false"),
            ],
            summary: "Stop with an error unless a condition holds.",
            help: """
                Checks a condition in a script; when it is false the script stops with
                "assertion failed" and the message, pointing at the condition.

                    assert len(xs) == 3 "expected three items"
                """
        ) { _, args in
            guard try args.bool("condition") else {
                let message = try args.string("message")
                throw args.error("assertion failed" + (message.isEmpty ? "" : ": " + message), at: "condition")
            }
            return .nil
        }
    }

    private static func registerExit(_ registry: inout BuiltinRegistry) {
        registry.add(
            "exit", category: .core,
            parameters: [.positional("code", .int, default: 0, doc: "exit status, 0 to 255")],
            summary: "End the script (or the REPL) with an exit status.",
            help: """
                Stops running at once. In a script the exit status of mfsh is `code`.

                    if failed { exit 1 }
                """
        ) { _, args in
            let code = try args.int("code")
            guard (0...255).contains(code) else { throw args.error("exit code must be 0 to 255, got \(code)", at: "code") }
            throw RuntimeError("exit \(code)", kind: .exit(Int32(code)))
        }
    }
}
