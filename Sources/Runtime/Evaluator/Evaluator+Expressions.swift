import Lang

// Every case of `evaluate` that needs more than a few locals lives in its own function marked
// `@inline(never)`: inlined, their locals would all sit in `evaluate`'s frame, which recursion
// multiplies (a user call passes through `evaluate` several times).
extension Evaluator {
    /// Evaluates one expression.
    func evaluate(_ expression: Expr, _ frame: Frame) throws(RuntimeError) -> Value {
        guard stackGuard.hasRoom() else {
            throw fail("expression or recursion nested too deeply for the stack", expression.span, frame)
        }
        switch expression.kind {
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .nilLiteral: return .nil
        case .identifier(let name): return try lookup(name, expression.span, frame)
        case .list(let items): return try evaluateList(items, frame)
        case .record(let fields): return try evaluateRecord(fields, frame)
        case let .range(start, stop, step): return try evaluateRange(start, stop, step, expression.span, frame)
        case let .unary(op, operand): return try evaluateUnary(op, operand, expression.span, frame)
        case let .binary(op, left, right): return try evaluateBinary(op, left, right, expression.span, frame)
        case let .member(base, name, nameSpan): return try evaluateMember(base, name, nameSpan, frame)
        case let .index(base, index): return try evaluateIndex(base, index, frame)
        case let .select(base, arguments): return try select(base, arguments, expression.span, frame)
        case let .call(callee, arguments): return try evaluateCall(callee, arguments, expression.span, frame)
        case let .command(name, nameSpan, arguments):
            return try command(name, nameSpan, arguments, expression.span, frame)
        }
    }

    /// An expression used as a statement: a bare name (or a command with no arguments) that is
    /// not a variable calls the builtin of that name, so `help` and `seed` work alone.
    func evaluateStatementExpression(_ expression: Expr, _ frame: Frame) throws(RuntimeError) -> Value {
        let bareName: (String, Span)?
        switch expression.kind {
        case .identifier(let name): bareName = (name, expression.span)
        case let .command(name, nameSpan, arguments) where arguments.isEmpty: bareName = (name, nameSpan)
        default: bareName = nil
        }
        if let (name, nameSpan) = bareName, frame.environment.lookup(name) == nil, let builtin = registry[name] {
            return try callBuiltin(builtin, [], callSpan: expression.span, nameSpan: nameSpan, frame)
        }
        return try evaluate(expression, frame)
    }

    /// The right side of `x = ...`, which is command position: `m = toy_model` runs a builtin
    /// whose parameters all have defaults, as `m = toy_model size=3` would. A builtin that needs
    /// arguments, or takes a variable number of them, stays a function value: `f = sqrt`.
    /// A call that is the whole right side learns the variable `target` (`mix = mixflow base`).
    func evaluateAssignedValue(_ expression: Expr, to target: String, _ frame: Frame) throws(RuntimeError) -> Value {
        switch expression.kind {
        case .identifier(let name):
            if frame.environment.lookup(name) == nil, let builtin = registry[name],
               builtin.parameters.allSatisfy({ $0.kind != .variadic && !$0.isRequired }) {
                return try callBuiltin(builtin, [], callSpan: expression.span, nameSpan: expression.span, frame, assignedTo: target)
            }
        case let .command(name, nameSpan, arguments):
            return try command(name, nameSpan, arguments, expression.span, frame, assignedTo: target)
        case let .call(callee, arguments):
            return try call(try evaluate(callee, frame), arguments, callSpan: expression.span, frame, assignedTo: target)
        default:
            break
        }
        return try evaluate(expression, frame)
    }

    /// A variable, else a builtin as a value, else "unknown name" with a did-you-mean.
    @inline(never)
    func lookup(_ name: String, _ span: Span, _ frame: Frame) throws(RuntimeError) -> Value {
        if let value = frame.environment.lookup(name) { return value }
        if let builtin = registry[name] { return .builtin(builtin) }
        throw unknownName(name, span, frame, what: "name")
    }

    @inline(never)
    func unknownName(_ name: String, _ span: Span, _ frame: Frame, what: String) -> RuntimeError {
        let candidates = frame.environment.visibleNames + registry.names + languageKeywords
        let hint = suggestName(for: name, among: candidates).map { "did you mean '\($0)'?" }
        return fail("unknown \(what) '\(name)'", span, frame, hint: hint ?? "type 'help' for the list of commands")
    }

    @inline(never)
    private func evaluateList(_ items: [Expr], _ frame: Frame) throws(RuntimeError) -> Value {
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items {
            let value = try evaluate(item, frame)
            try checkNesting(value, item.span, frame)
            values.append(value)
        }
        return .list(values)
    }

    /// Refuses to put `value` inside a list or record when that would nest too deeply.
    func checkNesting(_ value: Value, _ span: Span, _ frame: Frame) throws(RuntimeError) {
        if value.nestsDeeper(than: Value.maxNestingDepth - 1) {
            throw fail("lists and records cannot be nested more than \(Value.maxNestingDepth) levels deep", span, frame)
        }
    }

    @inline(never)
    private func evaluateUnary(_ op: UnaryOperator, _ operand: Expr, _ span: Span, _ frame: Frame) throws(RuntimeError) -> Value {
        let value = try evaluate(operand, frame)
        do { return try Operators.unary(op, value) } catch { throw locate(error, span, operand.span, operand.span, frame) }
    }

    @inline(never)
    private func evaluateMember(_ base: Expr, _ name: String, _ nameSpan: Span, _ frame: Frame) throws(RuntimeError) -> Value {
        try member(name, of: try evaluate(base, frame), nameSpan, frame)
    }

    @inline(never)
    private func evaluateIndex(_ base: Expr, _ index: Expr, _ frame: Frame) throws(RuntimeError) -> Value {
        let container = try evaluate(base, frame)
        return try subscriptValue(container, at: try evaluate(index, frame), index.span, frame)
    }

    @inline(never)
    private func evaluateCall(_ callee: Expr, _ arguments: [Argument], _ span: Span, _ frame: Frame) throws(RuntimeError) -> Value {
        try call(try evaluate(callee, frame), arguments, callSpan: span, frame)
    }

    @inline(never)
    private func evaluateRecord(_ fields: [RecordField], _ frame: Frame) throws(RuntimeError) -> Value {
        var record = Record()
        for field in fields {
            if record[field.name] != nil {
                throw fail("field '\(field.name)' appears twice in this record", field.nameSpan, frame)
            }
            let value = try evaluate(field.value, frame)
            try checkNesting(value, field.value.span, frame)
            record[field.name] = value
        }
        return .record(record)
    }

    @inline(never)
    private func evaluateRange(_ start: Expr, _ stop: Expr, _ step: Expr?, _ span: Span, _ frame: Frame) throws(RuntimeError) -> Value {
        func bound(_ expression: Expr, _ role: String) throws(RuntimeError) -> Double {
            let value = try evaluate(expression, frame)
            guard case .number(let number) = value, number.isFinite else {
                throw fail("range \(role) must be a finite number, got \(value.typeNameWithArticle)", expression.span, frame)
            }
            return number
        }
        let first = try bound(start, "start")
        let last = try bound(stop, "stop")
        let increment = try step.map { (expression) throws(RuntimeError) in try bound(expression, "step") } ?? 1
        guard let range = RangeValue(start: first, stop: last, step: increment) else {
            throw fail("range step must not be zero", step?.span ?? span, frame)
        }
        return .range(range)
    }

    @inline(never)
    private func evaluateBinary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, _ span: Span, _ frame: Frame) throws(RuntimeError) -> Value {
        if op == .and || op == .or {
            let lhs = try logicalOperand(op, left, frame)
            if op == .and ? !lhs : lhs { return .bool(lhs) }
            return .bool(try logicalOperand(op, right, frame))
        }
        let lhs = try evaluate(left, frame)
        let rhs = try evaluate(right, frame)
        do { return try Operators.binary(op, lhs, rhs) } catch { throw locate(error, span, left.span, right.span, frame) }
    }

    private func logicalOperand(_ op: BinaryOperator, _ operand: Expr, _ frame: Frame) throws(RuntimeError) -> Bool {
        let value = try evaluate(operand, frame)
        guard case .bool(let flag) = value else {
            throw fail("'\(op.rawValue)' needs true or false on both sides, got \(value.typeNameWithArticle)", operand.span, frame)
        }
        return flag
    }

    @inline(never)
    private func locate(_ error: OperatorError, _ whole: Span, _ left: Span, _ right: Span, _ frame: Frame) -> RuntimeError {
        let span = switch error.blame {
        case .whole: whole
        case .left: left
        case .right: right
        }
        return fail(error.message, span, frame, hint: error.hint)
    }
}
