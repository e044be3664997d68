/// len, range, keys, append, sort, reverse.
enum ListBindings {
    static func register(into registry: inout BuiltinRegistry) {
        registerLen(&registry)
        registerRange(&registry)
        registerKeys(&registry)
        registerAppend(&registry)
        registerSort(&registry)
        registerReverse(&registry)
    }

    private static func registerLen(_ registry: inout BuiltinRegistry) {
        registry.add(
            "len", category: .lists,
            parameters: [.positional("value", .any, doc: "a list, range, string, record or iterable domain value")],
            summary: "Number of items.",
            help: """
                Items of a list or range, characters of a string, fields of a record.

                    len [4, 5, 6]     # 3
                    len 0:360:30      # 12
                """,
            returns: "a number"
        ) { _, args in
            let value = args["value"]
            switch value {
            case .list(let items): return .number(Double(items.count))
            case .range(let range): return .number(range.length)
            case .string(let text): return .number(Double(text.count))
            case .record(let record): return .number(Double(record.count))
            default:
                guard let elements = value.elements else {
                    throw args.error("\(value.typeNameWithArticle) has no length", at: "value")
                }
                return .number(Double(elements.count))
            }
        }
    }

    private static func registerRange(_ registry: inout BuiltinRegistry) {
        registry.add(
            "range", category: .lists,
            parameters: [
                .positional("start", .number, doc: "first value, or the stop when it is the only argument"),
                .positional("stop", .optional(.number), default: .nil, doc: "end (exclusive)"),
                .positional("step", .number, default: 1, doc: "increment, not zero"),
            ],
            summary: "Evenly spaced numbers, like start:stop:step.",
            help: """
                `range n` is 0:n; `range a b` is a:b; `range a b s` is a:b:s. The stop is excluded.

                    for angle in range(0, 360, 30) { print angle }
                """,
            returns: "a range"
        ) { _, args in
            let first = try args.number("start")
            let (start, stop) = args.optional("stop") == nil ? (0, first) : (first, try args.number("stop"))
            guard let range = RangeValue(start: start, stop: stop, step: try args.number("step")) else {
                throw args.error("range step must be a non-zero finite number", at: "step")
            }
            return .range(range)
        }
    }

    private static func registerKeys(_ registry: inout BuiltinRegistry) {
        registry.add(
            "keys", category: .lists,
            parameters: [.positional("record", .record, doc: "a record")],
            summary: "Field names of a record, in order.",
            help: """
                    keys (a: 1, b: 2)    # ["a", "b"]
                """,
            returns: "a list of strings"
        ) { _, args in .list(try args.record("record").names.map { .string($0) }) }
    }

    private static func registerAppend(_ registry: inout BuiltinRegistry) {
        registry.add(
            "append", category: .lists,
            parameters: [
                .positional("list", .list, doc: "a list (or range)"),
                .positional("value", .any, doc: "the item to add at the end"),
            ],
            summary: "A new list with one more item at the end.",
            help: """
                Lists are values, so `append` returns a new list; assign it back to grow a list.
                `xs + [v]` does the same.

                    xs = append(xs, 4)
                """,
            returns: "a list"
        ) { _, args in
            guard !args["value"].nestsDeeper(than: Value.maxNestingDepth - 1) else {
                throw args.error("lists and records cannot be nested more than \(Value.maxNestingDepth) levels deep", at: "value")
            }
            return .list(try args.list("list") + [args["value"]])
        }
    }

    private static func registerSort(_ registry: inout BuiltinRegistry) {
        registry.add(
            "sort", category: .lists,
            parameters: [.positional("list", .union([.listOf(.number), .listOf(.string)]), doc: "numbers or strings")],
            summary: "The items in increasing order.",
            help: """
                    sort [3, 1, 2]        # [1, 2, 3]
                """,
            returns: "a list"
        ) { _, args in
            let items = try args.list("list")
            if case .string = items.first {
                return .list(items.compactMap { if case .string(let s) = $0 { s } else { nil } }.sorted().map { .string($0) })
            }
            return .list(try args.numbers("list").sorted().map { .number($0) })
        }
    }

    private static func registerReverse(_ registry: inout BuiltinRegistry) {
        registry.add(
            "reverse", category: .lists,
            parameters: [.positional("list", .list, doc: "a list (or range)")],
            summary: "The items in reverse order.",
            help: """
                    reverse [1, 2, 3]     # [3, 2, 1]
                """,
            returns: "a list"
        ) { _, args in .list(try args.list("list").reversed()) }
    }
}
