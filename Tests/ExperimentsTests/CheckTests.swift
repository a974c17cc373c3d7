import XCTest
@testable import Experiments
import Reporting
import Randomness
import TestSupport

final class CheckTests: XCTestCase {
    func run(_ profile: Profile) throws -> ResultsDocument {
        let r = Runner(plan: TrialPlan(profile: profile), store: ResultStore(root: try TestSupport.temporaryDirectory()),
                       backend: FakeBackend())
        _ = try r.run(options: RunOptions(jobs: 2))
        return try ResultsAssembler.assemble(runner: r, context: RunContext(gitCommit: "t", jobs: 1, machine: "t"),
                                             includeTimings: false).document
    }

    func testSameResultsPassAndAChangedHyperParameterFailsNamingTheBoxes() throws {
        let baseline = try run(.smoke)
        let same = BaselineCheck.compare(baseline: baseline, results: baseline)
        XCTAssertFalse(same.isEmpty)
        XCTAssertTrue(same.allSatisfy(\.passed), BaselineCheck.table(same, movedOnly: true))

        // One hyper-parameter: fig 7's epoch budget (the fake MAE depends on it).
        var p = Profile.smoke
        p.supervised.maxEpochs = 40
        let moved = BaselineCheck.compare(baseline: baseline, results: try run(p))
        let failed = moved.filter { !$0.passed }.map(\.what)
        XCTAssertFalse(failed.isEmpty)
        XCTAssertTrue(failed.allSatisfy { $0.hasPrefix("fig7 ") }, "\(failed)")
        XCTAssertTrue(failed.contains("fig7 e_form n=25 sitenet-random"), "\(failed)")
        XCTAssertTrue(BaselineCheck.table(moved, movedOnly: true).contains("MOVED   fig7 e_form n=25 sitenet-random"))

        // A missing box fails.
        var partial = baseline
        partial.trials.removeAll { $0.arm == ArmID.mlpXRD }
        let missing = BaselineCheck.compare(baseline: baseline, results: partial).filter { !$0.passed }
        XCTAssertEqual(Set(missing.map(\.note)), ["missing from the results"])
        XCTAssertEqual(missing.count, 2 * 2)  // 2 tasks × 2 label counts
    }

    func testBootstrapIntervalContainsTheMedian() {
        var s = Randomness.SeedPath("t").stream()
        let v = (0..<25).map { Double($0) }
        let (lo, hi) = BaselineCheck.bootstrapMedianInterval(v, stream: &s)
        XCTAssertLessThanOrEqual(lo, 12); XCTAssertGreaterThanOrEqual(hi, 12)
        XCTAssertGreaterThan(lo, 5); XCTAssertLessThan(hi, 19)
        XCTAssertEqual(BaselineCheck.median([3, 1, 2, 10]), 2.5)
    }
}
