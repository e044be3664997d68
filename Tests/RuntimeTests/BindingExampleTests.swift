import Lang
import MixFlowOps
import XCTest
@testable import Runtime

// The worked example of adding a builtin that other bindings copy: a domain object, a
// kernel that polls `ShouldStop` and throws `Cancelled`, a progress bar, the session seed.

/// A "model" as scripts see it: a final class wrapping the numeric state.
final class ToyModel: DomainObject {
    var weights: [Double]
    var stepsDone = 0
    init(weights: [Double]) { self.weights = weights }

    var typeName: String { "model" }
    var summary: String { "toy model, \(weights.count) weights, \(stepsDone) steps trained" }
    var memberNames: [String] { ["steps", "weights"] }
    func member(_ name: String) throws -> Value? {
        switch name {
        case "steps": return .number(Double(stepsDone))
        case "weights": return .list(weights.map { .number($0) })
        default: return nil
        }
    }
}

/// A MixFlowOps-style kernel: plain numbers in, a `ShouldStop` polled once per step, and
/// `Cancelled` when asked to stop, after the last whole step (the model stays consistent).
func trainToy(_ model: ToyModel, steps: Int, rate: Double, shouldStop: ShouldStop,
              onStep: (Int, Double) -> Void) throws(Cancelled) {
    for step in 1...steps {
        if shouldStop() { throw Cancelled("step \(model.stepsDone) of \(steps)") }
        model.weights = model.weights.map { $0 - rate * $0 }   // gradient step on |w|^2 / 2
        model.stepsDone = step
        onStep(step, model.weights.map { $0 * $0 }.reduce(0, +) / 2)
    }
}

enum ToyBindings {
    static func register(into registry: inout BuiltinRegistry) {
        registry.add(
            "toy_model", category: .models,
            parameters: [
                .keyword("size", .int, default: 3, doc: "number of weights"),
                .keyword("seed", .optional(.int), default: .nil, doc: "random seed (default: from the session seed)"),
            ],
            summary: "A toy model with random weights.",
            help: """
                Weights are uniform in [0, 1), drawn from `seed` or, without it, from the session seed.

                    m = toy_model size=4
                """,
            returns: "a model"
        ) { context, args in
            let seed = try args.optional("seed").map { _ in UInt64(try args.int("seed")) } ?? context.nextSeed()
            var random = RandomStream(seed: seed)
            let size = try args.int("size")
            guard size > 0 else { throw args.error("size must be positive, got \(size)", at: "size") }
            return .object(ToyModel(weights: (0..<size).map { _ in random.nextDouble() }))
        }

        registry.add(
            "train_toy", category: .models,
            parameters: [
                .positional("model", .object("model"), doc: "the model to train (changed in place)"),
                .keyword("steps", .int, default: 100, doc: "gradient steps"),
                .keyword("lr", .number, default: 0.1, doc: "learning rate"),
            ],
            summary: "Train a toy model by gradient descent on |w|^2/2.",
            help: """
                Ctrl-C stops after the current step; the model keeps every finished step.

                    train_toy m steps=50 lr=0.05
                """,
            returns: "the final loss"
        ) { context, args in
            let model = try args.object("model", as: ToyModel.self)
            let steps = try args.int("steps")
            let bar = context.progress("train_toy", total: steps, phase: "descent")
            var loss = 0.0
            do {
                try trainToy(model, steps: steps, rate: try args.number("lr"), shouldStop: context.shouldStop) { step, value in
                    loss = value
                    bar.update(step: step, losses: [("loss", value)])
                }
            } catch {
                bar.finish(stopped: true)
                throw error   // `Cancelled` becomes an "interrupted" error at this call
            }
            bar.finish()
            return .number(loss)
        }
    }
}

final class BindingExampleTests: XCTestCase {
    private func interpreter(_ output: RecordingOutput) -> Interpreter {
        var registry = BuiltinRegistry.standard()
        ToyBindings.register(into: &registry)
        return Interpreter(output: output, registry: registry)
    }

    func testTrainingRunsToTheEndWithASummaryLine() {
        let output = RecordingOutput()
        let session = interpreter(output)
        let outcome = session.run(SourceFile(name: "toy.mf", text: """
            seed 3
            m = toy_model size=2
            loss = train_toy m steps=10 lr=0.5
            print m.steps len(m.weights)
            """))
        guard case .ok = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(output.text, "10 2\n")
        guard case .number(let loss) = session.value(named: "loss") else { return XCTFail("no loss") }
        // Each step halves every weight: the loss shrinks by 4^10 from its start.
        guard case .list(let weights) = try? (session.value(named: "m").flatMap { value -> Value? in
            if case .object(let object) = value { return try object.member("weights") } else { return nil }
        }) else { return XCTFail("no weights") }
        let finalLoss = weights.reduce(0.0) { total, weight in
            if case .number(let w) = weight { return total + w * w / 2 } else { return total }
        }
        XCTAssertEqual(loss, finalLoss, accuracy: 1e-15)
        guard case .progress(let summary) = output.events.first(where: { if case .progress = $0 { true } else { false } }) else {
            return XCTFail("no progress summary")
        }
        XCTAssertTrue(summary.hasPrefix("train_toy: 10 steps in "), summary)
    }

    func testSessionSeedMakesModelsReproducible() {
        let first = interpreter(RecordingOutput())
        let second = interpreter(RecordingOutput())
        let script = SourceFile(name: "s.mf", text: "seed 11\na = toy_model\nb = toy_model\nwa = a.weights\nwb = b.weights")
        _ = first.run(script)
        _ = second.run(script)
        XCTAssertEqual(first.value(named: "wa"), second.value(named: "wa"), "same session seed, same first model")
        XCTAssertNotEqual(first.value(named: "wa"), first.value(named: "wb"), "each command gets its own seed")
    }

    func testCtrlCStopsTrainingAtAWholeStepAndKeepsTheModel() {
        let output = RecordingOutput()
        let session = interpreter(output)
        let file = SourceFile(name: "stop.mf", text: "m = toy_model size=1\ntrain_toy m steps=1000000 lr=0.0")
        // A stand-in for the SIGINT handler that "presses Ctrl-C" from inside the work, at its
        // 500th interrupt poll (a few by the evaluator, then one per step): no timer to race.
        Interrupt.interrupt(afterPolls: 500)
        defer { Interrupt.interrupt(afterPolls: 0); Interrupt.clear() }
        guard case .interrupted(let diagnostic) = session.run(file) else { return XCTFail("expected an interruption") }
        XCTAssertTrue(diagnostic.message.hasPrefix("interrupted at step "), diagnostic.message)
        XCTAssertEqual(diagnostic.location?.start, SourceLocation(line: 2, column: 1))
        guard case .object(let model as ToyModel) = session.value(named: "m") else { return XCTFail("model lost") }
        XCTAssertTrue(diagnostic.message.hasSuffix("step \(model.stepsDone) of 1000000"), "the message names the last whole step")
        XCTAssertGreaterThan(model.stepsDone, 0)
        XCTAssertLessThan(model.stepsDone, 500)
        XCTAssertTrue(output.events.contains { if case .progress(let line) = $0 { line.hasSuffix("(interrupted)") } else { false } })
        Interrupt.clear()
    }
}
