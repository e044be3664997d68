import Foundation

/// Why an optimal-transport or distance computation refused its input. Every case names the
/// input (`"x"`, `"y"`, `"source weights"`, ...) and the place, and `description` says how to fix it.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A point set has no rows.
    case emptyInput(input: String)
    /// The two point sets live in spaces of different dimension.
    case dimensionMismatch(x: Int, y: Int)
    /// A coordinate is NaN or infinite (0-based row and column).
    case nonFinite(input: String, row: Int, column: Int)
    /// The dense cost matrix of an exact solve would exceed the memory budget.
    case costMatrixTooLarge(rows: Int, cols: Int, bytes: Int, budget: Int)
    /// The dense cost matrices of a Sinkhorn solve would exceed the memory budget.
    case sinkhornTooLarge(rows: Int, cols: Int, bytes: Int, budget: Int)
    /// Weights that are not a usable probability vector.
    case badWeights(input: String, reason: String)
    /// A vector or matrix has the wrong length or shape.
    case sizeMismatch(what: String, expected: String, got: String)
    /// An option outside its valid range.
    case invalidOption(name: String, reason: String)

    public var description: String {
        switch self {
        case .emptyInput(let input):
            return "\(input) has no points; distances need at least one point on each side"
        case .dimensionMismatch(let x, let y):
            return "point sets differ in dimension: x has \(x) columns, y has \(y)"
        case .nonFinite(let input, let row, let column):
            return "\(input) has a NaN or infinite coordinate at row \(row + 1), column \(column + 1)"
                + "; remove or fix that point first"
        case .costMatrixTooLarge(let rows, let cols, let bytes, let budget):
            return "exact OT between \(rows) and \(cols) points needs a \(rows)x\(cols) cost matrix"
                + " and solver copies (\(formatBytes(bytes))), over the memory budget of \(formatBytes(budget));"
                + " use `sinkhorn` or subsample the points"
        case .sinkhornTooLarge(let rows, let cols, let bytes, let budget):
            return "Sinkhorn between \(rows) and \(cols) points needs dense cost matrices of"
                + " \(formatBytes(bytes)), over the memory budget of \(formatBytes(budget));"
                + " subsample the points or raise the budget"
        case .badWeights(let input, let reason):
            return "\(input): \(reason)"
        case .sizeMismatch(let what, let expected, let got):
            return "\(what): expected \(expected), got \(got)"
        case .invalidOption(let name, let reason):
            return "option \(name): \(reason)"
        }
    }
}

/// `1536 MiB`-style sizes for messages.
func formatBytes(_ bytes: Int) -> String {
    let mib = Double(bytes) / 1_048_576
    if mib >= 1024 * 1024 * 1024 { return String(format: "%.1f PiB", mib / (1024 * 1024 * 1024)) }
    if mib >= 1024 * 1024 { return String(format: "%.1f TiB", mib / (1024 * 1024)) }
    if mib >= 1024 { return String(format: "%.1f GiB", mib / 1024) }
    if mib >= 1 { return String(format: "%.0f MiB", mib) }
    return "\(bytes) bytes"
}
