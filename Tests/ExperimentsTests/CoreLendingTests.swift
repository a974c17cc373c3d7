import Foundation
import Learning
import XCTest
@testable import Experiments

/// The scheduler lends the cores of idle workers to the running critical-path item, and takes them
/// back as soon as there is work for them.
final class CoreLendingTests: XCTestCase {
    private func item(_ id: String, _ kind: WorkKind, inputs: [String] = []) -> WorkItem {
        WorkItem(id: id, kind: kind, inputs: inputs, stage: inputs.isEmpty ? 1 : 2, estimatedCost: 1)
    }

    /// Polls `condition` for up to 5 s.
    private func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline { if condition() { return true }; usleep(2_000) }
        return condition()
    }

    func testIdleWorkerLendsItsCoreToTheRunningItemAndTakesItBack() throws {
        let dim = item("dim", .dimPretrain(structureSet: "shared", synthetic: true))
        let trial = item("trial", .supervisedTrial(experiment: "fig7", task: .eForm, nLabels: 50, arm: "sitenet-dim", trial: 0, probed: false),
                         inputs: ["dim"])
        let state = SchedulerState(items: [dim, trial], available: [:], failed: [:])
        let first = try XCTUnwrap(state.next(worker: 0, cancel: nil))
        XCTAssertEqual(first.item.id, "dim")
        XCTAssertEqual(first.lease.extraCores, 0)

        // Worker 1 has nothing to start (the trial waits on the DIM model): it lends its core.
        let second = LockedBox<SchedulerState.Job?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread { second.set(state.next(worker: 1, cancel: nil)); done.signal() }.start()
        XCTAssertTrue(eventually { first.lease.extraCores == 1 }, "the idle worker's core was not lent to the running DIM item")

        // The DIM model finishes: worker 1 wakes, takes its core back and starts the trial.
        state.finish(dim, output: .dataset(DatasetInfo(name: "t", checksum: "", recordsRead: 0, skipped: [], structureSets: [], tasks: [])), failure: nil, blocked: false, seconds: 1)
        XCTAssertEqual(done.wait(timeout: .now() + 5), .success)
        XCTAssertEqual(second.get()?.item.id, "trial")
        XCTAssertEqual(first.lease.extraCores, 0)

        // Worker 0 finds nothing to start while the trial runs: the trial gets its core.
        let third = LockedBox<SchedulerState.Job?>(nil)
        let end = DispatchSemaphore(value: 0)
        Thread { third.set(state.next(worker: 0, cancel: nil)); end.signal() }.start()
        let trialLease = try XCTUnwrap(second.get()?.lease)
        XCTAssertTrue(eventually { trialLease.extraCores == 1 }, "the last running item did not get the idle core")
        state.finish(trial, output: .dataset(DatasetInfo(name: "t", checksum: "", recordsRead: 0, skipped: [], structureSets: [], tasks: [])), failure: nil, blocked: false, seconds: 1)
        XCTAssertEqual(end.wait(timeout: .now() + 5), .success)
        XCTAssertNil(third.get() ?? nil, "a worker must stop once nothing is pending or running")
    }

    func testItemsThatCannotUseCoresGetNone() {
        XCTAssertFalse(SchedulerState.canUseLentCores(.tsne(structureSet: "shared", representation: .untrained)))
        XCTAssertFalse(SchedulerState.canUseLentCores(.dataset))
        XCTAssertTrue(SchedulerState.canUseLentCores(.donor(task: .gap)))
    }

    /// ChunkRunner spreads a step over the lent cores, and a lease never changes which chunks run.
    func testChunkRunnerUsesTheLeaseOfItsThread() {
        let lease = CoreLease()
        lease.lend(3)
        let seen = LockedBox<Set<Int>>([])
        CoreLease.with(lease) {
            ChunkRunner.run(8, threads: 1) { k in seen.update { $0.insert(k) } }
        }
        XCTAssertEqual(seen.get(), Set(0..<8))
    }
}

/// A value shared between threads under a lock.
final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ value: T) { self.value = value }
    func get() -> T { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ v: T) { lock.lock(); value = v; lock.unlock() }
    func update(_ f: (inout T) -> Void) { lock.lock(); f(&value); lock.unlock() }
}
