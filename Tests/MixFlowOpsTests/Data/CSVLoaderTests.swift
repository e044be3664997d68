import XCTest
@testable import MixFlowOps

final class CSVLoaderTests: XCTestCase {
    func testHeaderConditionAndDefaultFeatures() throws {
        let dir = try temporaryDirectory(for: self)
        let path = try writeFile(dir, "points.csv", """
            id,letter,x,y
            p1,K,1.5,-2
            p2,A,0.25,3e2
            p3,K,-1,0.5

            """)
        let data = try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["letter"]))
        XCTAssertEqual(data.summary, "dataset 3x2, 2 conditions (letter), descriptors 2-D")
        XCTAssertEqual(data.featureNames, ["x", "y"])   // `id` is text, so not a feature
        XCTAssertEqual(data.points.storage, [1.5, -2, 0.25, 300, -1, 0.5])
        XCTAssertEqual(data.conditions.map(\.name), ["K", "A"])   // first appearance
        XCTAssertEqual(data.conditionOfPoint, [0, 1, 0])
        XCTAssertEqual(data.conditions.map(\.descriptor), [[1, 0], [0, 1]])   // one-hot by default
        XCTAssertEqual(data.name, "points.csv")
    }

    func testTwoConditionColumnsWithNumericField() throws {
        let dir = try temporaryDirectory(for: self)
        let path = try writeFile(dir, "la.csv", "letter,angle,x\nA,90,1\nA,0,2\nE,90.0,3\nA,90.0,4\n")
        let data = try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["letter", "angle"]))
        XCTAssertEqual(data.conditions.map(\.name), ["A@90", "A@0", "E@90"])   // "90" and "90.0" are one value
        XCTAssertEqual(data.fields.map(\.kind), [.string, .number])
        XCTAssertEqual(data.conditionOfPoint, [0, 1, 2, 0])
        XCTAssertEqual(data.conditions[2].descriptor, [0, 1, 90])   // one-hot letter, then the angle
        XCTAssertEqual(try data.selecting(ConditionQuery(["angle": [.number(90)]])).pointCount, 3)
    }

    func testQuotedFieldsCRLFAndLineNumbersAfterMultilineFields() throws {
        let dir = try temporaryDirectory(for: self)
        let text = "name,x\r\n\"a, \"\"quoted\"\" one\",\"1.5\"\r\n\"two\r\nlines\",2\r\nplain,oops\r\n"
        let path = try writeFile(dir, "quoted.csv", text)
        let error = expectDataError { try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["name"])) }
        XCTAssertEqual(error?.line, 5)   // the quoted line break in record 3 counts as a line
        XCTAssertEqual(error?.column, 2)
        XCTAssertEqual(error?.columnName, "x")
        XCTAssertEqual(error?.message, "expected a number, found 'oops'")
        try writeFile(dir, "quoted.csv", String(text.dropLast("plain,oops\r\n".count)))
        let data = try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["name"]))
        XCTAssertEqual(data.conditions.map(\.name), ["a, \"quoted\" one", "two\r\nlines"])
        XCTAssertEqual(data.points.storage, [1.5, 2])
    }

    func testNoHeaderColumnsByPosition() throws {
        let dir = try temporaryDirectory(for: self)
        let path = try writeFile(dir, "bare.tsv", "1\t0.5\t7\n2\t1.5\t8\n1\t2.5\t9\n")
        let data = try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["1"]))
        XCTAssertEqual(data.featureNames, ["column2", "column3"])
        XCTAssertEqual(data.points.storage, [0.5, 7, 1.5, 8, 2.5, 9])
        XCTAssertEqual(data.conditions.map(\.name), ["1", "2"])
        XCTAssertEqual(data.fields.first?.kind, .number)
        let chosen = try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["column1"], featureColumns: ["3"]))
        XCTAssertEqual(chosen.points.storage, [7, 8, 9])
    }

    func testDescriptorsFromASecondFile() throws {
        let dir = try temporaryDirectory(for: self)
        let path = try writeFile(dir, "data.csv", "letter,angle,x,y\nA,0,1,2\nA,90,3,4\nE,0,5,6\n")
        let byFields = try writeFile(dir, "d1.csv", "angle,letter,d1,d2\n90,A,0.5,1\n0,A,-1,2\n0,E,3,4\n45,E,9,9\n")
        let data = try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["letter", "angle"], descriptorsPath: byFields))
        XCTAssertEqual(data.conditions.map(\.descriptor), [[-1, 2], [0.5, 1], [3, 4]])
        let byName = try writeFile(dir, "d2.csv", "condition,emb\nE@0,7\nA@90,8\nA@0,9\n")
        let named = try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["letter", "angle"], descriptorsPath: byName))
        XCTAssertEqual(named.conditions.map(\.descriptor), [[9], [8], [7]])
        let missing = try writeFile(dir, "d3.csv", "condition,emb\nE@0,7\n")
        let error = expectDataError { try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["letter", "angle"], descriptorsPath: missing)) }
        XCTAssertEqual(error?.message, "no descriptor row for 2 conditions: 'A@0', 'A@90'")
        XCTAssertEqual(error?.path, missing)
        let twice = try writeFile(dir, "d4.csv", "condition,emb\nE@0,7\nA@90,8\nA@0,9\nE@0,1\n")
        XCTAssertEqual(expectDataError { try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["letter", "angle"], descriptorsPath: twice)) }?.line, 5)
        let text = try writeFile(dir, "d5.csv", "condition,emb\nE@0,7\nA@90,high\nA@0,9\n")
        let bad = expectDataError { try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["letter", "angle"], descriptorsPath: text)) }
        XCTAssertEqual(bad.map { [$0.line, $0.column] }, [3, 2])
        XCTAssertEqual(bad?.columnName, "emb")
    }

    func testMalformedFilesNameThePlace() throws {
        let dir = try temporaryDirectory(for: self)
        let cases: [(name: String, text: String, message: String, line: Int?, column: Int?)] = [
            ("truncated.csv", "c,x\nA,1\n\"B,2\n", "the file ends inside a quoted field that starts here; the file may be truncated", 3, 1),
            ("ragged.csv", "c,x,y\nA,1,2\nA,3\nA,5,6\n", "this row has 2 fields, expected 3 like the first row", 3, nil),
            ("text.csv", "c,x,y\nA,1,2\nA,3,abc\n", "expected a number, found 'abc'", 3, 3),
            ("missing.csv", "c,x,y\nA,1,2\nA,,4\n", "missing value: expected a number, found an empty cell", 3, 2),
            ("empty.csv", "", "the file is empty", nil, nil),
            ("headeronly.csv", "c,x,y\n", "the file has a header but no data rows", 2, nil),
            ("afterquote.csv", "c,x\n\"A\"b,1\n", "unexpected character 'b' after a closing quote", 2, 1),
        ]
        for item in cases {
            let path = try writeFile(dir, item.name, item.text)
            let error = expectDataError { try CSVLoader.load(path: path, options: CSVOptions(conditionColumns: ["c"])) }
            XCTAssertEqual(error?.message, item.message, item.name)
            XCTAssertEqual(error?.path, path, item.name)
            XCTAssertEqual(error?.line, item.line, item.name)
            XCTAssertEqual(error?.column, item.column, item.name)
        }
        let truncatedRow = try writeFile(dir, "cut.csv", "c,x,y\nA,1,2\nA,3")
        XCTAssertEqual(expectDataError { try CSVLoader.load(path: truncatedRow, options: CSVOptions(conditionColumns: ["c"])) }?.hint,
                       "it is the last row: the file may be truncated")
        let text = expectDataError { try CSVLoader.load(path: dir + "/text.csv", options: CSVOptions(conditionColumns: ["c"])) }
        XCTAssertEqual(text?.description, dir + "/text.csv:3:3 (column 'y'): expected a number, found 'abc' "
            + "(the column holds numbers from line 2; if 'abc' marks a missing value, list it in na=[...]; "
            + "to ignore this column, list the feature columns with features=[...])")
        let unknown = expectDataError { try CSVLoader.load(path: dir + "/text.csv", options: CSVOptions(conditionColumns: ["cell"])) }
        XCTAssertEqual(unknown?.message, "no condition column 'cell' in this file")
        XCTAssertEqual(unknown?.hint, "columns are 'c', 'x', 'y'")
        XCTAssertEqual(expectDataError { try CSVLoader.load(path: dir + "/nothere.csv") }?.message,
                       "cannot read '\(dir)/nothere.csv': file not found")
    }

    /// Records split across chunk boundaries anywhere (inside quotes, between CR and LF) parse the
    /// same as with one big chunk.
    func testReaderIsIndependentOfChunkBoundaries() throws {
        let dir = try temporaryDirectory(for: self)
        let text = "a,\"b\r\nc\",d\r\n\"\"\"q\"\"\",,\"\"\n\n1,2,3\rx,\"y,z\",w\n"
        let path = try writeFile(dir, "chunks.csv", text)
        func records(chunk: Int) throws -> [[String]] {
            let reader = try CSVRecordReader(path: path, delimiter: 0x2C, chunkSize: chunk)
            var out: [[String]] = []
            while try reader.nextRecord() { out.append((0..<reader.fieldCount).map(reader.fieldString) + ["@\(reader.recordLine)"]) }
            return out
        }
        let expected: [[String]] = [["a", "b\r\nc", "d", "@1"], ["\"q\"", "", "", "@3"], ["1", "2", "3", "@5"], ["x", "y,z", "w", "@6"]]
        for chunk in 1...12 { XCTAssertEqual(try records(chunk: chunk), expected, "chunk size \(chunk)") }
        XCTAssertEqual(try records(chunk: 1 << 16), expected)
    }

    func testNumberParsingAgreesWithStrtod() {
        let texts = ["0", "-0", "1", "+2.5", "3.", ".5", "-.25", "1e3", "1E-3", "6.02214076e23", "4.9e-324",
                     "123456789012345678901234567890", "0.1", "0.30000000000000004", "  7.25 ", "1.7976931348623157e308",
                     "9007199254740993", "2.2250738585072014e-308", "000123.4500"]
        for text in texts {
            XCTAssertEqual(NumberParsing.parseDouble(text), strtod(text, nil), text)
        }
        var random = RandomStream(seed: 3)
        for _ in 0..<2000 {
            let value = (random.nextDouble() - 0.5) * pow(10, Double(random.nextInt(below: 40) - 20))
            let text = String(format: "%.\(random.nextInt(below: 17) + 1)g", value)
            XCTAssertEqual(NumberParsing.parseDouble(text), strtod(text, nil), text)
        }
        for text in ["", " ", "-", "1e", "e5", "1.2.3", "0x10", "inf", "nan", "NA", "1,5", "--1", "1e+"] {
            XCTAssertNil(NumberParsing.parseDouble(text), text)
        }
    }
}
