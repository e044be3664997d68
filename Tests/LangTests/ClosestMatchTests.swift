import XCTest

@testable import Lang

final class ClosestMatchTests: XCTestCase {
    let keywords = ["sigma", "components", "init", "seed", "hidden", "steps"]

    func testTranspositionSubstitutionInsertionDeletion() {
        XCTAssertEqual(closestMatch(to: "sigam", among: keywords), "sigma")
        XCTAssertEqual(closestMatch(to: "sigmb", among: keywords), "sigma")
        XCTAssertEqual(closestMatch(to: "sigmaa", among: keywords), "sigma")
        XCTAssertEqual(closestMatch(to: "sgma", among: keywords), "sigma")
        XCTAssertEqual(closestMatch(to: "cmoponents", among: keywords), "components")
    }

    func testCaseIsIgnoredAndPreferredOnTies() {
        XCTAssertEqual(closestMatch(to: "SIGMA", among: keywords), "sigma")
        XCTAssertEqual(closestMatch(to: "Seed", among: ["seeds", "seed"]), "seed")
        XCTAssertEqual(closestMatch(to: "Ab", among: ["ab", "Ab"]), "Ab")
    }

    func testThresholdGrowsWithLength() {
        XCTAssertNil(closestMatch(to: "sxgmx", among: keywords), "two edits on five letters is too far")
        XCTAssertEqual(closestMatch(to: "componnetz", among: keywords), "components", "three edits on ten letters")
        XCTAssertNil(closestMatch(to: "xyz", among: keywords))
    }

    func testSingleLettersGetNoSuggestion() {
        XCTAssertNil(closestMatch(to: "x", among: ["y", "xy"]))
        XCTAssertEqual(closestMatch(to: "fi", among: ["if", "for"]), "if")
    }

    func testPrefersTheSmallestDistanceThenTheFirstListed() {
        XCTAssertEqual(closestMatch(to: "stepz", among: ["steps", "stepx"]), "steps")
        XCTAssertEqual(closestMatch(to: "seet", among: ["seed", "sees", "seet"]), "seet")
    }

    func testEmptyAndHugeInputs() {
        XCTAssertNil(closestMatch(to: "", among: keywords))
        XCTAssertNil(closestMatch(to: "sigma", among: [String]()))
        XCTAssertNil(closestMatch(to: String(repeating: "a", count: 10_000), among: keywords))
    }

    func testDistanceDefinition() {
        func distance(_ a: String, _ b: String) -> Int {
            optimalStringAlignmentDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
        }
        XCTAssertEqual(distance("", "abc"), 3)
        XCTAssertEqual(distance("kitten", "sitting"), 3)
        XCTAssertEqual(distance("ab", "ba"), 1)
        // OSA, not unrestricted Damerau-Levenshtein: "ca" -> "abc" costs 3, not 2.
        XCTAssertEqual(distance("ca", "abc"), 3)
        XCTAssertEqual(distance("héllo", "hello"), 1)
    }
}
