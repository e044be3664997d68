import MixFlowOps
/// Renders a `DataTable` as an HTML table for notebooks. Numbers are right-aligned and shown with
/// about 4 significant digits (the CSV export keeps full precision), with the same number of
/// decimals down a column when that loses nothing; long tables show their first and last rows
/// with a row saying how many were left out.
enum HTMLTable {
    static func render(_ table: DataTable, caption: String?, maxRows: Int = 40) -> String {
        var html = "<div class=\"table-wrap\">"
        if let caption { html += "<div class=\"caption\">" + HTML.escape(caption) + "</div>" }
        html += "<table><thead><tr>"
        for column in table.columns {
            html += column.values.isNumeric ? "<th class=\"num\">" : "<th>"
            html += HTML.escape(column.name) + "</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        let formats = table.columns.map { ColumnFormat(values: $0.values) }
        for row in shownRows(table.rowCount, maxRows: maxRows) {
            guard let row else {
                let hidden = table.rowCount - (maxRows - 5) - 5
                html += "<tr class=\"gap\"><td colspan=\"\(max(table.columns.count, 1))\">… \(hidden) more rows …</td></tr>\n"
                continue
            }
            html += "<tr>" + zip(table.columns, formats).map { cell($0.values, row, $1) }.joined() + "</tr>\n"
        }
        return html + "</tbody></table></div>"
    }

    /// Row indices to show; nil marks the place of the left-out rows.
    static func shownRows(_ count: Int, maxRows: Int) -> [Int?] {
        guard count > maxRows, maxRows > 10 else { return Array(0..<count) }
        let head = maxRows - 5
        return Array(0..<head) + [nil] + Array((count - 5)..<count)
    }

    private static func cell(_ values: ColumnValues, _ row: Int, _ format: ColumnFormat) -> String {
        let text = HTML.escape(cellText(values, row, format))
        return values.isNumeric ? "<td class=\"num\">" + text + "</td>" : "<td>" + text + "</td>"
    }

    /// One cell as text, numbers formatted for their column.
    static func cellText(_ values: ColumnValues, _ row: Int, _ format: ColumnFormat) -> String {
        switch values {
        case .doubles(let v): return format.text(v[row])
        case .floats(let v): return format.text(Double(v[row]))
        case .integers(let v): return String(v[row])
        case .strings(let v): return v[row]
        }
    }
}

/// How the numbers of one column are printed: with a fixed number of decimals giving the largest
/// value 4 significant digits, unless that would leave a smaller value with fewer than 2, in
/// which case each value gets its own 4 significant digits.
struct ColumnFormat {
    let decimals: Int?

    init(values: ColumnValues) {
        switch values {
        case .doubles(let v): decimals = Self.sharedDecimals(v)
        case .floats(let v): decimals = Self.sharedDecimals(v.map(Double.init))
        case .integers, .strings: decimals = 0
        }
    }

    static func sharedDecimals(_ values: [Double]) -> Int? {
        let magnitudes = values.filter { $0.isFinite && $0 != 0 }.map(abs)
        guard let largest = magnitudes.max(), let smallest = magnitudes.min() else { return 0 }
        if largest < 1e6 && values.allSatisfy({ !$0.isFinite || $0 == $0.rounded() }) { return 0 }
        let magnitude = Int(Foundation.log10(largest).rounded(.down))
        let decimals = max(0, 3 - magnitude)
        guard magnitude < 6, decimals <= 8, smallest * Foundation.pow(10, Double(decimals)) >= 10 else { return nil }
        return decimals
    }

    func text(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        guard let decimals else { return DecimalText.significant(value, digits: 4) }
        let scaled = (value * Foundation.pow(10, Double(decimals))).rounded()
        return DecimalText.fixed(mantissa: Int64(scaled), decimals: decimals)
    }
}

import Foundation

/// Durations as people read them: "35 ms", "0.42 s", "12.3 s", "2 min 05 s", "1 h 02 min".
enum DurationText {
    static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 0.1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 10 { return DecimalText.significant(seconds, digits: 2) + " s" }
        if seconds < 60 { return DecimalText.significant(seconds, digits: 3) + " s" }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return "\(whole / 60) min " + twoDigits(whole % 60) + " s" }
        return "\(whole / 3600) h " + twoDigits((whole % 3600) / 60) + " min"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

extension HTMLTable {
    /// The table as aligned text with the same number formatting as the HTML (numbers
    /// right-aligned), for `text/plain` outputs.
    static func plainText(_ table: DataTable, caption: String?) -> String {
        let formats = table.columns.map { ColumnFormat(values: $0.values) }
        let columns = zip(table.columns, formats).map { column, format in
            [column.name] + (0..<table.rowCount).map { cellText(column.values, $0, format) }
        }
        let widths = columns.map { $0.map(\.count).max() ?? 0 }
        func line(_ row: Int) -> String {
            var cells: [String] = []
            for (index, column) in columns.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - column[row].count)
                cells.append(table.columns[index].values.isNumeric ? padding + column[row] : column[row] + padding)
            }
            var text = cells.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = caption.map { [$0] } ?? []
        lines.append(line(0))
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += (0..<table.rowCount).map { line($0 + 1) }
        return lines.joined(separator: "\n") + "\n"
    }
}
