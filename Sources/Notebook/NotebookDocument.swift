import MixFlowOps
/// What a cell showed when it ran.
public enum CellOutput: Sendable {
    /// Printed text (and values echoed by bare expressions).
    case text(String)
    /// A table (metrics per condition, say), shown as an HTML table.
    case table(DataTable, caption: String?)
    /// A plot made in the cell, embedded inline.
    case chart(Chart)
    /// An SVG document produced elsewhere, embedded inline.
    case svg(String)
}

/// How a code cell ended.
public enum CellStatus: Sendable, Equatable {
    case ok
    /// The cell stopped with this error (already rendered for people, e.g. a diagnostic).
    case failed(String)
    /// The cell did not run because an earlier one failed (or the run was interrupted).
    case notRun
}

/// A cell of code with what it produced.
public struct CodeCell: Sendable {
    public var source: String
    /// Line number of the cell's first line in the script, shown in the cell header.
    public var firstLine: Int?
    public var outputs: [CellOutput]
    public var seconds: Double?
    public var status: CellStatus

    public init(source: String, firstLine: Int? = nil, outputs: [CellOutput] = [], seconds: Double? = nil,
                status: CellStatus = .ok) {
        self.source = source
        self.firstLine = firstLine
        self.outputs = outputs
        self.seconds = seconds
        self.status = status
    }
}

/// One cell of a notebook: Markdown text (from `##` comments) or code.
public enum NotebookCell: Sendable {
    case markdown(String)
    case code(CodeCell)
}

/// A notebook report: a script's cells in order with their outputs, rendered by `html()` into
/// one self-contained HTML file (inline CSS and SVG, no scripts, no network).
///
/// Once a code cell has failed, later code cells are shown as not run whatever their status, like
/// the script runner, which stops at the first error.
public struct NotebookDocument: Sendable {
    public struct Version: Sendable, Equatable {
        public var name: String
        public var version: String
        public init(_ name: String, _ version: String) {
            self.name = name
            self.version = version
        }
    }

    /// Shown as the page heading, e.g. the script's file name.
    public var title: String
    /// When the notebook ran, as the caller wants it shown (kept as text so output is reproducible).
    public var date: String?
    public var seed: String?
    /// The script's arguments as given on the command line (`quick`, `seed=2`); nil when not
    /// recorded, empty when there were none.
    public var arguments: [String]?
    /// Wall-clock seconds of the whole run.
    public var totalSeconds: Double?
    /// What the numerics ran on, shown in the header, e.g. "OpenBLAS 0.3.21, core Haswell, 2 threads".
    public var machine: String?
    public var cells: [NotebookCell]
    /// Shown in the footer, e.g. [("mfsh", "0.1.0"), ("Swift", "6.3"), ("OpenBLAS", "0.3.26")].
    public var versions: [Version]

    public init(title: String, date: String? = nil, seed: String? = nil, arguments: [String]? = nil, totalSeconds: Double? = nil,
                machine: String? = nil, cells: [NotebookCell] = [], versions: [Version] = []) {
        self.title = title
        self.date = date
        self.seed = seed
        self.arguments = arguments
        self.totalSeconds = totalSeconds
        self.machine = machine
        self.cells = cells
        self.versions = versions
    }

    /// The report as one HTML5 document that is also well-formed XML.
    public func html() -> String { NotebookRenderer(document: self).render() }

    /// Writes the report to `path` atomically: a Jupyter notebook (`ipynb()`) when the name ends
    /// in `.ipynb`, else `html()`.
    public func write(to path: String) throws(FileWriteError) {
        try AtomicFile.write(path.lowercased().hasSuffix(".ipynb") ? ipynb() : html(), to: path)
    }

    /// How the run was made, in the order the header shows it: date, arguments, seed, wall time,
    /// the number of code cells, the mfsh version, the BLAS core.
    var runFacts: [String] {
        var facts: [String] = []
        if let date { facts.append(date) }
        if let arguments { facts.append(arguments.isEmpty ? "no arguments" : "arguments: " + arguments.joined(separator: " ")) }
        if let seed { facts.append("seed " + seed) }
        if let totalSeconds { facts.append("wall time " + DurationText.format(totalSeconds)) }
        let codeCells = cells.filter { if case .code = $0 { return true } else { return false } }.count
        facts.append("\(codeCells) code cell" + (codeCells == 1 ? "" : "s"))
        if let mfsh = versions.first(where: { $0.name == "mfsh" }) { facts.append("mfsh " + mfsh.version) }
        if let machine { facts.append(machine) }
        return facts
    }
}
