import MixFlowOps

/// A cell output in Jupyter's terms (nbformat 4 and the messaging protocol share them): printed
/// text is a `stream`, tables and plots are `display_data` with a MIME bundle.
public enum JupyterOutput {
    case stream(name: String, text: String)
    case display(data: [String: String])

    public init(_ output: CellOutput) {
        switch output {
        case .text(let text): self = .stream(name: "stdout", text: text)
        case let .table(table, caption):
            self = .display(data: JupyterOutput.tableBundle(table, caption: caption))
        case .chart(let chart): self = .display(data: JupyterOutput.svgBundle(chart.svg()))
        case .svg(let svg): self = .display(data: JupyterOutput.svgBundle(svg))
        }
    }

    /// A table as HTML (what notebooks show) and aligned text (what terminals and diffs show).
    public static func tableBundle(_ table: DataTable, caption: String?) -> [String: String] {
        ["text/html": HTMLTable.render(table, caption: caption), "text/plain": HTMLTable.plainText(table, caption: caption)]
    }

    /// A plot as SVG, with a text stand-in for front ends that show no images.
    public static func svgBundle(_ svg: String) -> [String: String] {
        ["image/svg+xml": SVGDocument.inlineFragment(svg), "text/plain": "<plot: SVG image>"]
    }

    /// The nbformat 4 JSON object of this output.
    var json: [String: Any] {
        switch self {
        case let .stream(name, text):
            return ["output_type": "stream", "name": name, "text": Ipynb.lines(text)]
        case .display(let data):
            return ["output_type": "display_data", "metadata": [String: Any](),
                    "data": data.mapValues { Ipynb.lines($0) as Any }]
        }
    }
}
