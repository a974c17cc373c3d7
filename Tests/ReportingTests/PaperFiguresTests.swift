import Foundation
import Plotting
@testable import Reporting
import TestSupport
import XCTest

/// A synthetic results document exercising every paper figure (closed-form pseudo-noise, no generator).
enum FigureSyntheticResults {
    static func noise(_ i: Int, _ salt: Int) -> Double {
        let v = sin(Double(i) * 12.9898 + Double(salt) * 78.233) * 43758.5453
        return (v - v.rounded(.down)) * 2 - 1
    }

    static func document(failures: Bool = true, tsnePoints: Int = 700) -> ResultsDocument {
        var trials: [TrialRecord] = []
        let ns = [50, 100, 250, 1000]
        let scale = ["e_form": 1.0, "gap": 1.8]
        var salt = 0
        for task in ["e_form", "gap"] {
            for (k, n) in ns.enumerated() {
                let base = scale[task]! * 0.55 / pow(1.45, Double(k))
                for (a, arm) in [ArmID.random, ArmID.dim, ArmID.transfer].enumerated() {
                    salt += 1
                    for t in 0..<12 {
                        let shift = [0.0, -0.06, 0.1][a] * base
                        var mae: Double? = base + shift + 0.05 * base * noise(t, 1) + 0.04 * base * noise(t, salt)
                        var failure: String? = nil
                        if failures && task == "gap" && n == 50 && arm == ArmID.random && t == 3 { mae = nil; failure = "NaN loss at epoch 12" }
                        trials.append(TrialRecord(experiment: "fig7", task: task, nLabels: n, arm: arm, trial: t, mae: mae,
                                                  failure: failure))
                    }
                }
                let arms: [(String, Double, Double)] = [
                    (ArmID.linearUntrained, 1.3, 0.12), (ArmID.linearDIM, 1.15, 0.07), (ArmID.mlpUntrained, 1.1, 0.1),
                    (ArmID.mlpDIM, 1.0, 0.06), (ArmID.mlpOFM, 1.5, 0.15), (ArmID.mlpXRD, 1.7, 0.12)]
                for (arm, f, spread) in arms {
                    salt += 1
                    for t in 0..<(n == 1000 ? 25 : 100) {
                        trials.append(TrialRecord(experiment: "fig8", task: task, nLabels: n, arm: arm, trial: t,
                                                  mae: base * (f + spread * noise(t, salt))))
                    }
                }
                for (arm, f) in [(ArmID.linearDIMNoSynthetic, 1.35), (ArmID.mlpDIMNoSynthetic, 1.2)] {
                    salt += 1
                    for t in 0..<(n == 1000 ? 25 : 100) {
                        trials.append(TrialRecord(experiment: "fig12", task: task, nLabels: n, arm: arm, trial: t,
                                                  mae: base * (f + 0.1 * noise(t, salt))))
                    }
                }
            }
        }
        let curves = [("dim-synthetic", true, 0.0), ("dim-nosynthetic", false, 0.15)].map { name, synth, off -> LearningCurve in
            LearningCurve(model: name, tasks: ["e_form", "gap"], synthetic: synth, points: (1...150).map { e in
                let x = Double(e)
                return CurvePoint(epoch: e, localDIM: 1.2 * exp(-x / 60) + 0.45 + off + 0.01 * noise(e, 7),
                                  localKL: 1.6 * exp(-x / 30) + 1.05 + 0.005 * noise(e, 8),
                                  globalDIM: 1.3 * exp(-x / 40) + 0.2 + off + 0.01 * noise(e, 9),
                                  globalKL: 2.5 * exp(-x / 20) + 1.0 + 0.005 * noise(e, 10))
            }, baselineLocal: 2 * log(2.0), baselineGlobal: 2 * log(2.0), selectedEpoch: 142, stopReason: "max epochs")
        }
        var maps: [TSNEMap] = []
        for task in ["e_form", "gap"] {
            for rep in ["untrained", "dim"] {
                let n = tsnePoints
                var x: [Double] = [], y: [Double] = [], mh: [Bool] = [], lab: [Double] = []
                for i in 0..<n {
                    let isMH = noise(i, 21) > 0.75
                    let cluster = rep == "dim" && isMH ? 25.0 : 0
                    let r = 30 * abs(noise(i, 22)), th = 3.14159 * noise(i, 23)
                    x.append(r * cos(th) + cluster); y.append(r * sin(th) - cluster * 0.5)
                    mh.append(isMH)
                    lab.append(task == "e_form" ? -2 + 2.5 * (noise(i, 24) + 1) / 2 : max(0, 4 * noise(i, 25)))
                }
                maps.append(TSNEMap(representation: rep, task: task, ids: (0..<n).map { "mp-\($0)" }, x: x, y: y,
                                    metalHalogen: mh, labels: lab, perplexity: 30, klDivergence: 1.234))
            }
        }
        return ResultsDocument(
            profile: ProfileSummary(name: "synthetic", description: "test", departures: [], settings: [:]),
            provenance: Provenance(toolVersion: "0", gitCommit: "0", dataChecksum: "0", seedRoot: "s", blasCore: "x",
                                   blasThreadsPerTrial: 1, jobs: 1, machine: "m", stageSeconds: []),
            dataset: DatasetSummary(name: "synthetic", recordsRead: 0, splits: [], skipped: []),
            learningCurves: curves, trials: trials, tsneMaps: maps)
    }
}

final class PaperFiguresTests: XCTestCase {
    /// One render of the full synthetic document shared by the read-only tests (rendering is the slow part).
    nonisolated(unsafe) static var shared: (doc: ResultsDocument, dir: URL, outs: [FigureOutput])?

    static func rendered() throws -> (doc: ResultsDocument, dir: URL, outs: [FigureOutput]) {
        if let s = shared { return s }
        let doc = FigureSyntheticResults.document()
        let dir = try TestSupport.temporaryDirectory("figs-shared")
        let s = (doc, dir, try PaperFigures.render(doc, to: dir))
        shared = s
        return s
    }

    override class func tearDown() {
        if let s = shared { try? FileManager.default.removeItem(at: s.dir) }
        shared = nil
        super.tearDown()
    }

    func testEveryFigureIsRenderedValidAndByteStable() throws {
        let (doc, a, outs) = try Self.rendered()
        let b = try TestSupport.temporaryDirectory("figs-b")
        defer { try? FileManager.default.removeItem(at: b) }
        XCTAssertEqual(outs.map(\.id), ["fig6", "fig7", "fig8", "fig9", "fig10", "fig11", "fig12"])
        let again = try PaperFigures.render(doc, to: b)
        XCTAssertEqual(outs, again)
        for o in outs {
            XCTAssertFalse(o.caption.isEmpty); XCTAssertFalse(o.title.isEmpty)
            let png = try Data(contentsOf: a.appendingPathComponent(o.png))
            XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], o.png)
            XCTAssertGreaterThan(png.count, 20_000, "\(o.png) suspiciously small")
            XCTAssertTrue(try String(contentsOf: a.appendingPathComponent(o.svg), encoding: .utf8).contains("<svg"))
            XCTAssertEqual(String(decoding: try Data(contentsOf: a.appendingPathComponent(o.pdf)).prefix(5), as: UTF8.self), "%PDF-")
            for name in [o.png, o.svg, o.pdf, o.csv, o.gnuplot] {
                XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent(name)), try Data(contentsOf: b.appendingPathComponent(name)),
                               "\(name) differs between two renders")
            }
        }
    }

    func testNoTextOverlapsInAnyFigure() throws {
        let doc = try Self.rendered().doc
        for fig in try PaperFigures.build(doc).map(\.figure) {
            XCTAssertEqual(FigureWriter.textOverlaps(fig), [], fig.name)
        }
    }

    /// A preview profile's figures say so in their drawn title and caption; a default run's do not.
    func testPreviewFiguresSaySoInTitleAndCaption() throws {
        var doc = try Self.rendered().doc
        doc.profile.isPreview = false
        let plain = try PaperFigures.build(doc)
        XCTAssertFalse(plain.contains { $0.figure.title.contains("preview") || $0.caption.hasPrefix("Preview") })
        doc.profile.isPreview = true
        let marked = try PaperFigures.build(doc)
        XCTAssertEqual(marked.map(\.figure.name), plain.map(\.figure.name))
        for (m, p) in zip(marked, plain) {
            XCTAssertEqual(m.figure.title, p.figure.title + " — preview (\(doc.profile.name)): training cut")
            XCTAssertEqual(m.caption, "Preview (profile \(doc.profile.name)): training is cut below convergence on purpose, so these numbers do not test the paper. " + p.caption)
            XCTAssertEqual(FigureWriter.textOverlaps(m.figure), [], m.figure.name)
        }
    }

    func testFig7CSVHoldsEveryTrialAndThePaperMedians() throws {
        let (doc, dir, outs) = try Self.rendered()
        let fig7 = try XCTUnwrap(outs.first { $0.id == "fig7" })
        let rows = try String(contentsOf: dir.appendingPathComponent(fig7.csv), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Panels a–d are e_form at 50…1000 labels, e–h gap.
        let ok = doc.trials.filter { $0.experiment == "fig7" && $0.mae != nil }
        let boxRows = rows.filter { $0[1] == "box" }
        XCTAssertEqual(boxRows.count, ok.count)
        let expected = ok.filter { $0.task == "gap" && $0.nLabels == 50 && $0.arm == ArmID.random }.map { $0.mae! }
        XCTAssertEqual(boxRows.filter { $0[0] == "e" && $0[2] == "random init" }.map { Double($0[5])! }, expected)
        XCTAssertEqual(expected.count, 11, "the failed trial is not drawn")
        XCTAssertTrue(fig7.caption.contains("1 failed"))
        // The paper's e_form median at 50 labels for DIM init is 0.4717 (Docs/Protocol.md §11).
        let ref = rows.first { $0[0] == "a" && $0[1] == "box_ref" && $0[2] == "DIM init" }
        XCTAssertEqual(Double(try XCTUnwrap(ref)[5])!, 0.471737, accuracy: 1e-12)
    }

    func testFig6AndTSNECSVMatchInputs() throws {
        let (doc, dir, outs) = try Self.rendered()
        func rows(_ id: String) throws -> [[String]] {
            let o = try XCTUnwrap(outs.first { $0.id == id })
            return try String(contentsOf: dir.appendingPathComponent(o.csv), encoding: .utf8).split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let r6 = try rows("fig6")
        let c = doc.learningCurves[0]
        let name = "dim-synthetic (e_form+gap)"
        XCTAssertEqual(r6.filter { $0[0] == "c" && $0[1] == "line" && $0[2] == name }.map { Double($0[5])! }, c.points.map(\.globalDIM))
        XCTAssertEqual(r6.filter { $0[1] == "hline" }.map { Double($0[5])! }, [2 * log(2.0), 2 * log(2.0)], "baseline on the two DIM panels only")
        let r10 = try rows("fig10")
        let m = doc.tsneMaps.first { $0.task == "gap" && $0.representation == "dim" }!
        let d = r10.filter { $0[0] == "d" }
        XCTAssertEqual(d.map { Double($0[4])! }, m.x)
        XCTAssertEqual(d.map { Double($0[6])! }, m.labels)
        XCTAssertEqual(d.map { $0[3] }, m.ids)
    }

    func testOnlyFiguresWithDataAreProduced() throws {
        var doc = FigureSyntheticResults.document(tsnePoints: 20)
        doc.learningCurves = []; doc.tsneMaps = []
        doc.trials = doc.trials.filter { $0.experiment == "fig7" }
        let dir = try TestSupport.temporaryDirectory("figs-some")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(try PaperFigures.render(doc, to: dir).map(\.id), ["fig7", "fig11"])
        doc.trials = []
        XCTAssertEqual(try PaperFigures.render(doc, to: dir).map(\.id), [])
    }

    func testMismatchedTSNEMapIsAClearError() {
        var doc = FigureSyntheticResults.document(tsnePoints: 20)
        doc.tsneMaps[0].labels.removeLast()
        XCTAssertThrowsError(try PaperFigures.render(doc, to: FileManager.default.temporaryDirectory)) { e in
            XCTAssertTrue("\(e)".contains("t-SNE map e_form/untrained"), "\(e)")
        }
    }

    func testGnuplotScriptsOfPaperFiguresRun() throws {
        let gnuplot = URL(fileURLWithPath: "/usr/bin/gnuplot")
        guard FileManager.default.isExecutableFile(atPath: gnuplot.path) else {
            throw XCTSkip("gnuplot not installed (apt-get install gnuplot-nox): the generated scripts were not run")
        }
        let (_, dir, outs) = try Self.rendered()
        for o in outs {
            let r = try TestSupport.run(gnuplot, ["-e", "outfile='\(o.id)-gp.png'", o.gnuplot], cwd: dir)
            XCTAssertEqual(r.status, 0, "\(o.gnuplot): \(r.stderr)")
            XCTAssertFalse(r.stderr.lowercased().contains("warning"), "\(o.gnuplot): \(r.stderr)")
            XCTAssertGreaterThan((try Data(contentsOf: dir.appendingPathComponent("\(o.id)-gp.png"))).count, 5_000)
        }
    }

    /// A smoke-sized run: one task, one label count, five trials, an 8-epoch curve with a KL that
    /// spans two decades (log axis), one t-SNE row. Titles and legends must still fit.
    func testSmallRunLaysOutWithoutOverlaps() throws {
        var doc = FigureSyntheticResults.document(tsnePoints: 100)
        doc.trials = doc.trials.filter { $0.task == "e_form" && $0.nLabels == 50 && $0.trial < 5 }
        var pts: [CurvePoint] = []
        for e in 1...8 {
            let x = Double(e)
            let lk: Double = 80 * exp(-x) + 1, gk: Double = 200 * exp(-x) + 1
            pts.append(CurvePoint(epoch: e, localDIM: 1.38 - 0.05 * x, localKL: lk, globalDIM: 1.4 - 0.1 * x, globalKL: gk))
        }
        doc.learningCurves = [LearningCurve(model: "dim-synthetic", tasks: ["e_form"], synthetic: true, points: pts,
                                            baselineLocal: 2 * log(2.0), baselineGlobal: 2 * log(2.0), selectedEpoch: 8,
                                            stopReason: "max epochs")]
        doc.tsneMaps = doc.tsneMaps.filter { $0.task == "e_form" }
        let figs = try PaperFigures.build(doc)
        XCTAssertEqual(figs.map(\.figure.name), ["fig6", "fig7", "fig8", "fig9", "fig10", "fig11", "fig12"])
        for (f, _) in figs {
            XCTAssertEqual(FigureWriter.textOverlaps(f), [], f.name)
            XCTAssertEqual(f.panels.compactMap { $0 }.count, f.name == "fig6" ? 4 : (f.name == "fig9" || f.name == "fig10" ? 2 : 1), f.name)
        }
        // The KL panels span two decades, so they use a log axis; the DIM-loss panels stay linear.
        let fig6 = figs[0].figure
        XCTAssertEqual(fig6.panels.map { $0!.yAxis.scale }, [.linear, .log, .linear, .log])
    }

    /// Writes the synthetic figures to `PAPER_FIGURES_DEMO_DIR` for looking at them.
    func testWriteDemo() throws {
        guard let d = ProcessInfo.processInfo.environment["PAPER_FIGURES_DEMO_DIR"] else {
            throw XCTSkip("set PAPER_FIGURES_DEMO_DIR to write the synthetic paper figures for inspection")
        }
        _ = try PaperFigures.render(FigureSyntheticResults.document(), to: URL(fileURLWithPath: d))
    }
}
