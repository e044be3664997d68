import XCTest
@testable import MixFlowOps

final class TransformTests: XCTestCase {
    private let modern = fixturePath("pbmc", "pbmc68k_reduced_modern.h5ad")

    /// X_pca holds scanpy's PCA scores, so a PCA of them reproduces them column by column (up to
    /// sign) with the variances scanpy stored in uns/pca/variance.
    func testPCAOfStoredScoresReproducesScanpy() throws {
        let options = H5ADOptions(conditionColumns: ["bulk_labels"], use: "X_pca", transform: FeatureTransformOptions(pcaComponents: 5))
        let data = try H5ADLoader.load(path: modern, options: options)
        XCTAssertEqual(data.summary, "dataset 700x5, 10 conditions (bulk_labels), descriptors 10-D, pca 50 -> 5, fitted on 10 conditions")
        XCTAssertEqual(data.featureNames, ["PC1", "PC2", "PC3", "PC4", "PC5"])
        let scanpyVariance = [30.928, 21.1824, 14.6863, 11.5707, 9.23286]
        let source = try XCTUnwrap(data.transform).sourcePoints
        for c in 0..<5 {
            XCTAssertEqual(data.transform!.fitted.pca!.explainedVariance[c], scanpyVariance[c], accuracy: 1e-3)
            var dot = 0.0, ours = 0.0, theirs = 0.0
            for r in 0..<700 {
                dot += Double(data.points[r, c]) * Double(source[r, c])
                ours += Double(data.points[r, c] * data.points[r, c])
                theirs += Double(source[r, c] * source[r, c])
            }
            XCTAssertEqual(abs(dot) / (ours * theirs).squareRoot(), 1, accuracy: 1e-6, "PC\(c + 1)")
        }
    }

    func testScaleMapsToUnitIntervalAndInvertsExactly() throws {
        let options = H5ADOptions(use: "X_umap", transform: FeatureTransformOptions(scale: true))
        let data = try H5ADLoader.load(path: modern, options: options)
        XCTAssertEqual(data.featureNames, ["X_umap_1", "X_umap_2"])
        for c in 0..<2 {
            let column = (0..<data.pointCount).map { data.points[$0, c] }
            XCTAssertEqual(column.min()!, -1, accuracy: 1e-6)
            XCTAssertEqual(column.max()!, 1, accuracy: 1e-6)
        }
        let (back, names) = data.invertForOutput(data.points)
        XCTAssertEqual(names, ["X_umap_1", "X_umap_2"])
        for (a, b) in zip(back.storage, data.transform!.sourcePoints.storage) { XCTAssertEqual(a, b, accuracy: 1e-4) }
    }

    /// With as many components as features, PCA + scaling is invertible up to rounding.
    func testFullRankPCAWithScaleInvertsToTheSourceFeatures() throws {
        let options = H5ADOptions(use: "X_pca", transform: FeatureTransformOptions(pcaComponents: 50, scale: true))
        let data = try H5ADLoader.load(path: modern, options: options)
        let (back, names) = data.invertForOutput(data.points)
        XCTAssertEqual(names.first, "X_pca_1")
        var worst: Float = 0
        for (a, b) in zip(back.storage, data.transform!.sourcePoints.storage) { worst = max(worst, abs(a - b)) }
        XCTAssertLessThan(worst, 1e-3)
    }

    /// holdout refits on the training conditions only: train coordinates span exactly [-1, 1],
    /// the test set is mapped by the same fit, and nothing of the test cells enters the fit.
    func testHoldoutRefitsOnTrainingConditions() throws {
        let options = H5ADOptions(conditionColumns: ["bulk_labels"], use: "X_pca",
                                  transform: FeatureTransformOptions(pcaComponents: 3, scale: true))
        let data = try H5ADLoader.load(path: modern, options: options)
        let split = try data.holdout(.matching(ConditionQuery(["bulk_labels": [.string("Dendritic")]])))
        XCTAssertEqual(split.test.counts, [240])
        XCTAssertEqual(split.train.transform?.fittedOn.count, 9)
        XCTAssertEqual(split.test.transform?.fitted, split.train.transform?.fitted)
        XCTAssertNotEqual(split.train.transform?.fitted, data.transform?.fitted)
        for c in 0..<3 {
            let column = (0..<split.train.pointCount).map { split.train.points[$0, c] }
            XCTAssertEqual(column.min()!, -1, accuracy: 1e-6)
            XCTAssertEqual(column.max()!, 1, accuracy: 1e-6)
        }
        // The same fit, done by hand on the training cells' source features.
        let trainSource = data.subset(conditions: split.train.conditions.map { data.conditionIndex(named: $0.name)! })
            .transform!.sourcePoints
        let manual = try FittedFeatureTransform.fit(trainSource, options: options.transform)
        XCTAssertEqual(manual, split.train.transform?.fitted)
        XCTAssertEqual(split.test.points, manual.apply(split.test.transform!.sourcePoints))
    }

    func testCSVTransformAndErrors() throws {
        let dir = try temporaryDirectory(for: self)
        let path = try writeFile(dir, "t.csv", "c,a,b\nx,0,10\nx,2,30\ny,4,20\n")
        let scaled = try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["c"], transform: FeatureTransformOptions(scale: true)))
        XCTAssertEqual(scaled.points.storage, [-1, -1, 0, 1, 1, 0])
        XCTAssertEqual(expectDataError {
            try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["c"], transform: FeatureTransformOptions(pcaComponents: 3)))
        }?.message, "pca=3: the number of components must be between 1 and the 2 features")
        let split = expectDataError {
            try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["c"], transform: FeatureTransformOptions(pcaComponents: 2)))
                .holdout(.conditions(["y"]))
        }
        XCTAssertEqual(split?.message, "pca=2 needs more than 2 training points to fit, got 2")
    }
}
