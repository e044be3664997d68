// Number and string literals.
//
// Numbers: digits, an optional fraction `.digits`, an optional exponent `e[+-]digits`
// (`1`, `1.5`, `1e-3`, `2.5E+4`). There are no negative literals: `-2` is unary minus applied to 2.
// Strings: `"..."`, which may span lines, with the escapes \n \t \r \" \\ \0 and \u{1F600}.

extension Lexer {
    mutating func scanNumber() {
        let start = position
        skipDigits()
        if peekByte() == ASCII.dot, let next = peekByte(1), ASCII.isDigit(next) {
            position += 1
            skipDigits()
        }
        if let e = peekByte(), e | 0x20 == UInt8(ascii: "e"), exponentFollows() {
            position += 1
            if let sign = peekByte(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            skipDigits()
        }
        let digitsEnd = position
        // `3x`, `1e`, `1_000`: letters glued to a number are a mistake, not two tokens.
        if let next = peekByte(), ASCII.isIdentifierContinue(next) {
            while let byte = peekByte(), ASCII.isIdentifierContinue(byte) { position += 1 }
            emit(.invalid, from: start)
            let text = file.text(of: Span(start, position))
            report("invalid number '\(Token.shortened(text))'", Span(start, position),
                   hint: "put a space or an operator between a number and a name")
            return
        }
        let text = String(decoding: bytes[start..<digitsEnd], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            emit(.invalid, from: start)
            report("number '\(Token.shortened(text))' is too large", Span(start, position),
                   hint: "the largest number is about 1.8e308")
            return
        }
        emit(.number(value), from: start)
    }

    mutating func skipDigits() {
        while let byte = peekByte(), ASCII.isDigit(byte) { position += 1 }
    }

    /// After an `e`/`E`: digits, or a sign then digits.
    func exponentFollows() -> Bool {
        guard let next = peekByte(1) else { return false }
        if ASCII.isDigit(next) { return true }
        guard next == UInt8(ascii: "+") || next == UInt8(ascii: "-"), let digit = peekByte(2) else { return false }
        return ASCII.isDigit(digit)
    }

    // MARK: - Strings

    /// Scans `"..."`. An unterminated string runs to the end of the input: it is reported, and
    /// flagged so the REPL can ask for the rest.
    mutating func scanString() {
        let start = position
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == ASCII.quote {
                position += 1
                emit(.string(String(decoding: value, as: UTF8.self)), from: start)
                return
            }
            if byte == ASCII.backslash {
                scanEscape(into: &value)
            } else {
                value.append(byte)
                position += 1
            }
        }
        emit(.string(String(decoding: value, as: UTF8.self)), from: start)
        endsInsideString = true
        report("unterminated string", Span(start, start + 1),
               hint: "add a closing '\"'; a string may span lines, so this one runs to the end of the input")
    }

    /// Decodes the escape at `position` (which holds the backslash) and appends its bytes. A bad
    /// escape is reported and its character kept as written.
    mutating func scanEscape(into value: inout [UInt8]) {
        let start = position
        position += 1
        guard let byte = peekByte() else { return }  // the unterminated-string report covers this
        let simple: UInt8? =
            switch byte {
            case UInt8(ascii: "n"): ASCII.lineFeed
            case UInt8(ascii: "t"): ASCII.tab
            case UInt8(ascii: "r"): ASCII.carriageReturn
            case UInt8(ascii: "0"): 0
            case ASCII.quote, ASCII.backslash: byte
            default: nil
            }
        if let simple {
            value.append(simple)
            position += 1
            return
        }
        if byte == UInt8(ascii: "u") {
            scanUnicodeEscape(from: start, into: &value)
            return
        }
        let length = min(ASCII.scalarLength(leadByte: byte), bytes.count - position)
        let character = bytes[position..<position + length]
        position += length
        value.append(contentsOf: character)
        let shown = byte == ASCII.lineFeed ? "\\<newline>" : "\\" + String(decoding: character, as: UTF8.self)
        report("unknown escape sequence '\(shown)'", Span(start, position),
               hint: #"valid escapes are \n \t \r \" \\ \0 and \u{...}; write \\ for a backslash"#)
    }

    /// `\u{1F600}`: one to eight hex digits naming a Unicode scalar.
    mutating func scanUnicodeEscape(from start: Int, into value: inout [UInt8]) {
        position += 1  // the `u`
        guard peekByte() == UInt8(ascii: "{") else {
            report("invalid unicode escape", Span(start, position), hint: #"write \u{...} with 1 to 8 hex digits, e.g. \u{1F600}"#)
            return
        }
        position += 1
        let digitsStart = position
        while let byte = peekByte(), ASCII.isHexDigit(byte), position - digitsStart < 8 { position += 1 }
        let digits = String(decoding: bytes[digitsStart..<position], as: UTF8.self)
        guard peekByte() == UInt8(ascii: "}"), !digits.isEmpty else {
            report("invalid unicode escape", Span(start, position), hint: #"write \u{...} with 1 to 8 hex digits, e.g. \u{1F600}"#)
            return
        }
        position += 1
        guard let code = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(code) else {
            report("'\\u{\(digits)}' is not a Unicode scalar value", Span(start, position),
                   hint: "scalars are 0 to 10FFFF, excluding the surrogates D800 to DFFF")
            return
        }
        value.append(contentsOf: Array(String(scalar).utf8))
    }
}
