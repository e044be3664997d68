import CStartup
import XCTest
@testable import MixFlowOps

/// The start-up decision: which OpenBLAS core to request, given the CPU's features, the core the
/// library picked on its own and whether the user set OPENBLAS_CORETYPE.
final class BLASCoreChoiceTests: XCTestCase {
    /// A CPU with the given vector features on (and every older x86-64-v3 feature).
    private func cpu(avx2: Bool = true, avx512: Bool = false, bf16: Bool = false, fp16: Bool = false) -> mf_cpu_features {
        var f = mf_cpu_features()
        f.sse3 = true; f.ssse3 = true; f.sse4_1 = true; f.sse4_2 = true; f.popcnt = true; f.cx16 = true
        f.lahf = true; f.movbe = true; f.xsave = true; f.avx = true; f.f16c = true; f.bmi1 = true; f.lzcnt = true
        f.avx2 = avx2; f.fma = avx2; f.bmi2 = avx2
        f.avx512f = avx512; f.avx512bw = avx512; f.avx512vl = avx512
        f.avx512bf16 = bf16; f.avx512fp16 = fp16
        return f
    }

    private func choice(_ features: mf_cpu_features, core: String?, user: String? = nil, dynamic: Bool = true) -> String? {
        var features = features
        let chosen: UnsafePointer<CChar>? = switch (core, user) {
        case let (core?, user?): mf_blas_core_to_select(&features, core, user, dynamic)
        case let (core?, nil): mf_blas_core_to_select(&features, core, nil, dynamic)
        case let (nil, user?): mf_blas_core_to_select(&features, nil, user, dynamic)
        case (nil, nil): mf_blas_core_to_select(&features, nil, nil, dynamic)
        }
        return chosen.map { String(cString: $0) }
    }

    func testSapphireRapidsOnAGenericCoreGetsTheAVX512Kernels() {
        let sapphireRapids = cpu(avx512: true, bf16: true, fp16: true)
        XCTAssertEqual(choice(sapphireRapids, core: "Prescott"), "SkylakeX")
        XCTAssertEqual(choice(sapphireRapids, core: "Nehalem"), "SkylakeX")
        XCTAssertEqual(choice(sapphireRapids, core: "Sandybridge"), "SkylakeX")
        XCTAssertEqual(choice(sapphireRapids, core: "Unknown"), "SkylakeX")
        XCTAssertEqual(choice(sapphireRapids, core: "Haswell"), "SkylakeX", "AVX2 kernels on an AVX-512 CPU")
    }

    func testAVX2CPUOnAGenericCoreGetsHaswell() {
        XCTAssertEqual(choice(cpu(), core: "Prescott"), "Haswell")
        XCTAssertEqual(choice(cpu(), core: "Sandybridge"), "Haswell")
        XCTAssertEqual(choice(cpu(), core: "prescott"), "Haswell", "names compare without case")
    }

    func testAVXOnlyCPUGetsSandybridge() {
        XCTAssertEqual(choice(cpu(avx2: false), core: "Prescott"), "Sandybridge")
        XCTAssertNil(choice(cpu(avx2: false), core: "Sandybridge"))
    }

    func testAGoodChoiceIsKept() {
        XCTAssertNil(choice(cpu(avx512: true, bf16: true), core: "Cooperlake"))
        XCTAssertNil(choice(cpu(avx512: true), core: "SkylakeX"))
        XCTAssertNil(choice(cpu(avx512: true, fp16: true), core: "SapphireRapids"))
        XCTAssertNil(choice(cpu(), core: "Haswell"))
        XCTAssertNil(choice(cpu(), core: "Zen"))
        XCTAssertNil(choice(cpu(), core: "Excavator"))
        XCTAssertNil(choice(cpu(), core: "SkylakeX"), "a better core than the features say is not ours to judge")
    }

    func testTheUserVariableIsNeverOverridden() {
        XCTAssertNil(choice(cpu(avx512: true), core: "Prescott", user: "Prescott"))
        XCTAssertNil(choice(cpu(avx512: true), core: "Prescott", user: "Nehalem"))
        XCTAssertNil(choice(cpu(avx512: true), core: "Prescott", user: ""), "set but empty is still the user's")
    }

    func testNothingIsRequestedThatTheLibraryWouldIgnoreOrWeCannotJudge() {
        XCTAssertNil(choice(cpu(avx512: true), core: "Prescott", dynamic: false), "a single-core build ignores the variable")
        XCTAssertNil(choice(cpu(avx512: true), core: nil), "not OpenBLAS")
        XCTAssertNil(choice(cpu(avx512: true), core: "Zen5"), "a newer library's name")
    }

    func testAVX512WithoutBWAndVLIsNotEnoughForSkylakeX() {
        var xeonPhi = cpu()
        xeonPhi.avx512f = true
        XCTAssertEqual(choice(xeonPhi, core: "Prescott"), "Haswell")
    }

    func testAVX2WithoutFMAIsNotEnoughForHaswell() {
        var features = cpu()
        features.fma = false
        XCTAssertEqual(choice(features, core: "Prescott"), "Sandybridge")
    }

    func testNoAVXMeansNothingToImprove() {
        var sse = cpu(avx2: false)
        sse.avx = false
        XCTAssertNil(choice(sse, core: "Prescott"))
        XCTAssertNil(choice(sse, core: "Nehalem"))
    }

    func testCoreLevels() {
        XCTAssertEqual(mf_blas_core_level("Prescott"), Int32(MF_BLAS_LEVEL_SSE))
        XCTAssertEqual(mf_blas_core_level("Sandybridge"), Int32(MF_BLAS_LEVEL_AVX))
        XCTAssertEqual(mf_blas_core_level("HASWELL"), Int32(MF_BLAS_LEVEL_AVX2))
        XCTAssertEqual(mf_blas_core_level("Cooperlake"), Int32(MF_BLAS_LEVEL_AVX512))
        XCTAssertEqual(mf_blas_core_level("Zen5"), Int32(MF_BLAS_LEVEL_UNKNOWN))
        XCTAssertEqual(mf_blas_core_level(nil), Int32(MF_BLAS_LEVEL_UNKNOWN))
    }

    /// The check of issue 13: on a CPU with AVX2 the kernels in use are not a generic set, asked of
    /// the loaded library (`openblas_get_corename`), and as good as the CPU allows.
    func testTheCoreInUseMatchesThisCPU() throws {
        var features = mf_cpu_features_read()
        guard features.avx2, features.fma else { throw XCTSkip("this CPU has no AVX2 + FMA, so generic kernels are its best") }
        let blas = BLASEnvironment.current()
        let level = mf_blas_core_level(blas.core)
        XCTAssertNotEqual(level, Int32(MF_BLAS_LEVEL_UNKNOWN), "core \(blas.core) is not one we know")
        XCTAssertGreaterThanOrEqual(level, Int32(MF_BLAS_LEVEL_AVX2), "OpenBLAS runs generic kernels: \(blas.summary)")
        XCTAssertGreaterThanOrEqual(level, mf_cpu_blas_level(&features), "\(blas.summary) on \(CPUDescription.current().summary)")
        XCTAssertNil(ProcessInfo.processInfo.environment["MFSH_INTERNAL_BLAS_REEXEC"], "the start-up marker must not leak")
    }
}
