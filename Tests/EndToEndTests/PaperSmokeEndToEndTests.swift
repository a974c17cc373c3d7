import Foundation
import TestSupport
import XCTest

/// The `paper` plan's data path end to end, at the smoke profile's budgets (`--profile
/// paper-smoke`), on a small Matbench-format pair written by `repro data synth-matbench`: both
/// files read and split by the official fold-0 ids, one structure set, one DIM model per synthetic
/// setting and one untrained encoder per task dataset, every figure and claim, and t-SNE maps
/// whose two rows (the tasks' own test sets) differ. Real backend, through the `repro` binary.
final class PaperSmokeEndToEndTests: XCTestCase {
    func testPaperPlanRunsEndToEndOnMatbenchFormatFiles() throws {
        let b = try requireReproBinary()
        let dir = try TestSupport.temporaryDirectory()
        func repro(_ args: [String]) throws -> (stdout: String, stderr: String) {
            let r = try TestSupport.run(b, args, cwd: dir)
            XCTAssertEqual(r.status, 0, "repro \(args.joined(separator: " ")) → \(r.status)\n\(r.stdout)\n\(r.stderr)")
            return (r.stdout, r.stderr)
        }
        _ = try repro(["data", "synth-matbench", "--out", "mb", "--e-form-records", "300", "--gap-records", "300", "--seed", "3"])
        let run = try repro(["reproduce", "--profile", "paper-smoke", "--matbench-e-form", "mb/matbench_mp_e_form.json.gz",
                             "--matbench-gap", "mb/matbench_mp_gap.json.gz", "--jobs", "2", "--quiet"])
        XCTAssertTrue(run.stderr.contains(" computed, 0 reused, 0 failed, 0 blocked"), run.stderr)

        let top = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("Reports/results.json"))) as? [String: Any])
        let json = try XCTUnwrap(top["document"] as? [String: Any])
        // One DIM model per task dataset and synthetic setting.
        let curves = try XCTUnwrap(json["learningCurves"] as? [[String: Any]]).map { c in
            "\(c["model"] as? String ?? "?") \((c["tasks"] as? [String] ?? []).joined(separator: ","))"
        }
        XCTAssertEqual(Set(curves), ["dim-synthetic e_form", "dim-nosynthetic e_form", "dim-synthetic gap", "dim-nosynthetic gap"])
        // Each task is split by the fold-0 ids of its own file: ~20 % test, and the sets differ.
        let splits = try XCTUnwrap((json["dataset"] as? [String: Any])?["splits"] as? [[String: Any]])
        XCTAssertEqual(splits.count, 2)
        for s in splits {
            let train = try XCTUnwrap(s["train"] as? Int), test = try XCTUnwrap(s["test"] as? Int)
            XCTAssertGreaterThan(test, 20); XCTAssertGreaterThan(train, 3 * test)
        }
        // t-SNE: each task's map is of its own test set, so the two rows of figs 9/10 differ.
        let maps = try XCTUnwrap(json["tsneMaps"] as? [[String: Any]])
        let ids = { (task: String) in maps.first { $0["task"] as? String == task && $0["representation"] as? String == "dim" }?["ids"] as? [String] }
        let e = try XCTUnwrap(ids("e_form")), g = try XCTUnwrap(ids("gap"))
        XCTAssertTrue(Set(e).isDisjoint(with: g), "the e_form and gap maps should be of different structures")
        // Every figure and every claim.
        let report = try String(contentsOf: dir.appendingPathComponent("Reports/report.md"), encoding: .utf8)
        for k in 1...17 { XCTAssertTrue(report.contains("| C\(k) |"), "claim C\(k) missing from the report") }
        XCTAssertFalse(report.contains("their maps are identical and are drawn once"), "two structure sets must give two distinct t-SNE rows")
        for f in 6...12 { XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Figures/fig\(f).png").path), "fig\(f).png missing") }
    }
}
