import Foundation

/// One run of a local sweep: its mfsh process, started from its `RunCommand`. Foundation's
/// `Process` puts the child in a process group of its own, so a Ctrl-C at the terminal reaches
/// only the sweep, which then asks each child to stop (a child that got the key press directly
/// and then the sweep's request too would take it as a second Ctrl-C and quit without stopping
/// cleanly).
final class ChildRun {
    let combination: Combination
    let name: String
    let started: Date
    private let process: Process

    /// Starts the run. `extraEnvironment` is added to the sweep's own environment along with the
    /// command's variables.
    init(combination: Combination, command: RunCommand, extraEnvironment: [String: String]) throws {
        self.combination = combination
        name = combination.name
        let log = try Self.openLog(command.logPath)
        process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        process.currentDirectoryURL = URL(fileURLWithPath: command.workingDirectory)
        var environment = ProcessInfo.processInfo.environment
        environment.merge(extraEnvironment) { $1 }
        environment.merge(command.environment) { $1 }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        started = Date()
        do {
            try process.run()
        } catch {
            throw RecordError("cannot start \(command.executable): \(error.localizedDescription)")
        }
        try? log.close()
    }

    var isRunning: Bool { process.isRunning }

    /// The exit status as a shell reports it: the code, or 128 + the signal that killed it.
    var exitStatus: Int32 {
        process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    var seconds: Double { Date().timeIntervalSince(started) }

    /// Ctrl-C for this run: it stops at its next safe point and exits with 130.
    func interrupt() { kill(process.processIdentifier, SIGINT) }

    /// For a run that does not stop when asked (a second Ctrl-C).
    func forceStop() { kill(process.processIdentifier, SIGKILL) }

    /// The log, created or truncated; only ever a regular file.
    private static func openLog(_ path: String) throws -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw RecordError("cannot create '\(path)': \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw RecordError("'\(path)' is not a regular file")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
