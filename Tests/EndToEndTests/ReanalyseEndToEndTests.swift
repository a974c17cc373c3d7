import Foundation
import TestSupport
import XCTest

/// `repro report --reanalyse` rebuilds a report's analysis from its results.json alone (no
/// store): an analysis edited out of date is restored byte for byte, the report is rewritten with
/// its cells' provenance kept, and missing inputs give one-line errors naming the file.
final class ReanalyseEndToEndTests: XCTestCase {
    func testReanalysisRestoresTheAnalysisWithoutAStore() throws {
        let binary = try requireReproBinary()
        let dir = try TestSupport.temporaryDirectory()
        let made = try TestSupport.run(binary, ["reproduce", "--profile", "smoke", "--backend", "fake", "--store", "s",
                                                "--reports", "R", "--figures", "F", "--quiet"], cwd: dir)
        XCTAssertEqual(made.status, 0, made.stderr)
        let reports = dir.appendingPathComponent("R")
        let results = reports.appendingPathComponent("results.json"), report = reports.appendingPathComponent("report.md")
        let original = try Data(contentsOf: results), originalReport = try String(contentsOf: report, encoding: .utf8)

        // An analysis from "older code": every verdict and its reason replaced, and the store gone.
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: original) as? [String: Any])
        var analysis = try XCTUnwrap(json["analysis"] as? [String: Any])
        var claims = try XCTUnwrap(analysis["claims"] as? [[String: Any]])
        for i in claims.indices { claims[i]["verdict"] = "contradicted"; claims[i]["reason"] = "stale" }
        analysis["claims"] = claims; json["analysis"] = analysis
        try JSONSerialization.data(withJSONObject: json).write(to: results)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("s"))
        try "stale report".write(to: report, atomically: true, encoding: .utf8)

        let again = try TestSupport.run(binary, ["report", "--reanalyse", "--backend", "fake", "--reports", "R", "--figures", "F"], cwd: dir)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.hasPrefix("re-analysed R/results.json: "), again.stdout)
        XCTAssertEqual(try Data(contentsOf: results), original, "today's analysis of the same trials, byte for byte")
        XCTAssertEqual(try String(contentsOf: report, encoding: .utf8), originalReport, "the report, its cells' provenance included")

        // Missing inputs: one line naming the file.
        try FileManager.default.removeItem(at: reports.appendingPathComponent("cells.json"))
        let noCells = try TestSupport.run(binary, ["report", "--reanalyse", "--backend", "fake", "--reports", "R", "--figures", "F"], cwd: dir)
        XCTAssertEqual(noCells.status, 1, noCells.stderr)
        XCTAssertTrue(noCells.stderr.contains("R/cells.json: missing or unreadable"), noCells.stderr)
        let noResults = try TestSupport.run(binary, ["report", "--reanalyse", "--reports", "nowhere"], cwd: dir)
        XCTAssertEqual(noResults.status, 1, noResults.stderr)
        XCTAssertTrue(noResults.stderr.contains("nowhere/results.json: cannot read the results to re-analyse"), noResults.stderr)
        XCTAssertEqual(noResults.stderr.split(separator: "\n").count, 1, noResults.stderr)
    }
}
