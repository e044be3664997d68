/// seed and help.
enum SessionBindings {
    static func register(into registry: inout BuiltinRegistry) {
        registerSeed(&registry)
        registerHelp(&registry)
    }

    private static func registerSeed(_ registry: inout BuiltinRegistry) {
        registry.add(
            "seed", category: .session,
            parameters: [.positional("value", .optional(.int), default: .nil, doc: "the new session seed, 0 or more")],
            summary: "Set (or show) the session seed behind every random draw.",
            help: """
                Every command that draws random numbers and is not given its own `seed=` takes
                its seed from the session: after `seed 7` a script reproduces exactly. A fresh
                session starts at seed \(SessionState.defaultSeed). Without an argument, returns the current seed.

                    seed 7
                    seed          # 7
                """,
            returns: "the seed"
        ) { context, args in
            guard args.optional("value") != nil else { return .number(Double(context.seed)) }
            let value = try args.int("value")
            guard value >= 0 else { throw args.error("seed must be 0 or more, got \(value)", at: "value") }
            context.setSeed(UInt64(value))
            return .nil
        }
    }

    private static func registerHelp(_ registry: inout BuiltinRegistry) {
        registry.add(
            "help", category: .session,
            parameters: [.positional("topic", .any, default: .nil, doc: "a command, function or value; or a name as a string")],
            summary: "Show help on a command, a keyword or a value.",
            help: """
                `help` alone lists every command by category. `help NAME` shows a command's
                parameters, defaults and an example. In the REPL, `?NAME` is the same.

                    help
                    help sqrt
                    help "for"
                """
        ) { context, args in
            context.output.write(HelpText.help(for: args["topic"], registry: context.registry))
            return .nil
        }
    }
}
