import MixFlowOps
import Notebook
import Runtime

/// The output sink of a notebook run: what a cell prints, its tables and plots are kept as that
/// cell's outputs; progress bars and warnings also go to the terminal's stderr (progress only
/// there: a report shows results, not bars). With `echo`, printed text and tables also go to
/// the terminal as they come (`mfsh notebook --echo`), so a long run can be followed.
final class NotebookOutput: InlinePlotOutput {
    private let terminal: TerminalOutput
    private let echo: Bool
    private var outputs: [CellOutput] = []
    /// Where `plot ... to="name.svg"` writes: the report's folder.
    let plotDirectory: String?

    init(terminal: TerminalOutput, echo: Bool = false, plotDirectory: String? = nil) {
        self.terminal = terminal
        self.echo = echo
        self.plotDirectory = plotDirectory
    }

    /// The outputs recorded since the last call, in order; starts the next cell.
    func takeOutputs() -> [CellOutput] {
        defer { outputs = [] }
        return outputs
    }

    func write(_ text: String) {
        if echo { terminal.write(text) }
        record(text)
    }

    /// A warning goes into the cell and to the terminal's stderr once (not echoed again).
    func warning(_ message: String) {
        record("warning: \(message)\n")
        terminal.warning(message)
    }

    /// Consecutive texts join into one block, as a cell's printed output reads.
    private func record(_ text: String) {
        if case .text(let previous) = outputs.last {
            outputs[outputs.count - 1] = .text(previous + text)
        } else {
            outputs.append(.text(text))
        }
    }

    func table(_ table: OutputTable) {
        if echo { terminal.table(table) }
        outputs.append(.table(NotebookOutput.dataTable(table), caption: table.title))
    }

    func plot(_ plot: OutputPlot) {
        if let path = plot.path { write("wrote \(path)\n") }
        outputs.append(.svg(plot.svg))
    }

    func progress(_ line: String, final: Bool) {
        terminal.progress(line, final: final)
    }

    var showsLiveProgress: Bool { terminal.showsLiveProgress }

    /// A display table as columns: numbers where every cell of a column is one (so the report
    /// aligns and rounds them), text otherwise.
    static func dataTable(_ table: OutputTable) -> DataTable {
        let columns = table.headers.indices.map { column -> TableColumn in
            let cells = table.rows.map { column < $0.count ? $0[column] : "" }
            let numbers = cells.compactMap(Double.init)
            let values: ColumnValues = numbers.count == cells.count && !cells.isEmpty ? .doubles(numbers) : .strings(cells)
            return TableColumn(table.headers[column], values)
        }
        // Every column has one cell per row, so the lengths agree.
        return (try? DataTable(columns: columns)) ?? (try! DataTable(columns: []))
    }
}
