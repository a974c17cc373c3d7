import Foundation
import Learning
import Randomness
import Reporting
import SiteNet

/// One candidate of the DIM budget sweep.
public struct DIMTuningCandidate: Sendable, Equatable {
    public var learningRate: Double
    public var batchSites: Int
    public var synthetic: Bool
    public init(learningRate: Double, batchSites: Int, synthetic: Bool) {
        self.learningRate = learningRate; self.batchSites = batchSites; self.synthetic = synthetic
    }
}

/// One checkpoint of a DIM sweep run: the validation DIM loss and what the encoder is worth
/// downstream at that epoch, measured as fig 8 measures it but on the training split only.
public struct DIMTuningPoint: Sendable {
    public var candidate: DIMTuningCandidate
    public var epoch: Int
    /// Validation DIM loss (local + global) after this epoch: the stopping criterion.
    public var validationLoss: Double
    /// Median tuning-set MAE per downstream cell, keyed "<task>/<regressor>/n<labels>" (empty at
    /// epochs between checkpoints, which report the loss only).
    public var medians: [String: Double]
    /// Seconds since the run started.
    public var seconds: Double
}

extension RealBackend {
    /// Pretrains DIM on the training split of `profile`'s data for `epochs` epochs and reports the
    /// validation DIM loss after every epoch; every `every` epochs (and at epochs 1 and `epochs`)
    /// it also scores the encoder downstream, without touching the test split.
    ///
    /// A tuning set of `tuningSetSize` training-split crystals (seed `tune/dim/holdout`) is held
    /// out of pretraining; the encoder embeds every training-split crystal; for each task and each
    /// label count n in `labelCounts`, `trials` label subsets are drawn from the rest (seed
    /// `tune/dim/labels/<task>/n<N>/trial<k>`, the same subsets at every checkpoint), a linear
    /// regression and an MLP (the profile's settings, as fig 8) are fitted on their vectors, and
    /// the median MAE on the tuning set's vectors is reported. The validation DIM loss is the one
    /// the profile's stopping rule watches, so any rule (patience, minimum relative improvement)
    /// can be replayed on the printed curve and judged by the downstream medians at its stop.
    public func tuneDIM(profile: Profile, candidate c: DIMTuningCandidate, epochs: Int, every: Int,
                        labelCounts: [Int], trials: Int, tuningSetSize: Int,
                        progress: @escaping (DIMTuningPoint) -> Void) throws {
        let dataset = try prepareDataset(DatasetRequest(data: profile.data, seeds: Seeds.base(for: .dataset, root: profile.seedRoot),
                                                        structureSets: profile.structureSets))
        guard let setID = profile.structureSets.first else { throw ExperimentError.badInput("profile has no structure set") }
        let set = try dataset.set(setID)
        guard set.trainIDs.count > tuningSetSize + (labelCounts.max() ?? 0) else {
            throw ExperimentError.badInput("the training split has \(set.trainIDs.count) crystals, too few for \(tuningSetSize) held out + \(labelCounts.max() ?? 0) labels")
        }
        var hs = SeedPath("tune", "dim", "holdout").stream()
        let perm = hs.permutation(set.trainIDs.count)
        let holdout = Set(perm[0..<tuningSetSize])
        let all = try crystals(set.trainIDs)
        let pretrain = perm[tuningSetSize...].sorted().map { all[$0] }
        let check = DownstreamCheck(tasks: dataset.tasks.filter { $0.structureSet == setID }, heldOut: holdout,
                                    labelCounts: labelCounts, trials: trials, seedRoot: ["tune", "dim"], settings: profile.regressor)
        var config = DIMConfig(optimizer: AdamConfig(learningRate: Float(c.learningRate)), siteBudget: c.batchSites,
                               maxEpochs: epochs, patience: nil, synthetic: c.synthetic, selection: .lastEpoch)
        config.threads = 1
        let t0 = Date()
        _ = try DIMTrainer.train(crystals: pretrain, config: config, seed: SeedPath("tune", "dim", c.synthetic ? "synthetic" : "nosynthetic"),
                                 inspect: { point, model in
            let scored = point.epoch == 1 || point.epoch % every == 0 || point.epoch == epochs
            let medians = scored ? try check.medians(vectors: model.embed(all), backend: self) : [:]
            let loss = point.validation.map { $0.localDIM + $0.globalDIM } ?? .nan
            progress(DIMTuningPoint(candidate: c, epoch: point.epoch, validationLoss: loss, medians: medians,
                                    seconds: Date().timeIntervalSince(t0)))
        })
    }
}
