import XCTest
@testable import MixFlowOps

/// The memory budget: parsing MFSH_MEMORY values, checked size products, and generated data
/// refused before it is allocated.
final class MemoryBudgetTests: XCTestCase {
    func testParsesSizesWithUnits() {
        XCTAssertEqual(MemoryBudget.parse("8G"), 8 << 30)
        XCTAssertEqual(MemoryBudget.parse("512m"), 512 << 20)
        XCTAssertEqual(MemoryBudget.parse("64KB"), 64 << 10)
        XCTAssertEqual(MemoryBudget.parse("1.5G"), 3 << 29)
        XCTAssertEqual(MemoryBudget.parse("1000000"), 1_000_000)
        for bad in ["", "lots", "-1G", "0", "1e30", "nanG"] { XCTAssertNil(MemoryBudget.parse(bad), bad) }
    }

    func testProductsAreCheckedForOverflowAndSign() {
        XCTAssertEqual(MemoryBudget.checkedProduct([1000, 1000, 4]), 4_000_000)
        XCTAssertNil(MemoryBudget.checkedProduct([1 << 40, 1 << 40]))
        XCTAssertNil(MemoryBudget.checkedProduct([-1, 5]))
        let refusal = MemoryBudget.excess("asking", counts: [1 << 40, 1 << 40], bytesPerItem: 4)
        XCTAssertEqual(refusal?.bytes, nil)
        XCTAssertTrue(refusal?.description.hasPrefix("asking needs more memory than any machine has, over the memory budget of") == true)
    }

    func testGeneratedDataOverTheBudgetIsRefused() {
        let letters = expectDataError { try Letters.make(LettersOptions(letters: "AB", angles: [0], points: 1_000_000_000)) }
        XCTAssertTrue(letters?.message.hasPrefix("load \"letters\" with 2 conditions x points=1000000000 in dim=2 needs") == true,
                      letters?.message ?? "no error")
        XCTAssertTrue(letters?.message.hasSuffix("set MFSH_MEMORY (e.g. MFSH_MEMORY=64G) if the machine has the memory") == true)
        let wide = expectDataError { try Letters.make(LettersOptions(letters: "A", angles: [0], points: 10, dim: 1 << 61)) }
        XCTAssertTrue(wide?.message.contains("needs more memory than any machine has") == true, wide?.message ?? "no error")
        let toy = expectDataError { try ToyDatasets.make(ToyOptions(kind: .gaussians, values: [1], points: 10_000_000_000)) }
        XCTAssertTrue(toy?.message.hasPrefix("load \"gaussians\" with 1 condition x points=10000000000 needs") == true,
                      toy?.message ?? "no error")
    }
}
