/// What a MixFlowOps error tells the person who asked, in fields a front end can place rather
/// than text it has to take apart: what went wrong, where in a file, how to fix it, which option
/// it concerns and which file. The script bindings point the diagnostic at the keyword that set
/// `optionKey` (docs/design.md, "Errors across the seam").
public protocol ReportedError: Error, CustomStringConvertible {
    /// What went wrong, without the place in a file and without the hint.
    var message: String { get }
    /// Where in a file, when the error sits at one place: `data.csv:17:3 (column 'x')`.
    var place: String? { get }
    /// How to fix it, when there is something specific to say.
    var hint: String? { get }
    /// The option it concerns, by the name MixFlowOps gives it (`steps`, `phases.warmup`,
    /// `conditions per step`), or `data` for the points a model was given; nil for none.
    var optionKey: String? { get }
    /// The file involved, as it was named to MixFlowOps.
    var path: String? { get }
}

extension ReportedError {
    public var message: String { description }
    public var place: String? { nil }
    public var hint: String? { nil }
    public var optionKey: String? { nil }
    public var path: String? { nil }
}

// Errors whose message says everything (no place, hint, option or file of their own).
extension LinearAlgebraError: ReportedError {}
extension ODEError: ReportedError {}
extension MetricError: ReportedError {}
extension ClusterError: ReportedError {}
extension TransportError: ReportedError {}
extension TableError: ReportedError {}
extension MemoryBudgetExceeded: ReportedError {}

extension DataError: ReportedError {
    public var place: String? { location }
}

extension FlowError: ReportedError {
    public var optionKey: String? {
        switch self {
        case let .invalidOption(name, _, _): return name
        case .phasesForCFM: return "phases"
        case .dimensionMismatch, .descriptorMismatch, .noTrainingPoints, .nonFiniteData: return "data"
        default: return nil
        }
    }

    public var path: String? {
        if case let .badCheckpoint(path, _) = self { return path }
        return nil
    }
}

extension CheckpointError: ReportedError {
    public var path: String? {
        switch self {
        case let .cannotRead(path, _): return path
        case let .notACheckpoint(source), let .unsupportedVersion(source, _, _), let .truncated(source, _, _),
             let .checksumMismatch(source, _, _), let .malformed(source, _):
            return source
        case let .cannotWrite(error): return error.path
        case .missingEntry, .shapeMismatch, .typeMismatch: return nil
        }
    }
}

extension FileWriteError: ReportedError {
    public var hint: String? {
        switch self {
        case .missingDirectory: return "create the directory first, or write somewhere else"
        case .permissionDenied: return "choose a directory you can write to"
        case .failed, .notARegularFile, .protectedFile: return nil
        }
    }

    public var path: String? {
        switch self {
        case let .missingDirectory(path, _), let .permissionDenied(path), let .failed(path, _),
             let .notARegularFile(path, _, _), let .protectedFile(path, _):
            return path
        }
    }
}
