import Lang

/// Calls: expression form `f(a, k=v)`, command form `f a k=v`, user functions and builtins.
/// Argument names and counts are checked before any argument is evaluated; types right after.
extension Evaluator {
    /// Command form. A bound name wins over a builtin of the same name (scopes are searched
    /// first, builtins last); a bound name that is not a function is only allowed bare.
    @inline(never)
    func command(_ name: String, _ nameSpan: Span, _ arguments: [Argument], _ span: Span, _ frame: Frame,
                 assignedTo target: String? = nil) throws(RuntimeError) -> Value {
        if let value = frame.environment.lookup(name) {
            if arguments.isEmpty, !value.isCallable { return value }
            return try call(value, arguments, callSpan: span, nameSpan: nameSpan, frame, assignedTo: target)
        }
        if let builtin = registry[name] {
            return try callBuiltin(builtin, arguments, callSpan: span, nameSpan: nameSpan, frame, assignedTo: target)
        }
        throw unknownName(name, nameSpan, frame, what: "command")
    }

    @inline(never)
    func call(_ callee: Value, _ arguments: [Argument], callSpan: Span, nameSpan: Span? = nil, _ frame: Frame,
              assignedTo target: String? = nil) throws(RuntimeError) -> Value {
        switch callee {
        case .builtin(let builtin):
            return try callBuiltin(builtin, arguments, callSpan: callSpan, nameSpan: nameSpan ?? callSpan, frame, assignedTo: target)
        case .function(let function):
            let written = arguments.map(ArgumentBinder.Written.init)
            let assignment = try bind(ArgumentBinder(function: function), written, callSpan, frame)
            var values: [Value] = []
            for argument in arguments { values.append(try evaluate(argument.value, frame)) }
            return try invoke(function, assignment, values, callSpan: callSpan, frame)
        default:
            throw fail("\(callee.typeNameWithArticle) cannot be called", nameSpan ?? callSpan, frame,
                       hint: "only functions and commands take arguments")
        }
    }

    /// Calls a function value with already evaluated positional arguments (for builtins that
    /// take callbacks).
    func callValue(_ callee: Value, withValues values: [Value], file: SourceFile, span: Span) throws(RuntimeError) -> Value {
        let frame = Frame(environment: globals, file: file, function: nil)
        let written = values.map { _ in ArgumentBinder.Written(positionalAt: span) }
        switch callee {
        case .builtin(let builtin):
            let assignment = try bind(ArgumentBinder(builtin: builtin), written, span, frame)
            return try runBuiltin(builtin, assignment, values, written, callSpan: span, frame, assignedTo: nil)
        case .function(let function):
            let assignment = try bind(ArgumentBinder(function: function), written, span, frame)
            return try invoke(function, assignment, values, callSpan: span, frame)
        default:
            throw fail("\(callee.typeNameWithArticle) cannot be called", span, frame)
        }
    }

    /// `target` is the variable the result is assigned to when the call is the whole right side
    /// of `target = ...`; builtins name what they make after it (`mix = mixflow base`).
    @inline(never)
    func callBuiltin(_ builtin: Builtin, _ arguments: [Argument], callSpan: Span, nameSpan: Span, _ frame: Frame,
                     assignedTo target: String? = nil) throws(RuntimeError) -> Value {
        let written = arguments.map(ArgumentBinder.Written.init)
        let assignment = try bind(ArgumentBinder(builtin: builtin), written, callSpan, frame)
        var values: [Value] = []
        var valueSpans: [ArgumentBinder.Written] = []
        for argument in arguments {
            values.append(try evaluate(argument.value, frame))
            var written = ArgumentBinder.Written(positionalAt: argument.value.span)
            written.label = argument.label
            written.labelSpan = argument.labelSpan
            if case .identifier(let name) = argument.value.kind { written.identifier = name }
            valueSpans.append(written)
        }
        return try runBuiltin(builtin, assignment, values, valueSpans, callSpan: callSpan, frame, assignedTo: target)
    }

    private func bind(_ binder: ArgumentBinder, _ written: [ArgumentBinder.Written], _ callSpan: Span, _ frame: Frame) throws(RuntimeError) -> ArgumentBinder.Assignment {
        do { return try binder.assign(written, callSpan: callSpan) } catch { throw error.located(in: frame.file, at: callSpan) }
    }

    /// Type-checks the values against the builtin's parameters, fills defaults, and runs it.
    @inline(never)
    private func runBuiltin(_ builtin: Builtin, _ assignment: ArgumentBinder.Assignment, _ values: [Value],
                            _ valueSpans: [ArgumentBinder.Written], callSpan: Span, _ frame: Frame,
                            assignedTo target: String?) throws(RuntimeError) -> Value {
        try checkInterrupt(callSpan, frame)
        var bound: [String: Arguments.Bound] = [:]
        var rest: [Arguments.Bound] = []
        var otherKeywords: [Arguments.OtherKeyword] = []
        for (index, slot) in assignment.enumerated() {
            let parameter = builtin.parameters[slot]
            let value = values[index]
            let span = valueSpans[index].span, identifier = valueSpans[index].identifier
            guard parameter.type.accepts(value) else {
                if let names = parameter.type.choiceNames, case .string(let text) = value {
                    throw fail("\(parameter.name) must be \(quotedChoices(names)), got \"\(text)\"", span, frame,
                               hint: suggestName(for: text, among: names).map { "did you mean '\($0)'?" })
                }
                let which = parameter.kind == .variadic ? "argument \(rest.count + 1)"
                    : "argument '\(parameter.kind == .otherKeywords ? valueSpans[index].label ?? "" : parameter.name)'"
                throw fail("\(which) of \(builtin.name) must be \(parameter.type.description), got \(value.typeNameWithArticle)",
                           span, frame)
            }
            if parameter.kind == .variadic {
                rest.append(Arguments.Bound(value: value, span: span, identifier: identifier))
            } else if parameter.kind == .otherKeywords {
                otherKeywords.append(Arguments.OtherKeyword(name: valueSpans[index].label ?? "", nameSpan: valueSpans[index].labelSpan ?? span,
                                                            value: value, span: span))
            } else {
                bound[parameter.name] = Arguments.Bound(value: value, span: span, identifier: identifier)
            }
        }
        for parameter in builtin.parameters where parameter.isNamed && bound[parameter.name] == nil {
            bound[parameter.name] = Arguments.Bound(value: parameter.defaultValue ?? .nil, span: nil)
        }
        let arguments = Arguments(builtinName: builtin.name, callSpan: callSpan, bound: bound, rest: rest,
                                  otherKeywords: otherKeywords)
        var context = CallContext(evaluator: self, file: frame.file, callSpan: callSpan, assignedName: target)
        do {
            try builtin.checkApplicability(arguments)
            return try builtin.run(&context, arguments)
        } catch {
            throw RuntimeError.wrapping(error).located(in: frame.file, at: callSpan)
        }
    }

    /// Runs a user function in a new scope whose parent is the scope it was defined in.
    @inline(never)
    private func invoke(_ function: UserFunction, _ assignment: ArgumentBinder.Assignment, _ values: [Value],
                        callSpan: Span, _ frame: Frame) throws(RuntimeError) -> Value {
        try checkInterrupt(callSpan, frame)
        guard callDepth < maxCallDepth else {
            throw fail("too many nested calls (more than \(maxCallDepth))", callSpan, frame,
                       hint: "does the recursion in '\(function.name)' reach a base case?")
        }
        let scope = Environment(parent: function.closure)
        let parameters = function.declaration.parameters
        for (index, slot) in assignment.enumerated() { scope.assign(parameters[slot].name, values[index]) }
        let definingFrame = Frame(environment: function.closure, file: function.file, function: nil)
        for (slot, parameter) in parameters.enumerated() where !assignment.contains(slot) {
            // The binder guarantees every parameter without a default was given.
            scope.assign(parameter.name, try evaluate(parameter.defaultValue!, definingFrame))
        }
        callDepth += 1
        defer { callDepth -= 1 }
        do {
            if case .returned(let value) = try execute(function.declaration.body, Frame(environment: scope, file: function.file, function: function)) {
                return value
            }
            return .nil
        } catch {
            var unwound = error
            unwound.addCallNote("in call to '\(function.name)'", at: Diagnostic.Location(file: frame.file, span: callSpan))
            throw unwound
        }
    }
}

extension Value {
    var isCallable: Bool {
        switch self {
        case .function, .builtin: return true
        default: return false
        }
    }
}
