import Lang
import MixFlowOps

/// The one bridge from MixFlowOps errors (`ReportedError`) to diagnostics: the place in a file
/// leads the message, the hint stays the hint, and the option the error concerns picks the
/// keyword the diagnostic points at.
extension RuntimeError {
    /// A MixFlowOps error at `span` (nil: the call, filled in by the evaluator).
    public init(_ error: any ReportedError, at span: Span? = nil) {
        self.init(error.place.map { "\($0): \(error.message)" } ?? error.message, at: span, hint: error.hint)
    }
}

extension Arguments {
    /// A MixFlowOps error at the keyword that set the option it concerns, else at the call.
    /// `keywords` names the keyword where MixFlowOps calls the option otherwise
    /// (`"conditions per step": "conditions"`); `phases.warmup` concerns `phases`.
    public func error(_ reported: any ReportedError, keywords: [String: String] = [:]) -> RuntimeError {
        guard let key = reported.optionKey else { return RuntimeError(reported, at: callSpan) }
        let keyword = keywords[key] ?? String(key.prefix { $0 != "." })
        return RuntimeError(reported, at: isGiven(keyword) ? span(of: keyword) : callSpan)
    }
}
