import XCTest
@testable import Experiments
import Reporting

final class PlanTests: XCTestCase {
    /// Every catalogue arm × task × n × trial is in the plan exactly once, for every profile.
    func testPlanIsComplete() throws {
        for profile in [Profile.smoke, .default, .paper(eFormPath: "e.json.gz", gapPath: "g.json.gz")] {
            let plan = TrialPlan(profile: profile)
            XCTAssertEqual(Set(plan.items.map(\.id)).count, plan.items.count, "duplicate ids in \(profile.name)")
            var expected = Set<String>()
            for fig in ExperimentCatalogue.trialFigures {
                for task in fig.tasks {
                    for n in profile.labelCounts {
                        for arm in fig.arms {
                            let trials: Int
                            if case .siteNet = ArmSpec.named(arm).kind { trials = profile.siteNetTrials(at: n) }
                            else { trials = profile.regressorTrials(at: n) }
                            XCTAssertGreaterThan(trials, 0)
                            for k in 0..<trials { expected.insert(ItemID.trial(experiment: fig.id, task: task, labels: n, arm: arm, trial: k).description) }
                        }
                    }
                }
            }
            let trialIDs = Set(plan.items.compactMap { item -> String? in
                switch item.kind {
                case .supervisedTrial, .regressorTrial: return item.id
                default: return nil
                }
            })
            XCTAssertEqual(trialIDs, expected, profile.name)
            // Models: one DIM per (structure set, synthetic), donors per task, t-SNE per set × {untrained, dim} × seed.
            let sets = profile.structureSets
            XCTAssertEqual(plan.items.filter { if case .dimPretrain = $0.kind { return true }; return false }.count, 2 * sets.count)
            XCTAssertEqual(plan.items.filter { if case .donor = $0.kind { return true }; return false }.count, 2)
            XCTAssertEqual(plan.items.filter { if case .tsne = $0.kind { return true }; return false }.count, 2 * sets.count * profile.tsneSeeds)
            XCTAssertEqual(plan.items.filter { if case .representation = $0.kind { return true }; return false }.count, 5 * sets.count)
        }
        // The authors' counts in the default profile: 288 fig 7 trainings, 5200 fig 8 fits, 1300 fig 12 fits.
        let plan = TrialPlan(profile: .default)
        XCTAssertEqual(plan.items.filter { $0.id.hasPrefix("fig7/") }.count, 2 * 4 * 12 * 3)
        XCTAssertEqual(plan.items.filter { $0.id.hasPrefix("fig8/") }.count, 2 * 8 * 325)
        XCTAssertEqual(plan.items.filter { $0.id.hasPrefix("fig12/") }.count, 2 * 2 * 325)
        XCTAssertEqual(Profile.default.structureSets, ["shared"])
        // The budget probe follows the first trials of every fig 7 cell (no separate items).
        let probed = plan.items.filter { if case .supervisedTrial(_, _, _, _, let k, true) = $0.kind { return k < 3 } else { return false } }
        XCTAssertEqual(probed.count, 2 * 4 * 3 * Profile.default.budgetProbe!.trials)
        XCTAssertFalse(plan.items.contains { $0.id.hasPrefix("probe/") })
        XCTAssertEqual(Profile.paper(eFormPath: "a", gapPath: "b").structureSets, ["e_form", "gap"])
    }

    /// Inputs exist, come earlier in plan order and have a lower stage.
    func testPlanIsATopologicalOrder() {
        let plan = TrialPlan(profile: .smoke)
        var seen: [String: Int] = [:]
        for item in plan.items {
            for i in item.inputs {
                XCTAssertNotNil(seen[i], "\(item.id) needs \(i) before it")
                XCTAssertLessThan(seen[i] ?? 99, item.stage)
            }
            seen[item.id] = item.stage
        }
        XCTAssertEqual(plan.stageCount, 4)
        XCTAssertEqual(plan.item("fig7/e_form/n0025/sitenet-dim/t00")?.inputs, ["dataset", "dim/shared/synthetic"])
        XCTAssertEqual(plan.item("fig7/gap/n0025/sitenet-transfer/t01")?.inputs, ["dataset", "donor/e_form"])
        XCTAssertEqual(plan.item("fig12/gap/n0050/mlp-dim-nosynthetic/t02")?.stage, 3)
    }

    /// Seed bases are unique per item (the budget probe follows a trial's own run, so it has no item).
    func testSeedsAreDistinctPerItem() {
        let plan = TrialPlan(profile: .default)
        var seen: [SeedBase: String] = [:]
        for item in plan.items {
            let s = Seeds.base(for: item.kind, root: "r")
            XCTAssertNil(seen[s], "\(item.id) shares seeds with \(seen[s] ?? "")")
            seen[s] = item.id
        }
    }

    /// The scheduler starts the longest chains first: DIM pretraining before anything else of stage 1.
    func testCriticalPathOrderStartsWithDIMPretraining() {
        let plan = TrialPlan(profile: .default)
        let order = plan.criticalPathOrder(plan.items.filter { $0.stage == 1 })
        XCTAssertEqual(order.first?.id, "dim/shared/synthetic")
        XCTAssertEqual(Set(order.map(\.id)), Set(plan.items.filter { $0.stage == 1 }.map(\.id)))
    }

    func testLabelSubsetsArePairedAcrossArmsAndDifferAcrossTrials() throws {
        let pool = TaskData(task: .eForm, structureSet: "shared", trainRows: Array(0..<500).map { $0 * 2 },
                            trainTargets: Array(repeating: 0, count: 500), testRows: [], testTargets: [])
        let a = try Seeds.labelRows(root: "r", task: .eForm, n: 50, trial: 3, pool: pool)
        let b = try Seeds.labelRows(root: "r", task: .eForm, n: 50, trial: 3, pool: pool)
        let c = try Seeds.labelRows(root: "r", task: .eForm, n: 50, trial: 4, pool: pool)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(Set(a).count, 50)
        XCTAssertTrue(a.allSatisfy { $0 % 2 == 0 && $0 < 1000 })
        XCTAssertThrowsError(try Seeds.labelRows(root: "r", task: .eForm, n: 501, trial: 0, pool: pool))
    }

    func testShardsPartitionEachStageAndBalanceCost() throws {
        let plan = TrialPlan(profile: .default)
        for n in [1, 3, 8] {
            var union: [String] = []
            for i in 1...n { union += Sharding.items(of: plan, shard: try ShardSpec(index: i, count: n)).map(\.id) }
            XCTAssertEqual(union.count, plan.items.count)
            XCTAssertEqual(Set(union), Set(plan.items.map(\.id)))
            let loads = Sharding.loads(plan, shards: n)
            for stage in 0..<plan.stageCount {
                let per = loads.map { $0[stage] }
                let maxItem = plan.items.filter { $0.stage == stage }.map(\.estimatedCost).max() ?? 0
                // LPT: the spread is at most the largest single item.
                XCTAssertLessThanOrEqual(per.max()! - per.min()!, maxItem + 1e-9, "stage \(stage), \(n) shards")
            }
        }
        XCTAssertThrowsError(try ShardSpec(parsing: "0/3"))
        XCTAssertThrowsError(try ShardSpec(parsing: "4/3"))
        XCTAssertThrowsError(try ShardSpec(parsing: "x"))
        XCTAssertEqual(try ShardSpec(parsing: "2/3"), try ShardSpec(index: 2, count: 3))
    }

    func testProfilesStateTheirDepartures() throws {
        for p in [Profile.smoke, .default, .paper(eFormPath: "a", gapPath: "b")] {
            XCTAssertFalse(p.departures.isEmpty)
            XCTAssertFalse(p.summary.settings.isEmpty)
        }
        XCTAssertThrowsError(try Profile.named("paper"))
        XCTAssertThrowsError(try Profile.named("nope"))
        XCTAssertEqual(try Profile.named("smoke"), .smoke)
    }

    /// The settings table states each rule once: a patience in epochs and crystal passes is one
    /// phrase, and a small-data batch equal to the large one is not repeated.
    func testBudgetSummaryStatesEachRuleOnce() {
        var b = TrainingBudget(maxEpochs: 3000, patience: 80, learningRate: 1e-3, batchSites: 400,
                               smallDataBatchSites: 400, checkpoint: "last")
        b.patienceCrystals = 10_000
        XCTAssertEqual(b.summary, "≤ 3000 epochs, patience 80 epochs or 10000 crystal passes, whichever is longer, lr 0.001, batch 400 sites, last checkpoint")
        b.patience = nil; b.smallDataBatchSites = 1200
        XCTAssertEqual(b.summary, "≤ 3000 epochs, patience 10000 crystal passes, lr 0.001, batch 400 sites (1200 at n ≤ 250), last checkpoint")
        b.patienceCrystals = nil; b.patience = 20; b.minRelativeImprovement = 0.01; b.smallDataBatchSites = nil
        XCTAssertEqual(b.summary, "≤ 3000 epochs, patience 20 (an improvement must be ≥ 1 % below the best), lr 0.001, batch 400 sites, last checkpoint")
    }
}

final class ValidationSplitTests: XCTestCase {
    func testValidationSplitIsNOver20AndPartitionsTheSubset() {
        let rows = Array(stride(from: 0, to: 500, by: 5))   // 100 rows
        let (t, v) = Seeds.validationSplit(rows, root: "r", task: .gap, n: 100, trial: 2)
        XCTAssertEqual(v.count, 5)
        XCTAssertEqual(Set(t).union(v), Set(rows))
        XCTAssertTrue(Set(t).isDisjoint(with: v))
        XCTAssertEqual(Seeds.validationSplit(rows, root: "r", task: .gap, n: 100, trial: 2).validation, v)
        XCTAssertNotEqual(Seeds.validationSplit(rows, root: "r", task: .gap, n: 100, trial: 3).validation, v)
        XCTAssertEqual(Seeds.validationSplit(Array(0..<19), root: "r", task: .gap, n: 19, trial: 0).validation, [])
    }
}

/// The first t-SNE map keeps the kind encoding (and so the store key) it had before the repeats
/// over seeds existed; the repeats get ids, kinds and seed streams of their own.
final class TSNESeedPlanTests: XCTestCase {
    func testFirstMapKeepsItsKindEncodingAndRepeatsDiffer() throws {
        let first = try JSONEncoder().encode(WorkKind.tsne(structureSet: "shared", representation: .dim))
        XCTAssertFalse(String(decoding: first, as: UTF8.self).contains("seed"))
        let plan = TrialPlan(profile: .smoke)
        let ids = plan.items.compactMap { if case .tsne = $0.kind { return $0.id }; return nil }
        XCTAssertEqual(Set(ids), ["tsne/shared/untrained", "tsne/shared/dim", "tsne/shared/untrained/seed1", "tsne/shared/dim/seed1"])
        let a = Seeds.base(for: .tsne(structureSet: "shared", representation: .dim), root: "r")
        let b = Seeds.base(for: .tsne(structureSet: "shared", representation: .dim, seed: 1), root: "r")
        XCTAssertNotEqual(a, b)
    }
}
