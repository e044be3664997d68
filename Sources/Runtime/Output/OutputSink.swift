/// Where everything a script shows goes. The runtime never prints: the terminal front end
/// writes to stdout/stderr, the notebook renderer captures output per cell, tests record it.
///
/// Only `write` and `warning` are required; tables, plots and progress have text defaults.
public protocol OutputSink: AnyObject {
    /// Ordinary output (`print`, echoed results). The text carries its own newlines.
    func write(_ text: String)

    /// The value of a bare expression, echoed in the REPL and in notebook cells (text with its
    /// newline). The default writes it; a Jupyter kernel sends it as the cell's result.
    func echoed(_ text: String)

    /// A warning that does not stop the script ("history file unwritable", "3 points clipped").
    func warning(_ message: String)

    /// A table of results, e.g. a metric per condition with the mean.
    func table(_ table: OutputTable)

    /// A plot that was written to `plot.path`; `plot.svg` is its SVG text for inline display.
    func plot(_ plot: OutputPlot)

    /// A progress line from `ProgressBar`. `final` is true for the summary line when the work
    /// ends (or stops). Non-final lines are only sent when `showsLiveProgress` is true.
    func progress(_ line: String, final: Bool)

    /// True when a live, redrawn progress bar makes sense (a terminal on stderr).
    var showsLiveProgress: Bool { get }

    /// A named outcome declared by `result(name, value)`. The default shows `name = value`; the
    /// command line also records it when it runs as one run of a sweep. Throws when recording
    /// fails (the message is shown as the error of the `result` call).
    func result(_ name: String, _ value: Value) throws
}

extension OutputSink {
    public func echoed(_ text: String) { write(text) }
    public func table(_ table: OutputTable) { write(table.rendered()) }
    public func plot(_ plot: OutputPlot) {
        if let path = plot.path { write("wrote \(path)\n") }
    }
    public func progress(_ line: String, final: Bool) {
        if final { write(line + "\n") }
    }
    public var showsLiveProgress: Bool { false }
    public func result(_ name: String, _ value: Value) throws {
        write(name + " = " + value.displayString + "\n")
    }
}

/// A table for display: column headers and rows of cells (already formatted text).
public struct OutputTable: Equatable, Sendable {
    public var title: String?
    public var headers: [String]
    public var rows: [[String]]

    public init(title: String? = nil, headers: [String], rows: [[String]]) {
        self.title = title
        self.headers = headers
        self.rows = rows
    }

    /// Plain text with aligned columns; columns whose cells are all numbers are right-aligned
    /// (header included), others left-aligned.
    public func rendered() -> String {
        let columns = headers.count
        var widths = headers.map(\.count)
        var numeric = Array(repeating: true, count: columns)
        for row in rows {
            for (index, cell) in row.prefix(columns).enumerated() {
                widths[index] = max(widths[index], cell.count)
                if !cell.isEmpty, Double(cell) == nil { numeric[index] = false }
            }
        }
        func line(_ cells: [String]) -> String {
            (0..<columns).map { index in
                let cell = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return numeric[index] ? padding + cell : cell + padding
            }.joined(separator: "  ").trailingSpacesRemoved
        }
        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(line(headers))
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A plot: its SVG text and, when it was saved, the file it was written to.
public struct OutputPlot: Equatable, Sendable {
    public var svg: String
    public var path: String?
    public var title: String?
    public init(svg: String, path: String?, title: String? = nil) {
        self.svg = svg
        self.path = path
        self.title = title
    }
}

extension String {
    var trailingSpacesRemoved: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
