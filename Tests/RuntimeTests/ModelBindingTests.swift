import Foundation
import Lang
import MixFlowOps
import XCTest
@testable import Runtime

/// gmm_base, mixflow, cfm, train and sample through scripts: naming, defaults, schedules,
/// continuation, failures and their recovery. Models are tiny so every test runs in well under
/// a second.
final class ModelBindingTests: XCTestCase {
    /// A session with a 3-radius toy set, radius 2 held out, and an untrained tiny mixflow `mix`.
    private func session() -> BindingSession {
        let session = BindingSession()
        session.run("""
            toy = load "gaussians" radii=[1, 2, 3] points=200 seed=1
            parts = holdout toy radius=[2]
            mix = mixflow gmm_base(components=4, sigma=0.15, hidden=[16], pretrain_steps=20) hidden=[16, 16] encoder_hidden=[8] embedding=4 seed=2
            """)
        return session
    }

    private func model(_ session: BindingSession, _ name: String) throws -> FlowModel {
        try XCTUnwrap(session.object(name, as: ModelValue.self)).model
    }

    private func strings(_ value: Value?) -> [String] {
        guard case .list(let items) = value else { return [] }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }

    func testHelpDefaultsAreTheOptionsDefaults() throws {
        let registry = BuiltinRegistry.standard()
        let base = GMMBaseOptions()
        let gmm = try XCTUnwrap(registry["gmm_base"])
        XCTAssertEqual(gmm.parameter(named: "components")?.defaultValue, .number(Double(base.components)))
        XCTAssertEqual(gmm.parameter(named: "sigma")?.defaultValue, .number(base.sigma))
        XCTAssertEqual(gmm.parameter(named: "temperature")?.defaultValue, .number(base.temperature))
        XCTAssertEqual(gmm.parameter(named: "pretrain_steps")?.defaultValue, .number(Double(base.pretrainSteps)))
        XCTAssertEqual(base.initialization, .chainedKMeans)
        XCTAssertEqual(gmm.parameter(named: "init")?.defaultValue, .string("chained_kmeans"), "the script name of the default init")
        let velocity = VelocityOptions()
        XCTAssertEqual(registry["mixflow"]?.parameter(named: "hidden")?.defaultValue, .list(velocity.hidden.map { .number(Double($0)) }))
        let training = TrainingOptions(schedule: .steps(1))
        XCTAssertEqual(registry["train"]?.parameter(named: "batch")?.defaultValue,
                       .number(Double(training.conditionsPerStep * training.pointsPerCondition)))
        XCTAssertEqual(registry["train"]?.parameter(named: "lr")?.defaultValue, .number(training.velocityOptimizer.learningRate))
        XCTAssertEqual(registry["sample"]?.parameter(named: "n")?.defaultValue, .number(Double(SamplingOptions().count)))
        XCTAssertTrue(HelpText.page(for: try XCTUnwrap(registry["load"])).contains(".mfm"), "load documents model checkpoints")
    }

    func testOptionsReachTheModel() throws {
        let session = session()
        session.run("""
            b = gmm_base components=3 sigma=0.2 init="random" temperature=0.5 draw="hard" velocity_draw="relaxed"
            m = mixflow b hidden=[8] activation="tanh" dropout=0.1 condition="every" encoder_training="both" flow_condition="shared" seed=7
            c = cfm hidden=[8] pairing="independent" embedding=3 seed=7
            """)
        let options = try model(session, "m").options
        XCTAssertEqual(options.base, GMMBaseOptions(components: 3, sigma: 0.2, initialization: .random, temperature: 0.5,
                                                    draw: .hard, velocityDraw: .relaxed))
        XCTAssertEqual(options.velocity, VelocityOptions(hidden: [8], activation: .tanh, dropout: 0.1, conditionPlacement: .everyLayer,
                                                        condition: .embedding))
        XCTAssertEqual(options.encoderTraining, .both)
        XCTAssertEqual(options.seed, 7)
        let cfm = try model(session, "c").options
        XCTAssertEqual(cfm.pairing, .independent)
        XCTAssertEqual(cfm.encoder.embedding, 3)
        XCTAssertNil(cfm.base)
        session.run("cb = c.base")
        XCTAssertEqual(session["cb"], .nil)
    }

    func testModelsAreNamedAfterTheirVariableOrName() throws {
        let session = session()
        session.run("""
            other = cfm hidden=[8] name="baseline"
            x = 1; named = cfm(hidden=[8])
            xs = [cfm(hidden=[8])]
            m = xs[0]
            first = xs[0].name
            train m toy steps=2 progress=false
            """)
        XCTAssertEqual(try model(session, "mix").name, "mix")
        XCTAssertEqual(try model(session, "other").name, "baseline")
        XCTAssertEqual(try model(session, "named").name, "named")
        XCTAssertEqual(session["first"], .string("cfm"), "a model made inside an expression has its method's name")
        XCTAssertEqual(try model(session, "m").name, "m", "an unnamed model takes the name it is first trained through")
    }

    func testTheTrainingPlanChecksTheScheduleAndTheErrorPointsAtItsKeyword() throws {
        let session = session()
        let sum = try XCTUnwrap(session.error("train mix parts.train steps=100 phases=(warmup: 0.1, alternate: 0.8, cooldown: 0.2) progress=false"))
        XCTAssertEqual(sum.message, "phases = 0.1 + 0.8 + 0.2 is not allowed: expected fractions summing to 1")
        XCTAssertEqual(sum.location?.start, SourceLocation(line: 1, column: 40), "at phases=")
        XCTAssertNotNil(sum.hint, "the hint of the MixFlowOps error is kept")
        let negative = try XCTUnwrap(session.error("train mix parts.train steps=-5 progress=false"))
        XCTAssertEqual(negative.message, "steps = -5 is not allowed: expected a step count >= 0")
        XCTAssertEqual(negative.location?.start, SourceLocation(line: 1, column: 29), "at steps=")
        XCTAssertEqual(try model(session, "mix").completedSteps, 0, "nothing trained")
    }

    func testModelsAreNamedFromTheSyntaxTreeNotTheSourceText() throws {
        let session = session()
        session.run("""
            called = cfm(hidden=[8]) # x = cfm
            pair = [cfm(hidden=[8]), 1]
            inner = pair[0]
            """)
        XCTAssertEqual(try model(session, "called").name, "called")
        XCTAssertEqual(try model(session, "inner").name, "cfm", "a call inside a list is not the assigned value")
    }

    func testPhasesAsCountsAndAsFractionsOfSteps() throws {
        let session = session()
        session.run("""
            train mix parts.train phases=(warmup: 5, alternate: 30, cooldown: 5) every=3 batch=32 progress=false
            spans = mix.history.phases
            updates = mix.history.update
            """)
        guard case .list(let spans) = session["spans"] else { return XCTFail("no phases") }
        XCTAssertEqual(spans.map(\.echoString), [
            "(phase: \"warmup\", first: 1, last: 5)", "(phase: \"alternate\", first: 6, last: 35)",
            "(phase: \"cooldown\", first: 36, last: 40)",
        ])
        // Base steps are the 3rd, 6th, ... of the alternate phase: steps 8, 11, ..., 35.
        let baseSteps = strings(session["updates"]).enumerated().filter { $0.element == "base" }.map { $0.offset + 1 }
        XCTAssertEqual(baseSteps, Array(stride(from: 8, through: 35, by: 3)))

        session.run("""
            train mix parts.train steps=20 phases=(warmup: 0.25, alternate: 0.5, cooldown: 0.25) progress=false
            later = mix.history.phases
            """)
        guard case .list(let later) = session["later"] else { return XCTFail("no phases") }
        XCTAssertEqual(later.suffix(3).map(\.echoString), [
            "(phase: \"warmup\", first: 41, last: 45)", "(phase: \"alternate\", first: 46, last: 55)",
            "(phase: \"cooldown\", first: 56, last: 60)",
        ])
    }

    func testBatchIsSplitOverTheConditionsOfAStep() throws {
        let session = session()
        session.run("train mix parts.train steps=1 batch=50 conditions=8 progress=false")
        // Two training conditions: 8 per step become 2, each with 50 / 2 = 25 points. The
        // first step's L_geo is a mean over those 50 pairs, so it only checks the run; the
        // split itself is checked by a batch too small for the conditions.
        XCTAssertEqual(try model(session, "mix").completedSteps, 1)
        let error = try XCTUnwrap(session.error("train mix parts.train steps=1 batch=1 conditions=2"))
        XCTAssertEqual(error.message, "batch=1 is too small for 2 conditions per step")
    }

    func testOTPoolIsCheckedAtItsKeyword() throws {
        let session = session()
        session.run("train mix parts.train steps=2 ot_pool=100 progress=false")
        XCTAssertEqual(try model(session, "mix").completedSteps, 2)
        let error = try XCTUnwrap(session.error("train mix parts.train steps=1 ot_pool=5000"))
        XCTAssertTrue(error.message.contains("ot_pool"), error.message)
        XCTAssertTrue(error.message.contains("1024"), error.message)
        XCTAssertEqual(error.location.map { $0.file.text(of: $0.span) }, "5000")
        XCTAssertNotNil(session.error("train mix parts.train steps=1 ot_pool=0"))
        session.run("train mix parts.train steps=2 base_ot_pool=64 progress=false")
        session.run("c = cfm hidden=[16] encoder_hidden=[8] seed=3")
        let cfmError = try XCTUnwrap(session.error("train c parts.train steps=1 base_ot_pool=64"))
        XCTAssertEqual(cfmError.message, "base_ot_pool= applies to mixflow models; cfm has no base networks")
    }

    /// The encoder v reads has the same keywords and defaults in both models (cfm's encoder_*,
    /// mixflow's flow_encoder_*); mixflow's encoder_* set its shared (base) encoder.
    func testEncoderKeywordsReachTheEncoderTheyName() throws {
        let registry = BuiltinRegistry.standard()
        let cfmDefaults = DescriptorEncoderOptions.flow, shared = DescriptorEncoderOptions()
        XCTAssertEqual(registry["cfm"]?.parameter(named: "encoder_hidden")?.defaultValue, .list([]))
        XCTAssertEqual(registry["cfm"]?.parameter(named: "encoder_features")?.defaultValue, .string("quadratic"))
        XCTAssertEqual(registry["mixflow"]?.parameter(named: "flow_encoder_hidden")?.defaultValue,
                       registry["cfm"]?.parameter(named: "encoder_hidden")?.defaultValue)
        XCTAssertEqual(registry["mixflow"]?.parameter(named: "flow_encoder_features")?.defaultValue,
                       registry["cfm"]?.parameter(named: "encoder_features")?.defaultValue)
        XCTAssertEqual(registry["mixflow"]?.parameter(named: "encoder_hidden")?.defaultValue, .list(shared.hidden.map { .number(Double($0)) }))
        XCTAssertEqual(registry["mixflow"]?.parameter(named: "encoder_features")?.defaultValue, .string("raw"))
        let session = session()
        session.run("""
            m = mixflow encoder_hidden=[32] encoder_features="quadratic" flow_encoder_hidden=[8] flow_encoder_features="raw" seed=1
            c = cfm encoder_hidden=[64] encoder_features="raw" seed=1
            d = cfm seed=1
            """)
        let mixflow = try model(session, "m").options
        XCTAssertEqual(mixflow.encoder.hidden, [32])
        XCTAssertEqual(mixflow.encoder.features, .quadratic)
        XCTAssertEqual(mixflow.velocityEncoderOptions.hidden, [8])
        XCTAssertEqual(mixflow.velocityEncoderOptions.features, .raw)
        XCTAssertEqual(try model(session, "c").options.encoder.hidden, [64])
        XCTAssertEqual(try model(session, "c").options.encoder.features, .raw)
        XCTAssertEqual(try model(session, "d").options.encoder, cfmDefaults)
        let error = try XCTUnwrap(session.error("e = cfm encoder_features=\"cubic\""))
        XCTAssertTrue(error.message.contains("encoder_features"), error.message)
        XCTAssertTrue(error.message.contains("quadratic"), error.message)
    }

    func testTrainingContinuesWhereItStopped() throws {
        let session = session()
        session.run("""
            c = cfm hidden=[16] encoder_hidden=[8] seed=3
            d = cfm hidden=[16] encoder_hidden=[8] seed=3
            train c parts.train steps=30 lr_final=1 progress=false
            train c parts.train steps=30 lr_final=1 progress=false
            train d parts.train steps=60 lr_final=1 progress=false
            lc = c.history.loss_ot
            ld = d.history.loss_ot
            """)
        XCTAssertEqual(try model(session, "c").completedSteps, 60)
        // Step s draws from (seed, s) and Adam keeps its state: two runs of 30 are one run of 60
        // (with a constant learning rate: a decay schedule spans one call's steps).
        XCTAssertEqual(session["lc"], session["ld"])
    }

    func testNonFiniteLossRestoresTheWeightsAndTrainingCanGoOn() throws {
        let session = session()
        let error = try XCTUnwrap(session.error("train mix parts.train phases=(warmup: 50, alternate: 0, cooldown: 0) lr=1e30 progress=false"))
        XCTAssertTrue(error.message.hasPrefix("training stopped at step "), error.message)
        XCTAssertTrue(error.message.contains("(warm-up)"), error.message)
        XCTAssertEqual(error.hint, "lower lr (or base_lr) and call train again to continue")
        let model = try model(session, "mix")
        XCTAssertTrue(error.message.hasSuffix("restored to its weights after step \(model.completedSteps)"), error.message)
        XCTAssertTrue(model.history.records.allSatisfy { $0.lossOT.isFinite })
        session.run("""
            train mix parts.train phases=(warmup: 10, alternate: 0, cooldown: 0) progress=false
            gen = sample mix parts.test n=20 solver="rk4" steps=5
            """)
        XCTAssertEqual(model.completedSteps, model.history.count)
        let generated = try XCTUnwrap(session.object("gen", as: SamplesValue.self)).pointSet.points
        XCTAssertTrue(generated.storage.allSatisfy(\.isFinite))
    }

    func testCtrlCStopsAfterAWholeStepAndTrainCanContinue() throws {
        let session = session()
        // Ctrl-C "pressed" from inside the work at its 50th interrupt poll (one per step once
        // training runs), not by a timer racing it.
        Interrupt.interrupt(afterPolls: 50)
        defer { Interrupt.interrupt(afterPolls: 0); Interrupt.clear() }
        let outcome = session.outcomeOf("train mix parts.train steps=100000000", echo: false)
        guard case .interrupted(let diagnostic) = outcome else { return XCTFail("expected an interruption, got \(outcome)") }
        Interrupt.clear()
        let model = try model(session, "mix")
        let done = model.completedSteps
        XCTAssertGreaterThan(done, 0)
        XCTAssertLessThan(done, 50)
        XCTAssertEqual(model.history.count, done)
        XCTAssertTrue(diagnostic.message.hasPrefix("interrupted at training step \(done + 1) "), diagnostic.message)
        XCTAssertTrue(diagnostic.message.hasSuffix("'mix' keeps the weights of step \(done)"), diagnostic.message)
        XCTAssertTrue(session.output.events.contains { if case .progress(let line) = $0 { line.hasSuffix("(interrupted)") } else { false } })
        session.run("train mix parts.train steps=10 progress=false")
        XCTAssertEqual(model.completedSteps, done + 10)
    }

    func testProgressSummaryLineUnlessTurnedOff() throws {
        let session = session()
        session.run("train mix parts.train steps=12")
        let lines = session.output.events.compactMap { if case .progress(let line) = $0 { line } else { nil } }
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].hasPrefix("train mix: 12 steps in "), lines[0])
        XCTAssertTrue(lines[0].contains("L_OT ") && lines[0].contains("L_geo "), lines[0])
        session.output.removeAll()
        session.run("train mix parts.train steps=2 progress=false")
        XCTAssertTrue(session.output.events.isEmpty)
    }
}
