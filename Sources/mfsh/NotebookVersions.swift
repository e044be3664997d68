import Foundation
import MixFlowOps
import Notebook

/// The versions a notebook's footer lists: mfsh, the Swift compiler it was built with, and the
/// numeric libraries it runs on (asked of the loaded libraries themselves, so the report says
/// what actually ran).
enum NotebookVersions {
    static func all() -> [NotebookDocument.Version] {
        var versions = [NotebookDocument.Version("mfsh", MfshVersion.string), NotebookDocument.Version("Swift", swiftVersion)]
        let blas = BLASEnvironment.current()
        versions.append(NotebookDocument.Version(blas.library, blas.version))
        if let hdf5 = hdf5Version() { versions.append(NotebookDocument.Version("HDF5", hdf5)) }
        return versions
    }

    static var swiftVersion: String {
        #if compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// From `H5get_libversion`.
    private static func hdf5Version() -> String? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "H5get_libversion") else { return nil }
        typealias GetVersion = @convention(c) (UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<UInt32>) -> Int32
        var (major, minor, release): (UInt32, UInt32, UInt32) = (0, 0, 0)
        guard unsafeBitCast(symbol, to: GetVersion.self)(&major, &minor, &release) >= 0 else { return nil }
        return "\(major).\(minor).\(release)"
    }
}
