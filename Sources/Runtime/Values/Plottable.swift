import Lang
import MixFlowOps

/// A domain value that draws itself when it comes first in `plot x ...`: a training history
/// (loss curves over phase bands), a mixture base (modes and sigma circles over data), samples
/// with trajectories. Point sets and metric tables need no conformance: `plot` draws them as
/// scatter plots and grouped bars.
///
/// The value receives every plotted item (itself first) with its label, the common options,
/// and any extra `name=value` options written in the call; it returns a MixFlowOps `Chart`.
/// A history, for example:
///
///     extension HistoryValue: Plottable {
///         func chart(for request: PlotRequest) throws -> Chart {
///             try request.rejectOptions(except: ["smoothing"])
///             let smoothing = try request.intOption("smoothing") ?? 25
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
    /// Keywords of the call that `plot` itself does not know, for the drawing value to read.
    public var extraOptions: [Arguments.OtherKeyword]
    /// Keywords written in the call (as opposed to defaulted).
    public var givenKeywords: Set<String>
    /// The plot goes into a notebook page (about 900 px wide) rather than a file of its own.
    public var embedded: Bool

    /// Whether the keyword `name` was written in the call.
    public func isGiven(_ name: String) -> Bool { givenKeywords.contains(name) }

    /// The extra option `name`, if it was given.
    public func option(_ name: String) -> Value? {
        extraOptions.first { $0.name == name }?.value
    }

    /// An extra integer option, if given; an error at the option when it is not an integer.
    public func intOption(_ name: String) throws(RuntimeError) -> Int? {
        guard let entry = extraOptions.first(where: { $0.name == name }) else { return nil }
        guard case .number(let number) = entry.value, number == number.rounded(), abs(number) < 1e15 else {
            throw RuntimeError("\(name)= must be an integer, got \(entry.value.echoString)", at: entry.span)
        }
        return Int(number)
    }

    /// Fails at the first extra option not in `allowed`, suggesting the closest known keyword.
    public func rejectOptions(except allowed: [String] = [], known: [String] = PlotRequest.plotKeywords) throws(RuntimeError) {
        for entry in extraOptions where !allowed.contains(entry.name) {
            let candidates = known + allowed
            let hint = suggestName(for: entry.name, among: candidates).map { "did you mean '\($0)'?" }
                ?? "plot takes: " + candidates.joined(separator: ", ")
            let what = items.first.map { " when plotting \($0.value.typeNameWithArticle)" } ?? ""
            throw RuntimeError("unknown keyword '\(entry.name)' for plot\(what)", at: entry.nameSpan, hint: hint)
        }
    }

    /// The keywords `plot` declares (a test checks they match its registry entry).
    public static let plotKeywords = ["to", "title", "labels", "by", "xlabel", "ylabel", "logx", "logy",
                                      "width", "height", "columns", "legend", "equal", "metric", "points"]
}
