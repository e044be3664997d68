import Lang
import MixFlowOps

/// A domain value that draws itself when it comes first in `plot x ...`: a training history
/// (loss curves over phase bands), a mixture base (modes and sigma circles over data), samples
/// with trajectories. Point sets and metric tables need no conformance: `plot` draws them as
/// scatter plots and grouped bars.
///
/// The value receives every plotted item (itself first) with its label, the common options,
/// and the values of the keywords `plot` declares for it (`PlotBindings.subOptions`, each
/// limited to the kinds of value it applies to); it returns a MixFlowOps `Chart`. A history:
///
///     extension HistoryValue: Plottable {
///         func chart(for request: PlotRequest) throws -> Chart {
///             let smoothing = request.int("smoothing")
///             var options = request.options
///             options.logY = request.isGiven("log") ? options.logY : true
///             return .figure(history.figure(smoothing: smoothing, options: options))
///         }
///     }
public protocol Plottable: DomainObject {
    func chart(for request: PlotRequest) throws -> Chart
}

/// What `plot` was asked to draw.
public struct PlotRequest {
    /// One plotted value with its legend label: the `labels=` entry, else the expression as
    /// written (`gen`, `parts.test`), else the value's role ("data").
    public struct Item {
        public var value: Value
        public var label: String
        /// Where the value was written in the call, for errors about it.
        public var span: Span
    }

    public var items: [Item]
    /// Title, axis labels, log scales, size, columns, legend: from the call's keywords.
    public var options: PlotOptions
    /// How point sets are split into panels: "auto", "condition", "none", or a field name.
    public var by: String
    /// Most points drawn per layer per panel (evenly thinned beyond it).
    public var maxPoints: Int
    /// The metric column to draw from metric tables (`metric="w2"`), if given.
    public var metric: String?
    /// Values of `plot`'s keywords for values that draw themselves (`smoothing=`), given or
    /// default; the evaluator has checked that each given one applies to the first value.
    public var subOptions: [String: Value]
    /// Keywords written in the call (as opposed to defaulted).
    public var givenKeywords: Set<String>
    /// The plot goes into a notebook page (about 900 px wide) rather than a file of its own.
    public var embedded: Bool

    /// Whether the keyword `name` was written in the call.
    public func isGiven(_ name: String) -> Bool { givenKeywords.contains(name) }

    /// An integer sub-option (declared `.int`, so present and whole); 0 when it is not declared.
    public func int(_ name: String) -> Int {
        guard case .number(let number)? = subOptions[name], abs(number) < 9e15 else { return 0 }
        return Int(number)
    }
}
