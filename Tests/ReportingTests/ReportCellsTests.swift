import XCTest
import TestSupport
@testable import Reporting

/// Report sections as cells: replacing some, keeping the rest, provenance, stale markers, the
/// notebook and the HTML's claim rows.
final class ReportCellsTests: XCTestCase {
    func provenance(run: String, code: String = "code-1", profile: String = "smoke") -> [String: CellProvenance] {
        Dictionary(uniqueKeysWithValues: ReportCell.sectionIDs.map { id in
            (id, CellProvenance(command: "repro reproduce --profile \(profile) --figure \(id)", run: run, codeVersion: code,
                                profile: profile, inputCount: 10, inputsPresent: 9, inputDigest: "0123456789ab",
                                keyInputs: ["dataset": "abcdefabcdef"], computeSeconds: 12.5))
        })
    }

    struct Dirs { let reports: URL; let figures: URL }

    func dirs() throws -> Dirs {
        let root = try TestSupport.temporaryDirectory("cells")
        let d = Dirs(reports: root.appendingPathComponent("Reports"), figures: root.appendingPathComponent("Figures"))
        try FileManager.default.createDirectory(at: d.figures, withIntermediateDirectories: true)
        return d
    }

    func write(_ doc: ResultsDocument, _ d: Dirs, _ options: CellOptions) throws {
        let figures = try SyntheticResults.figures(in: d.figures)
        var settings = AnalysisSettings(); settings.bootstrapResamples = 200; settings.permutationResamples = 200
        try ReportWriter.write(doc, analysis: ResultsAnalyzer.analyze(doc, settings: settings), figures: figures,
                               figuresDirectory: d.figures, to: d.reports, cells: options)
    }

    func read(_ d: Dirs, _ name: String) throws -> String {
        try String(contentsOf: d.reports.appendingPathComponent(name), encoding: .utf8)
    }

    func testReplacingOneCellKeepsTheOthersAndSaysWhichRunWroteEach() throws {
        let d = try dirs()
        try write(SyntheticResults.make(), d, CellOptions(provenance: provenance(run: "run A")))
        let before = try XCTUnwrap(CellManifest.load(from: d.reports))
        XCTAssertEqual(before.cells.map(\.id), ReportCell.sectionIDs)
        XCTAssertFalse(try read(d, "report.md").contains("Sections come from"), "one run: no per-run note")

        // Run B has other fig 7 data and rewrites only the fig 7 cell.
        try write(SyntheticResults.make(flipFig7: true), d, CellOptions(provenance: provenance(run: "run B"), only: ["fig7"], writeResults: false))
        let after = try XCTUnwrap(CellManifest.load(from: d.reports))
        for (a, b) in zip(before.cells, after.cells) {
            if a.id == "fig7" {
                XCTAssertNotEqual(a.markdown, b.markdown, "fig 7's cell shows run B's numbers")
                XCTAssertEqual(b.provenance?.run, "run B")
            } else {
                XCTAssertEqual(a, b, "cell \(a.id) changed though only fig7 was rewritten")
            }
        }
        let md = try read(d, "report.md")
        XCTAssertTrue(md.contains("Sections come from 2 runs:"))
        XCTAssertTrue(md.contains("- run B: fig7"), md.components(separatedBy: "\n").prefix(6).joined(separator: "\n"))
        // Every cell states its regenerating command, code, input hashes and compute time.
        XCTAssertEqual(md.components(separatedBy: "> regenerate: `repro reproduce").count - 1, ReportCell.sectionIDs.count)
        XCTAssertTrue(md.contains("digest 0123456789ab; dataset abcdefabcdef") && md.contains("compute: 12.5 s"))
        XCTAssertFalse(md.contains("FIGUREPLACEHOLDER"))
        XCTAssertTrue(md.contains("](../Figures/fig8-gap.png)"))
    }

    func testCellsOfAnotherCodeVersionOrProfileAreStale() throws {
        let d = try dirs()
        try write(SyntheticResults.make(), d, CellOptions(provenance: provenance(run: "old", code: "code-1", profile: "default"),
                                                          current: CurrentCode(codeVersion: "code-1", profile: "default")))
        XCTAssertFalse(try read(d, "report.md").contains("STALE"), "the code and profile checked out: nothing stale")
        try write(SyntheticResults.make(), d, CellOptions(provenance: provenance(run: "new", code: "code-2", profile: "smoke"),
                                                          only: ["fig8"], current: CurrentCode(codeVersion: "code-2", profile: "smoke")))
        let md = try read(d, "report.md"), html = try read(d, "report.html")
        let stale = ReportCell.sectionIDs.count - 1
        XCTAssertEqual(md.components(separatedBy: "> **STALE:** its inputs were computed by code code-1, now code-2; profile default, now smoke").count - 1, stale)
        let fig8 = md.components(separatedBy: "## Figure 8")[1].components(separatedBy: "## Figure 9")[0]
        XCTAssertFalse(fig8.contains("STALE"), "the rewritten cell is current")
        XCTAssertEqual(html.components(separatedBy: "<span class=\"badge stale\">stale</span>").count - 1, 2 * stale, "in the contents and in the cell")
    }

    func testNotebookHasEverySectionAndFigure() throws {
        let d = try dirs()
        try write(SyntheticResults.make(), d, CellOptions(provenance: provenance(run: "A")))
        let data = try Data(contentsOf: d.reports.appendingPathComponent("report.ipynb"))
        let nb = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(nb["nbformat"] as? Int, 4)
        let cells = try XCTUnwrap(nb["cells"] as? [[String: Any]])
        func source(_ c: [String: Any]) -> String { (c["source"] as? [String] ?? []).joined() }
        let ids = cells.compactMap { $0["id"] as? String }
        XCTAssertEqual(ids.count, cells.count, "nbformat 4.5 cells carry ids")
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique")
        let markdown = cells.filter { $0["cell_type"] as? String == "markdown" }.map(source).joined(separator: "\n")
        let manifest = try XCTUnwrap(CellManifest.load(from: d.reports))
        for cell in manifest.cells {
            for line in cell.markdown.split(separator: "\n") where !line.hasPrefix("FIGUREPLACEHOLDER") {
                XCTAssertTrue(markdown.contains(line), "notebook lacks \(cell.id): \(line.prefix(80))")
            }
        }
        let code = cells.filter { $0["cell_type"] as? String == "code" }
        let figureCells = code.filter { source($0).contains("redraw(\"") }
        XCTAssertEqual(figureCells.count, 8, "one code cell per figure")
        let png = try Data(contentsOf: d.figures.appendingPathComponent("fig7.png")).base64EncodedString()
        let fig7 = try XCTUnwrap(figureCells.first { source($0).contains("\"fig7.csv\"") })
        let output = try XCTUnwrap((fig7["outputs"] as? [[String: Any]])?.first?["data"] as? [String: Any])
        XCTAssertEqual(output["image/png"] as? String, png, "the stored output is the report's PNG")
        XCTAssertTrue(code.allSatisfy { !source($0).contains("http") }, "the notebook never reaches the network")
        XCTAssertTrue(code.contains { source($0).contains("FIGURES = \"../Figures\"") }, "CSVs are read relative to the notebook")
    }

    func testHTMLClaimRowsContentsAndNoScripts() throws {
        let d = try dirs()
        try write(SyntheticResults.make(), d, CellOptions(provenance: provenance(run: "A")))
        let html = try read(d, "report.html")
        XCTAssertEqual(html.components(separatedBy: "<details class=\"claim\"").count - 1, 17, "one folded row per claim")
        let badges = Verdict.allCases.map { html.components(separatedBy: "<span class=\"badge \($0.rawValue)\">\($0.rawValue)</span>").count - 1 }
        XCTAssertEqual(badges.reduce(0, +), 17, "one verdict badge per claim")
        XCTAssertTrue(html.contains("<dt>Verdict rule</dt>"))
        XCTAssertEqual(html.components(separatedBy: "<li><a href=\"#cell-").count - 1, ReportCell.sectionIDs.count, "table of contents")
        for id in ReportCell.sectionIDs { XCTAssertTrue(html.contains("<section class=\"cell\" id=\"cell-\(id)\">"), id) }
        XCTAssertTrue(html.contains("overflow-x:auto"), "wide tables scroll")
        let lowered = html.lowercased()
        for bad in ["<script", "http://", "https://", "<link", "@import"] { XCTAssertFalse(lowered.contains(bad), bad) }
    }
}
