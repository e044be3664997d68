// The lexer: UTF-8 bytes -> tokens with byte spans. It never fails: characters it cannot use
// become one `.invalid` token and one diagnostic per run, and it always ends with `.endOfInput`.

/// Everything the lexer found in one source.
public struct LexResult: Sendable {
    public var tokens: [Token]
    public var diagnostics: [Diagnostic]
    /// Every line whose first non-blank characters are `##`, in source order. The parser keeps the
    /// ones at top level as `Program.cellComments`.
    public var cellComments: [CellComment]
    /// True when a string literal was still open at the end of the input (the REPL may continue it).
    public var endsInsideString: Bool
}

/// Splits a source into tokens. Comments are dropped; `##` comment lines are collected on the side.
public struct Lexer {
    let file: SourceFile
    let bytes: [UInt8]
    var position = 0
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    var cellComments: [CellComment] = []
    var endsInsideString = false
    /// Whitespace, a comment or a line break since the last token.
    var sawSpace = true
    /// Only blanks since the last line break: a `##` here starts a cell comment.
    var atLineStart = true

    init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    public static func tokenize(_ file: SourceFile) -> LexResult {
        var lexer = Lexer(file: file)
        lexer.run()
        return LexResult(
            tokens: lexer.tokens, diagnostics: lexer.diagnostics,
            cellComments: lexer.cellComments, endsInsideString: lexer.endsInsideString)
    }

    mutating func run() {
        skipByteOrderMark()
        while position < bytes.count {
            scanToken()
        }
        emit(.endOfInput, from: bytes.count)
    }

    mutating func skipByteOrderMark() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    mutating func scanToken() {
        let byte = bytes[position]
        switch byte {
        case ASCII.space, ASCII.tab, ASCII.carriageReturn, ASCII.verticalTab, ASCII.formFeed:
            position += 1
            sawSpace = true
        case ASCII.lineFeed:
            position += 1
            emit(.newline, from: position - 1)
            sawSpace = true
            atLineStart = true
        case ASCII.hash:
            scanComment()
        case ASCII.quote:
            scanString()
        case _ where ASCII.isDigit(byte):
            scanNumber()
        case _ where ASCII.isIdentifierStart(byte):
            scanIdentifier()
        default:
            if !scanSymbol() { scanStrayCharacters() }
        }
    }

    /// Appends a token that starts at `start` and ends at the current position.
    mutating func emit(_ kind: TokenKind, from start: Int) {
        tokens.append(Token(kind, Span(start, position), spaceBefore: sawSpace))
        sawSpace = false
        if kind != .newline { atLineStart = false }
    }

    /// Records an error; past the parser's error limit only the tokens matter.
    mutating func report(_ message: String, _ span: Span, hint: String? = nil) {
        guard diagnostics.count < Parser.errorLimit else { return }
        diagnostics.append(.error(message, in: file, at: span, hint: hint))
    }

    func peekByte(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count ? bytes[index] : nil
    }

    // MARK: - Comments, names and symbols

    /// `# ...` to the end of the line. A line that starts with `##` is also kept as a cell comment.
    mutating func scanComment() {
        let start = position
        let isCell = atLineStart && peekByte(1) == ASCII.hash
        while position < bytes.count, bytes[position] != ASCII.lineFeed { position += 1 }
        sawSpace = true
        guard isCell else { return }
        var end = position
        if end > start, bytes[end - 1] == ASCII.carriageReturn { end -= 1 }
        var textStart = start + 2
        if textStart < end, bytes[textStart] == ASCII.space { textStart += 1 }
        let text = String(decoding: bytes[min(textStart, end)..<end], as: UTF8.self)
        cellComments.append(CellComment(text: text, span: Span(start, end)))
    }

    mutating func scanIdentifier() {
        let start = position
        while position < bytes.count, ASCII.isIdentifierContinue(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        if let keyword = Keyword(rawValue: name) {
            emit(.keyword(keyword), from: start)
        } else {
            emit(.identifier(name), from: start)
        }
    }

    /// Operators and punctuation, longest match first. Returns false if none starts here.
    mutating func scanSymbol() -> Bool {
        let start = position
        if let next = peekByte(1), next == ASCII.equal,
            let symbol = Symbol(rawValue: String(decoding: [bytes[position], next], as: UTF8.self))
        {
            position += 2
            emit(.symbol(symbol), from: start)
            return true
        }
        guard let symbol = Symbol(rawValue: String(UnicodeScalar(bytes[position]))) else { return false }
        position += 1
        emit(.symbol(symbol), from: start)
        return true
    }

    // MARK: - Characters that start no token

    /// A run of characters that start no token becomes one `.invalid` token and one diagnostic,
    /// so `@@@` or a stretch of binary junk gives one error, not one per byte.
    mutating func scanStrayCharacters() {
        let start = position
        if bytes[position] == ASCII.apostrophe, scanSingleQuotedString() { return }
        repeat {
            position += ASCII.scalarLength(leadByte: bytes[position])
        } while position < bytes.count && startsNoToken(at: position)
        position = min(position, bytes.count)
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        emit(.invalid, from: start)
        let plural = text.unicodeScalars.count == 1 ? "character" : "characters"
        report(
            "unexpected \(plural) '\(Token.shortened(text, limit: 16))'", Span(start, position),
            hint: Lexer.hint(forStray: text))
    }

    func startsNoToken(at index: Int) -> Bool {
        let byte = bytes[index]
        if ASCII.isDigit(byte) || ASCII.isIdentifierStart(byte) || ASCII.isBlank(byte) { return false }
        if byte == ASCII.hash || byte == ASCII.quote || byte == ASCII.apostrophe { return false }
        if byte == UInt8(ascii: "!"), index + 1 < bytes.count, bytes[index + 1] == ASCII.equal { return false }
        return byte >= 0x80 || Symbol(rawValue: String(UnicodeScalar(byte))) == nil
    }

    /// `'text'`: not .mf syntax, but common enough to deserve its own message. Consumes up to the
    /// closing quote on the same line; returns false when there is none.
    mutating func scanSingleQuotedString() -> Bool {
        let start = position
        var end = position + 1
        while end < bytes.count, bytes[end] != ASCII.apostrophe, bytes[end] != ASCII.lineFeed { end += 1 }
        guard end < bytes.count, bytes[end] == ASCII.apostrophe else { return false }
        position = end + 1
        emit(.invalid, from: start)
        report("strings are written with double quotes", Span(start, position),
               hint: "write \"\(Token.shortened(file.text(of: Span(start + 1, end))))\"")
        return true
    }

    static func hint(forStray text: String) -> String? {
        switch text {
        case "!": return "use 'not' for logical negation"
        case "&&", "&": return "use 'and'"
        case "||", "|": return "use 'or'"
        case "\u{201C}", "\u{201D}": return "use a straight double quote '\"'"
        default: return text.unicodeScalars.contains("\u{FFFD}") ? "the file may not be valid UTF-8" : nil
        }
    }
}

/// Byte constants and classes for the lexer. Identifiers are ASCII only.
enum ASCII {
    static let tab = UInt8(ascii: "\t"), lineFeed = UInt8(ascii: "\n"), verticalTab: UInt8 = 0x0B
    static let formFeed: UInt8 = 0x0C, carriageReturn = UInt8(ascii: "\r"), space = UInt8(ascii: " ")
    static let hash = UInt8(ascii: "#"), quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")
    static let equal = UInt8(ascii: "="), backslash = UInt8(ascii: "\\"), dot = UInt8(ascii: ".")
    static let underscore = UInt8(ascii: "_")

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isIdentifierStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == underscore }
    static func isIdentifierContinue(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == carriageReturn || byte == lineFeed
            || byte == verticalTab || byte == formFeed
    }
    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
    }

    /// Length in bytes of the UTF-8 sequence a lead byte announces (1 for stray continuation bytes,
    /// which cannot occur in a Swift `String` but keep the scan moving if they ever do).
    static func scalarLength(leadByte byte: UInt8) -> Int {
        switch byte {
        case 0xF0...0xF7: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }
}
