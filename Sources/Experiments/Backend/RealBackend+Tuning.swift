import Foundation
import Featurizers
import Learning
import Randomness
import Reporting
import SiteNet

/// One candidate of a budget sweep for fig 7 trials.
public struct TuningCandidate: Sendable, Equatable {
    public var learningRate: Double
    public var batchSites: Int
    public var patience: Int
    public var ceiling: Int
    public init(learningRate: Double, batchSites: Int, patience: Int, ceiling: Int) {
        self.learningRate = learningRate; self.batchSites = batchSites; self.patience = patience; self.ceiling = ceiling
    }
}

/// One trial of a budget sweep: how the rule stopped, and the MAE on the tuning set (training-split
/// crystals outside the label subset, never the test split) of both checkpoints, under the
/// candidate's patience and under twice that patience (the same run, continued).
public struct TuningResult: Sendable {
    public var candidate: TuningCandidate
    public var trial: Int
    public var epochs: Int, stoppedByRule: Bool
    public var tuningMAELast: Double, tuningMAEBest: Double
    public var longEpochs: Int, longStoppedByRule: Bool
    public var longTuningMAELast: Double, longTuningMAEBest: Double
    public var seconds: Double
}

extension RealBackend {
    /// Trains random-init fig 7-style Site-Nets of `task` on `n` labels for every candidate and
    /// trial, on the training split of `profile`'s data only: a tuning set of `tuningSetSize`
    /// training-split crystals is held out first (seed `tune/holdout/<task>`), label subsets are
    /// drawn from the rest (`tune/labels/<task>/n<N>/trial<k>`), their n//20 validation crystals
    /// drive the stopping rule as in the run, and the tuning set scores the result.
    public func tuneSupervised(profile: Profile, task: PropertyTask, n: Int, trials: Int, candidates: [TuningCandidate],
                               tuningSetSize: Int, progress: (TuningResult) -> Void) throws -> [TuningResult] {
        let dataset = try prepareDataset(DatasetRequest(data: profile.data, seeds: Seeds.base(for: .dataset, root: profile.seedRoot),
                                                        structureSets: profile.structureSets))
        let pool = try dataset.task(task)
        let set = try dataset.set(pool.structureSet)
        guard pool.trainRows.count > tuningSetSize + n else {
            throw ExperimentError.badInput("\(task.rawValue): the training split has \(pool.trainRows.count) labelled crystals, fewer than \(tuningSetSize) held out + \(n) labels")
        }
        var hs = SeedPath("tune", "holdout", task.rawValue).stream()
        let perm = hs.permutation(pool.trainRows.count)
        let holdout = Array(perm[0..<tuningSetSize]), rest = Array(perm[tuningSetSize...])
        let tuning = try crystals(holdout.map { set.trainIDs[pool.trainRows[$0]] })
        let tuningY = holdout.map { Float(pool.trainTargets[$0]) }
        var results: [TuningResult] = []
        for k in 0..<trials {
            var ls = SeedPath("tune", "labels", task.rawValue, "n\(n)", "trial\(k)").stream()
            let chosen = ls.sample(n, from: rest.count).map { rest[$0] }
            var vs = SeedPath("tune", "labels", task.rawValue, "n\(n)", "trial\(k)", "validation").stream()
            let v = Set(vs.sample(n / 20, from: n))
            let trainPos = chosen.enumerated().filter { !v.contains($0.offset) }.map(\.element)
            let valPos = chosen.enumerated().filter { v.contains($0.offset) }.map(\.element)
            let train = try crystals(trainPos.map { set.trainIDs[pool.trainRows[$0]] })
            let val = try crystals(valPos.map { set.trainIDs[pool.trainRows[$0]] })
            for c in candidates {
                let t0 = Date()
                let config = SupervisedConfig(optimizer: AdamConfig(learningRate: Float(c.learningRate)), siteBudget: c.batchSites,
                                              maxEpochs: c.ceiling, patience: c.patience,
                                              probeRule: StoppingRule(maxEpochs: c.ceiling, patience: 2 * c.patience))
                let run = try SupervisedTrainer.train(train: train, trainTargets: trainPos.map { Float(pool.trainTargets[$0]) },
                                                      validation: val, validationTargets: valPos.map { Float(pool.trainTargets[$0]) },
                                                      initialization: .random, config: config,
                                                      seed: SeedPath("tune", "sitenet", task.rawValue, "n\(n)", "trial\(k)"))
                func mae(_ m: SupervisedModel) -> Double { SupervisedTrainer.meanAbsoluteError(m, crystals: tuning, targets: tuningY) }
                let long = run.probe!
                let r = TuningResult(candidate: c, trial: k, epochs: run.main.epochs, stoppedByRule: run.main.reason == .patience,
                                     tuningMAELast: mae(run.main.last), tuningMAEBest: mae(run.main.best),
                                     longEpochs: long.epochs, longStoppedByRule: long.reason == .patience,
                                     longTuningMAELast: mae(long.last), longTuningMAEBest: mae(long.best),
                                     seconds: Date().timeIntervalSince(t0))
                results.append(r)
                progress(r)
            }
        }
        return results
    }
}
