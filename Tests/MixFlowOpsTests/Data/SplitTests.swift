import XCTest
@testable import MixFlowOps

final class SplitTests: XCTestCase {
    private func letters() throws -> Dataset {
        try Letters.make(LettersOptions(letters: "AEK", angles: [0, 90, 210, 300], points: 20, seed: 3))
    }

    func testHoldoutByAngleKeepsDescriptorsAndPartitionsPoints() throws {
        let data = try letters()
        let split = try data.holdout(.matching(ConditionQuery(["angle": [.number(90), .number(210)]])))
        XCTAssertEqual(split.test.conditions.map(\.name), ["A@90", "A@210", "E@90", "E@210", "K@90", "K@210"])
        XCTAssertEqual(split.train.conditions.map(\.name), ["A@0", "A@300", "E@0", "E@300", "K@0", "K@300"])
        XCTAssertEqual(split.train.pointCount + split.test.pointCount, data.pointCount)
        for condition in split.test.conditions {   // held-out conditions keep descriptors and points
            let original = data.conditionIndex(named: condition.name)!
            XCTAssertEqual(condition.descriptor, data.conditions[original].descriptor)
            let index = split.test.conditionIndex(named: condition.name)!
            XCTAssertEqual(split.test.points(of: index), data.points(of: original))
        }
        XCTAssertEqual(split.summary, "split: train 6 conditions (120 points), test 6 conditions "
            + "(A@90, A@210, E@90, E@210, K@90, K@210; 120 points)")
    }

    func testHoldoutByLetterAndByNames() throws {
        let data = try letters()
        let byLetter = try data.holdout(.matching(ConditionQuery(["letter": [.string("K")]])))
        XCTAssertEqual(byLetter.test.conditions.map(\.name), ["K@0", "K@90", "K@210", "K@300"])
        let byNames = try data.holdout(.conditions(["E@300", "A@0"]))
        XCTAssertEqual(byNames.test.conditions.map(\.name), ["A@0", "E@300"])
        XCTAssertEqual(byNames.train.conditions.count, 10)
    }

    func testHoldoutByFractionIsSeededAndDisjoint() throws {
        let data = try letters()
        let first = try data.holdout(.fraction(0.25, seed: 7))
        let again = try data.holdout(.fraction(0.25, seed: 7))
        let other = try data.holdout(.fraction(0.25, seed: 8))
        XCTAssertEqual(first, again)
        XCTAssertEqual(first.test.conditions.count, 3)   // round(0.25 x 12)
        XCTAssertNotEqual(first.test.conditions.map(\.name), other.test.conditions.map(\.name))
        let names = Set(first.train.conditions.map(\.name)).union(first.test.conditions.map(\.name))
        XCTAssertEqual(names.count, 12)
    }

    func testHoldoutErrors() throws {
        let data = try letters()
        let missingValue = expectDataError { try data.holdout(.matching(ConditionQuery(["angle": [.number(90), .number(45)]]))) }
        XCTAssertEqual(missingValue?.message, "no condition has angle=45 in letters")
        XCTAssertEqual(missingValue?.hint, "angle values are '0', '90', '210', '300'")
        let missingName = expectDataError { try data.holdout(.conditions(["Q@0"])) }
        XCTAssertEqual(missingName?.message, "holdout: no condition named 'Q@0' in letters")
        let everything = expectDataError { try data.holdout(.matching(ConditionQuery(["letter": [.string("A"), .string("E"), .string("K")]]))) }
        XCTAssertEqual(everything?.message, "holdout selects all 12 conditions of letters; the train set would be empty")
        let emptyTest = expectDataError { try data.holdout(.conditions([])) }
        XCTAssertEqual(emptyTest?.message, "holdout selects no conditions of letters; the test set would be empty")
        XCTAssertNotNil(expectDataError { try data.holdout(.fraction(1.0, seed: 1)) })
    }
}
