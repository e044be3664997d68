import Foundation
import XCTest
@testable import MixFlowOps

final class CSVExportTests: XCTestCase {
    func testFieldsAreQuotedOnlyWhenNeeded() {
        XCTAssertEqual(CSV.field("plain"), "plain")
        XCTAssertEqual(CSV.field("A @ 90"), "A @ 90")
        XCTAssertEqual(CSV.field(""), "")
        XCTAssertEqual(CSV.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSV.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSV.field("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(CSV.field("cr\rhere"), "\"cr\rhere\"")
        XCTAssertEqual(CSV.field(" padded"), "\" padded\"")
        XCTAssertEqual(CSV.field("ünïcödé"), "ünïcödé")
    }

    func testNumbersAreShortestAndExact() {
        XCTAssertEqual(CSV.number(3.0), "3")
        XCTAssertEqual(CSV.number(-42.0), "-42")
        XCTAssertEqual(CSV.number(0.1), "0.1")
        XCTAssertEqual(CSV.number(0.1 + 0.2), "0.30000000000000004")
        XCTAssertEqual(CSV.number(Float(0.1)), "0.1")
        XCTAssertEqual(CSV.number(Float(2.5)), "2.5")
        XCTAssertEqual(CSV.number(Double.nan), "NaN")
        XCTAssertEqual(CSV.number(Double.infinity), "Inf")
        XCTAssertEqual(CSV.number(-Double.infinity), "-Inf")
        XCTAssertEqual(CSV.number(-0.0), "-0.0")
        XCTAssertEqual(CSV.number(1e20), "1e+20")
    }

    func testNumbersRoundTripBitForBit() {
        var random = PlotTestRandom(seed: 42)
        for _ in 0..<5000 {
            let magnitude = Foundation.pow(10, random.uniform() * 40 - 20)
            let value = (random.uniform() - 0.5) * magnitude
            XCTAssertEqual(Double(CSV.number(value))?.bitPattern, value.bitPattern, "\(value)")
            let single = Float(value)
            XCTAssertEqual(Float(CSV.number(single))?.bitPattern, single.bitPattern, "\(single)")
        }
    }

    func testTableEncodesHeaderAndRows() throws {
        let table = try DataTable(columns: [
            TableColumn("condition", .strings(["A @ 90", "E, rotated", "say \"x\""])),
            TableColumn("n", .integers([1000, 850, 3])),
            TableColumn("w2", .doubles([0.183, .nan, 2])),
        ])
        let text = String(decoding: CSV.encode(table), as: UTF8.self)
        XCTAssertEqual(text, "condition,n,w2\nA @ 90,1000,0.183\n\"E, rotated\",850,NaN\n\"say \"\"x\"\"\",3,2\n")
    }

    func testRoundTripThroughAnRFC4180Reader() throws {
        let names = ["plain", "with,comma", "with \"quotes\"", "multi\nline", " lead", "trail ", "", "ß∂ƒ"]
        let values = names.indices.map { Double($0) / 7 }
        let table = try DataTable(columns: [TableColumn("name", .strings(names)), TableColumn("value, scaled", .doubles(values))])
        let rows = RFC4180TestReader.parse(String(decoding: CSV.encode(table), as: UTF8.self))
        XCTAssertEqual(rows.first, ["name", "value, scaled"])
        XCTAssertEqual(rows.dropFirst().map { $0[0] }, names)
        XCTAssertEqual(rows.dropFirst().map { Double($0[1])! }, values)
    }

    func testPointsTableHasConditionColumnsThenFeatures() throws {
        let points = Matrix<Float>([[0.5, -1.25], [0.1, 3]])
        let table = try DataTable.points(points, leading: [TableColumn("letter", .strings(["A", "E"])),
                                                           TableColumn("angle", .integers([90, 210]))])
        XCTAssertEqual(String(decoding: CSV.encode(table), as: UTF8.self),
                       "letter,angle,x1,x2\nA,90,0.5,-1.25\nE,210,0.1,3\n")
        XCTAssertThrowsError(try DataTable.points(points, featureNames: ["only one"])) { error in
            XCTAssertEqual("\(error)", "1 feature names given for a matrix with 2 columns; give one name per column")
        }
    }

    func testColumnsOfDifferentLengthAreRejectedWithAClearMessage() {
        XCTAssertThrowsError(try DataTable(columns: [TableColumn("step", .integers([1, 2, 3])),
                                                     TableColumn("loss", .doubles([0.5, 0.4]))])) { error in
            XCTAssertEqual("\(error)", "table column 'loss' has 2 values but column 'step' has 3; all columns need the same length")
        }
    }

    func testRowWriterMatchesTableEncoding() throws {
        var writer = CSVWriter(header: ["step", "phase", "loss"])
        writer.appendRow([.integer(0), .text("warm-up"), .number(1.5)])
        writer.appendRow([.integer(1), .text("warm, up"), .float(0.25)])
        let table = try DataTable(columns: [TableColumn("step", .integers([0, 1])),
                                            TableColumn("phase", .strings(["warm-up", "warm, up"])),
                                            TableColumn("loss", .doubles([1.5, 0.25]))])
        XCTAssertEqual(writer.data, CSV.encode(table))
    }

    func testWriteIsAtomicAndReportsAMissingDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-csv-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let table = try DataTable(columns: [TableColumn("x", .doubles([1, 2]))])
        let path = directory.appendingPathComponent("out.csv").path
        try CSV.write(table, to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "x\n1\n2\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["out.csv"], "no temporary file left")

        let missing = directory.appendingPathComponent("nope/out.csv").path
        XCTAssertThrowsError(try CSV.write(table, to: missing)) { error in
            XCTAssertEqual(error as? FileWriteError, .missingDirectory(path: missing, directory: directory.appendingPathComponent("nope").path))
            XCTAssertTrue("\(error)".contains("does not exist"))
        }
    }

    func testWriteReportsPermissionDenied() throws {
        try XCTSkipIf(getuid() == 0, "permissions are not enforced for root")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mfsh-csv-ro-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: directory.path)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
            try? FileManager.default.removeItem(at: directory)
        }
        let path = directory.appendingPathComponent("out.csv").path
        let table = try DataTable(columns: [TableColumn("x", .doubles([1]))])
        XCTAssertThrowsError(try CSV.write(table, to: path)) { error in
            XCTAssertEqual(error as? FileWriteError, .permissionDenied(path: path))
        }
    }
}

/// A strict RFC 4180 reader, for checking what the writer produces.
enum RFC4180TestReader {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars = chars.dropFirst() } else { inQuotes = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
