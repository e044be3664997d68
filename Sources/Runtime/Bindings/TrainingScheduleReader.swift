import MixFlowOps

/// Reads `steps=` and `phases=` of `train` into a `TrainingSchedule`:
/// - `steps=N` alone: N steps (mixflow: 10 % warm-up, 80 % alternate, 10 % cool-down);
/// - `phases=(warmup: 300, alternate: 2400, cooldown: 300)` alone: step counts;
/// - both: `phases=` are fractions of N summing to 1;
/// - neither: nil, and `train` runs the default budget (`DefaultBudget`).
/// Phases left out of the record are 0. This reads the record only: `TrainingPlan` checks the
/// schedule (counts, fractions, a cfm model given phases) and `train` reports its error at the
/// keyword it concerns.
struct TrainingScheduleReader {
    static let phaseNames = ["warmup", "alternate", "cooldown"]

    let args: Arguments

    init(_ args: Arguments) {
        self.args = args
    }

    /// The schedule the keywords give, or nil when neither steps= nor phases= is given (the
    /// caller then applies the default budget).
    func schedule() throws(RuntimeError) -> TrainingSchedule? {
        let steps = try args.optional("steps").map { _ throws(RuntimeError) in try args.int("steps") }
        guard args.optional("phases") != nil else {
            return steps.map { .steps($0) }
        }
        let values = try phaseValues()
        if let steps {
            return .steps(steps, fractions: PhaseFractions(warmup: values["warmup"]!, alternate: values["alternate"]!,
                                                          cooldown: values["cooldown"]!))
        }
        return try counts(values)
    }

    /// The record's numbers by phase name (0 for phases left out); unknown names are errors.
    private func phaseValues() throws(RuntimeError) -> [String: Double] {
        var values = Dictionary(uniqueKeysWithValues: Self.phaseNames.map { ($0, 0.0) })
        for (name, value) in try args.record("phases").fields {
            guard Self.phaseNames.contains(name) else {
                let hint = suggestName(for: name, among: Self.phaseNames).map { "did you mean '\($0)'?" }
                    ?? "the phases are warmup, alternate and cooldown"
                throw args.error("phases has no phase '\(name)'", at: "phases", hint: hint)
            }
            guard case .number(let number) = value, number.isFinite else {
                throw args.error("phases.\(name) must be a number, got \(value.echoString)", at: "phases")
            }
            values[name] = number
        }
        return values
    }

    private func counts(_ values: [String: Double]) throws(RuntimeError) -> TrainingSchedule {
        for name in Self.phaseNames where values[name]! != values[name]!.rounded() || abs(values[name]!) > 1e15 {
            throw args.error("phases.\(name) = \(formatNumber(values[name]!)) is not a whole number of steps", at: "phases",
                             hint: "give step counts, or fractions together with steps=N")
        }
        return .phases(warmup: Int(values["warmup"]!), alternate: Int(values["alternate"]!), cooldown: Int(values["cooldown"]!))
    }
}
