/// Options for an output transform of loaded features: PCA to `pcaComponents` dimensions and/or
/// min-max scaling of every coordinate to [-1, 1].
public struct FeatureTransformOptions: Equatable, Sendable {
    public var pcaComponents: Int?
    public var scale: Bool
    public init(pcaComponents: Int? = nil, scale: Bool = false) {
        self.pcaComponents = pcaComponents
        self.scale = scale
    }
    public var isIdentity: Bool { pcaComponents == nil && !scale }
}

/// The source features behind a transformed dataset and the fitted transform (placeholder until
/// the PCA and scaler land).
public struct TransformedFeatures: Equatable, Sendable {
    public let options: FeatureTransformOptions
    public let sourcePoints: Matrix<Float>
    public let sourceFeatureNames: [String]

    func keepingRows(_ rows: [Int]) -> TransformedFeatures {
        TransformedFeatures(options: options, sourcePoints: sourcePoints.rows(rows),
                            sourceFeatureNames: sourceFeatureNames)
    }

    var summary: String { "transformed from \(sourceFeatureNames.count) features" }
}

extension Dataset {
    func splitRefittingTransform(train: [Int], test: [Int]) -> Split {
        Split(train: subset(conditions: train), test: subset(conditions: test))
    }
}

extension Dataset {
    func applyingTransform(_ options: FeatureTransformOptions) throws(DataError) -> Dataset {
        guard options.isIdentity else { throw DataError("pca/scale: not yet available") }
        return self
    }
}
