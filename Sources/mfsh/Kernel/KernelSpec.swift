import Foundation
import MixFlowOps

/// `mfsh kernel install`: the kernelspec that lets Jupyter (JupyterLab, Notebook, VS Code,
/// nbclient) start this mfsh as the kernel "mfsh (MixFlow)". The spec runs this very binary
/// by its absolute path, so it keeps working from any directory.
enum KernelSpec {
    enum Location: Equatable {
        /// `PREFIX/share/jupyter/kernels/mfsh` with PREFIX /usr/local (Jupyter's system path).
        case system
        /// The user's Jupyter data directory: `$JUPYTER_DATA_DIR`, else `~/.local/share/jupyter`.
        case user
        /// `DIR/share/jupyter/kernels/mfsh` (for a virtual environment or a test's JUPYTER_PATH).
        case prefix(String)

        var kernelsDirectory: String {
            switch self {
            case .system: return "/usr/local/share/jupyter/kernels"
            case .user:
                let data = ProcessInfo.processInfo.environment["JUPYTER_DATA_DIR"]
                    ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share/jupyter")
                return (data as NSString).appendingPathComponent("kernels")
            case .prefix(let directory): return (directory as NSString).appendingPathComponent("share/jupyter/kernels")
            }
        }
    }

    static let name = "mfsh"
    static let displayName = "mfsh (MixFlow)"

    /// The kernel.json for `executable`. Interrupts come as `interrupt_request` messages on the
    /// control channel (a SIGINT works too).
    static func json(executable: String) -> String {
        let spec: [String: Any] = [
            "argv": [executable, "kernel", "-f", "{connection_file}"],
            "display_name": displayName, "language": "mf", "interrupt_mode": "message",
            "metadata": ["debugger": false],
        ]
        let data = try! JSONSerialization.data(withJSONObject: spec, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// This program's absolute path (Linux: /proc/self/exe; elsewhere argv[0] made absolute).
    static func runningExecutable() -> String {
        if FileManager.default.fileExists(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath().path
    }

    static func install(at location: Location, output: TerminalOutput) -> Int32 {
        let directory = (location.kernelsDirectory as NSString).appendingPathComponent(name)
        let executable = runningExecutable()
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            output.writeError("mfsh: cannot create '\(directory)': \(error.localizedDescription)\n")
            return 73
        }
        let file = (directory as NSString).appendingPathComponent("kernel.json")
        do {
            try AtomicFile.write(json(executable: executable), to: file)
        } catch {
            output.writeError("mfsh: \(error)\n")
            return 73
        }
        output.write("installed the Jupyter kernel '\(displayName)' in \(directory)\n")
        return 0
    }
}
