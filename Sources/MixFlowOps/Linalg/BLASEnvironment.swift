import CBLAS
import CStartup

/// The BLAS the numerics run on, as the loaded library reports it (so what is shown is what ran):
/// for `mfsh --version`, the notebook header and the benchmark table.
public struct BLASEnvironment: Sendable, Equatable {
    /// "OpenBLAS".
    public var library: String
    /// "0.3.21", from `openblas_get_config()`.
    public var version: String
    /// The kernel set in use, from `openblas_get_corename()`: "Haswell", "SkylakeX", ...
    public var core: String
    /// Threads a BLAS call may use (`openblas_get_num_threads()`).
    public var threads: Int
    /// When the program replaced OpenBLAS's own kernel choice at start-up (Sources/CStartup),
    /// that choice, e.g. "Prescott"; nil when the library's choice is in use.
    public var replacedCore: String?
    /// The core requested at start-up in that case ("SkylakeX"); `core` differs from it only when
    /// the library did not take the request.
    public var requestedCore: String?

    public init(library: String, version: String, core: String, threads: Int,
                replacedCore: String? = nil, requestedCore: String? = nil) {
        self.library = library
        self.version = version
        self.core = core
        self.threads = threads
        self.replacedCore = replacedCore
        self.requestedCore = requestedCore
    }

    /// Asks the loaded library.
    public static func current() -> BLASEnvironment {
        let config = String(cString: openblas_get_config())
        let words = config.split(separator: " ")
        let version = words.count > 1 && words[0] == "OpenBLAS" ? String(words[1]) : "unknown version"
        return BLASEnvironment(library: "OpenBLAS", version: version, core: String(cString: openblas_get_corename()),
                               threads: Int(openblas_get_num_threads()),
                               replacedCore: mf_blas_replaced_core().map { String(cString: $0) },
                               requestedCore: mf_blas_requested_core().map { String(cString: $0) })
    }

    /// "OpenBLAS 0.3.21, core SkylakeX (selected at start-up; the library chose Prescott), 2 threads".
    public var summary: String {
        var note = ""
        if let replacedCore, let requestedCore {
            note = requestedCore.lowercased() == core.lowercased()
                ? " (selected at start-up; the library chose \(replacedCore))"
                : " (the library did not take \(requestedCore), requested at start-up)"
        }
        return "\(library) \(version), core \(core)\(note), \(threads) thread\(threads == 1 ? "" : "s")"
    }
}
