/// A sweep file (plan, record, log, table, lock) that cannot be written or read; the message
/// names the file and why.
struct RecordError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
