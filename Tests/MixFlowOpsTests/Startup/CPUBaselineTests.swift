import CStartup
import XCTest
@testable import MixFlowOps

/// The x86-64-v3 guard's decision: which required features a CPU lacks.
final class CPUBaselineTests: XCTestCase {
    private func missing(_ features: mf_cpu_features, size: Int = 256) -> (count: Int, names: String) {
        var features = features
        var buffer = [CChar](repeating: 0, count: size)
        let count = mf_x86_64_v3_missing(&features, &buffer, buffer.count)
        return (Int(count), String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    private var haswell: mf_cpu_features {
        var f = mf_cpu_features()
        f.sse3 = true; f.ssse3 = true; f.sse4_1 = true; f.sse4_2 = true; f.popcnt = true; f.cx16 = true
        f.lahf = true; f.movbe = true; f.xsave = true; f.avx = true; f.avx2 = true; f.fma = true
        f.f16c = true; f.bmi1 = true; f.bmi2 = true; f.lzcnt = true
        return f
    }

    func testAHaswellLevelCPUMissesNothing() {
        XCTAssertEqual(missing(haswell).count, 0)
        XCTAssertEqual(missing(haswell).names, "")
    }

    func testASandyBridgeLacksAVX2FMAAndTheBitInstructions() {
        var sandyBridge = haswell
        sandyBridge.avx2 = false; sandyBridge.fma = false; sandyBridge.bmi1 = false; sandyBridge.bmi2 = false
        sandyBridge.lzcnt = false; sandyBridge.movbe = false; sandyBridge.f16c = false
        XCTAssertEqual(missing(sandyBridge).count, 7)
        XCTAssertEqual(missing(sandyBridge).names, "AVX2, FMA, BMI1, BMI2, F16C, LZCNT, MOVBE")
    }

    func testAVXDisabledByTheOSCountsAsMissing() {
        // What mf_cpu_features_read reports when XCR0 does not enable the YMM state.
        var noOSSupport = haswell
        noOSSupport.avx = false; noOSSupport.avx2 = false; noOSSupport.fma = false; noOSSupport.f16c = false
        XCTAssertEqual(missing(noOSSupport).names, "AVX2, FMA, AVX, F16C")
    }

    func testASmallBufferIsTruncatedNotOverrun() {
        let none = missing(mf_cpu_features(), size: 12)
        XCTAssertEqual(none.count, 16)
        XCTAssertEqual(none.names, "AVX2, FMA")
        XCTAssertEqual(missing(mf_cpu_features(), size: 0).count, 16)
    }

    func testThisCPURunsThisBuild() throws {
        // Reaching this test means the start-up guard let the process run.
        guard mf_build_requires_x86_64_v3() else { throw XCTSkip("this build does not target x86-64-v3") }
        var features = mf_cpu_features_read()
        XCTAssertEqual(mf_x86_64_v3_missing(&features, nil, 0), 0)
        XCTAssertTrue(CPUDescription.current().features.contains("AVX2"))
    }
}
