import XCTest
import TestSupport
@testable import Reporting

final class BaselineCheckTests: XCTestCase {
    func analysis(mlpShift: Double = 0) -> ResultsAnalysis {
        var s = AnalysisSettings(); s.bootstrapResamples = 400
        return ResultsAnalyzer.analyze(SyntheticResults.make(mlpShift: mlpShift), settings: s)
    }

    func testIdenticalInputPasses() {
        let a = analysis()
        let outcome = BaselineCheck.compare(baseline: a, results: a)
        XCTAssertTrue(outcome.passed)
        XCTAssertTrue(outcome.rows.isEmpty)
        XCTAssertGreaterThan(outcome.compared, 100)
        XCTAssertTrue(outcome.markdownTable.contains("PASSED"))
    }

    func testShiftedArmFailsAndIsNamed() {
        let outcome = BaselineCheck.compare(baseline: analysis(), results: analysis(mlpShift: 0.2))
        XCTAssertFalse(outcome.passed)
        let failed = outcome.failures.map(\.quantity)
        XCTAssertTrue(failed.contains("fig8: fig8/e_form/n50/mlp-dim median MAE"), "\(failed)")
        XCTAssertTrue(failed.allSatisfy { $0.contains("mlp-dim") || $0.hasPrefix("claim") }, "only the shifted arm (and verdicts it flips) fail: \(failed)")
        XCTAssertFalse(failed.contains { $0.contains("sitenet-random") })
        XCTAssertTrue(outcome.markdownTable.contains("FAILED"))
        XCTAssertTrue(outcome.markdownTable.contains("| MOVED | fig8: fig8/e_form/n50/mlp-dim median MAE |"))
    }

    func testSmallMoveWithinToleranceIsListedButPasses() {
        let outcome = BaselineCheck.compare(baseline: analysis(), results: analysis(mlpShift: 0.0005))
        XCTAssertTrue(outcome.rows.contains { $0.quantity.contains("mlp-dim") && !$0.failed })
        XCTAssertFalse(outcome.rows.contains { $0.quantity.contains("mlp-dim") && $0.failed }, outcome.markdownTable)
    }

    func testCompareFromFiles() throws {
        let dir = try TestSupport.temporaryDirectory("baseline")
        let doc = SyntheticResults.make(fig7Trials: 5, fig8Trials: 5)
        let a = dir.appendingPathComponent("baseline.json"), b = dir.appendingPathComponent("doc.json")
        try ReportResults(document: doc, analysis: ResultsAnalyzer.analyze(doc)).jsonData().write(to: a)
        try doc.jsonData().write(to: b)   // a bare document is analysed on the fly
        XCTAssertTrue(try BaselineCheck.compare(baselineURL: a, resultsURL: b).passed)
        let broken = dir.appendingPathComponent("broken.json")
        try Data(#"{"schemaVersion": 1}"#.utf8).write(to: broken)
        XCTAssertThrowsError(try BaselineCheck.compare(baselineURL: broken, resultsURL: b)) { e in
            XCTAssertTrue("\(e)".contains("broken.json") && "\(e)".contains("missing key"), "\(e)")
        }
        var other = doc; other.profile.name = "quick"
        let quick = dir.appendingPathComponent("quick.json")
        try other.jsonData().write(to: quick)
        XCTAssertThrowsError(try BaselineCheck.compare(baselineURL: quick, resultsURL: b)) { e in
            XCTAssertTrue("\(e)".contains("doc.json holds a run of profile \(doc.profile.name), but \(quick.path) is a baseline of profile quick"), "\(e)")
        }
        let missing = dir.appendingPathComponent("nope.json")
        XCTAssertThrowsError(try BaselineCheck.compare(baselineURL: a, resultsURL: missing)) { e in
            XCTAssertTrue("\(e)".contains("nope.json"))
        }
    }
}
