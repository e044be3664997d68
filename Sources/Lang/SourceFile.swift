/// A half-open range of UTF-8 byte offsets `[start, end)` into a `SourceFile`'s text.
///
/// Byte offsets (not `String.Index`) keep spans cheap to store and compare, stable across
/// copies of the text, and meaningful to anything that holds the same bytes.
public struct Span: Hashable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "span start \(start) is after its end \(end)")
        self.start = start
        self.end = end
    }

    /// A zero-width span at `offset` (used for "expected X here" at a position).
    public static func point(_ offset: Int) -> Span { Span(offset, offset) }

    public var length: Int { end - start }

    /// The smallest span covering both.
    public func union(_ other: Span) -> Span { Span(min(start, other.start), max(end, other.end)) }

    public var description: String { "\(start)..<\(end)" }
}

/// A 1-based line and column; columns count Unicode scalars from the line start, so a caret drawn
/// under a non-ASCII line still lands under the right character in a terminal.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

/// The text of one script (a file, a `-e` argument, or a REPL entry) with a line table for
/// turning byte offsets into lines and columns. Immutable, shared by reference.
public final class SourceFile: Sendable, Hashable, CustomStringConvertible {
    /// Name shown in diagnostics: a path, `<stdin>`, `<repl:3>` or `<-e>`.
    public let name: String
    public let text: String
    /// The text as bytes; spans index into this.
    public let bytes: [UInt8]
    /// Byte offset of the first character of each line.
    public let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    public var description: String { name }

    public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// 1-based line containing `offset` (an offset at the very end belongs to the last line).
    public func line(of offset: Int) -> Int {
        // Binary search for the last line start <= offset.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let line = line(of: clamped)
        let start = lineStarts[line - 1]
        let column = String(decoding: bytes[start..<clamped], as: UTF8.self).unicodeScalars.count + 1
        return SourceLocation(line: line, column: column)
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text a span covers.
    public func text(of span: Span) -> String {
        let start = max(0, min(span.start, bytes.count))
        let end = max(start, min(span.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
