import Foundation
import TestSupport
import XCTest

/// The command line on failing work items, hostile files and the papercuts of a first-time user,
/// through the real `repro` binary (TestSupport.reproBinary, or REPRO_BINARY). Fast: the fake
/// backend for runs, one small checkpoint from Reports/models for `embed`.
final class HostileInputEndToEndTests: XCTestCase {
    func binary() throws -> URL {
        let b = try requireReproBinary()
        return b
    }

    @discardableResult
    func repro(_ args: [String], cwd: URL, env: [String: String] = [:], expect status: Int32) throws -> (stdout: String, stderr: String) {
        let environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let r = try TestSupport.run(try binary(), args, cwd: cwd, environment: environment)
        XCTAssertEqual(r.status, status, "repro \(args.joined(separator: " ")) → \(r.status)\n\(r.stdout)\n\(r.stderr)")
        return (r.stdout, r.stderr)
    }

    /// "done in …: N computed, …" → N.
    func computed(_ stderr: String) -> Int? {
        guard let r = stderr.range(of: #"done in [^:]*: \d+ computed"#, options: .regularExpression) else { return nil }
        return Int(stderr[r].split(separator: ": ").last!.prefix { $0.isNumber })
    }

    func testRunExitsThreeWhenAnItemFailedAndKeepGoingIsOptional() throws {
        let dir = try TestSupport.temporaryDirectory()
        let fail = ["REPRO_FAKE_FAIL": "fig8"]
        let all = try repro(["run", "--profile", "smoke", "--backend", "fake", "--store", "a", "--jobs", "1"], cwd: dir, env: fail, expect: 3)
        XCTAssertTrue(all.stderr.contains("FAILED fig8/"), all.stderr)
        XCTAssertTrue(all.stdout.contains("failed"), all.stdout)
        let stop = try repro(["run", "--profile", "smoke", "--backend", "fake", "--store", "b", "--jobs", "1", "--no-keep-going"],
                             cwd: dir, env: fail, expect: 3)
        let (n1, n2) = (computed(all.stderr), computed(stop.stderr))
        XCTAssertNotNil(n1); XCTAssertNotNil(n2)
        XCTAssertLessThan(n2 ?? .max, n1 ?? 0, "--no-keep-going starts nothing after the first failure")
        // A clean run exits 0; a usage error is 64, not 3.
        try repro(["run", "--profile", "smoke", "--backend", "fake", "--store", "c", "--jobs", "2", "--quiet"], cwd: dir, expect: 0)
        try repro(["run", "--profile", "smoke", "--no-such-option"], cwd: dir, expect: 64)
        let help = try repro(["run", "--help"], cwd: dir, expect: 0)
        XCTAssertTrue(help.stdout.contains("--keep-going") && help.stdout.contains("3 when any item failed"), help.stdout)
    }

    /// `repro data synth-matbench` writes small Matbench-format files; given for the wrong task,
    /// stage 0 fails with one line naming the file before anything trains, and the thousands of
    /// items it blocks are counted rather than each printed.
    func testForeignMatbenchFileFailsStageZeroInAFewLines() throws {
        let dir = try TestSupport.temporaryDirectory()
        let made = try repro(["data", "synth-matbench", "--out", "mb", "--e-form-records", "40", "--gap-records", "30", "--seed", "2"],
                             cwd: dir, expect: 0)
        XCTAssertTrue(made.stdout.contains("matbench_mp_e_form.json.gz: 40 records (matbench_mp_e_form)"), made.stdout)
        let gap = "mb/matbench_mp_gap.json.gz"
        let r = try repro(["run", "--profile", "paper", "--matbench-e-form", gap, "--matbench-gap", gap, "--store", "s", "--quiet"],
                          cwd: dir, expect: 3)
        let reason = "matbench_mp_gap.json.gz: this is a matbench_mp_gap file (target column \"gap pbe\"), not the matbench_mp_e_form file it was given as"
        XCTAssertTrue(r.stderr.contains("FAILED dataset: " + reason), r.stderr)
        XCTAssertTrue(r.stderr.contains("computed, 0 reused, 1 failed"), r.stderr)
        XCTAssertTrue(r.stderr.range(of: #"BLOCKED \d+ more items: input dataset failed: "#, options: .regularExpression) != nil, r.stderr)
        XCTAssertLessThan(r.stderr.split(separator: "\n").count, 10, r.stderr)
    }

    func testReproduceWritesTheReportAndExitsThreeOnFailures() throws {
        let dir = try TestSupport.temporaryDirectory()
        let r = try repro(["reproduce", "--profile", "smoke", "--backend", "fake", "--jobs", "2", "--quiet"], cwd: dir,
                          env: ["REPRO_FAKE_FAIL": "fig8/gap"], expect: 3)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Reports/report.md").path))
        XCTAssertTrue(r.stderr.contains("the report lists them as missing"), r.stderr)
    }

    func testHeartbeatNamesRunningItemsInLogs() throws {
        let dir = try TestSupport.temporaryDirectory()
        let r = try repro(["run", "--profile", "smoke", "--backend", "fake", "--store", "s", "--jobs", "2", "--shard", "1/60"], cwd: dir,
                          env: ["REPRO_FAKE_TRIAL_DELAY": "1.5", "REPRO_HEARTBEAT_SECONDS": "0.5"], expect: 0)
        let beats = r.stderr.split(separator: "\n").filter { $0.contains("] running ") }
        XCTAssertFalse(beats.isEmpty, r.stderr)
        XCTAssertTrue(beats.allSatisfy { $0.contains("fig8/") || $0.contains("fig7/") || $0.contains("/") }, r.stderr)
    }

    func write(_ text: String, _ name: String, in dir: URL) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func testHostileFilesGiveOneLineErrors() throws {
        let dir = try TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder.cif"), withIntermediateDirectories: true)
        let d = try repro(["inspect", "folder.cif"], cwd: dir, expect: 1)
        XCTAssertEqual(d.stderr, "Error: folder.cif: is a directory, not a structure or data file\n")

        try write("x\n1.0\n1e308 0 0\n0 1e308 0\n0 0 1e308\nNa\n1\nDirect\n0 0 0\n", "POSCAR", in: dir)
        let j = try repro(["inspect", "POSCAR", "--json"], cwd: dir, expect: 1)
        XCTAssertEqual(j.stdout, "")
        XCTAssertTrue(j.stderr.contains("REPRO_MAX_CELL_LENGTH"), j.stderr)
        let s = try repro(["featurize", "sitenet", "POSCAR", "--json"], cwd: dir, expect: 1)
        XCTAssertFalse(s.stdout.contains("images"), s.stdout)

        let cell = { (a: Double) in "data_x\n_cell_length_a \(a)\n_cell_length_b \(a)\n_cell_length_c \(a)\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0\nCl1 0.5 0.5 0.5\n" }
        try write(cell(200), "big.cif", in: dir)
        let start = Date()
        let x = try repro(["featurize", "xrd", "big.cif"], cwd: dir, expect: 1)
        XCTAssertTrue(x.stderr.hasPrefix("Error: big.cif: XRD: the reflection sphere") && x.stderr.contains("REPRO_MAX_XRD_MB"), x.stderr)
        XCTAssertEqual(x.stderr.split(separator: "\n").count, 1)
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        try write(cell(1e6), "huger.cif", in: dir)
        for sub in ["xrd", "ofm", "sitenet"] {
            let e = try repro(["featurize", sub, "huger.cif"], cwd: dir, expect: 1)
            XCTAssertTrue(e.stderr.contains("REPRO_MAX_CELL_LENGTH"), e.stderr)
        }

        // pymatgen drops a site whose label starts with a control character; this reader refuses it.
        try write(cell(4).replacingOccurrences(of: "Na1", with: "\u{1B}[2J\u{7}Na1"), "esc.cif", in: dir)
        let c = try repro(["inspect", "esc.cif"], cwd: dir, expect: 1)
        XCTAssertTrue(c.stderr.contains("'\\u{1B}[2J\\u{7}Na1' names no element"), c.stderr)
        try write(cell(4).replacingOccurrences(of: "Na1", with: "\u{1B}[2JQq"), "esc2.cif", in: dir)
        let c2 = try repro(["inspect", "esc2.cif"], cwd: dir, expect: 1)
        XCTAssertFalse(c2.stderr.contains("\u{1B}"), c2.stderr)
        XCTAssertTrue(c2.stderr.contains("\\u{1B}[2JQq"), c2.stderr)

        let w = try repro(["tsne", "nothere.csv", "--out", "/nonexistent-dir/x.csv"], cwd: dir, expect: 1)
        XCTAssertFalse(w.stderr.contains("Domain"), w.stderr)
        // An output or store path through a file: said in words, not as a Foundation error domain.
        try write("1,2\n3,4\n5,6\n", "in.csv", in: dir)
        let o = try repro(["tsne", "in.csv", "--perplexity", "1", "--out", "in.csv/x.csv"], cwd: dir, expect: 1)
        XCTAssertTrue(o.stderr.contains("in.csv is a file, not a folder") && !o.stderr.contains("Domain"), o.stderr)
        let st = try repro(["run", "--profile", "smoke", "--backend", "fake", "--store", "in.csv/store", "--quiet"], cwd: dir, expect: 1)
        XCTAssertTrue(st.stderr.contains("in.csv is a file, not a folder") && !st.stderr.contains("Domain"), st.stderr)
    }

    func testEmbedSkipBadAndTSNEReadsItsCSV() throws {
        let dir = try TestSupport.temporaryDirectory()
        let model = TestSupport.packageRoot.appendingPathComponent("Reports/models/dim-synthetic.ckpt")
        guard FileManager.default.fileExists(atPath: model.path) else { throw XCTSkip("no committed DIM checkpoint") }
        let fixtures = TestSupport.packageRoot.appendingPathComponent("Tests/CrystalsTests/Fixtures")
        let good = ["mp-10.cif", "mp-1030.vasp", "mp-24805.json"].map { fixtures.appendingPathComponent($0).path }
        try write("not a structure\n", "bad.cif", in: dir)
        let stop = try repro(["embed", "--model", model.path, "--out", "v.csv", good[0], "bad.cif"] + good.dropFirst(), cwd: dir, expect: 1)
        XCTAssertTrue(stop.stderr.contains("bad.cif"), stop.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("v.csv").path))
        let skip = try repro(["embed", "--model", model.path, "--out", "v.csv", "--skip-bad", good[0], "bad.cif"] + good.dropFirst(),
                             cwd: dir, expect: 3)
        XCTAssertTrue(skip.stderr.contains("skipped 1 of 4 file(s)") && skip.stderr.contains("bad.cif"), skip.stderr)
        let csv = try String(contentsOf: dir.appendingPathComponent("v.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 4)
        // tsne reads embed's CSV (its `file` column), also with Windows line endings.
        try write(csv.replacingOccurrences(of: "\n", with: "\r\n"), "v-crlf.csv", in: dir)
        for input in ["v.csv", "v-crlf.csv"] {
            try repro(["tsne", input, "--perplexity", "1", "--out", "t.csv", "--initialization", "random"], cwd: dir, expect: 0)
            let out = try String(contentsOf: dir.appendingPathComponent("t.csv"), encoding: .utf8)
            XCTAssertEqual(out.split(separator: "\n").count, 3, input)
        }
        for command in [["embed"], ["tsne"], ["featurize"]] {
            let h = try repro(command + ["--help"], cwd: dir, expect: 0)
            XCTAssertTrue(h.stdout.contains("Example"), "\(command) --help has no example")
        }
    }

    /// `repro embed` and `repro tsne` share one CSV writer and reader (`NumericCSV`): file names
    /// with commas and double quotes are quoted by embed and read back by tsne.
    func testTSNEReadsEmbedCSVWithAwkwardFileNames() throws {
        let dir = try TestSupport.temporaryDirectory()
        let model = TestSupport.packageRoot.appendingPathComponent("Reports/models/dim-synthetic.ckpt")
        guard FileManager.default.fileExists(atPath: model.path) else { throw XCTSkip("no committed DIM checkpoint") }
        let fixtures = TestSupport.packageRoot.appendingPathComponent("Tests/CrystalsTests/Fixtures")
        let names = ["a,b.cif", "say \"hi\", twice.vasp", "\"quoted\".json"]
        for (from, to) in zip(["mp-10.cif", "mp-1030.vasp", "mp-24805.json"], names) {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(from), to: dir.appendingPathComponent(to))
        }
        try repro(["embed", "--model", model.path, "--out", "v.csv"] + names, cwd: dir, expect: 0)
        let csv = try String(contentsOf: dir.appendingPathComponent("v.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("\n\"a,b.cif\",") && csv.contains("\n\"say \"\"hi\"\", twice.vasp\",")
                      && csv.contains("\n\"\"\"quoted\"\".json\","), csv)
        try repro(["tsne", "v.csv", "--perplexity", "1", "--out", "t.csv", "--initialization", "random"], cwd: dir, expect: 0)
        let out = try String(contentsOf: dir.appendingPathComponent("t.csv"), encoding: .utf8)
        XCTAssertEqual(out.split(separator: "\n").count, 3, out)
    }

    func testPapercuts() throws {
        let dir = try TestSupport.temporaryDirectory()
        for margin in ["-1", "nan"] {
            let r = try repro(["check", "--baseline", "b.json", "--results", "r.json", "--margin=\(margin)"], cwd: dir, expect: 64)
            XCTAssertTrue(r.stderr.contains("--margin must be a finite number ≥ 0"), r.stderr)
        }
        let t = try repro(["train", "supervised", "--output", "o", "--task", "gapp"], cwd: dir, expect: 1)
        XCTAssertTrue(t.stderr.contains("--task must be e_form or gap"), t.stderr)
        let i = try repro(["train", "supervised", "--output", "o", "--task", "gap", "--initialization", "zeros"], cwd: dir, expect: 1)
        XCTAssertTrue(i.stderr.contains("--initialisation must be random"), i.stderr)
    }
}
