/// Why a flow model could not be built, trained, sampled, saved or loaded. Each message says
/// what was wrong and where; `hint` says how to fix it when there is something specific to say.
/// The language bindings turn these into diagnostics at the keyword `optionKey` names
/// (`ReportedError`), else at the call.
public enum FlowError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option outside its allowed range, e.g. `components` = 0.
    case invalidOption(name: String, value: String, expected: String)
    /// A CFM model was given a warm-up / alternate / cool-down schedule: it has no base to train.
    case phasesForCFM(requested: String)
    /// Sampling, saving or inspecting a model that has never been trained (no networks yet).
    case notTrained(model: String)
    /// The data's point dimension differs from the one the model was trained on.
    case dimensionMismatch(model: String, expected: Int, found: Int)
    /// A condition's descriptor has the wrong length for the model.
    case descriptorMismatch(model: String, condition: String, expected: Int, found: Int)
    /// No training condition has any points.
    case noTrainingPoints(dataset: String)
    /// A training point holds NaN or infinity.
    case nonFiniteData(dataset: String, condition: String, row: Int)
    /// A loss became NaN or infinite; the model was rolled back to the end of `restoredStep`.
    case nonFiniteLoss(step: Int, phase: TrainingPhase, loss: String, value: Double, restoredStep: Int)
    /// The gradient of a parameter group became NaN or infinite (the loss was finite).
    case nonFiniteGradient(step: Int, phase: TrainingPhase, group: String, restoredStep: Int)
    /// A checkpoint that is not a flow model, or that this build cannot read.
    case badCheckpoint(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(name, value, expected):
            return "\(name) = \(value) is not allowed: expected \(expected)"
        case let .phasesForCFM(requested):
            return "cfm models have no base distribution, so they cannot train with phases (\(requested))"
        case let .notTrained(model):
            return "model '\(model)' has not been trained yet, so it has no networks"
        case let .dimensionMismatch(model, expected, found):
            return "model '\(model)' works in \(expected) dimensions but the data has \(found)"
        case let .descriptorMismatch(model, condition, expected, found):
            return "condition '\(condition)' has a \(found)-D descriptor but model '\(model)' reads \(expected)-D descriptors"
        case let .noTrainingPoints(dataset):
            return "dataset '\(dataset)' has no points to train on"
        case let .nonFiniteData(dataset, condition, row):
            return "dataset '\(dataset)': point \(row + 1) (condition \(condition)) holds NaN or infinity"
        case let .nonFiniteLoss(step, phase, loss, value, restored):
            return "training stopped at step \(step) (\(phase)): \(loss) became \(value); "
                + "the model was restored to its weights after step \(restored)"
        case let .nonFiniteGradient(step, phase, group, restored):
            return "training stopped at step \(step) (\(phase)): the gradient of the \(group) became NaN or infinite; "
                + "the model was restored to its weights after step \(restored)"
        case let .badCheckpoint(path, reason):
            return "cannot load model from '\(path)': \(reason)"
        }
    }

    /// What to do about it, when there is something specific to say.
    public var hint: String? {
        switch self {
        case .phasesForCFM:
            return "train cfm models with steps=N"
        case .invalidOption(name: "phases", _, _):
            return "with a step total, the phases are fractions of it summing to 1, e.g. 0.1, 0.8 and 0.1"
        case .notTrained:
            return "train it first, or load a saved model"
        case .dimensionMismatch, .descriptorMismatch:
            return "use data with the same features and descriptors as the training data"
        case .nonFiniteLoss, .nonFiniteGradient:
            return "lower lr (or base_lr) and call train again to continue"
        case .nonFiniteData:
            return "remove or repair the point before training"
        default:
            return nil
        }
    }
}
