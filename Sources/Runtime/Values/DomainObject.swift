/// A domain value that a binding hands to scripts: a dataset, a split, a base distribution, a
/// model, generated samples, a metric table, a plot, a training history.
///
/// Conform a `final class` that wraps the MixFlowOps type (identity matters: `train m ...` changes
/// the model every name for it sees). Only `typeName`, `summary` and `member(_:)` are required;
/// the rest have defaults that make the feature report a clear "not supported" error.
public protocol DomainObject: AnyObject {
    /// Short lowercase name used in messages and by `type(x)`: "dataset", "samples", "model".
    var typeName: String { get }

    /// One line describing the value, shown when it is echoed or printed:
    /// `samples 12000x2, 12 conditions`.
    var summary: String { get }

    /// The value of `x.name`, or nil when there is no such member (the evaluator then reports
    /// "no member" with a did-you-mean over `memberNames`). Throw `RuntimeError` for a member
    /// that exists but cannot be computed. Keep members cheap and free of side effects: tab
    /// completion reads them to offer the members of `x.a.`.
    func member(_ name: String) throws -> Value?

    /// Every member name, for completion after `.` and for did-you-mean.
    var memberNames: [String] { get }

    /// `x[letter="A", angle=90]`: the part matching every label. Labels are in source order.
    /// Default: not supported.
    func select(_ labels: [(String, Value)]) throws -> Value

    /// `x[i]`. Default: not supported.
    func index(_ index: Value) throws -> Value

    /// Elements for `for e in x`, or nil when the object is not iterable (the default).
    var elements: [Value]? { get }

    /// Writes the full display of the value when it is echoed in the REPL or a notebook (a
    /// metric table prints its table). Default: the one-line summary.
    func show(to output: any OutputSink)
}

extension DomainObject {
    public var memberNames: [String] { [] }

    public func select(_ labels: [(String, Value)]) throws -> Value {
        throw RuntimeError("\(withArticle(typeName)) cannot be selected by condition labels")
    }

    public func index(_ index: Value) throws -> Value {
        throw RuntimeError("\(withArticle(typeName)) cannot be indexed with [ ]")
    }

    public var elements: [Value]? { nil }

    public func show(to output: any OutputSink) {
        output.write(summary + "\n")
    }
}
