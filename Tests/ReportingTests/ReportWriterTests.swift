import XCTest
import TestSupport
@testable import Reporting

final class ReportWriterTests: XCTestCase {
    typealias Written = (md: String, html: String, json: Data, root: URL)
    /// The synthetic report written once through the public entry point (default analysis settings).
    nonisolated(unsafe) static var cached: Written?
    func report() throws -> Written {
        if let c = Self.cached { return c }
        let r = try writeReport(); Self.cached = r; return r
    }

    /// Writes the synthetic report into a fresh directory tree (Reports/ + Figures/); with
    /// `resamples` set, through the analysis entry point with that many bootstrap resamples.
    func writeReport(_ doc: ResultsDocument = SyntheticResults.make(), resamples: Int? = nil) throws -> Written {
        let root = try TestSupport.temporaryDirectory("report")
        let figs = root.appendingPathComponent("Figures"), reports = root.appendingPathComponent("Reports")
        try FileManager.default.createDirectory(at: figs, withIntermediateDirectories: true)
        let outputs = try SyntheticResults.figures(in: figs)
        if let resamples {
            var settings = AnalysisSettings(); settings.bootstrapResamples = resamples
            try ReportWriter.write(doc, analysis: ResultsAnalyzer.analyze(doc, settings: settings), figures: outputs,
                                   figuresDirectory: figs, to: reports)
        } else {
            try ReportWriter.write(doc, figures: outputs, figuresDirectory: figs, to: reports)
        }
        let md = try String(contentsOf: reports.appendingPathComponent("report.md"), encoding: .utf8)
        let html = try String(contentsOf: reports.appendingPathComponent("report.html"), encoding: .utf8)
        let json = try Data(contentsOf: reports.appendingPathComponent("results.json"))
        return (md, html, json, root)
    }

    func testSectionsAndClaimsTable() throws {
        let r = try report()
        for title in MarkdownReport.sectionTitles {
            XCTAssertTrue(r.md.contains("## \(title)"), "report.md lacks section \(title)")
            XCTAssertTrue(r.html.contains(">\(title)"), "report.html lacks section \(title)")
        }
        // Claims table: one row per claim, each with a verdict.
        let claimsSection = r.md.components(separatedBy: "## Claims")[1].components(separatedBy: "## Statistical methods")[0]
        let claimRows = claimsSection.split(separator: "\n").filter { line in (1...17).contains { line.hasPrefix("| C\($0) |") } }
        XCTAssertEqual(claimRows.count, 17)
        for row in claimRows {
            XCTAssertTrue(["| REPRODUCED |", "| CONTRADICTED |", "| INCONCLUSIVE |"].contains { row.contains($0) }, String(row))
        }
        let results = try ReportResults.decode(r.json)
        XCTAssertEqual(results.analysis.claims.map(\.id), (1...17).map { "C\($0)" })
        XCTAssertEqual(results.document, SyntheticResults.make())
        // Statistics tables for the box figures and the provenance footer.
        XCTAssertTrue(r.md.contains("### Comparisons (A − B; p unadjusted, each claim adjusts over its own cases)"))
        // The methods section states the per-claim multiplicity rules and the minimum effect.
        let methods = r.md.components(separatedBy: "## Statistical methods")[1].components(separatedBy: "## Figure 6")[0]
        for phrase in ["intersection–union", "Holm", "Minimum effect size", "attained", "permutation test over structures"] {
            XCTAssertTrue(methods.contains(phrase), "methods lack \(phrase)")
        }
        XCTAssertFalse(r.md.contains("Holm within figure"))
        XCTAssertTrue(r.md.contains("sitenet&#45;dim − sitenet&#45;random") || r.md.contains("sitenet-dim − sitenet-random"))
        XCTAssertTrue(r.md.contains("abc1234") && r.md.contains("Haswell") && r.md.contains("deadbeef"))
        XCTAssertTrue(r.md.contains("NaN loss at epoch 12"), "failed trial listed")
        XCTAssertTrue(r.md.contains("](../Figures/fig7.png)"), "report.md links figures relative to the report")
    }

    func testEscapingOfDataText() throws {
        let r = try report()
        XCTAssertFalse(r.html.contains("<script"), "a structure id must not become a script element")
        XCTAssertFalse(r.md.contains("<script"))
        XCTAssertFalse(r.html.contains("<b>") || r.html.contains("<i>markup"), "figure titles/captions are escaped")
        XCTAssertTrue(r.html.contains("&lt;script&gt;alert"), "the hostile id is shown as text")
        XCTAssertTrue(r.html.contains("&lt;diverged&gt;"))
    }

    func testHTMLIsSelfContained() throws {
        let r = try report()
        XCTAssertTrue(r.html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertFalse(r.html.contains("FIGUREPLACEHOLDER"))
        XCTAssertEqual(r.html.components(separatedBy: "<img ").count - 1, 8, "one embedded image per figure")
        XCTAssertEqual(r.html.components(separatedBy: "src=\"data:image/png;base64,").count - 1, 8)
        let lowered = r.html.lowercased()
        for bad in ["src=\"http", "href=\"http", "src='http", "href='http", "url(http", "@import", "<link", "<script"] {
            XCTAssertFalse(lowered.contains(bad), "HTML must not fetch anything: found \(bad)")
        }
        XCTAssertFalse(lowered.contains("src=\"") && lowered.replacingOccurrences(of: "src=\"data:", with: "").contains("src=\""),
                       "every src is a data URI")
    }

    func testReportIsDeterministic() throws {
        let a = try writeReport(resamples: 300), b = try writeReport(resamples: 300)
        XCTAssertEqual(a.json, b.json)
        XCTAssertEqual(a.md, b.md)
        XCTAssertEqual(a.html, b.html)
    }
}
