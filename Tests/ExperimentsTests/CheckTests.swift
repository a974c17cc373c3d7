import XCTest
@testable import Experiments
import Reporting
import TestSupport

/// The regression check (Reporting's ``BaselineCheck``) on runs of the real runner with the fake
/// backend: identical runs pass; one changed hyper-parameter fails and names the boxes it moved.
final class CheckTests: XCTestCase {
    func run(_ profile: Profile) throws -> ResultsAnalysis {
        let r = Runner(plan: TrialPlan(profile: profile), store: ResultStore(root: try TestSupport.temporaryDirectory()),
                       backend: FakeBackend())
        _ = try r.run(options: RunOptions(jobs: 2))
        let doc = try ResultsAssembler.assemble(runner: r, context: RunContext(gitCommit: "t", jobs: 1, machine: "t"),
                                                includeTimings: false).document
        return ResultsAnalyzer.analyze(doc)
    }

    func testSameResultsPassAndAChangedHyperParameterFailsNamingTheBoxes() throws {
        let baseline = try run(.smoke)
        let same = BaselineCheck.compare(baseline: baseline, results: baseline)
        XCTAssertGreaterThan(same.compared, 0)
        XCTAssertTrue(same.passed, same.markdownTable)

        // One hyper-parameter: fig 7's epoch budget (the fake MAE depends on it).
        var p = Profile.smoke
        p.supervised.maxEpochs = 40
        let moved = BaselineCheck.compare(baseline: baseline, results: try run(p))
        XCTAssertFalse(moved.passed)
        let failed = moved.failures.map(\.quantity)
        XCTAssertTrue(failed.contains { $0.contains("fig7") && $0.contains("sitenet-random") }, "\(failed)")
        XCTAssertFalse(failed.contains { $0.contains("fig8") }, "fig 8 does not depend on the fig 7 budget: \(failed)")
        XCTAssertTrue(moved.markdownTable.contains("MOVED"))
    }
}
