import Crystals
import Foundation
import TestSupport
import XCTest

final class DatasetTests: XCTestCase {
    func testEmbeddedDatasetLoadsEveryRecord() throws {
        let ds = try Dataset.loadEmbedded()
        XCTAssertEqual(ds.records.count, 7211)
        XCTAssertEqual(ds.skipped, [])
        XCTAssertEqual(Set(ds.records.map(\.id)).count, 7211)
        XCTAssertTrue(ds.records.allSatisfy { $0.bandGap != nil && $0.eForm != nil })
        let first = ds.records[0]
        XCTAssertEqual(first.id, "mp-10")
        XCTAssertEqual(first.structure.species, ["As", "As"])
        XCTAssertEqual(first.eForm!, 0.1074050600000005, accuracy: 1e-15)
    }

    func testBadJSONLinesAreSkippedAndListed() throws {
        let dir = try TestSupport.temporaryDirectory()
        let url = dir.appendingPathComponent("small.jsonl")
        let good = #"{"id": "mp-1", "lattice": [[3,0,0],[0,3,0],[0,0,3]], "frac": [[0,0,0]], "species": ["Li"], "band_gap": 0.5, "e_form": -1.0}"#
        let lines = [
            good,
            "{not json",
            #"{"id": "mp-2", "lattice": [[3,0,0],[0,3,0]], "frac": [[0,0,0]], "species": ["Li"]}"#,
            #"{"id": "mp-3", "lattice": [[3,0,0],[0,3,0],[0,0,3]], "frac": [[0,0,0]], "species": ["Qq"]}"#,
            #"{"id": "mp-4", "lattice": [[3,0,0],[0,3,0],[0,0,3]], "frac": [[0,0,0],[0.5,0.5,0.5]], "species": ["Li"]}"#,
            "",
            good.replacingOccurrences(of: "mp-1", with: "mp-5").replacingOccurrences(of: "0.5", with: "\"x\""),
            good.replacingOccurrences(of: "mp-1", with: "mp-6"),
        ]
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        let ds = try Dataset.loadJSONLines(url: url)
        XCTAssertEqual(ds.records.map(\.id), ["mp-1", "mp-6"])
        XCTAssertEqual(ds.skipped.map(\.id), ["line 2", "mp-2", "mp-3", "mp-4", "mp-5"])
        XCTAssertTrue(ds.skipped[1].reason.hasPrefix("line 3: "), ds.skipped[1].reason)
        XCTAssertTrue(ds.skipped[2].reason.contains("unknown element Qq"))
        XCTAssertTrue(ds.skipped[3].reason.contains("2 sites but \"species\" 1"))
        XCTAssertTrue(ds.skipped[4].reason.contains("\"band_gap\" is not a number"))
    }

    /// Writes a Matbench file in pandas "split" orientation from embedded records.
    func writeMatbench(_ records: [DatasetRecord], column: String, to url: URL, mutate: (inout [String: Any]) -> Void = { _ in }) throws {
        var obj: [String: Any] = [
            "index": records.indices.map { String(format: "mb-mp-gap-%06d", $0 + 1) },
            "columns": ["structure", column],
            "data": records.map { [PymatgenJSON.dictionary(of: $0.structure), column == "gap pbe" ? $0.bandGap! : $0.eForm!] as [Any] },
        ]
        mutate(&obj)
        try JSONSerialization.data(withJSONObject: obj).write(to: url)
    }

    func testMatbenchSplitFormat() throws {
        let embedded = try Array(Dataset.loadEmbedded().records.prefix(25))
        let dir = try TestSupport.temporaryDirectory()
        let url = dir.appendingPathComponent("matbench_mp_gap.json")
        try writeMatbench(embedded, column: "gap pbe", to: url)
        let (task, ds) = try Matbench.load(url: url)
        XCTAssertEqual(task, .gap)
        XCTAssertEqual(ds.records.count, 25); XCTAssertEqual(ds.skipped, [])
        XCTAssertEqual(ds.records[2].id, "mb-mp-gap-000003")
        for (a, b) in zip(ds.records, embedded) {
            XCTAssertEqual(a.structure.atomicNumbers, b.structure.atomicNumbers)
            XCTAssertEqual(a.structure.lattice, b.structure.lattice)
            XCTAssertEqual(a.bandGap, b.bandGap); XCTAssertNil(a.eForm)
        }
        let url2 = dir.appendingPathComponent("matbench_mp_e_form.json")
        try writeMatbench(embedded, column: "e_form", to: url2)
        let (task2, ds2) = try Matbench.load(url: url2)
        XCTAssertEqual(task2, .eForm); XCTAssertEqual(ds2.records[0].eForm, embedded[0].eForm)
    }

    /// Rows pymatgen reads but Site-Net cannot use are skipped and listed; rows pymatgen would
    /// reject make the whole file an error (MatbenchStreamTests covers those).
    func testUnusableMatbenchRowsAreSkippedAndFilesRejected() throws {
        let embedded = try Array(Dataset.loadEmbedded().records.prefix(6))
        let dir = try TestSupport.temporaryDirectory()
        let url = dir.appendingPathComponent("bad_rows.json")
        try writeMatbench(embedded, column: "gap pbe", to: url) { obj in
            var data = obj["data"] as! [[Any]]
            data[1][1] = "NaN?"                                   // bad value
            var s = data[2][0] as! [String: Any]                  // zero-volume cell: pymatgen reads it
            s["lattice"] = ["matrix": [[1, 0, 0], [1, 0, 0], [0, 0, 1]]]; data[2][0] = s
            var t = data[3][0] as! [String: Any]                  // partial occupancy
            var sites = t["sites"] as! [[String: Any]]; sites[0]["species"] = [["element": "Fe", "occu": 0.5]]
            t["sites"] = sites; data[3][0] = t
            data[4][1] = NSNull()                                 // missing label (pandas: NaN)
            obj["data"] = data
        }
        let (_, ds) = try Matbench.load(url: url)
        XCTAssertEqual(ds.records.map(\.id), ["mb-mp-gap-000001", "mb-mp-gap-000006"])
        XCTAssertEqual(ds.skipped.map(\.id), ["mb-mp-gap-000002", "mb-mp-gap-000003", "mb-mp-gap-000004", "mb-mp-gap-000005"])
        XCTAssertTrue(ds.skipped[0].reason.contains("target is not a number"), ds.skipped[0].reason)
        XCTAssertTrue(ds.skipped[1].reason.contains("zero volume"), ds.skipped[1].reason)
        XCTAssertTrue(ds.skipped[2].reason.contains("disordered structure not supported"))

        let wrongColumns = dir.appendingPathComponent("cols.json")
        try writeMatbench(embedded, column: "gap pbe", to: wrongColumns) { $0["columns"] = ["structure", "bulk modulus"] }
        XCTAssertThrowsError(try Matbench.load(url: wrongColumns)) { XCTAssertTrue("\($0)".contains("expected columns")) }
        let wrongIndex = dir.appendingPathComponent("index.json")
        try writeMatbench(embedded, column: "gap pbe", to: wrongIndex) { $0["index"] = ["a"] }
        // JSONSerialization orders keys at random, so "index" may come before or after "data".
        XCTAssertThrowsError(try Matbench.load(url: wrongIndex)) {
            XCTAssertTrue("\($0)".hasPrefix("index.json: \"") && "\($0)".contains("\"index\"") && "\($0)".contains("\"data\""), "\($0)")
        }
        let notJSON = dir.appendingPathComponent("broken.json")
        try "{\"index\": [1,\n 2".write(to: notJSON, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Matbench.load(url: notJSON)) { XCTAssertTrue("\($0)".hasPrefix("broken.json: invalid JSON at byte"), "\($0)") }
    }

    func testFoldIDs() throws {
        let real = TestSupport.packageRoot.appendingPathComponent("Sources/Experiments/Resources/matbench_fold0_test_ids.json.gz")
        let gap = try Matbench.fold0TestIDs(url: real, task: .gap)
        let eform = try Matbench.fold0TestIDs(url: real, task: .eForm)
        XCTAssertEqual(gap.count, 21_223); XCTAssertEqual(eform.count, 26_551)
        XCTAssertTrue(gap.contains("mb-mp-gap-000003")); XCTAssertFalse(gap.contains("mb-mp-gap-000001"))

        let dir = try TestSupport.temporaryDirectory()
        let small = dir.appendingPathComponent("folds.json")
        try #"{"folds": {"matbench_mp_gap": {"fold_0": {"test": ["mb-mp-gap-000002", "mb-mp-gap-000005"]}}}}"#
            .write(to: small, atomically: true, encoding: .utf8)
        let ids = try Matbench.fold0TestIDs(url: small, task: .gap)
        let embedded = try Array(Dataset.loadEmbedded().records.prefix(6))
        let mb = dir.appendingPathComponent("mb.json")
        try writeMatbench(embedded, column: "gap pbe", to: mb)
        let (train, test) = Matbench.split(try Matbench.load(url: mb).dataset, testIDs: ids)
        XCTAssertEqual(test.map(\.id), ["mb-mp-gap-000002", "mb-mp-gap-000005"])
        XCTAssertEqual(train.count, 4)
        XCTAssertThrowsError(try Matbench.fold0TestIDs(url: small, task: .eForm)) {
            XCTAssertTrue("\($0)".contains("folds.matbench_mp_e_form.fold_0.test"))
        }
    }
}
