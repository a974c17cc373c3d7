import Foundation
import TestSupport
import XCTest

/// `repro reproduce --figure` / `repro report --figure` through the binary, on the smoke profile
/// (REPRO_E2E_BACKEND=fake for the synthetic stand-in).
final class FigureCellEndToEndTests: XCTestCase {
    var backend: String { ProcessInfo.processInfo.environment["REPRO_E2E_BACKEND"] ?? "real" }

    @discardableResult
    func repro(_ args: [String], cwd: URL, expect status: Int32 = 0) throws -> (stdout: String, stderr: String) {
        let b = try requireReproBinary()
        let r = try TestSupport.run(b, args, cwd: cwd)
        XCTAssertEqual(r.status, status, "repro \(args.joined(separator: " ")) → \(r.status)\n\(r.stdout)\n\(r.stderr)")
        return (r.stdout, r.stderr)
    }

    func testOneFigureComputesItsClosureAndMatchesTheFullRun() throws {
        let common = ["--profile", "smoke", "--backend", backend, "--quiet"]
        let full = try TestSupport.temporaryDirectory(), part = try TestSupport.temporaryDirectory()
        try repro(["reproduce"] + common, cwd: full)

        // The dry run lists the closure; nothing is computed.
        let dry = try repro(["reproduce", "--figure", "fig12", "--dry-run"] + common, cwd: part).stdout
        let listed = dry.split(separator: "\n").filter { $0.hasPrefix("  compute ") }.map { String($0.dropFirst(10)) }
        XCTAssertFalse(listed.isEmpty, dry)
        XCTAssertTrue(dry.contains("will compute \(listed.count) item(s)"), dry)
        XCTAssertTrue(dry.contains("estimated cost of what is computed"), dry)
        XCTAssertTrue(dry.contains("of compute (one core) by the unit-cost model"), dry)   // an empty store: the model's seconds
        XCTAssertFalse(FileManager.default.fileExists(atPath: part.appendingPathComponent("Reports").path))

        let out = try repro(["reproduce", "--figure", "fig12"] + common, cwd: part)
        XCTAssertTrue(out.stdout.contains("will compute \(listed.count) item(s)"), out.stdout)
        XCTAssertTrue(out.stderr.contains("\(listed.count) computed, 0 reused"), out.stderr)
        for ext in ["csv", "png", "svg"] {
            XCTAssertEqual(try Data(contentsOf: part.appendingPathComponent("Figures/fig12.\(ext)")),
                           try Data(contentsOf: full.appendingPathComponent("Figures/fig12.\(ext)")), "fig12.\(ext)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: part.appendingPathComponent("Figures").path).filter { !$0.hasPrefix("fig12.") }, [])

        // From the full store, a claim's figure is redrawn without computing; the other cells stay.
        let before = try String(contentsOf: full.appendingPathComponent("Reports/report.md"), encoding: .utf8)
        let again = try repro(["reproduce", "--claim", "C7"] + common, cwd: full)
        XCTAssertTrue(again.stdout.contains("will compute 0 item(s)"), again.stdout)
        try repro(["report", "--profile", "smoke", "--backend", backend, "--figure", "fig9"], cwd: full)
        let after = try String(contentsOf: full.appendingPathComponent("Reports/report.md"), encoding: .utf8)
        func section(_ md: String, _ title: String) -> String {
            md.components(separatedBy: "## \(title)")[1].components(separatedBy: "\n## ")[0]
        }
        XCTAssertEqual(section(before, "Claims"), section(after, "Claims"), "the claims cell is kept as it was")
        XCTAssertTrue(section(after, "Figure 8").contains("--figure fig8"), "the cell names its regenerating command")
        XCTAssertTrue(after.contains("Sections come from 3 runs:"), String(after.prefix(600)))

        // Unknown names: one line listing the valid ones.
        let bad = try repro(["reproduce", "--figure", "fig5"] + common, cwd: part, expect: 1).stderr
        XCTAssertEqual(bad.trimmingCharacters(in: .newlines).split(separator: "\n").count, 1, bad)
        XCTAssertTrue(bad.contains("valid: fig6, fig7, fig8, fig9, fig10, fig11, fig12"), bad)
        let badClaim = try repro(["report", "--claim", "C0"], cwd: full, expect: 1).stderr
        XCTAssertTrue(badClaim.contains("valid: C1, C2"), badClaim)
    }
}
