import XCTest
@testable import MixFlowOps

final class DatasetTests: XCTestCase {
    /// 3 letters x 2 angles, 2 points each; point (i) has x = 10 * condition + i.
    private func smallDataset() throws -> Dataset {
        var conditions: [Condition] = []
        var storage: [Float] = []
        var labels: [Int] = []
        for (l, letter) in ["A", "E", "K"].enumerated() {
            for angle in [0.0, 90.0] {
                let c = conditions.count
                conditions.append(Letters.condition(Character(letter), index: l, of: 3, angle: angle))
                for i in 0..<2 {
                    storage += [Float(10 * c + i), Float(-c)]
                    labels.append(c)
                }
            }
        }
        return try Dataset(name: "small", points: Matrix(rows: 12, cols: 2, storage: storage),
                           conditionOfPoint: labels, conditions: conditions, featureNames: ["x", "y"])
    }

    func testSummaryCountsAndFields() throws {
        let data = try smallDataset()
        XCTAssertEqual(data.summary, "dataset 12x2, 6 conditions (letter, angle), descriptors 5-D")
        XCTAssertEqual(data.counts, [2, 2, 2, 2, 2, 2])
        XCTAssertEqual(data.fields, [MetadataField(name: "letter", kind: .string), MetadataField(name: "angle", kind: .number)])
        XCTAssertEqual(data.conditions.map(\.name), ["A@0", "A@90", "E@0", "E@90", "K@0", "K@90"])
        XCTAssertEqual(data.descriptors.shapeDescription, "6x5")
        XCTAssertEqual(data.points(of: 3).storage, [30, -3, 31, -3])
    }

    func testSelectionByFieldsAndLists() throws {
        let data = try smallDataset()
        let one = try data.selecting(ConditionQuery(["letter": [.string("E")], "angle": [.number(90)]]))
        XCTAssertEqual(one.conditions.map(\.name), ["E@90"])
        XCTAssertEqual(one.points.storage, [30, -3, 31, -3])
        XCTAssertEqual(one.conditionOfPoint, [0, 0])
        let several = try data.conditionIndices(matching: ConditionQuery(["letter": [.string("A"), .string("K")]]))
        XCTAssertEqual(several, [0, 1, 4, 5])
        // Lenient kinds: the string "90" selects angle 90; the pseudo-field `condition` selects names.
        XCTAssertEqual(try data.conditionIndices(matching: ConditionQuery(["angle": [.string("90")]])), [1, 3, 5])
        XCTAssertEqual(try data.conditionIndices(matching: ConditionQuery(["condition": [.string("K@0")]])), [4])
    }

    func testSelectionErrorsNameWhatIsAvailable() throws {
        let data = try smallDataset()
        let unknownField = expectDataError { try data.selecting(ConditionQuery(["colour": [.string("red")]])) }
        XCTAssertEqual(unknownField?.message, "small has no field 'colour'")
        XCTAssertEqual(unknownField?.hint, "fields are 'letter', 'angle', 'condition'")
        let unknownValue = expectDataError { try data.selecting(ConditionQuery(["angle": [.number(90), .number(45)]])) }
        XCTAssertEqual(unknownValue?.message, "no condition has angle=45 in small")
        XCTAssertEqual(unknownValue?.hint, "angle values are '0', '90'")
        let noCombination = expectDataError {
            try data.selecting(ConditionQuery(["letter": [.string("A")], "condition": [.string("K@0")]]))
        }
        XCTAssertEqual(noCombination?.message, "no condition has letter=\"A\", condition=\"K@0\" in small")
    }

    func testSubsetKeepsDatasetOrderAndRenumbers() throws {
        let data = try smallDataset()
        let subset = data.subset(conditions: [5, 1, 1])
        XCTAssertEqual(subset.conditions.map(\.name), ["A@90", "K@90"])
        XCTAssertEqual(subset.points.storage, [10, -1, 11, -1, 50, -5, 51, -5])
        XCTAssertEqual(subset.conditionOfPoint, [0, 0, 1, 1])
        XCTAssertEqual(subset.pointIndices, [[0, 1], [2, 3]])
        XCTAssertEqual(subset.conditions[1].descriptor, data.conditions[5].descriptor)
        let named = expectDataError { try data.subset(conditionNames: ["A@90", "Z@0"]) }
        XCTAssertEqual(named?.message, "no condition named 'Z@0' in small")
    }

    func testInitRejectsInconsistentInput() {
        let a = Condition(metadata: [MetadataEntry("k", .string("a"))], descriptor: [1])
        let b = Condition(metadata: [MetadataEntry("k", .string("b"))], descriptor: [1, 2])
        let points = Matrix<Float>(rows: 2, cols: 1)
        XCTAssertEqual(expectDataError { try Dataset(name: "d", points: points, conditionOfPoint: [0, 1], conditions: [a, b]) }?
            .message, "dataset 'd': condition 'b' has a 2-D descriptor but 'a' has 1-D")
        XCTAssertEqual(expectDataError { try Dataset(name: "d", points: points, conditionOfPoint: [0, 2], conditions: [a]) }?
            .message, "dataset 'd': point 1 has condition 2, but there are 1 conditions")
        XCTAssertEqual(expectDataError { try Dataset(name: "d", points: points, conditionOfPoint: [0, 0], conditions: [a, a]) }?
            .message, "dataset 'd': two conditions are named 'a'")
    }

    func testMetadataValueFormattingAndMatching() {
        XCTAssertEqual(MetadataValue.number(90).description, "90")
        XCTAssertEqual(MetadataValue.number(-0.5).description, "-0.5")
        XCTAssertEqual(conditionName([.string("A"), .number(90)]), "A@90")
        XCTAssertTrue(MetadataValue.number(0.3).matches(.number(0.1 * 3)))
        XCTAssertTrue(MetadataValue.string("3").matches(.number(3)))
        XCTAssertFalse(MetadataValue.string("A").matches(.number(3)))
        XCTAssertFalse(MetadataValue.number(90).matches(.number(90.001)))
    }

    func testDataSourceByNameAndExtension() throws {
        XCTAssertEqual(try DataSource("letters"), .letters)
        XCTAssertEqual(try DataSource("moons"), .toy(.moons))
        XCTAssertEqual(try DataSource("runs/cells.TSV"), .csv(path: "runs/cells.TSV"))
        XCTAssertEqual(try DataSource("pbmc.h5ad"), .h5ad(path: "pbmc.h5ad"))
        let unknown = expectDataError { try DataSource("leters") }
        XCTAssertEqual(unknown?.message, "unknown data source 'leters'")
        XCTAssertEqual(unknown?.hint, "expected 'letters', 'gaussians', 'moons', 'rings', or a .csv, .tsv or .h5ad file")
    }
}
