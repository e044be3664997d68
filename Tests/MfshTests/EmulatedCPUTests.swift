import CStartup
import Foundation
import XCTest

/// The release build on CPUs this machine is not, through qemu's user-mode emulator
/// (`qemu-user`, installed by `bash scripts/setup --test`): an older CPU must get a clear stop
/// rather than an illegal instruction, and a CPU newer than OpenBLAS must not be left on generic
/// kernels. OPENBLAS_VERBOSE=2 only makes the library say which core it picked.
final class EmulatedCPUTests: XCTestCase {
    private func emulator() throws -> String {
        #if !arch(x86_64)
        throw XCTSkip("x86-64 only")
        #else
        guard mf_build_requires_x86_64_v3() else { throw XCTSkip("this build does not target x86-64-v3 (debug or MFSH_PORTABLE)") }
        let path = "/usr/bin/qemu-x86_64"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw XCTSkip("qemu-user is not installed (bash scripts/setup --test installs it)")
        }
        return path
        #endif
    }

    func testAPreHaswellCPUStopsWithAMessageBeforeAnyAVX2Instruction() throws {
        let qemu = try emulator()
        let result = try MfshProcess.run(["-e", "print 1 + 1"], timeout: 120, launcher: [qemu, "-cpu", "Nehalem"])
        XCTAssertFalse(result.crashed, "killed by a signal (illegal instruction?): \(result.stderr)")
        XCTAssertEqual(result.status, 69, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("mfsh: this build needs an x86-64-v3 processor"), result.stderr)
        XCTAssertTrue(result.stderr.contains("lacks AVX2, FMA, AVX,"), result.stderr)
        XCTAssertTrue(result.stderr.contains("MFSH_PORTABLE=1 swift build -c release"), result.stderr)
    }

    func testAHaswellRunsTheBuild() throws {
        let qemu = try emulator()
        let result = try MfshProcess.run(["-e", "print 1 + 1"], timeout: 120, launcher: [qemu, "-cpu", "Haswell"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "2\n")
    }

    /// An AVX2 CPU reporting Emerald Rapids' model number (family 6, model 0xCF): OpenBLAS 0.3.21
    /// does not know it and picks Prescott. (qemu-user emulates only the first process: the
    /// re-executed one runs natively, on this machine's CPU, with the core the first requested.)
    func testACPUModelNewerThanOpenBLASGetsItsKernelsAnyway() throws {
        let qemu = try emulator()
        if ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] != nil {
            throw XCTSkip("OPENBLAS_CORETYPE is set for the tests: mfsh leaves it alone")
        }
        let result = try MfshProcess.run(["--version"], environment: ["OPENBLAS_VERBOSE": "2"], timeout: 120,
                                         launcher: [qemu, "-cpu", "Haswell,model=207"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let picked = result.stderr.split(separator: "\n").first { $0.hasPrefix("Core: ") }.map { String($0.dropFirst(6)) }
        guard let picked, mf_blas_core_level(picked) < Int32(MF_BLAS_LEVEL_AVX2) else {
            throw XCTSkip("this OpenBLAS knows the CPU model (it picked \(picked ?? "?")): nothing to replace")
        }
        XCTAssertTrue(result.stdout.contains("core Haswell (selected at start-up; the library chose \(picked))"), result.stdout)
    }
}
