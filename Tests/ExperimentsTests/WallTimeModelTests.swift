import XCTest
@testable import Experiments
import TestSupport

/// The wall-time model simulates the runner's schedule: list scheduling in critical-path order,
/// idle cores lent to the first running training item, Amdahl speed-up.
final class WallTimeModelTests: XCTestCase {
    private func item(_ id: String, _ kind: WorkKind, inputs: [String] = [], cost: Double) -> WorkItem {
        WorkItem(id: id, kind: kind, inputs: inputs, stage: inputs.isEmpty ? 1 : 2, estimatedCost: cost)
    }
    private let regressor = WorkKind.regressorTrial(experiment: "fig8", task: .gap, nLabels: 50, arm: "linear-ofm", trial: 0)
    private func trial(_ k: Int) -> WorkKind {
        .supervisedTrial(experiment: "fig7", task: .gap, nLabels: 50, arm: "sitenet-dim", trial: k, probed: false)
    }

    func testAmdahl() {
        XCTAssertEqual(WallTimeModel.speedup(cores: 2, parallelFraction: 1), 2, accuracy: 1e-12)
        XCTAssertEqual(WallTimeModel.speedup(cores: 8, parallelFraction: 0), 1, accuracy: 1e-12)
        let p = WallTimeModel.parallelFraction(twoCoreSpeedup: 1.62)
        XCTAssertEqual(WallTimeModel.speedup(cores: 2, parallelFraction: p), 1.62, accuracy: 1e-12)
        // A lent core held part of the time: the mean core count, not rounded to a whole core.
        XCTAssertEqual(WallTimeModel.speedup(meanCores: 1.4, parallelFraction: 1), 1.4, accuracy: 1e-12)
        XCTAssertEqual(WallTimeModel.speedup(meanCores: 0.5, parallelFraction: 1), 1, accuracy: 1e-12)
    }

    func testIndependentItemsThatCannotUseLentCoresPackOntoTheCores() {
        let items = (0..<4).map { item("r\($0)", regressor, cost: 1) }
        let seconds = Dictionary(uniqueKeysWithValues: items.map { ($0.id, 10.0) })
        let r = WallTimeModel.predict(items: items, seconds: seconds, cores: 2, parallelFraction: 1)
        XCTAssertEqual(r.wallSeconds, 20, accuracy: 1e-9)
        XCTAssertEqual(r.coreSeconds, 40, accuracy: 1e-9)
        XCTAssertEqual(r.lowerBoundSeconds, 20, accuracy: 1e-9)
    }

    /// A chain DIM (100 s) → trial (10 s) on 2 cores: the idle core is lent to whichever runs.
    func testIdleCoresSpeedUpTheCriticalChain() {
        let items = [item("dim", .dimPretrain(structureSet: "shared", synthetic: true), cost: 10),
                     item("t", trial(0), inputs: ["dim"], cost: 1)]
        let seconds = ["dim": 100.0, "t": 10.0]
        XCTAssertEqual(WallTimeModel.predict(items: items, seconds: seconds, cores: 2, parallelFraction: 1).wallSeconds, 55, accuracy: 1e-9)
        XCTAssertEqual(WallTimeModel.predict(items: items, seconds: seconds, cores: 2, parallelFraction: 0).wallSeconds, 110, accuracy: 1e-9)
        // At most 8 chunks: 64 cores speed one item up no more than 8.
        XCTAssertEqual(WallTimeModel.predict(items: items, seconds: seconds, cores: 64, parallelFraction: 1).wallSeconds, 110 / 8, accuracy: 1e-9)
    }

    /// The longest chain starts first and the others fill in around it; never below the bound.
    func testLongestChainFirstAndNeverBelowTheLowerBound() {
        var items = [item("dim", .dimPretrain(structureSet: "shared", synthetic: true), cost: 30)]
        items += (0..<3).map { item("after\($0)", trial($0), inputs: ["dim"], cost: 1) }
        items += (0..<6).map { item("free\($0)", regressor, cost: 1) }
        var seconds = ["dim": 30.0]
        for it in items where it.id != "dim" { seconds[it.id] = 10 }
        for cores in [1, 2, 3, 16] {
            let r = WallTimeModel.predict(items: items, seconds: seconds, cores: cores, parallelFraction: 0.77)
            XCTAssertGreaterThanOrEqual(r.wallSeconds + 1e-9, r.lowerBoundSeconds, "cores \(cores)")
            XCTAssertLessThanOrEqual(r.wallSeconds, r.coreSeconds + 1e-9, "cores \(cores)")
        }
        // One core: everything in sequence.
        XCTAssertEqual(WallTimeModel.predict(items: items, seconds: seconds, cores: 1, parallelFraction: 1).wallSeconds, 120, accuracy: 1e-9)
        // Two cores, no speed-up: DIM (30 s) runs beside three free items; then 3 trials + 3 free
        // items on 2 cores: 30 + 30 = 60 s.
        XCTAssertEqual(WallTimeModel.predict(items: items, seconds: seconds, cores: 2, parallelFraction: 0).wallSeconds, 60, accuracy: 1e-9)
    }
}

/// Costs for a plan: measured where timed, else extrapolated per kind at the measured rate.
final class MeasuredCostsTests: XCTestCase {
    func testUntimedItemsGetTheirKindsMedianRate() {
        let kind = WorkKind.regressorTrial(experiment: "fig8", task: .gap, nLabels: 50, arm: "linear-ofm", trial: 0)
        let dim = WorkKind.dimPretrain(structureSet: "shared", synthetic: true)
        let items = [WorkItem(id: "a", kind: kind, inputs: [], stage: 1, estimatedCost: 1),
                     WorkItem(id: "b", kind: kind, inputs: [], stage: 1, estimatedCost: 2),
                     WorkItem(id: "c", kind: kind, inputs: [], stage: 1, estimatedCost: 4),
                     WorkItem(id: "d", kind: dim, inputs: [], stage: 1, estimatedCost: 10)]
        // Regressors: 3 s per unit measured on a and b; the DIM model has no timed peer of its kind.
        let c = MeasuredCosts(items: items, measured: ["a": 3, "b": 6])
        XCTAssertEqual(c.seconds["a"], 3)
        XCTAssertEqual(c.seconds["c"], 12)
        XCTAssertEqual(c.seconds["d"], 30, "an untimed kind falls back to the rate of all timed items")
        XCTAssertEqual(c.total, 3 + 6 + 12 + 30)
        XCTAssertEqual(Set(c.measured.keys), ["a", "b"])
    }
}

/// The runner records each item's worker-thread CPU time beside its wall time, and the cost check
/// prefers it: time spent waiting (here a fake trial that sleeps, as a thread on a busy machine
/// waits for a core) is in the wall time only.
final class CPUTimeTimingTests: XCTestCase {
    func testWaitingCountsInWallTimeButNotInCPUTime() throws {
        let dir = try TestSupport.temporaryDirectory()
        let runner = Runner(plan: TrialPlan(profile: .smoke), store: ResultStore(root: dir), backend: FakeBackend(trialDelay: 0.05))
        let trial = try XCTUnwrap(runner.plan.items.first { if case .supervisedTrial = $0.kind { return true }; return false })
        _ = try runner.run(options: RunOptions(jobs: 1, selection: [trial.id]))
        let key = try runner.keyMaterials()[trial.id]!.key()
        let t = try XCTUnwrap(runner.store.timingDetail(key: key))
        XCTAssertGreaterThanOrEqual(t.seconds, 0.05)
        let cpu = try XCTUnwrap(t.cpuSeconds, "a from-scratch item on one core records its CPU time")
        XCTAssertLessThan(cpu, 0.04, "sleeping is not running: CPU \(cpu) s, wall \(t.seconds) s")
        let costs = try MeasuredCosts(runner: runner, parallelFraction: 0.77)
        XCTAssertEqual(costs.measured[trial.id], cpu)
        XCTAssertEqual(costs.measuredByCPU, costs.measured.count)
    }
}
