import Foundation
import MixFlowOps

/// A notebook document as a Jupyter notebook, nbformat 4.5 (cell ids required): the run facts
/// as a first Markdown cell, `##` text as Markdown cells, code cells with their outputs (streams,
/// HTML tables, SVG plots, the error). Cells after a failure have no outputs and no execution
/// count, as in the HTML report. Keys are sorted so the same run writes the same bytes.
enum Ipynb {
    static func json(_ document: NotebookDocument) -> String {
        var cells: [[String: Any]] = [markdownCell(header(document), id: "run")]
        var stopped = false
        var codeNumber = 0
        for (index, cell) in document.cells.enumerated() {
            switch cell {
            case .markdown(let text):
                cells.append(markdownCell(text, id: "cell-\(index + 1)"))
            case .code(var code):
                codeNumber += 1
                if stopped { code.status = .notRun }
                if case .failed = code.status { stopped = true }
                cells.append(codeCell(code, number: codeNumber, id: "cell-\(index + 1)"))
            }
        }
        let notebook: [String: Any] = [
            "nbformat": 4, "nbformat_minor": 5, "cells": cells,
            "metadata": [
                "kernelspec": ["name": "mfsh", "display_name": "mfsh (MixFlow)", "language": "mf"],
                "language_info": ["name": "mf", "file_extension": ".mf", "mimetype": "text/x-mfsh"],
                "mfsh": runMetadata(document),
            ] as [String: Any],
        ]
        // Only strings, numbers, arrays and dictionaries go in, so serialization cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The title and how the run was made, as the HTML report's header shows them.
    private static func header(_ document: NotebookDocument) -> String {
        "# " + document.title + "\n\n" + document.runFacts.joined(separator: " · ")
            + (document.versions.isEmpty ? "" : "\n\nMade with " + document.versions.map { "\($0.name) \($0.version)" }.joined(separator: " · "))
    }

    private static func runMetadata(_ document: NotebookDocument) -> [String: Any] {
        var facts: [String: Any] = ["title": document.title]
        if let arguments = document.arguments { facts["arguments"] = arguments }
        if let date = document.date { facts["date"] = date }
        if let seed = document.seed { facts["seed"] = seed }
        if let seconds = document.totalSeconds { facts["wall_seconds"] = (seconds * 1000).rounded() / 1000 }
        if let machine = document.machine { facts["blas"] = machine }
        facts["versions"] = Dictionary(document.versions.map { ($0.name, $0.version) }, uniquingKeysWith: { first, _ in first })
        return facts
    }

    private static func markdownCell(_ text: String, id: String) -> [String: Any] {
        ["cell_type": "markdown", "id": id, "metadata": [String: Any](), "source": lines(text)]
    }

    private static func codeCell(_ code: CodeCell, number: Int, id: String) -> [String: Any] {
        var outputs: [[String: Any]] = []
        var metadata: [String: Any] = [:]
        if code.status != .notRun {
            outputs = code.outputs.map { JupyterOutput($0).json }
            if let seconds = code.seconds { metadata["mfsh"] = ["seconds": (seconds * 1000).rounded() / 1000] }
        }
        if case .failed(let message) = code.status {
            let traceback = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            outputs.append(["output_type": "error", "ename": "error", "evalue": errorLine(message), "traceback": traceback])
        }
        return ["cell_type": "code", "id": id, "metadata": metadata, "source": lines(code.source), "outputs": outputs,
                "execution_count": code.status == .notRun ? NSNull() as Any : number as Any]
    }

    /// The message of a rendered diagnostic (`file:1:2: error: message` gives `message`).
    static func errorLine(_ rendered: String) -> String {
        let first = rendered.split(separator: "\n").first.map(String.init) ?? rendered
        return first.range(of: "error: ").map { String(first[$0.upperBound...]) } ?? first
    }

    /// Text as nbformat's list of lines, each but the last keeping its line break.
    static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

extension NotebookDocument {
    /// The report as a Jupyter notebook (nbformat 4.5 JSON).
    public func ipynb() -> String { Ipynb.json(self) }
}
