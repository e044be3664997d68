import MixFlowOps
import Runtime

/// The output sink of a notebook run: what a cell prints, its tables and plots are kept as that
/// cell's outputs; progress bars and warnings also go to the terminal's stderr (progress only
/// there: a report shows results, not bars).
final class NotebookOutput: InlinePlotOutput {
    private let terminal: TerminalOutput
    private var outputs: [CellOutput] = []

    init(terminal: TerminalOutput) {
        self.terminal = terminal
    }

    /// The outputs recorded since the last call, in order; starts the next cell.
    func takeOutputs() -> [CellOutput] {
        defer { outputs = [] }
        return outputs
    }

    func write(_ text: String) {
        // Consecutive writes join into one block, as a cell's printed output reads.
        if case .text(let previous) = outputs.last {
            outputs[outputs.count - 1] = .text(previous + text)
        } else {
            outputs.append(.text(text))
        }
    }

    func warning(_ message: String) {
        write("warning: \(message)\n")
        terminal.warning(message)
    }

    func table(_ table: OutputTable) {
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
