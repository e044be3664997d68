// swift-tools-version:6.0
import PackageDescription

import Foundation

// Numerics are built with full optimisation; the hot kernels work on raw buffers, so
// exclusivity checking adds cost without catching anything the tests would not.
// On x86-64 the numerics are compiled for AVX2 + FMA (Haswell, 2013, and every AMD Zen): the
// vectorised exp/tanh loops of the activation kernels run twice as wide as with the SSE2
// baseline. OpenBLAS picks its own kernels at run time either way. -fno-math-errno lets
// Float.squareRoot() compile to a vector sqrt instead of a libm call kept for errno (glibc).
// CStartup (plain C, baseline x86-64) stops a release build on a CPU without x86-64-v3 with a
// message; MFSH_PORTABLE=1 at build time drops -target-cpu for such machines.
let portable = ProcessInfo.processInfo.environment["MFSH_PORTABLE"] == "1"
#if arch(x86_64)
let targetsX86_64_v3 = !portable
#else
let targetsX86_64_v3 = false
#endif
let numericsFlags: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked", "-Xcc", "-fno-math-errno"]
                     + (targetsX86_64_v3 ? ["-target-cpu", "haswell"] : []),
                 .when(configuration: .release)),
]
let startupSettings: [CSetting] = targetsX86_64_v3
    ? [.define("MFSH_REQUIRES_X86_64_V3", .when(configuration: .release))] : []

let package = Package(
    name: "mfsh",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mfsh", targets: ["mfsh"]),
        .library(name: "MixFlowOps", targets: ["MixFlowOps"]),
    ],
    targets: [
        // System libraries (Debian: libreadline-dev, libopenblas-dev, libhdf5-dev, libzmq3-dev,
        // libssl-dev).
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .systemLibrary(name: "CZMQ", path: "Sources/CZMQ"),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        // HDF5's headers and library come from pkg-config: Debian's hdf5.pc (an alternative pointing at
        // hdf5-serial.pc) and Homebrew's hdf5.pc both name them.
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", pkgConfig: "hdf5",
                       providers: [.apt(["libhdf5-dev"]), .brew(["hdf5"])]),

        // Start-up checks in plain C: CPU features, the x86-64-v3 guard, OpenBLAS's kernel choice.
        .target(name: "CStartup", cSettings: startupSettings),
        // Hand-written AVX-512 loops, chosen at run time (see CKernels.h).
        .target(name: "CKernels"),

        .target(name: "Lang"),
        .target(name: "MixFlowOps", dependencies: ["CBLAS", "CHDF5", "CStartup", "CKernels"], swiftSettings: numericsFlags),
        .target(name: "Runtime", dependencies: ["Lang", "MixFlowOps"]),
        // Notebook documents: the HTML report, .ipynb, Markdown, .mf highlighting from Lang's lexer.
        .target(name: "Notebook", dependencies: ["Lang", "MixFlowOps"]),
        .executableTarget(name: "mfsh", dependencies: ["Runtime", "Lang", "MixFlowOps", "Notebook", "CReadline", "CZMQ", "CCrypto"]),
        .executableTarget(name: "mfbench", dependencies: ["MixFlowOps", "CBLAS"], swiftSettings: numericsFlags),

        .testTarget(name: "LangTests", dependencies: ["Lang"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "Lang", "MixFlowOps"]),
        // XML structure checks shared by the plot and notebook tests.
        .target(name: "MarkupSupport", path: "Tests/MarkupSupport"),
        .testTarget(name: "MixFlowOpsTests", dependencies: ["MixFlowOps", "CBLAS", "CStartup", "MarkupSupport"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "MixFlowOps", "MarkupSupport"]),
        .testTarget(name: "MfshTests", dependencies: ["mfsh", "CStartup"]),
    ]
)
