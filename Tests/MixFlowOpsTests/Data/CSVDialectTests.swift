import Foundation
import XCTest
@testable import MixFlowOps

/// CSV as spreadsheets and R/pandas write it: byte-order marks, other separators, comment lines,
/// missing-value markers, and column types decided over the whole column.
final class CSVDialectTests: XCTestCase {
    private func load(_ text: String, name: String = "t.csv", _ options: CSVOptions = CSVOptions(conditionColumns: ["g"]))
        throws -> (Dataset, LoadReport) {
        let path = try writeFile(try temporaryDirectory(for: self), name, text)
        return try CSVLoader.loadWithReport(path: path, options: options)
    }

    private func error(_ text: String, _ options: CSVOptions = CSVOptions(conditionColumns: ["g"])) -> DataError? {
        // The file's folder is a fresh temporary one: compare from the file name on.
        expectDataError { try self.load(text, options) }.map { error in
            var named = error
            named.path = error.path.map { ($0 as NSString).lastPathComponent }
            return named
        }
    }

    func testExcelFileWithByteOrderMarkSemicolonsAndComments() throws {
        let (data, _) = try load("\u{FEFF}g;x;y\n# exported by a spreadsheet\nA;1,5;2\nB;3;4\n",
                                 CSVOptions(conditionColumns: ["g"], featureColumns: ["y"]))
        XCTAssertEqual(data.conditions.map(\.name), ["A", "B"], "no \\ufeff in the first column's name")
        XCTAssertEqual(data.points.storage, [2, 4])
        let (tabs, _) = try load("# comment first\ng\tx\nA\t1\nB\t2\n", name: "t.txt")
        XCTAssertEqual(tabs.points.storage, [1, 2])
        let (semicolons, _) = try load("g;x\nA;1\n", name: "t.tsv")
        XCTAssertEqual(semicolons.featureNames, ["x"], "sniffed, not taken from the extension")
        let (forced, _) = try load("g|x\nA|1\n", CSVOptions(conditionColumns: ["g"], delimiter: "|"))
        XCTAssertEqual(forced.points.storage, [1])
    }

    func testMissingValuesStopOrAreDropped() throws {
        let text = "g,x,y\nA,1,NA\nA,2,3\n,5,6\nB,7,\nB,8,9\n"
        XCTAssertEqual(error(text)?.description,
                       "t.csv:4:1 (column 'g'): missing value: the condition cell is empty (load with drop_na=true to drop rows with missing values)")
        XCTAssertEqual(error("g,x,y\nA,1,NA\nA,2,3\n")?.description,
                       "t.csv:2:3 (column 'y'): missing value: expected a number, found 'NA' (load with drop_na=true to drop rows with missing values)")
        let (data, report) = try load(text, CSVOptions(conditionColumns: ["g"], dropMissing: true))
        XCTAssertEqual(data.points.storage, [2, 3, 8, 9])
        XCTAssertEqual(data.counts, [1, 1])
        XCTAssertEqual(report.droppedNote, "3 rows with missing values dropped (g 1, y 2)")
        let (custom, _) = try load("g,x\nA,-999\nA,1\n", CSVOptions(conditionColumns: ["g"], missingValues: ["-999"], dropMissing: true))
        XCTAssertEqual(custom.points.storage, [1])
    }

    func testColumnTypesAreDecidedOverTheWholeColumn() throws {
        // NaN in the first data row no longer hides the column: it is a missing number.
        XCTAssertEqual(error("g,x\nA,NaN\nA,2\n")?.line, 2)
        let (data, _) = try load("g,x,id\nA,NaN,c1\nA,2,c2\nB,3,c3\n", CSVOptions(conditionColumns: ["g"], dropMissing: true))
        XCTAssertEqual(data.featureNames, ["x"], "the text column id is ignored")
        XCTAssertEqual(data.points.storage, [2, 3])
        XCTAssertEqual(error("g,x\nA,inf\nA,2\n")?.description,
                       "t.csv:3:2 (column 'x'): column 'x' mixes text (line 2: 'inf') and numbers: found '2' "
                       + "(name the feature columns with features=[...] (text columns such as ids are then ignored))")
        XCTAssertEqual(error("g,x\nA,1\nA,oops\n")?.description,
                       "t.csv:3:2 (column 'x'): expected a number, found 'oops' (the column holds numbers from line 2; "
                       + "if 'oops' marks a missing value, list it in na=[...]; to ignore this column, list the feature columns with features=[...])")
        XCTAssertEqual(error("g,x\nA,1e39\n")?.description,
                       "t.csv:2:2 (column 'x'): 1e39 is too large for a 32-bit float (at most about 3.4e38)")
    }

    func testRepeatedFeatureNamesAreMadeUnique() throws {
        let (data, report) = try load("g,x,x\nA,1,2\n")
        XCTAssertEqual(data.featureNames, ["x", "x-1"])
        XCTAssertEqual(report.warnings, ["t.csv: feature column names repeat ('x'); made unique ('x', 'x-1', ...)"])
    }

    func testTabSeparatedOutputQuotesOnlyWhatItMust() throws {
        let table = try DataTable(columns: [TableColumn("name", .strings(["a,b", "c\td", "#e"])), TableColumn("v", .floats([1, 2.5, 3]))])
        XCTAssertEqual(String(decoding: CSV.encode(table, delimiter: 0x09), as: UTF8.self), "name\tv\na,b\t1\n\"c\td\"\t2.5\n\"#e\"\t3\n")
    }
}
