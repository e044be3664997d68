import Lang
import MixFlowOps

/// A domain value made of points with condition labels: a loaded dataset, a selection of one, a
/// half of a split, generated samples. The metrics (`w2`, `mmd`, `evaluate`, ...), `plot` and
/// `save` take any point set, so a new kind of point set works with all of them at once.
///
/// Plugging in a new kind (e.g. the `samples` that `sample` returns): conform a final class,
/// give it one of the type names in `TypeSpec.pointSetNames` (so the parameters declared as
/// `TypeSpec.pointSet` accept it) and hand out its points as a MixFlowOps `Dataset`:
///
///     final class SamplesValue: PointSetValue {
///         let pointSet: Dataset            // GeneratedSamples.dataset(name: "generated")
///         let source: Dataset              // the data the model was trained on (for its transform)
///         var typeName: String { "samples" }
///         var pointRole: String { "generated" }
///         var summary: String { "samples " + pointSetShape }
///         var memberNames: [String] { pointSetMemberNames }
///         func member(_ name: String) throws -> Value? { try pointSetMember(name) }
///         func select(_ labels: [(String, Value)]) throws -> Value {
///             .object(SamplesValue(pointSet: try selectPoints(labels), source: source))
///         }
///         func sourceFeatures() -> (points: Matrix<Float>, names: [String]) {
///             let inverted = source.invertForOutput(pointSet.points)
///             return (inverted.points, inverted.featureNames)
///         }
///     }
///
/// `save` writes any point set as CSV through `TableExportable` (the default `exportTable`).
public protocol PointSetValue: TableExportable {
    /// The points, their condition labels, the conditions with metadata and descriptors.
    var pointSet: Dataset { get }

    /// What the points are, for legends when no variable name is at hand: "data", "generated".
    var pointRole: String { get }

    /// The points in the source features (PCA and [-1, 1] scaling inverted) with the feature
    /// names, for `save`. Default: the point set's own transform inverted, or the points as
    /// they are when there is none.
    func sourceFeatures() -> (points: Matrix<Float>, names: [String])
}

extension PointSetValue {
    public var pointRole: String { "points" }

    public func sourceFeatures() -> (points: Matrix<Float>, names: [String]) {
        let inverted = pointSet.invertForOutput(pointSet.points)
        return (inverted.points, inverted.featureNames)
    }

    /// `12000x2, 12 conditions`: the shape part of a summary.
    public var pointSetShape: String {
        let count = pointSet.conditions.count
        return "\(pointSet.pointCount)x\(pointSet.dimension), \(count) condition\(count == 1 ? "" : "s")"
    }
}

extension TypeSpec {
    /// Type names of the point-set values (`PointSetValue`): datasets and generated samples.
    public static let pointSetNames = ["dataset", "samples"]

    /// A parameter that takes any point set.
    public static let pointSet = TypeSpec.union(pointSetNames.map { .object($0) })
}

extension Arguments {
    /// A point-set argument (declared with `TypeSpec.pointSet`).
    public func pointSet(_ name: String) throws(RuntimeError) -> any PointSetValue {
        guard case .object(let object) = self[name], let points = object as? any PointSetValue else {
            throw error("argument '\(name)' of \(builtinName) must be a dataset or samples, got \(self[name].typeNameWithArticle)",
                        at: name)
        }
        return points
    }
}
