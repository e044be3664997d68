import Foundation

/// What one run left in its results file.
struct RunRecord: Equatable {
    struct Result: Equatable {
        /// "number", "bool" or "string".
        var type: String
        var text: String
        /// Swift reads the CSV words NaN, Inf and -Inf back as well.
        var number: Double? { type == "number" ? Double(text) : nil }
    }

    /// Results in the order they were first declared (a later value with the same name replaces
    /// the earlier one in place).
    private(set) var results: [(name: String, value: Result)] = []
    /// Nil while the run has not ended (or died without anyone recording how).
    var exitStatus: Int32?
    var seconds: Double?
    var unreadableLines = 0

    mutating func setResult(_ name: String, _ value: Result) {
        if let index = results.firstIndex(where: { $0.name == name }) {
            results[index].value = value
        } else {
            results.append((name, value))
        }
    }

    func result(_ name: String) -> Result? { results.first { $0.name == name }?.value }

    var status: RunStatus { RunStatus(exitStatus: exitStatus) }

    static func == (lhs: RunRecord, rhs: RunRecord) -> Bool {
        lhs.results.map(\.name) == rhs.results.map(\.name) && lhs.results.map(\.value) == rhs.results.map(\.value)
            && lhs.exitStatus == rhs.exitStatus && lhs.seconds == rhs.seconds && lhs.unreadableLines == rhs.unreadableLines
    }
}

/// How a combination of a sweep stands.
enum RunStatus: String, Equatable {
    /// Exit status 0.
    case ok
    /// Any other exit status but 130.
    case failed
    /// Stopped by Ctrl-C (status 130, the shell's 128 + SIGINT).
    case interrupted
    /// Started, with no exit recorded: still running, or killed without a word.
    case unfinished
    /// Not started.
    case pending

    init(exitStatus: Int32?) {
        switch exitStatus {
        case nil: self = .unfinished
        case 0?: self = .ok
        case 130?: self = .interrupted
        default: self = .failed
        }
    }
}
