import MixFlowOps

/// A loaded dataset (or a selection or half of one), as scripts see it.
///
/// `data.n`, `.dim`, `.count` (conditions), `.conditions` (names), `.counts`, `.fields`,
/// `.features`, `.descriptors`, `.name`, `.points`, and each metadata field (`data.angle`: the
/// distinct angles). `data[letter="A", angle=[0, 90]]` selects conditions, `data["A@90"]` one
/// condition by name.
public final class DatasetValue: PointSetValue {
    public let dataset: Dataset
    /// What the load left out (`12 cells with missing values dropped (...)`), shown in the summary
    /// of the loaded value only (selections of it have their own counts).
    public let note: String?

    public init(_ dataset: Dataset, note: String? = nil) {
        self.dataset = dataset
        self.note = note
    }

    public var pointSet: Dataset { dataset }
    public var typeName: String { "dataset" }
    public var pointRole: String { "data" }
    public var summary: String { dataset.summary + (note.map { "; " + $0 } ?? "") }

    public var memberNames: [String] { pointSetMemberNames }
    public func member(_ name: String) throws -> Value? { try pointSetMember(name) }

    public func select(_ labels: [(String, Value)]) throws -> Value {
        .object(DatasetValue(try selectPoints(labels)))
    }

    public func index(_ index: Value) throws -> Value {
        .object(DatasetValue(try conditionNamed(index)))
    }

    /// A loaded dataset keeps its source features exactly, so `save` writes them rather than
    /// a reconstruction through the inverted PCA.
    public func sourceFeatures() -> (points: Matrix<Float>, names: [String]) {
        guard let transform = dataset.transform else { return (dataset.points, dataset.featureNames) }
        return (transform.sourcePoints, transform.sourceFeatureNames)
    }
}

/// `holdout data ...`: the training conditions and the held-out ones, each a dataset.
public final class SplitValue: DomainObject {
    public let split: Split
    /// The halves as values, made once so `parts.train` is the same value each time.
    public let train: DatasetValue
    public let test: DatasetValue

    public init(_ split: Split) {
        self.split = split
        train = DatasetValue(split.train)
        test = DatasetValue(split.test)
    }

    public var typeName: String { "split" }
    /// `split: train 9 conditions (9000 points), test 3 conditions (A@90, E@90, K@90; 3000 points)`
    public var summary: String {
        let (train, test) = (split.train, split.test)
        let names = test.conditions.map(\.name)
        let shown = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …" : "")
        return "split: train \(plural(train.conditions.count, "condition")) (\(train.pointCount) points), "
            + "test \(plural(test.conditions.count, "condition")) (\(shown); \(test.pointCount) points)"
    }
    public var memberNames: [String] { ["train", "test"] }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "train": return .object(train)
        case "test": return .object(test)
        default: return nil
        }
    }
}
