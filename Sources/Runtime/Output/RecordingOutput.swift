/// An output sink that keeps everything in memory, in order: for tests, for `:time`-style
/// captures, and as a starting point for the notebook renderer.
public final class RecordingOutput: OutputSink {
    public enum Event: Equatable, Sendable {
        case text(String)
        case warning(String)
        case table(OutputTable)
        case plot(OutputPlot)
        case progress(String)
    }

    public private(set) var events: [Event] = []

    public init() {}

    public func write(_ text: String) {
        // Consecutive text joins into one event so a cell's output reads as one block.
        if case .text(let previous) = events.last {
            events[events.count - 1] = .text(previous + text)
        } else {
            events.append(.text(text))
        }
    }

    public func warning(_ message: String) { events.append(.warning(message)) }
    public func table(_ table: OutputTable) { events.append(.table(table)) }
    public func plot(_ plot: OutputPlot) { events.append(.plot(plot)) }
    public func progress(_ line: String, final: Bool) {
        if final { events.append(.progress(line)) }
    }

    /// All ordinary text written so far, with tables rendered as text.
    public var text: String {
        events.map { event in
            switch event {
            case .text(let text): return text
            case .table(let table): return table.rendered()
            default: return ""
            }
        }.joined()
    }

    public func removeAll() { events.removeAll() }
}
