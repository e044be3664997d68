/// Renders a `DataTable` as an HTML table for notebooks. Numbers are shown with 4 significant
/// digits (the CSV export keeps full precision) and right-aligned; long tables show their first
/// and last rows with a row saying how many were left out.
enum HTMLTable {
    static func render(_ table: DataTable, caption: String?, maxRows: Int = 40) -> String {
        var html = "<div class=\"table-wrap\"><table>"
        if let caption { html += "<caption>" + HTML.escape(caption) + "</caption>" }
        html += "<thead><tr>"
        for column in table.columns {
            html += column.values.isNumeric ? "<th class=\"num\">" : "<th>"
            html += HTML.escape(column.name) + "</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in shownRows(table.rowCount, maxRows: maxRows) {
            guard let row else {
                let hidden = table.rowCount - (maxRows - 5) - 5
                html += "<tr class=\"gap\"><td colspan=\"\(max(table.columns.count, 1))\">… \(hidden) more rows …</td></tr>\n"
                continue
            }
            html += "<tr>" + table.columns.map { cell($0.values, row) }.joined() + "</tr>\n"
        }
        return html + "</tbody></table></div>"
    }

    /// Row indices to show; nil marks the place of the left-out rows.
    static func shownRows(_ count: Int, maxRows: Int) -> [Int?] {
        guard count > maxRows, maxRows > 10 else { return Array(0..<count) }
        let head = maxRows - 5
        return Array(0..<head) + [nil] + Array((count - 5)..<count)
    }

    private static func cell(_ values: ColumnValues, _ row: Int) -> String {
        switch values {
        case .doubles(let v): return "<td class=\"num\">" + number(v[row]) + "</td>"
        case .floats(let v): return "<td class=\"num\">" + number(Double(v[row])) + "</td>"
        case .integers(let v): return "<td class=\"num\">" + String(v[row]) + "</td>"
        case .strings(let v): return "<td>" + HTML.escape(v[row]) + "</td>"
        }
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e6 { return String(Int64(value)) }
        return DecimalValue.significant(value, digits: 4)
    }
}

/// Durations as people read them: "35 ms", "0.42 s", "12.3 s", "2 min 05 s", "1 h 02 min".
enum DurationText {
    static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 0.1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 10 { return DecimalValue.significant(seconds, digits: 2) + " s" }
        if seconds < 60 { return DecimalValue.significant(seconds, digits: 3) + " s" }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return "\(whole / 60) min " + twoDigits(whole % 60) + " s" }
        return "\(whole / 3600) h " + twoDigits((whole % 3600) / 60) + " min"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
