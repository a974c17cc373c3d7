import XCTest
@testable import Experiments
import Reporting
import TestSupport

/// Counts backend calls (thread-safe).
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var calls: [String] = []
    func record(_ s: String) { lock.lock(); calls.append(s); lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return calls.count }
}

final class RunnerTests: XCTestCase {
    let context = RunContext(gitCommit: "test", jobs: 1, machine: "test")

    func runner(_ profile: Profile = .smoke, store: URL, backend: any ExperimentBackend = FakeBackend()) -> Runner {
        Runner(plan: TrialPlan(profile: profile), store: ResultStore(root: store), backend: backend)
    }

    func document(_ r: Runner) throws -> Data {
        try ResultsAssembler.assemble(runner: r, context: context, includeTimings: false).document.jsonData()
    }

    /// Every entry file of a store, relative path → bytes.
    func entries(_ dir: URL) throws -> [String: Data] {
        let objects = dir.appendingPathComponent("objects")
        var out: [String: Data] = [:]
        for p in try FileManager.default.subpathsOfDirectory(atPath: objects.path) where p.hasSuffix(".entry") {
            out[p] = try Data(contentsOf: objects.appendingPathComponent(p))
        }
        return out
    }

    func testFullRunThenEverythingIsReused() throws {
        let dir = try TestSupport.temporaryDirectory()
        let counter = CallCounter()
        let backend = ObservedBackend(onCall: { counter.record($0) })
        let r = runner(store: dir, backend: backend)
        let s1 = try r.run(options: RunOptions(jobs: 2))
        XCTAssertEqual(s1.computed, r.plan.items.count)
        XCTAssertEqual(s1.failed, [])
        XCTAssertEqual(counter.count, r.plan.items.count)
        let s2 = try r.run(options: RunOptions(jobs: 2))
        XCTAssertEqual(s2.computed, 0)
        XCTAssertEqual(s2.reused, r.plan.items.count)
        XCTAssertEqual(counter.count, r.plan.items.count, "a re-run called the backend")

        let a = try ResultsAssembler.assemble(runner: r, context: context, includeTimings: false)
        XCTAssertEqual(a.missing, [])
        XCTAssertEqual(a.failed, [])
        let doc = a.document
        XCTAssertEqual(doc.trials.count, r.plan.items.filter { $0.id.hasPrefix("fig") }.count)
        XCTAssertEqual(doc.learningCurves.map(\.model), ["dim-synthetic", "dim-nosynthetic"])
        XCTAssertEqual(doc.learningCurves.first?.tasks, ["e_form", "gap"])
        XCTAssertEqual(Set(doc.tsneMaps.map { "\($0.task)/\($0.representation)" }),
                       ["e_form/untrained", "e_form/dim", "gap/untrained", "gap/dim"])
        // Every map carries its points' nearest neighbours in the encoder's own vector space.
        for m in doc.tsneMaps {
            let nb = try XCTUnwrap(m.embeddingNeighbours, "\(m.task)/\(m.representation)")
            XCTAssertEqual(nb.count, m.ids.count)
            XCTAssertTrue(nb.enumerated().allSatisfy { i, l in !l.isEmpty && !l.contains(i) && l.allSatisfy { $0 >= 0 && $0 < m.ids.count } })
        }
        // The repeats over further t-SNE seeds (smoke: one more), random-started, without embedding neighbours.
        let replicates = try XCTUnwrap(doc.tsneReplicates)
        XCTAssertEqual(replicates.count, doc.tsneMaps.count * (r.plan.profile.tsneSeeds - 1))
        XCTAssertTrue(replicates.allSatisfy { $0.seed == 1 && $0.embeddingNeighbours == nil })
        XCTAssertTrue(doc.tsneMaps.allSatisfy { $0.seed == nil })
        // The probe: trial 0 of each of the 12 fig 7 cells (2 tasks × 2 label counts × 3 arms), and both
        // DIM models judged downstream (2 tasks × 2 regressors × 2 label counts each).
        XCTAssertEqual(doc.budgetComparisons.count, 12 + 2 * 8)
        let dimCells = doc.budgetComparisons.filter { $0.description.hasPrefix("dim-") }.map(\.description)
        XCTAssertEqual(dimCells.prefix(4).map { $0.components(separatedBy: ",")[0] },
                       ["dim-synthetic encoder: e_form/linear/n25", "dim-synthetic encoder: e_form/linear/n50",
                        "dim-synthetic encoder: e_form/mlp/n25", "dim-synthetic encoder: e_form/mlp/n50"])
        XCTAssertEqual(doc.budgetComparisons.first?.longValues.count, 1)
        XCTAssertEqual(doc.budgetComparisons.first?.shortValues.count, 1)
        XCTAssertEqual(doc.trainingRuns?.map(\.model), ["dim-synthetic", "dim-nosynthetic", "donor e_form", "donor gap"])
        let fig7 = doc.trials.filter { $0.experiment == "fig7" }
        XCTAssertTrue(fig7.allSatisfy { $0.extra[TrialExtra.maeLast] == $0.mae && $0.extra[TrialExtra.maeBest] != nil })
        XCTAssertEqual(fig7.filter { $0.extra[TrialExtra.probe(TrialExtra.maeLast)] != nil }.map(\.trial), Array(repeating: 0, count: 12))
        XCTAssertEqual(doc.dataset.skipped.count, 2)
        XCTAssertEqual(doc.profile.name, "smoke")
        XCTAssertTrue(doc.provenance.stageSeconds.isEmpty)
        // OFM's unfeaturisable training row is dropped from fits that drew it, and said so.
        XCTAssertTrue(doc.trials.filter { $0.arm == ArmID.mlpOFM }.allSatisfy { $0.failure == nil })
    }

    /// The store's bytes and the document do not depend on the number of jobs.
    func testResultsIndependentOfJobCount() throws {
        let d1 = try TestSupport.temporaryDirectory(), d4 = try TestSupport.temporaryDirectory()
        let r1 = runner(store: d1), r4 = runner(store: d4, backend: FakeBackend(trialDelay: 0.0005))
        _ = try r1.run(options: RunOptions(jobs: 1))
        _ = try r4.run(options: RunOptions(jobs: 4))
        XCTAssertEqual(try entries(d1), try entries(d4))
        XCTAssertEqual(try document(r1), try document(r4))
    }

    /// Fig 7 arms at trial k see the same labels, and fig 8/12 regressors the same targets.
    func testTrialsArePairedAcrossArmsAndExperiments() throws {
        final class Capture: @unchecked Sendable {
            let lock = NSLock()
            var supervised: [String: [Int]] = [:]
            var validation: [String: [Int]] = [:]
            var paired: [String: SeedBase] = [:]
            var probe: [String: TrainingBudget?] = [:]
            var regressor: [String: [Double]] = [:]
        }
        final class CapturingBackend: ExperimentBackend, @unchecked Sendable {
            let inner = FakeBackend(); let cap = Capture()
            var codeVersion: String { inner.codeVersion }
            func dataChecksum(_ d: DataSettings) throws -> String { try inner.dataChecksum(d) }
            func prepareDataset(_ r: DatasetRequest) throws -> DatasetInfo { try inner.prepareDataset(r) }
            func pretrainDIM(_ r: DIMPretrainRequest, dataset: DatasetInfo) throws -> ModelArtifact { try inner.pretrainDIM(r, dataset: dataset) }
            func trainDonor(_ r: DonorRequest, dataset: DatasetInfo) throws -> ModelArtifact { try inner.trainDonor(r, dataset: dataset) }
            func trainSupervisedTrial(_ r: SupervisedTrialRequest, dataset: DatasetInfo, initialModel: ModelArtifact?) throws -> TrialOutcome {
                cap.lock.lock(); let k = r.seeds.components.joined(separator: "/") + "@\(r.budget.maxEpochs)"
                cap.supervised[k] = r.labelRows; cap.validation[k] = r.validationRows; cap.paired[k] = r.pairedSeeds; cap.probe[k] = r.probeBudget
                XCTAssertEqual(Set(r.trainRows).union(r.validationRows), Set(r.labelRows))
                cap.lock.unlock()
                return try inner.trainSupervisedTrial(r, dataset: dataset, initialModel: initialModel)
            }
            func computeRepresentation(_ r: RepresentationRequest, dataset: DatasetInfo, encoder: ModelArtifact?) throws -> RepresentationVectors {
                try inner.computeRepresentation(r, dataset: dataset, encoder: encoder)
            }
            func fitRegressorTrial(_ r: RegressorTrialRequest) throws -> TrialOutcome {
                cap.lock.lock(); cap.regressor[r.seeds.components.joined(separator: "/")] = r.trainY; cap.lock.unlock()
                return try inner.fitRegressorTrial(r)
            }
            func tsne(_ r: TSNERequest) throws -> TSNEPoints { try inner.tsne(r) }
        }
        let b = CapturingBackend()
        let plan = TrialPlan(profile: .smoke)
        _ = try Runner(plan: plan, store: ResultStore(root: try TestSupport.temporaryDirectory()), backend: b).run(options: RunOptions(jobs: 2))
        let root = Profile.smoke.seedRoot
        var dataset: DatasetInfo!
        if case let .dataset(d) = try ItemExecutor(backend: b.inner, profile: .smoke).execute(plan.item("dataset")!, inputs: [:]) { dataset = d }
        for task in PropertyTask.allCases {
            let pool = try dataset.task(task)
            for n in Profile.smoke.labelCounts {
                for k in 0..<Profile.smoke.siteNetTrials(at: n) {
                    let rows = [ArmID.random, ArmID.dim, ArmID.transfer].map { b.cap.supervised["\(root)/fig7/\(task.rawValue)/n\(n)/trial\(k)/\($0)@2"]! }
                    XCTAssertEqual(Set(rows.map { $0 }).count, 1, "fig 7 arms not paired at \(task) n=\(n) t=\(k)")
                    let keys = [ArmID.random, ArmID.dim, ArmID.transfer].map { "\(root)/fig7/\(task.rawValue)/n\(n)/trial\(k)/\($0)@2" }
                    XCTAssertEqual(Set(keys.map { b.cap.validation[$0]! }).count, 1, "validation splits differ across arms")
                    XCTAssertEqual(Set(keys.map { b.cap.paired[$0]! }).count, 1, "paired seeds differ across arms")
                    // The regressors at the same trial index fit the targets of exactly those rows.
                    let targets = rows[0].map { r in pool.trainTargets[pool.trainRows.firstIndex(of: r)!] }
                    for (e, arm) in [("fig8", ArmID.linearDIM), ("fig8", ArmID.mlpUntrained), ("fig12", ArmID.mlpDIMNoSynthetic)] {
                        XCTAssertEqual(b.cap.regressor["\(root)/\(e)/\(task.rawValue)/n\(n)/trial\(k)/\(arm)"], targets, "\(e) \(arm)")
                    }
                }
                let t0 = b.cap.regressor["\(root)/fig8/\(task.rawValue)/n\(n)/trial0/\(ArmID.mlpDIM)"]!
                let t1 = b.cap.regressor["\(root)/fig8/\(task.rawValue)/n\(n)/trial1/\(ArmID.mlpDIM)"]!
                XCTAssertNotEqual(t0, t1, "trials must draw different subsets")
            }
        }
        // The budget probe rides on trial 0 of every cell (its request carries the longer budget);
        // no trial is trained twice.
        XCTAssertEqual((b.cap.probe["\(root)/fig7/e_form/n50/trial0/sitenet-random@2"] ?? nil)?.maxEpochs, 4)
        XCTAssertNil(b.cap.probe["\(root)/fig7/e_form/n50/trial1/sitenet-random@2"] ?? nil)
        XCTAssertEqual(b.cap.supervised.count, 2 * 2 * 2 * 3)
    }

    func testCorruptEntryIsDetectedAndRecomputed() throws {
        let dir = try TestSupport.temporaryDirectory()
        let progress = RecordingProgress()
        let r = runner(store: dir)
        _ = try r.run(options: RunOptions(jobs: 2))
        let before = try document(r)
        let key = try r.keyMaterials()["fig7/gap/n0050/sitenet-dim/t01"]!.key()
        let url = r.store.entryURL(key)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 3] ^= 0x01
        try bytes.write(to: url)
        let s = try r.run(options: RunOptions(jobs: 2), progress: progress)
        XCTAssertEqual(s.computed, 1)
        XCTAssertEqual(progress.reasons.map(\.0), ["fig7/gap/n0050/sitenet-dim/t01"])
        XCTAssertTrue(progress.reasons[0].1.contains("checksum"), progress.reasons[0].1)
        XCTAssertEqual(try document(r), before)
    }

    /// A changed setting recomputes exactly the items that depend on it, and says why: a regressor
    /// setting is read by every regressor trial and by the DIM items whose budget probe fits
    /// regressors on the encoder's vectors (smoke's probe does), and the items built on those DIM
    /// models follow through their inputs.
    func testChangedSettingRecomputesOnlyDependants() throws {
        let dir = try TestSupport.temporaryDirectory()
        _ = try runner(store: dir).run(options: RunOptions(jobs: 2))
        var p = Profile.smoke
        p.regressor.mlpMaxIterations = 60
        let r = runner(p, store: dir)
        let dry = RecordingProgress()
        let d = try r.run(options: RunOptions(jobs: 2, dryRun: true), progress: dry)
        XCTAssertEqual(d.computed, 0)
        let progress = RecordingProgress()
        let s = try r.run(options: RunOptions(jobs: 2), progress: progress)
        XCTAssertEqual(dry.reasons.map(\.0), progress.reasons.map(\.0), "the dry run computed something or mis-reported")
        let readsRegressorSettings = Set(r.plan.items.filter {
            switch $0.kind {
            case .regressorTrial: return true
            case .dimPretrain: return p.budgetProbe?.pretraining == true
            default: return false
            }
        }.map(\.id))
        XCTAssertTrue(readsRegressorSettings.contains("dim/shared/synthetic"), "smoke's probe should check its DIM models downstream")
        var stale = readsRegressorSettings
        var grew = true
        while grew {
            grew = false
            for item in r.plan.items where !stale.contains(item.id) && item.inputs.contains(where: stale.contains) {
                stale.insert(item.id); grew = true
            }
        }
        XCTAssertEqual(s.computed, stale.count)
        XCTAssertEqual(Set(progress.reasons.map(\.0)), stale)
        for (id, reason) in progress.reasons {
            if readsRegressorSettings.contains(id) { XCTAssertTrue(reason.hasPrefix("stale: settings changed"), "\(id): \(reason)") }
            else { XCTAssertTrue(reason.hasPrefix("stale: inputs changed"), "\(id): \(reason)") }
        }
        // A new code version recomputes everything.
        let s2 = try runner(p, store: dir, backend: FakeBackend(codeVersion: "fake-2")).run(options: RunOptions(jobs: 2))
        XCTAssertEqual(s2.computed, r.plan.items.count)
    }

    func testFailuresAreRecordedNotFatal() throws {
        let dir = try TestSupport.temporaryDirectory()
        let backend = FakeBackend(failWhen: { $0.hasSuffix("fig7/e_form/n25/trial0/sitenet-random@2") || $0.hasSuffix("dim/shared/nosynthetic") },
                                  nanWhen: { $0.hasSuffix("fig8/gap/n50/trial2/mlp-ofm") })
        let r = runner(store: dir, backend: backend)
        let s = try r.run(options: RunOptions(jobs: 3))
        XCTAssertEqual(Set(s.failed.map(\.item)), ["dim/shared/nosynthetic", "fig7/e_form/n0025/sitenet-random/t00", "fig8/gap/n0050/mlp-ofm/t02"])
        XCTAssertTrue(s.failed.first { $0.item.hasPrefix("fig8") }!.message.contains("diverged"))
        // Everything downstream of the failed DIM model is blocked, with the reason.
        let downstream = r.plan.items.filter { $0.inputs.contains("rep/shared/dim-nosynthetic") }.count + 1
        XCTAssertEqual(s.blocked.count, downstream)
        XCTAssertTrue(s.blocked.allSatisfy { $0.message.contains("dim/shared/nosynthetic failed") })

        let a = try ResultsAssembler.assemble(runner: r, context: context, includeTimings: false)
        XCTAssertEqual(a.missing, [])
        let failedRecords = a.document.trials.filter { $0.failure != nil }
        XCTAssertEqual(failedRecords.count, 2 + r.plan.items.filter { $0.id.hasPrefix("fig12/") }.count)
        XCTAssertTrue(failedRecords.allSatisfy { $0.mae == nil })
        XCTAssertEqual(a.document.learningCurves.map(\.model), ["dim-synthetic"])

        // Stored failures are reused, unless retried; a fixed backend then succeeds.
        let again = try r.run(options: RunOptions(jobs: 2))
        XCTAssertEqual(again.computed, 0)
        let fixed = try runner(store: dir).run(options: RunOptions(jobs: 2, retryFailed: true))
        XCTAssertEqual(fixed.failed, [])
        XCTAssertEqual(fixed.computed, 3 + downstream)
    }

    /// An interrupted run resumes, reuses every finished item and ends with the same results.
    func testResumeAfterInterruption() throws {
        let reference = runner(store: try TestSupport.temporaryDirectory())
        _ = try reference.run(options: RunOptions(jobs: 2))

        let dir = try TestSupport.temporaryDirectory()
        let flag = CancellationFlag()
        let counter = CallCounter()
        let backend = ObservedBackend(onCall: { counter.record($0); if counter.count == 40 { flag.cancel() } })
        let r = runner(store: dir, backend: backend)
        let s1 = try r.run(options: RunOptions(jobs: 2), cancel: flag)
        XCTAssertTrue(s1.cancelled)
        XCTAssertLessThan(s1.computed, r.plan.items.count)
        XCTAssertGreaterThanOrEqual(s1.computed, 40)
        // A half-written temporary file from a killed writer is ignored.
        let tmp = dir.appendingPathComponent("objects/ab/.abcd.entry.tmp-1-x")
        try FileManager.default.createDirectory(at: tmp.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("partial".utf8).write(to: tmp)
        let partial = try ResultsAssembler.assemble(runner: r, context: context, includeTimings: false)
        XCTAssertEqual(partial.missing.count, r.plan.items.count - s1.computed)

        let s2 = try runner(store: dir).run(options: RunOptions(jobs: 2))
        XCTAssertEqual(s2.computed + s1.computed, r.plan.items.count)
        XCTAssertEqual(s2.reused, s1.computed)
        XCTAssertEqual(try document(r), try document(reference))
    }

    /// Shards, stage by stage or all at once, together give the single-process results.
    func testShardUnionEqualsSingleRun() throws {
        let reference = runner(store: try TestSupport.temporaryDirectory())
        _ = try reference.run(options: RunOptions(jobs: 1))
        let plan = reference.plan

        // Scheduler style: stage by stage, each stage's shards after the previous stage's.
        let staged = try TestSupport.temporaryDirectory()
        for stage in 0..<plan.stageCount {
            for i in 1...3 {
                let ids = Set(Sharding.items(of: plan, shard: try ShardSpec(index: i, count: 3), stages: [stage]).map(\.id))
                let s = try runner(store: staged).run(options: RunOptions(jobs: 1, selection: ids, computeMissingInputs: false))
                XCTAssertEqual(s.blocked, [])
                XCTAssertEqual(s.computed, ids.count)
            }
        }
        XCTAssertEqual(try document(runner(store: staged)), try document(reference))
        XCTAssertEqual(try entries(staged), try entries(reference.store.root))

        // Without stages, a shard whose inputs are absent computes them itself; still identical.
        let loose = try TestSupport.temporaryDirectory()
        for i in [3, 1, 2] {
            let ids = Set(Sharding.items(of: plan, shard: try ShardSpec(index: i, count: 3)).map(\.id))
            _ = try runner(store: loose).run(options: RunOptions(jobs: 2, selection: ids))
        }
        XCTAssertEqual(try document(runner(store: loose)), try document(reference))

        // A later stage run before its inputs exist is blocked, not wrong.
        let early = try TestSupport.temporaryDirectory()
        let ids = Set(Sharding.items(of: plan, shard: try ShardSpec(index: 1, count: 2), stages: [3]).map(\.id))
        let s = try runner(store: early).run(options: RunOptions(jobs: 1, selection: ids, computeMissingInputs: false))
        XCTAssertEqual(s.computed, 0)
        XCTAssertEqual(s.blocked.count, ids.count)
        XCTAssertTrue(s.blocked[0].message.contains("not in the store"))
    }
}
