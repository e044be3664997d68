import Foundation
import Lang
@testable import MixFlowOps
@testable import Runtime
import XCTest

/// A `load` of an .h5ad abandoned on Ctrl-C may leave its worker inside libhdf5 for good (a
/// crafted file that loops there). Later HDF5 calls of the session must neither wait forever on
/// the library nor run beside the stuck call: they are refused with the reason and the fix, and
/// work again once the abandoned call ends.
final class HDF5AfterInterruptTests: XCTestCase {
    func testAnAbandonedHDF5CallRefusesLaterOnesUntilItEnds() throws {
        let directory = try scratchDirectory(self)
        let session = BindingSession(directory: directory)
        let dir = directory.path   // save resolves against the working directory, load against the script's folder
        session.run("d = load \"gaussians\" radii=[1, 2] points=20 seed=1\nsave d \"\(dir)/good.h5ad\"")
        let fifo = directory.appendingPathComponent("stuck.h5ad").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)

        // Opening a FIFO with no writer blocks inside libhdf5, holding the library: the stand-in
        // for a call that never returns. Ctrl-C is "pressed" from the session's wait once the
        // worker holds the library (checked at each poll), not by a timer.
        Interrupt.interrupt(afterPolls: 1, by: interruptOnceTheLibraryIsHeld)
        let outcome = session.outcomeOf("x = load \"stuck.h5ad\"", echo: false)
        Interrupt.interrupt(afterPolls: 0)
        Interrupt.clear()
        guard case .interrupted(let diagnostic) = outcome else { return XCTFail("expected an interruption, got \(outcome)") }
        XCTAssertEqual(diagnostic.message, "interrupted while loading; nothing was loaded")
        XCTAssertTrue(HDF5File.libraryIsHeld, "the abandoned worker is still inside libhdf5")

        // Later loads and saves of .h5ad are refused at once; nothing is written.
        let load = try XCTUnwrap(session.error("y = load \"good.h5ad\""))
        XCTAssertTrue(load.message.hasPrefix("good.h5ad: libhdf5 is still inside an earlier call that was interrupted"
                                             + " with Ctrl-C and never returned"), load.message)
        XCTAssertEqual(load.hint, "restart mfsh to use .h5ad files again; save what you need first (.mfm models, .csv data)")
        let save = try XCTUnwrap(session.error("save d \"\(dir)/other.h5ad\""))
        XCTAssertTrue(save.message.contains("libhdf5 is still inside an earlier call"), save.message)
        XCTAssertNil(session["y"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("other.h5ad").path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }, [],
                       "no temporary file left")
        // Everything else goes on.
        session.run("save d \"\(dir)/d.csv\"\ne = load \"d.csv\"")

        // A writer opens and closes the FIFO: libhdf5 sees an empty file, the abandoned call
        // fails and lets go of the library, and .h5ad files work again.
        let writer = open(fifo, O_WRONLY)
        XCTAssertGreaterThanOrEqual(writer, 0)
        close(writer)
        let deadline = Date().addingTimeInterval(60)   // a guard against a hang, not a race
        while HDF5File.libraryIsHeld, Date() < deadline { usleep(10_000) }
        XCTAssertFalse(HDF5File.libraryIsHeld)
        session.run("y = load \"good.h5ad\"\nsave y \"\(dir)/other.h5ad\"")
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("other.h5ad").path))
    }
}

/// Requests the interrupt when the load's worker holds libhdf5, else looks again at the next poll.
private func interruptOnceTheLibraryIsHeld() {
    if HDF5File.libraryIsHeld {
        Interrupt.request()
    } else {
        Interrupt.interrupt(afterPolls: 1, by: interruptOnceTheLibraryIsHeld)
    }
}
