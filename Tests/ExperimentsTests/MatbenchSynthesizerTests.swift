import Crystals
@testable import Experiments
import Foundation
import Randomness
import TestSupport
import XCTest

/// `repro data synth-matbench`'s generator, read back by the project's own Matbench reader and
/// stage 0's library.
///
/// Checked once by hand in Python (pandas 2.3, pymatgen 2026.10.16) on 300 + 300 records written
/// with `repro data synth-matbench --out /tmp/mb-small --e-form-records 300 --gap-records 300 --seed 7`:
/// `pd.read_json(path, orient="split")` gives shape (300, 2) with columns ["structure", "e_form"] /
/// ["structure", "gap pbe"] and index mb-mp-e-form-000001 … 000300 / mb-mp-gap-000001 … 000300;
/// `Structure.from_dict` reads all 600 structures; `json.load` sees the keys in the order
/// index, columns, data; and re-serialising each structure with `as_dict()` gives the same keys in
/// the same order (top level, lattice, sites) with a, b, c, angles, volume and xyz equal to within
/// 4e-15. The Swift tests need no Python.
final class MatbenchSynthesizerTests: XCTestCase {
    func testIDsHaveMatbenchsSpellingAndTheBundledFoldSelectsTheRealTestCounts() throws {
        XCTAssertEqual(MatbenchSynthesizer.id(.eForm, 42), "mb-mp-e-form-000042")
        XCTAssertEqual(MatbenchSynthesizer.id(.gap, 106_113), "mb-mp-gap-106113")
        let folds = try XCTUnwrap(ExperimentResources.matbenchFold0TestIDs)
        for (task, test) in [(Matbench.Task.eForm, 26_551), (.gap, 21_223)] {
            let ids = try Matbench.fold0TestIDs(url: folds, task: task)
            let n = MatbenchSynthesizer.realRecordCounts[task]!
            XCTAssertEqual((1...n).filter { ids.contains(MatbenchSynthesizer.id(task, $0)) }.count, test, "\(task)")
            XCTAssertEqual(ids.count, test, "every fold-0 test id is one of the consecutive ids")
        }
    }

    func testSmallFilesReadBackWithTheirIDsLabelsAndFold() throws {
        let dir = try TestSupport.temporaryDirectory()
        let summaries = try MatbenchSynthesizer.writeBoth(to: dir, eFormRecords: 300, gapRecords: 250, seed: 7)
        let pool = try Dataset.loadEmbedded().records.filter { !$0.structure.containsNobleGas }
        let folds = try XCTUnwrap(ExperimentResources.matbenchFold0TestIDs)
        for (summary, n) in zip(summaries, [300, 250]) {
            let task = summary.task
            XCTAssertEqual(summary.url.lastPathComponent, "\(task.rawValue).json.gz")
            let (readTask, ds) = try Matbench.load(url: summary.url, expecting: task)
            XCTAssertEqual(readTask, task)
            XCTAssertEqual(ds.skipped, [])
            XCTAssertEqual(ds.records.map(\.id), (1...n).map { MatbenchSynthesizer.id(task, $0) })
            let testIDs = try Matbench.fold0TestIDs(url: folds, task: task)
            XCTAssertEqual(summary.fold0Test, ds.records.filter { testIDs.contains($0.id) }.count)
            XCTAssertGreaterThan(summary.fold0Test, n / 10)

            // Replay the generator's draws: every structure and label is read back exactly.
            var stream = SeedPath("synth-matbench", "7", task.rawValue).stream()
            for r in ds.records {
                let source = pool[stream.index(below: pool.count)]
                let (s, y) = MatbenchSynthesizer.perturb(source, task: task, stream: &stream)
                XCTAssertEqual(r.structure.atomicNumbers, s.atomicNumbers)
                XCTAssertEqual(r.structure.fractional, s.fractional)
                XCTAssertEqual(r.structure.lattice, s.lattice)
                XCTAssertEqual(task == .eForm ? r.eForm : r.bandGap, y)
                XCTAssertNil(task == .eForm ? r.bandGap : r.eForm)
                // Strained within ±3 % per axis, label within 5 σ of the embedded one.
                let ratio = r.structure.lattice.volume / source.structure.lattice.volume
                XCTAssertTrue(ratio > 0.9 && ratio < 1.1, "\(ratio)")
                let y0 = task == .eForm ? source.eForm! : source.bandGap!
                XCTAssertLessThanOrEqual(abs(y - y0), task == .eForm ? 0.25 : 0.5)
                if task == .gap { XCTAssertGreaterThanOrEqual(y, 0); if y0 == 0 { XCTAssertEqual(y, 0) } }
            }
            // Labels vary: no two records share a label except metals' gap of exactly 0.
            let labels = ds.records.map { task == .eForm ? $0.eForm! : $0.bandGap! }.filter { $0 != 0 }
            XCTAssertEqual(Set(labels).count, labels.count)
            XCTAssertGreaterThan(labels.count, n / 4)
        }
    }

    func testSameSeedSameBytesAndShortFilesArePrefixes() throws {
        let a = try TestSupport.temporaryDirectory(), b = try TestSupport.temporaryDirectory(), c = try TestSupport.temporaryDirectory()
        let sa = try MatbenchSynthesizer.writeBoth(to: a, eFormRecords: 60, gapRecords: 40, seed: 3)
        let sb = try MatbenchSynthesizer.writeBoth(to: b, eFormRecords: 60, gapRecords: 40, seed: 3)
        let sc = try MatbenchSynthesizer.writeBoth(to: c, eFormRecords: 60, gapRecords: 40, seed: 4)
        for k in 0..<2 {
            XCTAssertEqual(try Data(contentsOf: sa[k].url), try Data(contentsOf: sb[k].url))
            XCTAssertNotEqual(try Data(contentsOf: sa[k].url), try Data(contentsOf: sc[k].url))
        }
        let short = try TestSupport.temporaryDirectory()
        let ss = try MatbenchSynthesizer.writeBoth(to: short, eFormRecords: 20, gapRecords: 20, seed: 3)
        let long = try Matbench.load(url: sa[0].url).dataset.records, prefix = try Matbench.load(url: ss[0].url).dataset.records
        XCTAssertEqual(Array(long.prefix(20)), prefix)
    }

    /// Stage 0's library streams both files, keeps each label under its task and splits by the
    /// bundled fold 0; a file given for the other task, or with foreign ids, fails before training.
    func testStageZeroLibrarySplitsByFoldZeroAndRefusesForeignFiles() throws {
        let dir = try TestSupport.temporaryDirectory()
        let s = try MatbenchSynthesizer.writeBoth(to: dir, eFormRecords: 120, gapRecords: 100, seed: 5)
        let profile = Profile.paper(eFormPath: s[0].url.path, gapPath: s[1].url.path)
        let lib = try CrystalLibrary.load(profile.data, checksum: "test")
        XCTAssertEqual(lib.recordsRead, 220)
        let folds = try XCTUnwrap(ExperimentResources.matbenchFold0TestIDs)
        for (task, mb, n) in [(PropertyTask.eForm, Matbench.Task.eForm, 120), (.gap, .gap, 100)] {
            let split = try XCTUnwrap(lib.matbenchSplits[task])
            let testIDs = try Matbench.fold0TestIDs(url: folds, task: mb)
            let skippedHere = lib.skipped.filter { $0.id.hasPrefix(mb == .gap ? "mb-mp-gap-" : "mb-mp-e-form-") }.count
            XCTAssertEqual(split.train.count + split.test.count + skippedHere, n)
            XCTAssertTrue(split.test.allSatisfy(testIDs.contains)); XCTAssertFalse(split.train.contains(where: testIDs.contains))
            XCTAssertFalse(split.test.isEmpty)
            let records = try Matbench.load(url: s[task == .eForm ? 0 : 1].url).dataset.records
            for r in records { if let e = lib.entries[r.id] { XCTAssertEqual(task == .eForm ? e.eForm : e.gap, task == .eForm ? r.eForm : r.bandGap) } }
        }

        let swapped = Profile.paper(eFormPath: s[1].url.path, gapPath: s[0].url.path)
        XCTAssertThrowsError(try CrystalLibrary.load(swapped.data, checksum: "test")) {
            XCTAssertEqual("\($0)", "matbench_mp_gap.json.gz: this is a matbench_mp_gap file (target column \"gap pbe\"), not the matbench_mp_e_form file it was given as")
        }
        // An e_form file whose ids are not Matbench's: no fold-0 test row at all.
        let foreign = dir.appendingPathComponent("foreign_e_form.json.gz")
        let text = try String(decoding: Gzip.contents(of: s[0].url), as: UTF8.self).replacingOccurrences(of: "mb-mp-e-form-", with: "row-")
        let w = try GzipFileWriter(url: foreign); try w.write(text); try w.close()
        XCTAssertThrowsError(try CrystalLibrary.load(Profile.paper(eFormPath: foreign.path, gapPath: s[1].url.path).data, checksum: "test")) {
            XCTAssertTrue("\($0)".hasPrefix("foreign_e_form.json.gz: none of its 120 ids is a fold-0 test id of matbench_mp_e_form"), "\($0)")
        }
    }
}
