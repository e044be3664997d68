// The two lines under a diagnostic header: the source line and a marker under the span.
//
//   3 | base = gmm_base components=8 sigam=0.1
//     |                              ^~~~~ did you mean 'sigma'?
//
// `^` sits under the span's first character and `~` under the rest of it on that line (a span
// running onto later lines is underlined to the end of its first line). Tabs are expanded and
// wide characters counted as two cells so the marker lines up in a terminal. A line too long to
// show is cut to a window around the span, marked with "...".

struct SourceExcerpt {
    static let tabWidth = 4
    /// Lines longer than this many characters are shown as a window of that size.
    static let windowLength = 160
    /// How much of the window lies before the span's start.
    static let windowLead = 60

    let lineNumber: Int
    /// The part of the line shown (all of it unless it is long), from scalar `visibleStart`.
    let visible: [Unicode.Scalar]
    let visibleStart: Int
    /// Length of the whole line in scalars.
    let lineLength: Int
    /// Scalar offsets within the line of the span's start and of its end (clamped to the line).
    let startColumn: Int
    let endColumn: Int

    /// Works on bytes (counting UTF-8 lead bytes) and decodes only the visible window, so a
    /// 1 MB line costs a few linear scans, not a million-element array per diagnostic.
    init(_ location: Diagnostic.Location) {
        let file = location.file
        let bytes = file.bytes
        let start = max(0, min(location.span.start, bytes.count))
        let end = max(start, min(location.span.end, bytes.count))
        lineNumber = file.line(of: start)
        let lineStart = file.lineStarts[lineNumber - 1]
        var lineEnd = lineNumber < file.lineStarts.count ? file.lineStarts[lineNumber] - 1 : bytes.count
        if lineEnd > lineStart, bytes[lineEnd - 1] == ASCII.carriageReturn { lineEnd -= 1 }
        func scalars(upTo offset: Int) -> Int {
            var count = 0
            for index in lineStart..<max(lineStart, min(offset, lineEnd)) where bytes[index] & 0xC0 != 0x80 { count += 1 }
            return count
        }
        func byteOffset(ofScalar target: Int) -> Int {
            var count = 0
            var index = lineStart
            while index < lineEnd {
                if bytes[index] & 0xC0 != 0x80 {
                    if count == target { return index }
                    count += 1
                }
                index += 1
            }
            return lineEnd
        }
        lineLength = scalars(upTo: lineEnd)
        startColumn = scalars(upTo: start)
        endColumn = max(startColumn, scalars(upTo: end))
        let window = SourceExcerpt.window(lineLength: lineLength, around: startColumn)
        visibleStart = window.lowerBound
        let visibleBytes = bytes[byteOffset(ofScalar: window.lowerBound)..<byteOffset(ofScalar: window.upperBound)]
        visible = Array(String(decoding: visibleBytes, as: UTF8.self).unicodeScalars)
    }

    func lines(hint: String?, _ palette: Palette) -> [String] {
        let prefix = visibleStart > 0 ? "..." : ""
        var text = Array(prefix.utf8)
        var column = prefix.count
        var markerPad = 0
        var markerWidth = 0
        for (position, scalar) in visible.enumerated() {
            let offset = visibleStart + position
            if offset == startColumn { markerPad = column }
            let width = SourceExcerpt.append(scalar, atColumn: column, to: &text)
            column += width
            if offset >= startColumn, offset < endColumn { markerWidth += width }
        }
        if startColumn >= visibleStart + visible.count { markerPad = column }
        if visibleStart + visible.count < lineLength { text.append(contentsOf: "...".utf8) }
        let gutterWidth = String(lineNumber).count
        let bar = "\(palette.gutter)|\(palette.reset)"
        let marker = "^" + String(repeating: "~", count: max(0, markerWidth - 1))
        let sourceLine = "\(palette.gutter)\(lineNumber)\(palette.reset) \(bar) \(String(decoding: text, as: UTF8.self))"
        var markerLine = String(repeating: " ", count: gutterWidth) + " \(bar) "
            + String(repeating: " ", count: markerPad) + "\(palette.marker)\(marker)\(palette.reset)"
        if let hint { markerLine += " " + hint }
        return [SourceExcerpt.trimmingTrailingSpaces(sourceLine), markerLine]
    }

    /// The scalar offsets shown: the whole line, or a window around the span's start.
    static func window(lineLength: Int, around column: Int) -> Range<Int> {
        guard lineLength > windowLength else { return 0..<lineLength }
        let lower = max(0, min(column - windowLead, lineLength - windowLength))
        return lower..<(lower + windowLength)
    }

    /// Appends (as UTF-8) how a scalar is drawn at a display column: a tab as spaces to the next
    /// tab stop, a control character as `?`. Returns how many cells it takes.
    static func append(_ scalar: Unicode.Scalar, atColumn column: Int, to text: inout [UInt8]) -> Int {
        switch scalar.value {
        case 0x09:
            let width = tabWidth - column % tabWidth
            text.append(contentsOf: repeatElement(ASCII.space, count: width))
            return width
        case 0x20..<0x7F:
            text.append(UInt8(scalar.value))
            return 1
        case 0..<0x20, 0x7F:
            text.append(UInt8(ascii: "?"))
            return 1
        default:
            UTF8.encode(scalar) { text.append($0) }
            return cellWidth(scalar)
        }
    }

    /// Terminal cells a scalar occupies: 0 for combining marks, 2 for East Asian wide characters
    /// and emoji, else 1. An approximation of wcwidth that needs no tables.
    static func cellWidth(_ scalar: Unicode.Scalar) -> Int {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
