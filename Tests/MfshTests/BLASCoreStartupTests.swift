import CStartup
import Foundation
import XCTest

/// The start-up re-execution end to end, on any machine: a small preloaded library plays an
/// OpenBLAS that does not know this CPU (its own choice is Prescott) but takes a core named in
/// OPENBLAS_CORETYPE, as Debian's 0.3.21 does on new Xeons. The test never sets that variable:
/// mfsh must set it, for its re-executed self only.
final class BLASCoreStartupTests: XCTestCase {
    /// `openblas_get_corename` answers "Prescott" unless the process started with
    /// OPENBLAS_CORETYPE set (then the real library's answer); with ALWAYS_PRESCOTT, always.
    /// At exit it reports the two variables mfsh uses, as a program started by mfsh would see them.
    private static let impostorSource = """
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <stdio.h>
        #include <stdlib.h>
        static int started_with_core;
        __attribute__((constructor)) static void note_environment(void) {
            started_with_core = getenv("OPENBLAS_CORETYPE") != NULL;
        }
        char *openblas_get_corename(void) {
        #ifndef ALWAYS_PRESCOTT
            if (started_with_core) return ((char *(*)(void))dlsym(RTLD_NEXT, "openblas_get_corename"))();
        #endif
            return "Prescott";
        }
        __attribute__((destructor)) static void report_environment(void) {
            const char *core = getenv("OPENBLAS_CORETYPE"), *marker = getenv("MFSH_INTERNAL_BLAS_REEXEC");
            fprintf(stderr, "at exit: OPENBLAS_CORETYPE=%s marker=%s\\n", core ? core : "unset", marker ? marker : "unset");
        }
        """

    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-blas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Compiles the impostor with the first C compiler found; skips when there is none.
    private func impostor(alwaysPrescott: Bool) throws -> String {
        let source = scratch.appendingPathComponent("impostor.c")
        try Self.impostorSource.write(to: source, atomically: true, encoding: .utf8)
        let library = scratch.appendingPathComponent(alwaysPrescott ? "libalways.so" : "libimpostor.so")
        for compiler in ["cc", "clang", "gcc"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [compiler, "-shared", "-fPIC", "-o", library.path, source.path, "-ldl"]
                + (alwaysPrescott ? ["-DALWAYS_PRESCOTT"] : [])
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus == 0 { return library.path }
        }
        throw XCTSkip("no C compiler (cc, clang, gcc) to build the impostor library")
    }

    /// The core mfsh should request on this CPU when the library says Prescott.
    private func expectedCore() throws -> String {
        guard let config = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_get_config"),
              String(cString: unsafeBitCast(config, to: (@convention(c) () -> UnsafePointer<CChar>).self)())
                  .contains("DYNAMIC_ARCH")
        else { throw XCTSkip("this OpenBLAS is not built with DYNAMIC_ARCH: OPENBLAS_CORETYPE would be ignored") }
        var features = mf_cpu_features_read()
        guard let core = mf_blas_core_to_select(&features, "Prescott", nil, true) else {
            throw XCTSkip("this CPU has no AVX: Prescott kernels are its best")
        }
        return String(cString: core)
    }

    private func environment(preloading library: String) throws -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        if inherited["OPENBLAS_CORETYPE"] != nil { throw XCTSkip("OPENBLAS_CORETYPE is set for the tests: mfsh leaves it alone") }
        return ["LD_PRELOAD": library + (inherited["LD_PRELOAD"].map { ":" + $0 } ?? "")]
    }

    func testAGenericChoiceIsReplacedOnceAtStartUp() throws {
        let expected = try expectedCore()
        let result = try MfshProcess.run(["--version"], environment: environment(preloading: impostor(alwaysPrescott: false)))
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("core \(expected) (selected at start-up; the library chose Prescott)"), result.stdout)
    }

    func testTheRequestIsMadeOnlyOnceEvenWhenTheLibraryIgnoresIt() throws {
        let expected = try expectedCore()
        let result = try MfshProcess.run(["--version"], environment: environment(preloading: impostor(alwaysPrescott: true)))
        XCTAssertFalse(result.timedOut, "mfsh re-executed itself in a loop")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("core Prescott (the library did not take \(expected), requested at start-up)"), result.stdout)
    }

    func testProgramsStartedLaterSeeTheUsersEnvironment() throws {
        _ = try expectedCore()
        let result = try MfshProcess.run(["-e", "print 1 + 1"], environment: environment(preloading: impostor(alwaysPrescott: false)))
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "2\n")
        XCTAssertTrue(result.stderr.contains("at exit: OPENBLAS_CORETYPE=unset marker=unset"), result.stderr)
    }
}
