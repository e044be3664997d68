import Lang

/// Member access `a.b`, indexing `a[i]` and condition selection `a[letter="A"]`.
extension Evaluator {
    @inline(never)
    func member(_ name: String, of base: Value, _ nameSpan: Span, _ frame: Frame) throws(RuntimeError) -> Value {
        switch base {
        case .record(let record):
            if let value = record[name] { return value }
            throw noMember(name, "record", record.names, nameSpan, frame)
        case .range(let range):
            let members: [String: Double] = ["start": range.start, "stop": range.stop, "step": range.step]
            if let value = members[name] { return .number(value) }
            throw noMember(name, "range", ["start", "stop", "step"], nameSpan, frame)
        case .object(let object):
            let value: Value?
            do { value = try object.member(name) } catch { throw RuntimeError.wrapping(error).located(in: frame.file, at: nameSpan) }
            if let value { return value }
            throw noMember(name, object.typeName, object.memberNames, nameSpan, frame)
        default:
            throw fail("\(base.typeNameWithArticle) has no members", nameSpan, frame,
                       hint: base.listItems != nil ? "use len(xs) for the length of a list" : nil)
        }
    }

    /// Members a value offers after `.`, for completion.
    static func memberNames(of value: Value) -> [String] {
        switch value {
        case .record(let record): return record.names
        case .range: return ["start", "stop", "step"]
        case .object(let object): return object.memberNames
        default: return []
        }
    }

    @inline(never)
    private func noMember(_ name: String, _ typeName: String, _ names: [String], _ span: Span, _ frame: Frame) -> RuntimeError {
        let hint = suggestName(for: name, among: names).map { "did you mean '\($0)'?" }
            ?? (names.isEmpty ? nil : "its members are: " + names.joined(separator: ", "))
        return fail("\(withArticle(typeName)) has no member '\(name)'", span, frame, hint: hint)
    }

    @inline(never)
    func subscriptValue(_ base: Value, at index: Value, _ indexSpan: Span, _ frame: Frame) throws(RuntimeError) -> Value {
        switch base {
        case .list(let items):
            return items[try position(index, count: items.count, indexSpan, frame)]
        case .range(let range):
            return .number(range[try position(index, count: range.count, indexSpan, frame)])
        case .string(let text):
            let characters = Array(text)
            return .string(String(characters[try position(index, count: characters.count, indexSpan, frame)]))
        case .record(let record):
            guard case .string(let name) = index else {
                throw fail("a record is indexed by a field name (a string), got \(index.typeNameWithArticle)", indexSpan, frame)
            }
            if let value = record[name] { return value }
            throw noMember(name, "record", record.names, indexSpan, frame)
        case .object(let object):
            do { return try object.index(index) } catch { throw RuntimeError.wrapping(error).located(in: frame.file, at: indexSpan) }
        default:
            throw fail("\(base.typeNameWithArticle) cannot be indexed", indexSpan, frame)
        }
    }

    /// A list position from an index value: integers, negative ones counting from the end.
    private func position(_ index: Value, count: Int, _ span: Span, _ frame: Frame) throws(RuntimeError) -> Int {
        guard case .number(let number) = index, number.isFinite, number == number.rounded(), abs(number) < 9e15 else {
            throw fail("an index must be an integer, got \(index.echoString)", span, frame)
        }
        let raw = Int(number)
        let resolved = raw < 0 ? count + raw : raw
        guard resolved >= 0, resolved < count else {
            let valid = count == 0 ? "it is empty" : "valid indices are 0 to \(count - 1), or -1 to -\(count) from the end"
            throw fail("index \(raw) is out of range for \(count) item\(count == 1 ? "" : "s")", span, frame, hint: valid)
        }
        return resolved
    }

    @inline(never)
    func select(_ base: Expr, _ arguments: [Argument], _ span: Span, _ frame: Frame) throws(RuntimeError) -> Value {
        let value = try evaluate(base, frame)
        guard case .object(let object) = value else {
            throw fail("only domain values (datasets, samples, ...) can be selected by labels; this is \(value.typeNameWithArticle)",
                       base.span, frame)
        }
        var labels: [(String, Value)] = []
        for argument in arguments {
            guard let label = argument.label else {
                throw fail("a selection needs labels, like x[letter=\"A\"]", argument.span, frame)
            }
            labels.append((label, try evaluate(argument.value, frame)))
        }
        do { return try object.select(labels) } catch { throw RuntimeError.wrapping(error).located(in: frame.file, at: span) }
    }
}
