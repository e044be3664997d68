import MixFlowOps
/// The notebook's style sheet: readable on a phone (fluid width, scrolling code, plots scaled to
/// the column), printable (no backgrounds, cells kept whole where possible). No web fonts, no
/// external resources.
enum NotebookStyle {
    static let css = """
    :root { --text: #1f2328; --muted: #59636e; --line: #d8dee4; --code-bg: #f6f8fa; --accent: #0072b2;
      --error: #b42318; --error-bg: #fef3f2; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body { margin: 0 auto; max-width: 920px; padding: 16px 20px 32px; color: var(--text); background: #ffffff;
      font: 16px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, "Liberation Sans", sans-serif; }
    header.doc { border-bottom: 1px solid var(--line); margin-bottom: 20px; padding-bottom: 8px; }
    header.doc h1 { font-size: 1.6em; margin: 0.2em 0; overflow-wrap: anywhere; }
    .meta { color: var(--muted); margin: 0.2em 0 0.6em; font-size: 0.92em; }
    .run-status.failed { color: var(--error); background: var(--error-bg); border-radius: 6px; padding: 6px 10px; }
    .cell { margin: 18px 0; }
    .cell.markdown h2 { font-size: 1.35em; margin: 1.1em 0 0.4em; }
    .cell.markdown h3 { font-size: 1.15em; margin: 1em 0 0.3em; }
    .cell.markdown h4, .cell.markdown h5, .cell.markdown h6 { font-size: 1em; margin: 0.9em 0 0.3em; }
    .cell.markdown p, .cell.markdown ul, .cell.markdown ol { margin: 0.5em 0; }
    .cell.markdown blockquote { margin: 0.6em 0; padding: 0 12px; border-left: 3px solid var(--line); color: var(--muted); }
    .cell.markdown a { color: var(--accent); }
    code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.88em; }
    :not(pre) > code { background: var(--code-bg); border-radius: 4px; padding: 0.1em 0.3em; }
    pre { margin: 0; padding: 10px 12px; overflow-x: auto; line-height: 1.45; }
    .cell.markdown pre { background: var(--code-bg); border-radius: 6px; }
    .cell.code { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
    .cell-head { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; padding: 4px 12px;
      background: var(--code-bg); border-bottom: 1px solid var(--line); color: var(--muted); font-size: 0.8em; }
    .cell-head .label { font-weight: 600; color: var(--accent); }
    .cell-head .time, .cell-head .badge { margin-left: auto; }
    .badge { border: 1px solid var(--line); border-radius: 10px; padding: 0 8px; background: #ffffff; }
    .error-badge { color: var(--error); border-color: var(--error); }
    pre.source { background: var(--code-bg); }
    pre.source code { font-size: 1em; }
    pre.output { border-top: 1px solid var(--line); }
    pre.error { border-top: 1px solid var(--line); color: var(--error); background: var(--error-bg); }
    .cell.not-run { opacity: 0.55; }
    .source .c { color: #6e7781; font-style: italic; }
    .source .s { color: #0a7a3a; }
    .source .n { color: #b35900; }
    .source .k { color: #8250df; font-weight: 600; }
    .source .f { color: #0550ae; }
    .table-wrap { overflow-x: auto; border-top: 1px solid var(--line); padding: 8px 12px; }
    table { border-collapse: collapse; font-size: 0.88em; font-variant-numeric: tabular-nums; }
    .caption { color: var(--muted); font-size: 0.88em; padding-bottom: 4px; }
    th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
    th { border-bottom: 2px solid var(--line); }
    .num { text-align: right; }
    tr.gap td { text-align: center; color: var(--muted); font-style: italic; }
    .plot-wrap { border-top: 1px solid var(--line); padding: 8px; overflow-x: auto; }
    figure.plot { margin: 0 auto; }
    figure.plot svg { display: block; width: 100%; height: auto; }
    footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.85em; }
    @media (max-width: 600px) {
      body { padding: 10px 10px 24px; font-size: 15px; }
      header.doc h1 { font-size: 1.3em; }
      pre { padding: 8px; }
      .plot-wrap { padding: 4px; }
      figure.plot svg { min-width: 480px; }
    }
    @media print {
      body { max-width: none; padding: 0; font-size: 10.5pt; }
      .cell { break-inside: avoid; }
      .cell.code { border-color: #999999; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; }
      .table-wrap, .plot-wrap { overflow: visible; }
      figure.plot { break-inside: avoid; }
      figure.plot svg { min-width: 0; }
      a { color: inherit; }
    }

    """
}
