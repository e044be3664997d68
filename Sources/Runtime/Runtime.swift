import Lang
import MixFlowOps

/// Placeholder until the evaluator lands.
public enum RuntimeInfo {
    public static let version = "0.1.0"
}
