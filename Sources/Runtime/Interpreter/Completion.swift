import Foundation

/// Tab completion, computed from the registry and the session's variables. Pure text in, text
/// out, so the REPL's readline glue stays thin and the rules are unit-tested.
public struct CompletionResult: Equatable, Sendable {
    /// The text before the cursor that the candidates replace.
    public var word: String
    /// Full replacements for `word`, best first. Keyword names end in `=`, directories in `/`.
    public var candidates: [String]

    public init(word: String, candidates: [String]) {
        self.word = word
        self.candidates = candidates
    }
}

extension Interpreter {
    /// Characters that end a completion word (the front end gives the same set to readline).
    /// `.`, `/` and `-` are not among them so `parts.test` and `data/my-file.csv` are one word.
    public static let completionWordBreaks = " \t\n\"'=(),[]{};+*<>!%^:#"

    /// Candidates for the word ending at `cursor` (a byte offset into `line`): the names a
    /// `.choice` keyword takes inside its string (`pairing="o`), else file names inside a string,
    /// members after `.`, keyword names (`sigma=`) of the command being typed, variables,
    /// commands and language keywords.
    public func completions(line: String, cursor: Int) -> CompletionResult {
        let before = String(decoding: Array(line.utf8.prefix(max(0, cursor))), as: UTF8.self)
        let breaks = Set(Interpreter.completionWordBreaks)
        if let stringStart = Interpreter.openStringStart(before) {
            let word = String(before[stringStart...])
            if let names = choiceNames(before: String(before[..<before.index(before: stringStart)])) {
                return CompletionResult(word: word, candidates: names.filter { $0.hasPrefix(word) })
            }
            return CompletionResult(word: word, candidates: Interpreter.fileCandidates(word))
        }
        let word = String(before.reversed().prefix { !breaks.contains($0) }.reversed())
        if let dot = word.lastIndex(of: "."), !(word.first?.isNumber ?? false) {
            let members = memberCandidates(chain: String(word[..<dot]), partial: String(word[word.index(after: dot)...]))
            return CompletionResult(word: word, candidates: members.map { String(word[...dot]) + $0 })
        }
        let context = String(before.dropLast(word.count))
        var candidates: [String] = []
        if let callee = Interpreter.calleeBeingTyped(context), let names = parameterNames(of: callee) {
            let written = Set(Interpreter.keywordsWritten(context))
            candidates += names.filter { $0.hasPrefix(word) && !written.contains($0) }.map { $0 + "=" }
        }
        let globalsFirst = evaluator.globals.visibleNames.filter { $0 != "_" || word == "_" }
        var names = globalsFirst + registry.names.filter { !globalsFirst.contains($0) }
        if Interpreter.atStatementStart(context) { names += languageKeywords }
        candidates += names.filter { $0.hasPrefix(word) }
        return CompletionResult(word: word, candidates: candidates)
    }

    /// Members of `chain` (`a` or `a.b`, names only: nothing is evaluated) starting with `partial`.
    private func memberCandidates(chain: String, partial: String) -> [String] {
        let parts = chain.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, var value = evaluator.globals.lookup(first) else { return [] }
        for name in parts.dropFirst() {
            guard let next = try? evaluator.memberWithoutSideEffects(name, of: value) else { return [] }
            value = next
        }
        return Evaluator.memberNames(of: value).filter { $0.hasPrefix(partial) }
    }

    /// Parameter names of a builtin or user function called `name`.
    private func parameterNames(of name: String) -> [String]? {
        if case .function(let function)? = evaluator.globals.lookup(name) { return function.declaration.parameters.map(\.name) }
        return builtin(named: name)?.keywordNames
    }

    /// The builtin `name` calls: a variable holding one, else the registry's (unless shadowed).
    private func builtin(named name: String) -> Builtin? {
        switch evaluator.globals.lookup(name) {
        case .builtin(let builtin): return builtin
        case .some: return nil
        case .none: return registry[name]
        }
    }

    /// The names the keyword before an opening quote takes (`... pairing=` + `"`), when its
    /// command declares it a `.choice`.
    private func choiceNames(before context: String) -> [String]? {
        guard context.hasSuffix("=") else { return nil }
        let keyword = String(context.dropLast().reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        guard !keyword.isEmpty, let callee = Interpreter.calleeBeingTyped(String(context.dropLast(keyword.count + 1))) else { return nil }
        return builtin(named: callee)?.parameter(named: keyword)?.type.choiceNames
    }

    /// Index where the string literal containing the end of `text` starts (after its quote),
    /// or nil when the end is not inside a string.
    static func openStringStart(_ text: String) -> String.Index? {
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if start != nil, character == "\\" {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            if character == "\"" { start = start == nil ? text.index(after: index) : nil }
            if start == nil, character == "#" { return nil }
            index = text.index(after: index)
        }
        return start
    }

    /// The function whose arguments are being typed: the innermost open `name(`, else the
    /// command word that starts the statement (`name arg ...` or `x = name arg ...`).
    static func calleeBeingTyped(_ context: String) -> String? {
        var depth = 0
        var index = context.endIndex
        while index > context.startIndex {
            index = context.index(before: index)
            switch context[index] {
            case ")", "]", "}": depth += 1
            case "[", "{": if depth == 0 { return nil } else { depth -= 1 }
            case "(":
                if depth > 0 { depth -= 1; continue }
                let name = context[..<index].reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                return name.isEmpty ? nil : String(name.reversed())
            default: break
            }
        }
        let statement = context.split(omittingEmptySubsequences: false,
                                      whereSeparator: { $0 == ";" || $0 == "\n" || $0 == "{" || $0 == "}" }).last ?? ""
        var words = statement.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if words.count >= 2, words[1] == "=" { words.removeFirst(2) }
        guard words.count >= 1, statement.last == " " || words.count >= 2,
              let first = words.first, first.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return first
    }

    /// `name` of every `name=` already written in the statement.
    static func keywordsWritten(_ context: String) -> [String] {
        context.split(separator: " ").compactMap { word in
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return nil }
            return String(word[..<equals])
        }
    }

    /// True when the word being completed starts a statement (where `if`, `for`, ... may go).
    static func atStatementStart(_ context: String) -> Bool {
        let trimmed = context.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.hasSuffix("{") || trimmed.hasSuffix(";") || trimmed.hasSuffix("}")
    }

    /// Files and directories matching a partial path, relative to the working directory.
    static func fileCandidates(_ partial: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let directoryPart = slash.map { String(partial[...$0]) } ?? ""
        let base = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        let directory = directoryPart.isEmpty ? "." : NSString(string: directoryPart).expandingTildeInPath
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return entries.filter { $0.hasPrefix(base) && (base.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { entry in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(entry), isDirectory: &isDirectory)
            return directoryPart + entry + (isDirectory.boolValue ? "/" : "")
        }
    }
}

extension Evaluator {
    /// `value.name` for completion: records and ranges only, and domain members, which are
    /// plain property reads by the protocol's contract.
    func memberWithoutSideEffects(_ name: String, of value: Value) throws -> Value? {
        switch value {
        case .record(let record): return record[name]
        case .object(let object): return try object.member(name)
        default: return nil
        }
    }
}
