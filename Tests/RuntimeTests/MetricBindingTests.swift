import Foundation
import Lang
import MixFlowOps
import XCTest
@testable import Runtime

/// The metric builtins against MixFlowOps' own functions on the same points, and the metric
/// table value's members and display.
final class MetricBindingTests: XCTestCase {
    private func session() -> BindingSession {
        let session = BindingSession()
        session.run("""
            real = load "letters" letters="AE" angles=[0, 90] points=50 seed=1
            gen = load "letters" letters="AE" angles=[0, 90] points=30 noise=0.06 seed=2
            """)
        return session
    }

    private func points(_ session: BindingSession, _ name: String, _ condition: String) throws -> Matrix<Double> {
        let data = try XCTUnwrap(session.object(name, as: DatasetValue.self)).dataset
        return data.points(of: try XCTUnwrap(data.conditionIndex(named: condition))).converted(to: Double.self)
    }

    func testEachRowIsTheDistanceBetweenThatConditionsPoints() throws {
        let session = session()
        session.run("""
            t1 = w1 gen real
            t2 = w2 gen real
            s = sinkhorn gen real blur=0.1
            m = mmd gen real gammas=[1, 0.5] estimator="unbiased"
            e = energy gen real
            """)
        let sinkhornOptions = MetricOptions(sinkhorn: SinkhornOptions(blur: 0.1))
        let mmdOptions = MetricOptions(mmd: MMDOptions(gammas: [1, 0.5], estimator: .unbiased))
        let cases: [(String, DistributionMetric, MetricOptions)] = [
            ("t1", .w1, MetricOptions()), ("t2", .w2, MetricOptions()), ("s", .sinkhorn, sinkhornOptions),
            ("m", .mmd, mmdOptions), ("e", .energy, MetricOptions()),
        ]
        for (variable, metric, options) in cases {
            let table = try XCTUnwrap(session.object(variable, as: MetricTableValue.self), variable).table
            XCTAssertEqual(table.conditions, ["A@0", "A@90", "E@0", "E@90"])
            for (row, condition) in table.conditions.enumerated() {
                let expected = try distance(metric, try points(session, "gen", condition), try points(session, "real", condition), options: options)
                XCTAssertEqual(table.values[row][0], expected, "\(metric) \(condition)")
            }
            XCTAssertEqual(table.mean[0], table.values.map { $0[0] }.reduce(0, +) / 4, accuracy: 1e-15)
        }
    }

    func testSingleConditionsGiveANumberAndPooledComparesEverything() throws {
        let session = session()
        session.run("""
            d = w2(gen["A@0"], real["E@90"])
            pooled = energy(gen, real, pooled=true)
            """)
        let expected = try wasserstein2(try points(session, "gen", "A@0"), try points(session, "real", "E@90"))
        XCTAssertEqual(session.number("d"), expected)
        let gen = try XCTUnwrap(session.object("gen", as: DatasetValue.self)).dataset.points.converted(to: Double.self)
        let real = try XCTUnwrap(session.object("real", as: DatasetValue.self)).dataset.points.converted(to: Double.self)
        XCTAssertEqual(session.number("pooled"), try energyDistance(gen, real))
    }

    func testEvaluateHasAColumnPerMetricMatchingTheSingleMetricTables() throws {
        let session = session()
        session.run("""
            t = evaluate gen real metrics=["w2", "energy"]
            w = w2 gen real
            mean_w2 = t.mean.w2
            row = t["E@0"]
            only = t.energy
            """)
        let table = try XCTUnwrap(session.object("t", as: MetricTableValue.self)).table
        let w = try XCTUnwrap(session.object("w", as: MetricTableValue.self)).table
        XCTAssertEqual(table.metrics, ["w2", "energy"])
        XCTAssertEqual(table.column("w2"), w.column("w2"))
        XCTAssertEqual(session.number("mean_w2"), w.mean[0])
        guard case .record(let row) = session["row"] else { return XCTFail("a record per condition") }
        XCTAssertEqual(row.names, ["w2", "energy"])
        XCTAssertEqual(session.object("only", as: MetricTableValue.self)?.table.metrics, ["energy"])
    }

    func testTheTableShowsWhatWasComputedAndTheMean() throws {
        let session = session()
        session.run("w2 gen[letter=\"A\"] real[letter=\"A\"]", echo: true)
        guard case .table(let table) = session.output.events.first else { return XCTFail("\(session.output.events)") }
        XCTAssertEqual(table.title, "W2 (exact OT, squared Euclidean cost) per condition: 2 conditions, 30 vs 50 points each")
        XCTAssertEqual(table.headers, ["condition", "w2"])
        XCTAssertEqual(table.rows.map { $0[0] }, ["A@0", "A@90", "mean"])
        let value = try XCTUnwrap(session.object("_", as: MetricTableValue.self))
        XCTAssertEqual(table.rows[2][1], String(format: "%.4f", value.table.mean[0]))
        XCTAssertEqual(value.summary, "metric table: 2 conditions, mean w2 " + String(format: "%.4g", value.table.mean[0]))
    }

    func testNumberFormatOfAColumn() {
        XCTAssertEqual(MetricFormat([0.18346, 0.2]).text(0.18346), "0.1835")
        XCTAssertEqual(MetricFormat([0.18346, 1.5]).text(0.18346), "0.183", "decimals of the largest value")
        XCTAssertEqual(MetricFormat([12.5, 3.25]).text(3.25), "3.25")
        // A value far smaller than the largest keeps its own significant digits.
        XCTAssertEqual(MetricFormat([1.5, 0.00012345]).text(0.00012345), "0.0001234")
        XCTAssertEqual(MetricFormat([0.5, .nan]).text(.nan), "nan")
    }

    func testMismatchedConditionsAreNamed() throws {
        let session = session()
        session.run("k = load \"letters\" letters=\"AK\" angles=[0, 90] points=10 seed=3")
        let error = try XCTUnwrap(session.error("t = mmd k real"))
        XCTAssertEqual(error.message, "mmd: the conditions differ (only in k: K@0, K@90; only in real: E@0, E@90)")
        XCTAssertEqual(error.location?.start, SourceLocation(line: 1, column: 5))
        let one = try XCTUnwrap(session.error("t = mmd gen real[\"A@0\"]"))
        XCTAssertEqual(one.message, "mmd: gen has 4 conditions and real[\"A@0\"] has 1")
    }

    func testOptionsAreChecked() throws {
        let session = session()
        XCTAssertEqual(session.error("x = sinkhorn(gen, real, blur=0)")?.message, "blur must be positive, got 0")
        XCTAssertEqual(session.error("x = sinkhorn(gen, real, scaling=1)")?.message, "scaling must be in (0, 1), got 1")
        XCTAssertEqual(session.error("x = mmd(gen, real, estimator=\"fast\")")?.message,
                       "estimator must be \"biased\" or \"unbiased\", got \"fast\"")
        XCTAssertEqual(session.error("x = mmd(gen, real, gammas=[1, -1])")?.message, "gammas must be positive numbers")
        XCTAssertEqual(session.error("x = w2(gen, real, blur=1)")?.message, "unknown keyword 'blur' for w2")
    }

    func testMetricTablesIterateAsRecordsAndIndexByName() throws {
        let session = session()
        session.run("t = w1 gen real\nrows = []\nfor r in t { rows = append(rows, r.condition) }\nn = len(t)")
        XCTAssertEqual(session["rows"], ["A@0", "A@90", "E@0", "E@90"])
        XCTAssertEqual(session["n"], 4)
        let error = try XCTUnwrap(session.error("x = t[\"A@45\"]"))
        XCTAssertEqual(error.message, "no condition 'A@45' in this metric table")
    }
}
