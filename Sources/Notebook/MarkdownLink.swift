import MixFlowOps
/// Inline links: `[text](destination "title")`.
enum MarkdownLink {
    struct Parsed {
        var text: String
        var destination: String
        var title: String?
        /// Index just past the closing parenthesis.
        var end: Int
    }

    /// Parses a link starting at the `[` at `start`, or nil if there is none there.
    static func parse(_ chars: [Character], from start: Int) -> Parsed? {
        guard let close = closingBracket(chars, from: start), close + 1 < chars.count, chars[close + 1] == "(" else {
            return nil
        }
        var index = close + 2
        while index < chars.count, chars[index] == " " { index += 1 }
        var destination = ""
        var depth = 0
        while index < chars.count, chars[index] != " " {
            let c = chars[index]
            if c == "(" { depth += 1 }
            if c == ")" { if depth == 0 { break }; depth -= 1 }
            destination.append(c)
            index += 1
        }
        while index < chars.count, chars[index] == " " { index += 1 }
        var title: String?
        if index < chars.count, chars[index] == "\"" {
            guard let endQuote = chars[(index + 1)...].firstIndex(of: "\"") else { return nil }
            title = String(chars[(index + 1)..<endQuote])
            index = endQuote + 1
            while index < chars.count, chars[index] == " " { index += 1 }
        }
        guard index < chars.count, chars[index] == ")" else { return nil }
        if destination.hasPrefix("<") && destination.hasSuffix(">") { destination = String(destination.dropFirst().dropLast()) }
        return Parsed(text: String(chars[(start + 1)..<close]), destination: destination, title: title, end: index + 1)
    }

    /// The `]` matching the `[` at `start`, skipping nested brackets, escapes and code spans.
    private static func closingBracket(_ chars: [Character], from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < chars.count {
            switch chars[index] {
            case "\\": index += 1
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return index }
            case "`":
                let run = chars[index...].prefix(while: { $0 == "`" }).count
                index += run - 1
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The destination if it is safe to link to: http(s), mailto, fragment or relative paths.
    /// Other schemes (javascript:, data:, …) are refused and the text is shown unlinked.
    static func safeURL(_ destination: String) -> String? {
        let lower = destination.lowercased()
        for scheme in ["http://", "https://", "mailto:"] where lower.hasPrefix(scheme) { return destination }
        let beforeDelimiter = lower.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        return beforeDelimiter.contains(":") ? nil : destination
    }
}
