/// Options for an output transform of loaded features: PCA to `pcaComponents` dimensions, then
/// (or alone) min-max scaling of every coordinate to [-1, 1].
public struct FeatureTransformOptions: Equatable, Sendable {
    public var pcaComponents: Int?
    public var scale: Bool
    /// Seed of the randomized PCA range finder (used only for more than 1000 features with
    /// components <= features / 4; smaller problems use the exact eigen-decomposition).
    public var seed: UInt64

    public init(pcaComponents: Int? = nil, scale: Bool = false, seed: UInt64 = 0) {
        self.pcaComponents = pcaComponents
        self.scale = scale
        self.seed = seed
    }

    public var isIdentity: Bool { pcaComponents == nil && !scale }
}

/// A fitted feature transform: source features x (1 x F) -> points
/// y = scale((x - m) W^T) (PCA with mean m and components W, k x F), each part optional.
/// `invert` maps points back: x = unscale(y) W + m, exact for points in the PCA subspace.
public struct FittedFeatureTransform: Equatable, Sendable {
    public var pca: PCA?
    public var scaler: MinMaxScaler?

    /// Fits on `source` (n x F): PCA first, then the scaler on the PCA scores.
    public static func fit(_ source: Matrix<Float>, options: FeatureTransformOptions) throws(DataError) -> FittedFeatureTransform {
        var fitted = FittedFeatureTransform()
        var scores = source
        if let k = options.pcaComponents {
            guard k >= 1, k <= source.cols else {
                throw DataError("pca=\(k): the number of components must be between 1 and the \(source.cols) features")
            }
            guard source.rows > k else {
                throw DataError("pca=\(k) needs more than \(k) training points to fit, got \(source.rows)")
            }
            var random = RandomStream(seed: options.seed)
            do {
                fitted.pca = try PCA.fit(source.converted(to: Double.self), components: k, random: &random)
            } catch {
                throw DataError("pca=\(k): \(error)")
            }
            scores = fitted.applyPCA(source)
        }
        if options.scale {
            guard scores.rows > 0 else { throw DataError("scale=true needs at least one training point to fit") }
            fitted.scaler = MinMaxScaler(fitting: scores)
        }
        return fitted
    }

    /// Source features (m x F) to points (m x D).
    public func apply(_ source: Matrix<Float>) -> Matrix<Float> {
        let scores = applyPCA(source)
        return scaler?.transform(scores) ?? scores
    }

    /// Points (m x D) back to source features (m x F).
    public func invert(_ points: Matrix<Float>) -> Matrix<Float> {
        let scores = scaler?.inverseTransform(points) ?? points
        guard let pca else { return scores }
        return pca.inverseTransform(scores.converted(to: Double.self)).converted(to: Float.self)
    }

    private func applyPCA(_ source: Matrix<Float>) -> Matrix<Float> {
        guard let pca else { return source }
        return pca.transform(source.converted(to: Double.self)).converted(to: Float.self)
    }
}

/// The source features behind a transformed dataset, and the fit that maps them to `points`.
/// Keeping the source lets `holdout` refit on the training conditions alone.
public struct TransformedFeatures: Equatable, Sendable {
    public let options: FeatureTransformOptions
    public let fitted: FittedFeatureTransform
    /// The dataset's points in source features, row for row (n x F).
    public let sourcePoints: Matrix<Float>
    public let sourceFeatureNames: [String]
    /// Names of the conditions the fit used (all conditions when loaded; the training
    /// conditions after `holdout`).
    public let fittedOn: [String]

    func keepingRows(_ rows: [Int]) -> TransformedFeatures {
        TransformedFeatures(options: options, fitted: fitted, sourcePoints: sourcePoints.rows(rows),
                            sourceFeatureNames: sourceFeatureNames, fittedOn: fittedOn)
    }

    /// `pca 765 -> 50, scaled to [-1, 1], fitted on 9 conditions`
    var summary: String {
        var parts: [String] = []
        if let pca = fitted.pca { parts.append("pca \(sourceFeatureNames.count) -> \(pca.components.rows)") }
        if fitted.scaler != nil { parts.append("scaled to [-1, 1]") }
        let plural = fittedOn.count == 1 ? "condition" : "conditions"
        return parts.joined(separator: ", ") + ", fitted on \(fittedOn.count) \(plural)"
    }
}

extension Dataset {
    /// Maps points in this dataset's coordinates (m x D, e.g. generated samples) back to the
    /// source features, inverting the scaling and the PCA. Without a transform, returns them as
    /// they are with `featureNames`.
    public func invertForOutput(_ generated: Matrix<Float>) -> (points: Matrix<Float>, featureNames: [String]) {
        precondition(generated.cols == dimension,
                     "invertForOutput: points have \(generated.cols) columns, the dataset has \(dimension)")
        guard let transform else { return (generated, featureNames) }
        return (transform.fitted.invert(generated), transform.sourceFeatureNames)
    }

    /// This dataset with `options` fitted on all its points (identity options: unchanged).
    func applyingTransform(_ options: FeatureTransformOptions) throws(DataError) -> Dataset {
        guard !options.isIdentity else { return self }
        let fitted = try FittedFeatureTransform.fit(points, options: options)
        return transformed(source: points, sourceNames: featureNames, options: options, fitted: fitted,
                           fittedOn: conditions.map(\.name))
    }

    /// Train and test subsets; a transform is refitted on the training points and applied to both.
    func splitRefittingTransform(train: [Int], test: [Int]) throws(DataError) -> Split {
        var trainSet = subset(conditions: train), testSet = subset(conditions: test)
        guard let trainSource = trainSet.transform, let testSource = testSet.transform else {
            return Split(train: trainSet, test: testSet)
        }
        let fitted = try FittedFeatureTransform.fit(trainSource.sourcePoints, options: trainSource.options)
        let trainNames = trainSet.conditions.map(\.name)
        trainSet = trainSet.transformed(source: trainSource.sourcePoints, sourceNames: trainSource.sourceFeatureNames,
                                        options: trainSource.options, fitted: fitted, fittedOn: trainNames)
        testSet = testSet.transformed(source: testSource.sourcePoints, sourceNames: testSource.sourceFeatureNames,
                                      options: testSource.options, fitted: fitted, fittedOn: trainNames)
        return Split(train: trainSet, test: testSet)
    }

    private func transformed(source: Matrix<Float>, sourceNames: [String], options: FeatureTransformOptions,
                             fitted: FittedFeatureTransform, fittedOn: [String]) -> Dataset {
        var result = self
        let points = fitted.apply(source)
        let names = fitted.pca == nil ? sourceNames : (1...points.cols).map { "PC\($0)" }
        result.replacePoints(points, featureNames: names)
        result.transform = TransformedFeatures(options: options, fitted: fitted, sourcePoints: source,
                                               sourceFeatureNames: sourceNames, fittedOn: fittedOn)
        return result
    }
}
