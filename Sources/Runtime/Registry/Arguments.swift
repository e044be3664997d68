import Lang

/// The checked arguments of one builtin call, by parameter name. Every declared parameter that
/// is not variadic has a value (given or default), and every value has its declared type, so the
/// typed accessors only fail on a binding's own mistakes; they throw rather than trap.
public struct Arguments {
    /// One argument value and where it was written (nil for defaults).
    public struct Bound {
        public var value: Value
        public var span: Span?
        /// The variable written as the argument, when it is a plain name (`train mix ...`).
        public var identifier: String? = nil
    }

    public let builtinName: String
    /// The whole call, for errors about the call as a whole.
    public let callSpan: Span
    var bound: [String: Bound]
    /// Values of the variadic parameter, in order.
    public let rest: [Bound]
    /// A `name=value` argument taken by the `otherKeywords` parameter.
    public struct OtherKeyword {
        public var name: String
        /// Where the name was written (for "unknown option" errors).
        public var nameSpan: Span
        public var value: Value
        /// Where the value was written (for errors about the value).
        public var span: Span
    }

    /// `name=value` arguments taken by the `otherKeywords` parameter, in source order.
    public let otherKeywords: [OtherKeyword]

    init(builtinName: String, callSpan: Span, bound: [String: Bound], rest: [Bound],
         otherKeywords: [OtherKeyword] = []) {
        self.builtinName = builtinName
        self.callSpan = callSpan
        self.bound = bound
        self.rest = rest
        self.otherKeywords = otherKeywords
    }

    /// The argument's value (the default when it was left out).
    public subscript(name: String) -> Value {
        bound[name]?.value ?? .nil
    }

    /// Whether the argument was written in the call (as opposed to defaulted).
    public func isGiven(_ name: String) -> Bool { bound[name]?.span != nil }

    /// The variable written for the argument when it is a plain name (`train mix ...` gives
    /// "mix" for `model`); nil for other expressions and defaults.
    public func identifier(of name: String) -> String? { bound[name]?.identifier }

    /// Where the argument was written, or the call when it was defaulted.
    public func span(of name: String) -> Span { bound[name]?.span ?? callSpan }

    /// An error pointing at the argument `name` (or the call when it was defaulted).
    public func error(_ message: String, at name: String, hint: String? = nil) -> RuntimeError {
        RuntimeError(message, at: span(of: name), hint: hint)
    }

    public func number(_ name: String) throws(RuntimeError) -> Double {
        guard case .number(let number) = self[name] else { throw typeMismatch(name, "a number") }
        return number
    }

    public func int(_ name: String) throws(RuntimeError) -> Int {
        let number = try number(name)
        guard number.isFinite, number == number.rounded(), abs(number) < 9e15 else {
            throw error("argument '\(name)' of \(builtinName) must be an integer, got \(formatNumber(number))", at: name)
        }
        return Int(number)
    }

    public func string(_ name: String) throws(RuntimeError) -> String {
        guard case .string(let text) = self[name] else { throw typeMismatch(name, "a string") }
        return text
    }

    public func bool(_ name: String) throws(RuntimeError) -> Bool {
        guard case .bool(let flag) = self[name] else { throw typeMismatch(name, "true or false") }
        return flag
    }

    /// A list argument; a range argument is read as the list of its elements.
    public func list(_ name: String) throws(RuntimeError) -> [Value] {
        if case .range(let range) = self[name], range.count > RangeValue.maxListLength {
            throw error("range \(range.description) has \(range.count) numbers, too many to use as a list", at: name,
                        hint: "lists made from ranges are limited to \(RangeValue.maxListLength) numbers")
        }
        guard let items = self[name].listItems else { throw typeMismatch(name, "a list") }
        return items
    }

    /// A list of numbers (or a range).
    public func numbers(_ name: String) throws(RuntimeError) -> [Double] {
        var numbers: [Double] = []
        for item in try list(name) {
            guard case .number(let number) = item else { throw typeMismatch(name, "a list of numbers") }
            numbers.append(number)
        }
        return numbers
    }

    public func record(_ name: String) throws(RuntimeError) -> Record {
        guard case .record(let record) = self[name] else { throw typeMismatch(name, "a record") }
        return record
    }

    /// A domain object of a given class: `try args.object("data", as: DatasetObject.self)`.
    public func object<T: DomainObject>(_ name: String, as type: T.Type) throws(RuntimeError) -> T {
        guard case .object(let object) = self[name], let typed = object as? T else {
            throw typeMismatch(name, "a different kind of value")
        }
        return typed
    }

    /// The argument, or nil when it is `nil` (for optional parameters).
    public func optional(_ name: String) -> Value? {
        let value = self[name]
        return value.isNil ? nil : value
    }

    private func typeMismatch(_ name: String, _ expected: String) -> RuntimeError {
        error("argument '\(name)' of \(builtinName) must be \(expected), got \(self[name].typeNameWithArticle)", at: name)
    }
}

/// Checked readers for numeric options: each error points at the keyword and says what is
/// allowed, in the script's terms.
extension Arguments {
    /// An integer of at least `minimum`.
    public func int(_ name: String, atLeast minimum: Int) throws(RuntimeError) -> Int {
        let value = try int(name)
        guard value >= minimum else { throw error("\(name) must be \(minimum) or more, got \(value)", at: name) }
        return value
    }

    /// A finite number accepted by `isValid`; `expected` says which ("a number > 0").
    public func number(_ name: String, _ expected: String, _ isValid: (Double) -> Bool) throws(RuntimeError) -> Double {
        let value = try number(name)
        guard value.isFinite, isValid(value) else { throw error("\(name) must be \(expected), got \(formatNumber(value))", at: name) }
        return value
    }

    /// `seed=` when given (0 or more), else the session's next seed.
    public func seed(_ name: String, _ context: CallContext) throws(RuntimeError) -> UInt64 {
        guard optional(name) != nil else { return context.nextSeed() }
        return UInt64(try int(name, atLeast: 0))
    }
}
