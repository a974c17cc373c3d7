import XCTest
@testable import Experiments
import Reporting
import TestSupport

/// Records the items a run starts computing (thread-safe).
final class StartedItems: ProgressSink, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var ids: [String] = []
    func planned(toCompute: [Int: Int], reused: [Int: Int], reasons: [(String, String)]) {}
    func finished(item: WorkItem, outcome: ItemOutcome, seconds: Double, message: String?) {}
    func done(summary: RunSummary) {}
    func started(item: WorkItem) { lock.lock(); ids.append(item.id); lock.unlock() }
}

/// `--figure` / `--claim`: which items each figure needs, and that computing only those gives the
/// same figure as the whole plan.
final class FigureSelectionTests: XCTestCase {
    let context = RunContext(gitCommit: "test", jobs: 1, machine: "test")

    /// Figure files compared byte for byte (the PDF carries a creation date).
    static let figureFiles = ["csv", "png", "svg", "gnuplot"]

    func testEveryFigureComputesExactlyItsClosureAndDrawsTheSameFigure() throws {
        let plan = TrialPlan(profile: .smoke)
        // The whole plan, its figures and report.
        let full = try TestSupport.temporaryDirectory("full")
        let fullRunner = Runner(plan: plan, store: ResultStore(root: full.appendingPathComponent("store")), backend: FakeBackend())
        XCTAssertEqual(try fullRunner.run(options: RunOptions(jobs: 2)).computed, plan.items.count)
        let fullWritten = try ReportOutput.write(runner: fullRunner, context: context, reports: full.appendingPathComponent("Reports"),
                                                 figures: full.appendingPathComponent("Figures"))
        XCTAssertEqual(Set(fullWritten.figures.map(\.id)), Set(ExperimentCatalogue.figures.map(\.id)),
                       "the smoke profile draws every catalogue figure")

        for spec in ExperimentCatalogue.figures {
            let id = spec.id
            let dir = try TestSupport.temporaryDirectory(id)
            let runner = Runner(plan: plan, store: ResultStore(root: dir.appendingPathComponent("store")), backend: FakeBackend())
            let selection = try XCTUnwrap(FigureSelection.parse(figures: id, claims: nil))
            let direct = Set(plan.directItems(ofFigure: id).map(\.id))
            XCTAssertFalse(direct.isEmpty, "\(id) reads no item")
            let started = StartedItems()
            let summary = try runner.run(options: RunOptions(jobs: 2, selection: direct), progress: started)
            XCTAssertEqual(summary.failed, [])
            let closure = plan.closure(ofFigures: [id]).map(\.id)
            XCTAssertEqual(started.ids.count, Set(started.ids).count, "\(id): an item was computed twice")
            XCTAssertEqual(Set(started.ids), Set(closure), "\(id): computed items differ from the closure")
            XCTAssertLessThan(closure.count, plan.items.count, "\(id) needs the whole plan")
            // The store holds exactly the closure: nothing else was computed on the side.
            let states = try runner.itemStates()
            XCTAssertEqual(Set(states.filter { $0.state == .done }.map(\.item.id)), Set(closure), id)

            let written = try ReportOutput.write(runner: runner, context: context, reports: dir.appendingPathComponent("Reports"),
                                                 figures: dir.appendingPathComponent("Figures"), selection: selection)
            XCTAssertEqual(written.figures.map(\.id), fullWritten.figures.filter { $0.id == id }.map(\.id), "\(id): figures redrawn")
            for f in written.figures {
                for ext in Self.figureFiles {
                    let name = "\(f.id).\(ext)"
                    let mine = try Data(contentsOf: dir.appendingPathComponent("Figures/\(name)"))
                    let theirs = try Data(contentsOf: full.appendingPathComponent("Figures/\(name)"))
                    XCTAssertEqual(mine, theirs, "\(name) differs from the full run's")
                }
            }
            // Only that figure's files were written.
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("Figures").path)
            XCTAssertTrue(files.allSatisfy { $0.hasPrefix(id + ".") || $0.hasPrefix(id + "-") }, "\(id): \(files)")
        }
    }

    /// The closures are the figures' own needs, not more: spot checks from the paper's design.
    func testClosuresFollowTheCatalogue() {
        let plan = TrialPlan(profile: .smoke)
        func ids(_ f: String) -> Set<String> { Set(plan.closure(ofFigures: [f]).map(\.id)) }
        XCTAssertTrue(ids("fig6").isSuperset(of: ["dataset", "dim/shared/synthetic", "dim/shared/nosynthetic"]))
        XCTAssertEqual(ids("fig6").count, 3, "fig 6 draws only the DIM runs' curves")
        XCTAssertFalse(ids("fig8").contains { $0.hasPrefix("donor/") || $0.hasPrefix("fig7/") || $0.hasPrefix("fig12/") })
        XCTAssertTrue(ids("fig7").contains("donor/gap"), "the transfer arm starts from the other task's donor")
        XCTAssertFalse(ids("fig11").contains { $0.hasPrefix("donor/") || $0.contains("/sitenet-transfer/") || $0.contains("/linear-") },
                       "fig 11 shows only MLP and random/DIM Site-Net arms")
        XCTAssertEqual(ids("fig9"), ids("fig10"), "figs 9 and 10 colour the same maps")
        XCTAssertTrue(ids("fig12").contains { $0.hasPrefix("fig8/") && $0.contains("/mlp-dim/") })
        XCTAssertFalse(ids("fig12").contains { $0.contains("-ofm/") || $0.contains("-xrd/") })
        // Several figures: the union of their closures.
        XCTAssertEqual(Set(plan.closure(ofFigures: ["fig8", "fig12"]).map(\.id)), ids("fig8").union(ids("fig12")))
    }

    func testParsingFiguresAndClaims() throws {
        XCTAssertNil(try FigureSelection.parse(figures: nil, claims: nil))
        XCTAssertEqual(try FigureSelection.parse(figures: "fig12,FIG8", claims: nil)?.figures, ["fig8", "fig12"])
        XCTAssertEqual(try FigureSelection.parse(figures: nil, claims: "C7")?.figures, ["fig8"])
        XCTAssertEqual(try FigureSelection.parse(figures: "fig8", claims: "c16,C1")?.figures, ["fig6", "fig8", "fig12"])
        for (f, c, expected) in [("fig99", nil, "--figure: unknown figure 'fig99'; valid: fig6, fig7, fig8, fig9, fig10, fig11, fig12"),
                                 (nil, "C18", "--claim: unknown claim 'C18'; valid: C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12, C13, C14, C15, C16, C17"),
                                 ("fig8,", nil, "--figure 'fig8,': empty name in the comma-separated list")] as [(String?, String?, String)] {
            XCTAssertThrowsError(try FigureSelection.parse(figures: f, claims: c)) { error in
                XCTAssertEqual(String(describing: error), expected)
                XCTAssertFalse(String(describing: error).contains("\n"))
            }
        }
    }
}
