import Foundation
import Notebook
import Runtime

/// The output sink of a kernel execution: printed text becomes `stream` messages, echoed values
/// `execute_result`, tables and plots `display_data` (HTML + text, SVG), and progress bars one
/// display that each redraw updates in place (`update_display_data`). Plots are embedded, not
/// written, unless `to=` names a file.
final class KernelOutput: InlinePlotOutput {
    /// Sends one IOPub message of a type with its content, in reply to the current request.
    private let publish: (_ type: String, _ content: [String: Any]) -> Void
    var executionCount = 0
    private var progressDisplay: String?

    init(publish: @escaping (_ type: String, _ content: [String: Any]) -> Void) {
        self.publish = publish
    }

    /// Starts a new execution: the next progress bar gets a display of its own.
    func begin(executionCount: Int) {
        self.executionCount = executionCount
        progressDisplay = nil
    }

    func write(_ text: String) {
        stream("stdout", text)
    }

    func stream(_ name: String, _ text: String) {
        guard !text.isEmpty else { return }
        publish("stream", ["name": name, "text": text])
    }

    func warning(_ message: String) {
        stream("stderr", "warning: \(message)\n")
    }

    func echoed(_ text: String) {
        publish("execute_result", ["execution_count": executionCount, "data": ["text/plain": trimmedLine(text)], "metadata": [String: Any]()])
    }

    func table(_ table: OutputTable) {
        display(JupyterOutput.tableBundle(NotebookOutput.dataTable(table), caption: table.title))
    }

    func plot(_ plot: OutputPlot) {
        if let path = plot.path { write("wrote \(path)\n") }
        display(JupyterOutput.svgBundle(plot.svg))
    }

    /// The live line is shown as a display that later lines replace; the final summary line
    /// replaces it too, so a finished cell keeps one line per bar.
    func progress(_ line: String, final: Bool) {
        let content: [String: Any] = ["data": ["text/plain": line], "metadata": [String: Any]()]
        if let id = progressDisplay {
            publish("update_display_data", content.merging(["transient": ["display_id": id]]) { $1 })
        } else {
            let id = "mfsh-progress-" + UUID().uuidString.lowercased()
            progressDisplay = id
            publish("display_data", content.merging(["transient": ["display_id": id]]) { $1 })
        }
        if final { progressDisplay = nil }
    }

    var showsLiveProgress: Bool { true }

    private func display(_ data: [String: String]) {
        publish("display_data", ["data": data, "metadata": [String: Any]()])
    }

    private func trimmedLine(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
