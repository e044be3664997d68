import Foundation
import MixFlowOps
import XCTest
@testable import Runtime

/// Generated samples as the models' `sample` will return them: a second kind of point set.
private final class FakeSamples: PointSetValue {
    let pointSet: Dataset
    init(_ pointSet: Dataset) { self.pointSet = pointSet }
    var typeName: String { "samples" }
    var pointRole: String { "generated" }
    var summary: String { "samples " + pointSetShape }
    var memberNames: [String] { pointSetMemberNames }
    func member(_ name: String) throws -> Value? { try pointSetMember(name) }
    func select(_ labels: [(String, Value)]) throws -> Value { .object(FakeSamples(try selectPoints(labels))) }
}

/// Everything that takes a point set takes any `PointSetValue`, not just datasets.
final class PointSetProtocolTests: XCTestCase {
    private func session() throws -> (BindingSession, URL) {
        let directory = try scratchDirectory(self)
        var registry = BuiltinRegistry.standard()
        registry.add("fake_sample", category: .models, parameters: [.positional("like", .object("dataset"), doc: "data")],
                     summary: "Samples shaped like a dataset.", help: "    s = fake_sample data", returns: "samples") { _, args in
            .object(FakeSamples(try args.object("like", as: DatasetValue.self).dataset))
        }
        let session = BindingSession(directory: directory, registry: registry)
        session.run("""
            real = load "letters" letters="AE" angles=[0, 90] points=20 seed=1
            gen = fake_sample(load("letters", letters="AE", angles=[0, 90], points=20, seed=2))
            """)
        return (session, directory)
    }

    func testSamplesWorkWithMetricsPlotsSaveAndSelection() throws {
        let (session, directory) = try session()
        session.run("""
            t = w2 gen real
            a = gen[letter="A"]
            n = gen.n
            plot gen real to="\(directory.path)/s.svg"
            save gen "\(directory.path)/s.csv"
            """)
        XCTAssertEqual(session.object("t", as: MetricTableValue.self)?.table.conditions, ["A@0", "A@90", "E@0", "E@90"])
        XCTAssertEqual(session.object("a", as: FakeSamples.self)?.summary, "samples 40x2, 2 conditions")
        XCTAssertEqual(session["n"], 80)
        let svg = try String(contentsOfFile: directory.appendingPathComponent("s.svg").path, encoding: .utf8)
        XCTAssertTrue(svg.contains(">gen<") && svg.contains(">real<"))
        XCTAssertTrue(try String(contentsOfFile: directory.appendingPathComponent("s.csv").path, encoding: .utf8).hasPrefix("letter,angle,x,y\n"))
    }
}
