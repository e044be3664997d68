import Foundation

/// A note on the kernel's stderr (Jupyter shows it in its server log), from any thread: one
/// `write` to the descriptor, no shared `FILE *`.
func kernelLog(_ message: String) {
    let line = "mfsh kernel: " + message + "\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}
