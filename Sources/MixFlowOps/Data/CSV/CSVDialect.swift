/// How a delimited text file is written: its separator and the cells that mean "no value".
struct CSVDialect {
    let delimiter: UInt8
    /// Cell texts (after trimming spaces and tabs) that mark a missing value.
    let missingMarkers: [[UInt8]]
    /// Whether a marker parses as a number (e.g. -999): then cells are checked for markers first.
    let hasNumericMarker: Bool

    /// The separators `sep=` may be sniffed as, most preferred first on a tie.
    static let sniffed: [UInt8] = [0x2C, 0x3B, 0x09]   // ',', ';', tab

    /// The dialect of the file `reader` reads (a replayable reader before its first record): the
    /// separator given, or sniffed from the reader's first line; the reader is set to split at it.
    init(reader: CSVRecordReader, delimiter: Character?, missing: [String]) throws(DataError) {
        if let delimiter {
            guard let byte = delimiter.asciiValue, byte != 0x22, byte != 0x0A, byte != 0x0D, byte != 0x23 else {
                throw DataError("sep= must be one ASCII character other than a quote, # or a line break, got '\(delimiter)'")
            }
            self.delimiter = byte
        } else {
            self.delimiter = CSVDialect.sniffDelimiter(firstLine: try reader.firstContentLine(), path: reader.path)
        }
        reader.setDelimiter(self.delimiter)
        missingMarkers = missing.map { Array($0.trimmed.utf8) }
        hasNumericMarker = missing.contains { NumberParsing.parseDouble($0) != nil }
    }

    /// Whether `bytes` (a cell) is a missing-value marker.
    func isMissing(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        let cell = UnsafeBufferPointer(rebasing: bytes[start..<end])
        return missingMarkers.contains { $0.count == cell.count && $0.elementsEqual(cell) }
    }

    /// The separator `line` (a file's first line that is not a comment, nil when it has none)
    /// uses: whichever of `,` `;` tab occurs most often outside quotes; when none does, tab for
    /// `.tsv` and comma otherwise.
    static func sniffDelimiter(firstLine line: [UInt8]?, path: String) -> UInt8 {
        let fallback: UInt8 = path.lowercased().hasSuffix(".tsv") ? 0x09 : 0x2C
        guard let line else { return fallback }
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in line {
            if byte == 0x22 { quoted.toggle() }
            if !quoted, sniffed.contains(byte) { counts[byte, default: 0] += 1 }
        }
        guard let best = sniffed.max(by: { counts[$0, default: 0] < counts[$1, default: 0] }), counts[best, default: 0] > 0 else {
            return fallback
        }
        // On a tie, the earlier in `sniffed` wins (max returns the last maximum, so look again).
        let top = counts[best]!
        return sniffed.first { counts[$0, default: 0] == top } ?? best
    }
}
