#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the records of a CSV file (RFC 4180) in fixed-size chunks, so the text is never held
/// whole: only the current chunk plus the unfinished record carried over from the previous one.
///
/// Fields are delimiter-separated; a field may be quoted with `"`, inside which delimiters and
/// line breaks are literal and `""` stands for one quote. Records end at LF, CRLF or CR. Lines
/// that are completely empty are skipped. A bare `"` inside an unquoted field is kept literally.
/// After `nextRecord()` returns true, `fieldCount`, `field(_:)` and `recordLine` describe the
/// record until the next call; `field(_:)` views bytes in the reader's buffer (no copies).
///
/// A `replayable` reader keeps every byte it has read until `rewind()`, which starts the records
/// again from the first byte: the loader sniffs the separator and reads the header through it,
/// then rewinds and streams, so the file is opened and read once. That matters for a FIFO or a
/// device, which cannot be opened again to start over.
final class CSVRecordReader {
    let path: String
    private var delimiter: UInt8
    /// The largest of the delimiter, LF and CR.
    private var highestSeparator: UInt8
    /// Whether consumed bytes are kept for `rewind()`.
    private var replayable: Bool
    private let descriptor: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var filled = 0          // valid bytes in buffer
    private var position = 0        // start of the next unparsed record
    private var atEndOfFile = false
    private var checkedByteOrderMark = false
    private var nextLine = 1        // physical line where the next record starts
    private var spans: [FieldSpan] = []
    /// Holds one unescaped quoted field; grown on demand.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 256
    /// The 1-based line on which the current record starts.
    private(set) var recordLine = 0

    private struct FieldSpan {
        var start: Int
        var end: Int
        var hasEscapedQuotes: Bool
        var quoted: Bool
    }

    private enum ScanResult {
        case complete(next: Int, lineBreaks: Int)
        case needMoreBytes
    }

    init(path: String, delimiter: UInt8, chunkSize: Int = 1 << 22, replayable: Bool = false) throws(DataError) {
        self.path = path
        self.delimiter = delimiter
        self.replayable = replayable
        highestSeparator = max(delimiter, 0x0D)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "file not found" : String(cString: strerror(errno))
            throw DataError("cannot read '\(path)': \(reason)", path: path)
        }
        descriptor = fd
        capacity = chunkSize
        buffer = .allocate(capacity: chunkSize)
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit {
        buffer.deallocate()
        scratch.deallocate()
        close(descriptor)
    }

    var fieldCount: Int { spans.count }

    /// Changes the field separator (after sniffing it); records read so far are not re-split.
    func setDelimiter(_ byte: UInt8) {
        delimiter = byte
        highestSeparator = max(byte, 0x0D)
    }

    /// Starts the records again from the first byte of the file, and stops keeping consumed
    /// bytes (only once, on a `replayable` reader).
    func rewind() {
        precondition(replayable, "rewind() needs a replayable reader")
        replayable = false
        position = 0
        nextLine = 1
        recordLine = 0
        checkedByteOrderMark = false
    }

    /// The first line that is neither empty nor a `#` comment (without a byte-order mark), found
    /// in the first `limit` bytes, reading until a line break ends it; nil when there is none.
    /// For sniffing the separator of a `replayable` reader before its first record.
    func firstContentLine(limit: Int = 1 << 16) throws(DataError) -> [UInt8]? {
        precondition(replayable && position == 0, "firstContentLine() reads ahead of a replayable reader's first record")
        while true {
            let found = CSVRecordReader.firstContentLine(in: UnsafeBufferPointer(start: buffer, count: min(filled, limit)))
            if found?.ended == true || atEndOfFile || filled >= limit { return found?.line }
            try refill()
        }
    }

    /// The first line of `bytes` that is neither empty nor a comment, and whether a line break
    /// ends it within `bytes`.
    static func firstContentLine(in bytes: UnsafeBufferPointer<UInt8>) -> (line: [UInt8], ended: Bool)? {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            if end > start, bytes[start] != 0x23 { return (Array(bytes[start..<end]), end < bytes.count) }
            start = end + 1
        }
        return nil
    }

    /// Field `index` of the current record, unquoted and with `""` unescaped.
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        guard span.hasEscapedQuotes else {
            return UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start)
        }
        if span.end - span.start > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = span.end - span.start
            scratch = .allocate(capacity: scratchCapacity)
        }
        var i = span.start, count = 0
        while i < span.end {
            scratch[count] = buffer[i]
            count += 1
            i += buffer[i] == 0x22 ? 2 : 1   // "" -> "
        }
        return UnsafeBufferPointer(start: scratch, count: count)   // valid until the next field() call
    }

    func fieldString(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }

    /// Whether field `index` was written in quotes.
    func fieldWasQuoted(_ index: Int) -> Bool { spans[index].quoted }

    /// Advances to the next non-empty record; false at the end of the file. A UTF-8 byte-order
    /// mark at the start of the file (Excel writes one) and lines starting with `#` are skipped.
    func nextRecord() throws(DataError) -> Bool {
        while true {
            if !checkedByteOrderMark {
                guard filled >= 3 || atEndOfFile else { try refill(); continue }
                checkedByteOrderMark = true
                if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
            }
            if position == filled, atEndOfFile { return false }
            if position < filled, buffer[position] == 0x23 {   // '#': a comment line
                guard try skipLine() else { try refill(); continue }
                continue
            }
            switch try scanRecord(from: position) {
            case .needMoreBytes:
                try refill()
            case let .complete(next, lineBreaks):
                recordLine = nextLine
                nextLine += lineBreaks
                position = next
                let blank = spans.count == 1 && spans[0].end == spans[0].start && !spans[0].quoted
                if !blank { return true }
            }
        }
    }

    /// Moves past the line at `position` and its line break; false when the buffer ends first
    /// and more bytes may follow.
    private func skipLine() throws(DataError) -> Bool {
        var i = position
        while i < filled, buffer[i] != 0x0A, buffer[i] != 0x0D { i += 1 }
        if i == filled {
            guard atEndOfFile else { return false }
            position = i
            return true
        }
        if buffer[i] == 0x0D {
            guard i + 1 < filled || atEndOfFile else { return false }
            if i + 1 < filled, buffer[i + 1] == 0x0A { i += 1 }
        }
        position = i + 1
        nextLine += 1
        return true
    }

    /// Moves the unfinished record to the front of the buffer and reads more bytes after it,
    /// growing the buffer when a single record is longer than it (or, while `replayable`, when
    /// the bytes kept since the start fill it).
    private func refill() throws(DataError) {
        if position > 0, !replayable {
            let carried = filled - position
            buffer.update(from: buffer + position, count: carried)
            position = 0
            filled = carried
        }
        if filled == capacity {
            try checkRecordGrowth()
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = larger
            capacity *= 2
        }
        let count = read(descriptor, buffer + filled, capacity - filled)
        guard count >= 0 else {
            throw DataError("cannot read '\(path)': \(String(cString: strerror(errno)))", path: path, line: nextLine)
        }
        filled += count
        if count == 0 { atEndOfFile = true }
    }

    /// A record that would need a buffer over half the memory budget (a device such as
    /// /dev/zero, a binary file) is refused before the buffer doubles.
    private func checkRecordGrowth() throws(DataError) {
        guard capacity <= MemoryBudget.bytes / 4 else {
            throw DataError("record at line \(nextLine) is longer than \(capacity) bytes without ending, over the memory budget;"
                            + " is this a text CSV file?", path: path, line: nextLine)
        }
    }

    /// Scans one record starting at `start`, filling `spans`.
    private func scanRecord(from start: Int) throws(DataError) -> ScanResult {
        spans.removeAll(keepingCapacity: true)
        var i = start
        var lineBreaks = 0
        while true {
            var span: FieldSpan
            if i < filled, buffer[i] == 0x22 {
                guard let quoted = try scanQuoted(from: i, lineBreaks: &lineBreaks) else { return .needMoreBytes }
                span = quoted
                i = quoted.end + 1
            } else {
                var j = i
                while j < filled {
                    let byte = buffer[j]
                    // Digits, letters and '.' lie above every separator byte: one test for most bytes.
                    if byte > highestSeparator { j += 1; continue }
                    if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
                    j += 1
                }
                span = FieldSpan(start: i, end: j, hasEscapedQuotes: false, quoted: false)
                i = j
            }
            spans.append(span)
            if i == filled {
                guard atEndOfFile else { return .needMoreBytes }
                return .complete(next: i, lineBreaks: lineBreaks + 1)
            }
            let byte = buffer[i]
            if byte == delimiter { i += 1; continue }
            if byte == 0x0D {
                guard i + 1 < filled || atEndOfFile else { return .needMoreBytes }
                if i + 1 < filled, buffer[i + 1] == 0x0A { i += 1 }
            } else if byte != 0x0A {
                throw DataError("unexpected character '\(Character(Unicode.Scalar(byte)))' after a closing quote",
                                path: path, line: nextLine + lineBreaks, column: spans.count,
                                hint: "inside a quoted field write a quote as \"\"")
            }
            return .complete(next: i + 1, lineBreaks: lineBreaks + 1)
        }
    }

    /// A quoted field starting at the quote at `start`: its content span (end = index of the
    /// closing quote), or nil when the buffer ends first and more bytes may follow.
    private func scanQuoted(from start: Int, lineBreaks: inout Int) throws(DataError) -> FieldSpan? {
        var j = start + 1
        var escaped = false
        var breaks = 0
        while true {
            guard j < filled else {
                guard atEndOfFile else { return nil }
                throw DataError("the file ends inside a quoted field that starts here; the file may be truncated",
                                path: path, line: nextLine + lineBreaks, column: spans.count + 1,
                                hint: "close the field with a \"")
            }
            let byte = buffer[j]
            if byte == 0x22 {
                guard j + 1 < filled || atEndOfFile else { return nil }
                if j + 1 < filled, buffer[j + 1] == 0x22 {
                    escaped = true
                    j += 2
                    continue
                }
                lineBreaks += breaks
                return FieldSpan(start: start + 1, end: j, hasEscapedQuotes: escaped, quoted: true)
            }
            if byte == 0x0A || (byte == 0x0D && (j + 1 >= filled || buffer[j + 1] != 0x0A)) { breaks += 1 }
            j += 1
        }
    }
}
