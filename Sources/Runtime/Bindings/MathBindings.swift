import Foundation

/// sqrt, exp, log, abs, round, floor, ceil (numbers or element-wise over lists) and the
/// reductions min, max, sum, mean.
enum MathBindings {
    static func register(into registry: inout BuiltinRegistry) {
        elementwise(&registry, "sqrt", "Square root.", example: "sqrt 2        # 1.4142135623730951") { x in
            guard x >= 0 else { return "sqrt of a negative number (\(formatNumber(x)))" }
            return nil
        } apply: { $0.squareRoot() }
        elementwise(&registry, "exp", "e raised to a power.", example: "exp 1         # 2.718281828459045") { _ in nil } apply: { Foundation.exp($0) }
        elementwise(&registry, "log", "Natural logarithm.", example: "log 10        # 2.302585092994046") { x in
            guard x > 0 else { return "log of a number that is not positive (\(formatNumber(x)))" }
            return nil
        } apply: { Foundation.log($0) }
        elementwise(&registry, "abs", "Absolute value.", example: "abs -3        # 3") { _ in nil } apply: { Swift.abs($0) }
        elementwise(&registry, "floor", "Round down to an integer.", example: "floor 2.7     # 2") { _ in nil } apply: { $0.rounded(.down) }
        elementwise(&registry, "ceil", "Round up to an integer.", example: "ceil 2.1      # 3") { _ in nil } apply: { $0.rounded(.up) }
        registerRound(&registry)
        reduction(&registry, "min", "The smallest number.", example: "min 3 1 2     # 1") { $0.min()! }
        reduction(&registry, "max", "The largest number.", example: "max [3, 1, 2] # 3") { $0.max()! }
        reduction(&registry, "sum", "The sum of numbers (0 for none).", allowsEmpty: true, example: "sum 0:5       # 10") {
            $0.reduce(0, +)
        }
        reduction(&registry, "mean", "The arithmetic mean of numbers.", example: "mean [1, 2, 6] # 3") {
            $0.reduce(0, +) / Double($0.count)
        }
    }

    /// A one-argument function of a number that also maps over a list of numbers. `domainError`
    /// returns a message for inputs outside the domain.
    private static func elementwise(
        _ registry: inout BuiltinRegistry, _ name: String, _ summary: String, example: String,
        domainError: @escaping (Double) -> String?, apply: @escaping (Double) -> Double
    ) {
        registry.add(
            name, category: .math,
            parameters: [.positional("x", .union([.number, .listOf(.number)]), doc: "a number, or a list of numbers")],
            summary: summary,
            help: "\(summary) Applied to each element of a list.\n\n    \(example)",
            returns: "a number (a list for a list)"
        ) { _, args in
            func one(_ value: Double) throws(RuntimeError) -> Value {
                if let message = domainError(value) { throw args.error(message, at: "x") }
                return .number(apply(value))
            }
            if case .number(let x) = args["x"] { return try one(x) }
            var results: [Value] = []
            for x in try args.numbers("x") { results.append(try one(x)) }
            return .list(results)
        }
    }

    private static func registerRound(_ registry: inout BuiltinRegistry) {
        registry.add(
            "round", category: .math,
            parameters: [
                .positional("x", .number, doc: "the number"),
                .keyword("digits", .int, default: 0, doc: "decimal places to keep"),
            ],
            summary: "Round to the nearest integer or number of decimal places.",
            help: """
                Halves round away from zero.

                    round 2.5              # 3
                    round 3.14159 digits=2 # 3.14
                """,
            returns: "a number"
        ) { _, args in
            let x = try args.number("x"), digits = try args.int("digits")
            // Past 10^308 the scale is infinite: a Double has no digits that far right of the point
            // (x is already rounded) and none that far left (the result is 0).
            let scale = pow(10, Double(digits))
            guard x.isFinite else { return .number(x) }
            guard scale.isFinite, scale > 0, (x * scale).isFinite else { return .number(digits > 0 ? x : 0 * x) }
            return .number((x * scale).rounded() / scale)
        }
    }

    /// A reduction over numbers given one by one (`min 3 1 2`), as lists (`min [3, 1, 2]`), or
    /// both; lists are flattened.
    private static func reduction(
        _ registry: inout BuiltinRegistry, _ name: String, _ summary: String, allowsEmpty: Bool = false,
        example: String, reduce: @escaping ([Double]) -> Double
    ) {
        registry.add(
            name, category: .math,
            parameters: [.variadic("numbers", .union([.number, .listOf(.number)]), doc: "numbers and lists of numbers")],
            summary: summary,
            help: "\(summary) Takes numbers, lists of numbers or ranges; lists are flattened.\n\n    \(example)",
            returns: "a number"
        ) { _, args in
            var numbers: [Double] = []
            for argument in args.rest {
                switch argument.value {
                case .number(let number): numbers.append(number)
                case .range(let range):
                    guard range.count <= RangeValue.maxListLength else {
                        throw RuntimeError("\(name) over \(range.count) numbers is too many", at: argument.span)
                    }
                    numbers.append(contentsOf: range)
                case .list(let items):
                    for case .number(let number) in items { numbers.append(number) }
                default: break
                }
            }
            guard allowsEmpty || !numbers.isEmpty else {
                throw RuntimeError("\(name) of no numbers", at: args.rest.first?.span, hint: "give at least one number")
            }
            return .number(reduce(numbers))
        }
    }
}
