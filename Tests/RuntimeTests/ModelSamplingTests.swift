import Foundation
import Lang
import MixFlowOps
import XCTest
@testable import Runtime

/// sample, the samples and trajectory values, model checkpoints through save/load, and the
/// values that draw themselves (base, history, trajectories).
final class ModelSamplingTests: XCTestCase {
    /// A session with the toy set (radius 2 held out) and a tiny mixflow `mix` trained 60 steps.
    private func trainedSession(directory: URL? = nil) -> BindingSession {
        let session = BindingSession(directory: directory)
        session.run("""
            toy = load "gaussians" radii=[1, 2, 3] points=200 seed=1
            parts = holdout toy radius=[2]
            mix = mixflow gmm_base(components=4, sigma=0.15, hidden=[16], pretrain_steps=20) hidden=[16, 16] encoder_hidden=[8] embedding=4 seed=2
            train mix parts.train steps=60 batch=64 progress=false
            """)
        return session
    }

    private func samples(_ session: BindingSession, _ name: String) throws -> SamplesValue {
        try XCTUnwrap(session.object(name, as: SamplesValue.self))
    }

    func testTrajectoriesStartAtTheBaseDrawsAndEndAtTheSamples() throws {
        let session = trainedSession()
        session.run("gen = sample mix toy n=30 solver=\"rk4\" steps=8 trajectories=5 seed=4")
        let gen = try samples(session, "gen")
        let trajectory = try XCTUnwrap(gen.trajectory)
        XCTAssertEqual(trajectory.times, [0, 0.25, 0.5, 0.75, 1])
        XCTAssertEqual(trajectory.snapshots.count, 5)
        XCTAssertEqual(trajectory.snapshots[0].storage, gen.basePoints.storage, "t = 0 is the base draw")
        XCTAssertEqual(trajectory.snapshots[4].storage, gen.pointSet.points.storage, "t = 1 is the generated point")
        XCTAssertEqual(gen.pointSet.pointCount, 90)
        XCTAssertEqual(gen.solverSteps, 8)
        XCTAssertEqual(gen.evaluations, 32, "rk4 evaluates v four times a step")
        XCTAssertEqual(gen.solver, "rk4 (8 steps)")
    }

    func testSelectingSamplesKeepsTheirBaseDrawsAndPaths() throws {
        let session = trainedSession()
        session.run("""
            gen = sample mix toy n=20 solver="euler" steps=4 trajectories=true seed=4
            outer = gen[radius=3]
            """)
        let gen = try samples(session, "gen"), outer = try samples(session, "outer")
        let rows = try XCTUnwrap(gen.pointSet.conditionIndex(named: "3").map { gen.pointSet.pointIndices[$0] })
        XCTAssertEqual(outer.pointSet.points.storage, gen.pointSet.points.rows(rows).storage)
        XCTAssertEqual(outer.basePoints.storage, gen.basePoints.rows(rows).storage)
        XCTAssertEqual(outer.trajectory?.snapshots[3].storage, gen.trajectory?.snapshots[3].rows(rows).storage)
        XCTAssertEqual(outer.trajectory?.points.conditions.map(\.name), ["3"])
    }

    func testTheSameSeedGivesTheSamePointsAndNamesWorkForTrainedConditions() throws {
        let session = trainedSession()
        session.run("""
            a = sample mix toy[radius=3] n=40 seed=8
            b = sample mix "3" n=40 seed=8
            c = sample mix toy[radius=3] n=40 seed=9
            """)
        let a = try samples(session, "a"), b = try samples(session, "b"), c = try samples(session, "c")
        XCTAssertEqual(a.pointSet.points.storage, b.pointSet.points.storage, "a stored descriptor samples as the dataset's")
        XCTAssertNotEqual(a.pointSet.points.storage, c.pointSet.points.storage)
        let error = try XCTUnwrap(session.error("x = sample mix \"2\" n=5"))
        XCTAssertEqual(error.message, "model 'mix' did not train on a condition '2', so it does not know its descriptor")
        let misspelt = try XCTUnwrap(session.error("x = sample mix [\"1\", \"33\"] n=5"))
        XCTAssertEqual(misspelt.hint, "did you mean '3'?")
    }

    func testSolverOptionsBelongToTheirSolver() throws {
        let session = trainedSession()
        XCTAssertEqual(session.error("x = sample mix toy solver=\"rk4\" rtol=1e-3")?.message, "rtol= applies to the adaptive solver dopri5, not rk4")
        XCTAssertEqual(session.error("x = sample mix toy solver=\"dopri5\" steps=10")?.message,
                       "steps= applies to the fixed-step solvers; dopri5 chooses its steps from rtol and atol")
        XCTAssertEqual(session.error("x = sample mix toy solver=\"rk5\"")?.hint, "did you mean 'rk4'?")
        session.run("implied = sample mix toy n=5 steps=7")
        XCTAssertEqual(try samples(session, "implied").solver, "rk4 (7 steps)", "steps= alone means a fixed-step solver")
        XCTAssertEqual(session.error("x = sample mix parts")?.hint, "sample the held-out conditions: .test (e.g. parts.test)")
    }

    func testCheckpointRoundTripSamplesAndTrainsLikeTheOriginal() throws {
        let directory = try scratchDirectory(self)
        let session = trainedSession(directory: directory)
        let path = directory.appendingPathComponent("mix.mfm").path
        session.run("""
            save mix "\(path)"
            back = load "\(path)"
            a = sample mix parts.test n=50 seed=5
            b = sample back parts.test n=50 seed=5
            train mix parts.train steps=15 progress=false
            train back parts.train steps=15 progress=false
            la = mix.history.loss_ot
            lb = back.history.loss_ot
            """)
        XCTAssertEqual(try samples(session, "a").pointSet.points.storage, try samples(session, "b").pointSet.points.storage)
        XCTAssertEqual(session["la"], session["lb"], "a loaded model continues training exactly as the original")
        let back = try XCTUnwrap(session.object("back", as: ModelValue.self))
        XCTAssertEqual(back.model.name, "back")
        XCTAssertEqual(back.model.completedSteps, 75)
    }

    func testLoadingCheckpointsChecksTheFileAndOptions() throws {
        let directory = try scratchDirectory(self)
        let session = BindingSession(directory: directory)
        let junk = directory.appendingPathComponent("junk.mfm")
        try Data("not a checkpoint".utf8).write(to: junk)
        let bad = try XCTUnwrap(session.error("m = load \"junk.mfm\""))
        XCTAssertTrue(bad.message.hasPrefix("cannot load model from 'junk.mfm'"), bad.message)
        XCTAssertEqual(session.error("m = load \"missing.mfm\"")?.message, "no such file: 'missing.mfm'")
        XCTAssertEqual(session.error("m = load \"junk.mfm\" points=3")?.message, "points= applies to data sources, not to a model checkpoint")
        // Other sources still reach the data loader.
        session.run("toy = load \"gaussians\" radii=[1] points=5 seed=1")
        XCTAssertNotNil(session.object("toy", as: DatasetValue.self))
    }

    func testSavedSamplesAreInTheSourceFeatures() throws {
        let directory = try scratchDirectory(self)
        let csv = directory.appendingPathComponent("toy.csv").path, out = directory.appendingPathComponent("gen.csv").path
        let session = BindingSession(directory: directory)
        session.run("""
            save load("gaussians", radii=[1, 3], points=100, seed=1) "\(csv)"
            data = load "toy.csv" condition="radius" scale=true
            c = cfm hidden=[16] encoder_hidden=[8] seed=1
            train c data steps=40 progress=false
            gen = sample c data n=50 solver="euler" steps=4 seed=2
            save gen "\(out)"
            back = load "\(out)" condition="radius"
            """)
        let gen = try samples(session, "gen")
        let data = try XCTUnwrap(session.object("data", as: DatasetValue.self)).dataset
        let saved = try XCTUnwrap(session.object("back", as: DatasetValue.self)).dataset
        let expected = try XCTUnwrap(data.transform).fitted.invert(gen.pointSet.points)
        XCTAssertEqual(saved.points.rows, expected.rows)
        for (s, e) in zip(saved.points.storage, expected.storage) { XCTAssertEqual(s, e, accuracy: 1e-5 * max(1, abs(e))) }
    }

    func testHistoryMembersTableAndIndexing() throws {
        let session = trainedSession()
        session.run("""
            h = mix.history
            n = h.n
            last = h[-1].step
            total = len(h)
            """)
        XCTAssertEqual(session.number("n"), 60)
        XCTAssertEqual(session.number("last"), 60)
        XCTAssertEqual(session.number("total"), 60)
        let history = try XCTUnwrap(session.object("h", as: HistoryValue.self))
        let table = try history.exportTable(options: TableExportOptions())
        XCTAssertEqual(table.columnNames, ["step", "phase", "update", "loss_ot", "loss_geo", "seconds"])
        XCTAssertEqual(table.rowCount, 60)
        XCTAssertEqual(session.error("x = mix.history[60]")?.message, "index 60 is out of range for a history of 60 steps")
    }

    func testBasePlotDrawsEachConditionsModesOverItsData() throws {
        let session = trainedSession()
        session.run("b = mix.base")
        let base = try XCTUnwrap(session.object("b", as: BaseValue.self))
        let test = try XCTUnwrap(session.object("parts", as: SplitValue.self)).test
        let request = PlotRequest(items: [.init(value: .object(base), label: "b", span: .point(0)),
                                          .init(value: .object(test), label: "test", span: .point(0))],
                                  options: PlotOptions(), by: "auto", maxPoints: 1000, metric: nil, subOptions: [:],
                                  givenKeywords: [], embedded: false)
        guard case .figure(let figure) = try base.chart(for: request) else { return XCTFail("expected a figure") }
        XCTAssertEqual(figure.panels.map(\.title), ["radius 2"])
        let mixtures = try XCTUnwrap(try base.model?.model.baseMixtures(for: test.dataset.conditions))
        var circles: [CircleLayer] = []
        var scatters: [ScatterLayer] = []
        for layer in figure.panels[0].layers {
            if case .circles(let layer) = layer { circles.append(layer) }
            if case .scatter(let layer) = layer { scatters.append(layer) }
        }
        // sigma=0.15 is in the standardised units the model trains in; the plot is in data units.
        let scale = try XCTUnwrap(base.model?.model.layout?.standardization?.scale)
        XCTAssertGreaterThan(abs(scale - 1), 0.1, "the rings' spread is not 1, so the units differ")
        let sigma = 0.15 * scale
        XCTAssertEqual(circles.map(\.radii), [[Double]](arrayLiteral: Array(repeating: 2 * sigma, count: 4), Array(repeating: sigma, count: 4)),
                       "2 sigma and sigma around 4 modes, in data units")
        XCTAssertEqual(circles[1].xs, (0..<4).map { Double(mixtures[0].modes[$0, 0]) })
        XCTAssertEqual(scatters.first?.xs.count, 200, "the held-out condition's points behind")
        XCTAssertTrue(figure.options.equalAspect)
        let spec = try XCTUnwrap(session.error("s = gmm_base()\nplot s"))
        XCTAssertEqual(spec.hint, "plot the trained model's base: plot mix.base")
    }

    func testAModelPlotsItsTrainingCurves() throws {
        let directory = try scratchDirectory(self)
        let session = trainedSession(directory: directory)
        session.run("""
            c = cfm hidden=[8] encoder_hidden=[8] seed=1
            train c parts.train steps=30 progress=false
            plot mix c to="\(directory.path)/curves.svg"
            """)
        let svg = try String(contentsOfFile: directory.appendingPathComponent("curves.svg").path, encoding: .utf8)
        XCTAssertTrue(svg.contains(">mix L_OT<") && svg.contains(">c L_OT<"), "one curve per model, named after it")
        let mixed = try XCTUnwrap(session.error("plot mix toy"))
        XCTAssertEqual(mixed.message, "plot draws training curves of histories and models together, not of a dataset")
    }
}
