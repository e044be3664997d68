import MixFlowOps
@testable import Notebook

/// A notebook like `mfsh notebook examples/letters.mf` would make, built by hand.
enum SampleNotebook {
    static func document(failing: Bool = true) -> NotebookDocument {
        var cells: [NotebookCell] = [
            .markdown("""
            # Letters: does a mixture base help on unseen rotations?
            We train **MixFlow** and a *CFM* baseline on rotated letters and compare them on
            held-out angles. See [the paper](https://arxiv.org/abs/2601.11827) and `design.md`.

            - data: 3 letters × 4 angles
            - metrics: `w2`, `mmd` (RBF, 6 bandwidths)
            """),
            .code(CodeCell(source: """
            data  = load "letters" letters="AET" angles=0:360:90 points=1000 seed=1
            parts = holdout data angle=[90]   # test = held-out conditions
            """, firstLine: 7, outputs: [.text("dataset letters: 12 conditions x 1000 points in R^2")], seconds: 0.031)),
            .code(CodeCell(source: """
            mix = mixflow base hidden=[128, 128] seed=2
            train mix parts.train phases=(warmup: 300, alternate: 2400, cooldown: 300) lr=1e-3
            plot mix.history
            """, firstLine: 9, outputs: [
                .text("trained mixflow: 3000 steps in 41.2 s (72.8 steps/s), final L_OT 0.173"),
                .svg(SampleNotebook.figure("training history", width: 640)),
            ], seconds: 41.7)),
            .markdown("## Results\nW2 per held-out condition, lower is better.\n\n1. MixFlow\n2. CFM"),
            .code(CodeCell(source: """
            for m in [mix, cfm] {
                print m.name, w2(gen, parts.test).mean
            }
            w2(gen, parts.test)
            """, firstLine: 14, outputs: [
                .text("mixflow 0.207\ncfm 0.281"),
                .table(metricTable(), caption: "W2 (exact, 1000 vs 1000 points) per condition"),
                .svg(SampleNotebook.figure("W2 per condition", width: 560)),
            ], seconds: 3.2)),
            .code(CodeCell(source: "plot gen parts.test to=\"letters.svg\"", firstLine: 19,
                           outputs: [.text("wrote letters.svg"), .svg(SampleNotebook.figure("letters at 90°", width: 720))],
                           seconds: 0.4)),
        ]
        if failing { cells += failingCells() }
        return NotebookDocument(title: "letters.mf", date: "2025-06-01 14:03 UTC", seed: "1", arguments: ["quick", "seed=2"],
                                totalSeconds: 45.4, cells: cells,
                                versions: [.init("mfsh", "0.1.0"), .init("Swift", "6.3.1"), .init("OpenBLAS", "0.3.26")])
    }

    /// A cell with an unknown keyword, then cells that never run.
    static func failingCells() -> [NotebookCell] {
        [
            .code(CodeCell(source: "base = gmm_base components=8 sigam=0.1", firstLine: 20, outputs: [],
                           seconds: 0.001, status: .failed("""
                letters.mf:20:30: error: unknown keyword 'sigam' for gmm_base
                20 | base = gmm_base components=8 sigam=0.1
                   |                              ^~~~~ did you mean 'sigma'?
                """))),
            .markdown("Cells after an error are shown but not run."),
            .code(CodeCell(source: "save gen \"generated.csv\"", firstLine: 22, outputs: [.text("should not be shown")])),
        ]
    }

    /// A small stand-in for a plot (the plots themselves are tested in MixFlowOpsTests).
    static func figure(_ title: String, width: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="200" viewBox="0 0 \(width) 200">
        <rect x="10" y="10" width="\(width - 20)" height="180" fill="none" stroke="#555555"/>
        <text x="20" y="30">\(title)</text>
        </svg>
        """
    }

    static func metricTable() -> DataTable {
        try! DataTable(columns: [
            TableColumn("condition", .strings(["A @ 90", "E @ 90", "T @ 90", "mean"])),
            TableColumn("n", .integers([1000, 1000, 1000, 3000])),
            TableColumn("mixflow", .doubles([0.18349, 0.20417, 0.16602, 0.18456])),
            TableColumn("cfm", .doubles([0.24411, 0.28703, 0.23099, 0.25404])),
        ])
    }
}
