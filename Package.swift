// swift-tools-version:6.0
import PackageDescription

// Numerics are built with full optimisation; the hot kernels work on raw buffers, so
// exclusivity checking adds cost without catching anything the tests would not.
let numericsFlags: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "mfsh",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mfsh", targets: ["mfsh"]),
        .library(name: "MixFlowOps", targets: ["MixFlowOps"]),
    ],
    targets: [
        // System libraries (Debian: libreadline-dev, libopenblas-dev, libhdf5-dev).
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5"),

        .target(name: "Lang"),
        .target(name: "MixFlowOps", dependencies: ["CBLAS", "CHDF5"], swiftSettings: numericsFlags),
        .target(name: "Runtime", dependencies: ["Lang", "MixFlowOps"]),
        .executableTarget(name: "mfsh", dependencies: ["Runtime", "Lang", "MixFlowOps", "CReadline"]),
        .executableTarget(name: "mfbench", dependencies: ["MixFlowOps", "CBLAS"], swiftSettings: numericsFlags),

        .testTarget(name: "LangTests", dependencies: ["Lang"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "Lang", "MixFlowOps"]),
        .testTarget(name: "MixFlowOpsTests", dependencies: ["MixFlowOps", "CBLAS"]),
        .testTarget(name: "MfshTests", dependencies: ["mfsh"]),
    ]
)
