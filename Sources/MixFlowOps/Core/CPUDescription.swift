import CStartup

/// The processor, for `mfsh --version` and the benchmark table: its model name (CPUID brand
/// string) and the vector features our numerics and OpenBLAS's kernels care about.
public struct CPUDescription: Sendable, Equatable {
    /// "AMD EPYC 9B14", or "unknown CPU" when the processor reports no name.
    public var model: String
    /// Usable features (the CPU has them and the OS has enabled them), e.g. ["AVX2", "FMA", "AVX-512F"].
    public var features: [String]
    /// Whether this build was compiled for x86-64-v3 (release builds on x86-64).
    public var buildRequiresX86_64_v3: Bool

    public static func current() -> CPUDescription {
        var brand = [CChar](repeating: 0, count: 64)
        let named = mf_cpu_brand(&brand, brand.count)
        let model = named ? String(decoding: brand.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown CPU"
        return CPUDescription(model: model, features: Self.names(of: mf_cpu_features_read()),
                              buildRequiresX86_64_v3: mf_build_requires_x86_64_v3())
    }

    private static func names(of f: mf_cpu_features) -> [String] {
        let listed: [(Bool, String)] = [
            (f.avx, "AVX"), (f.avx2, "AVX2"), (f.fma, "FMA"), (f.avx512f, "AVX-512F"), (f.avx512bw, "AVX-512BW"),
            (f.avx512vl, "AVX-512VL"), (f.avx512bf16, "AVX-512 BF16"), (f.avx512fp16, "AVX-512 FP16"),
        ]
        return listed.filter(\.0).map(\.1)
    }

    /// "AMD EPYC (AVX, AVX2, FMA, AVX-512F, ...); build: x86-64-v3".
    public var summary: String {
        let features = self.features.isEmpty ? "" : " (" + self.features.joined(separator: ", ") + ")"
        return model + features + (buildRequiresX86_64_v3 ? "; build: x86-64-v3" : "")
    }
}
