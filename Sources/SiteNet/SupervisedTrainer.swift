import Foundation
import Featurizers
import Learning
import Randomness

/// Where the supervised model's encoder weights come from (Docs/Protocol.md §3.3). The head
/// (`last_layer`) is always freshly initialised, as the authors re-initialise it after loading.
public enum SupervisedInitialization: Sendable {
    /// PyTorch-default random initialisation from the run's seed.
    case random
    /// The encoder of a DIM model (local inference part + global encoder).
    case dim(DIMModel)
    /// The encoder of a supervised model trained on the other task (the "donor").
    case donor(SupervisedModel)

    /// "random", "dim" or "donor".
    public var name: String {
        switch self { case .random: return "random"; case .dim: return "dim"; case .donor: return "donor" }
    }
}

/// Settings of supervised training (Docs/Protocol.md §5.1, §5.4): AdamW lr 1e-4, wd 1e-4, ε 1e-7, amsgrad over all
/// parameters; MSE loss; validation MAE each epoch. The authors had no early stopping and plotted the
/// last checkpoint; both last and best-on-validation are returned.
public struct SupervisedConfig: Sendable, Codable, Equatable {
    /// The optimiser.
    public var optimizer: AdamConfig
    /// Unique sites per batch (authors: 400 up to 250 labels, 1200 above; see
    /// ``SiteBudgetSampler/supervisedBudget(labels:)``).
    public var siteBudget: Int
    /// Validation fraction, ⌊n·fraction⌋ crystals (authors: n//20).
    public var validationFraction: Double
    /// Number of epochs (the maximum, when `patience` is set).
    public var maxEpochs: Int
    /// Stop after this many epochs without a lower validation MAE (nil: run all epochs, as the authors).
    public var patience: Int?
    /// Workers for each training step and validation pass of the one model (data-parallel over a
    /// fixed number of chunks; any value gives the same bits, see ``SupervisedModel/stepChunks``).
    public var threads: Int
    /// A longer rule watched in the same run (the budget probe): training goes on until it fires too,
    /// and ``SupervisedRun/probe`` holds its result. Must not end before the main rule.
    public var probeRule: StoppingRule?

    /// A configuration; defaults are the authors' settings for ≤ 250 labels and a 300-epoch budget.
    public init(optimizer: AdamConfig = AdamConfig(), siteBudget: Int = 400, validationFraction: Double = 0.05,
                maxEpochs: Int = 300, patience: Int? = nil, threads: Int = 1, probeRule: StoppingRule? = nil) {
        self.optimizer = optimizer; self.siteBudget = siteBudget; self.validationFraction = validationFraction
        self.maxEpochs = maxEpochs; self.patience = patience; self.threads = threads; self.probeRule = probeRule
    }

    /// The main stopping rule.
    public var rule: StoppingRule { StoppingRule(maxEpochs: maxEpochs, patience: patience) }
}

/// Where one stopping rule ended a supervised run, and its two checkpoints.
public struct SupervisedStop: Sendable {
    /// The model at the rule's stop (the authors' figures used the last weights).
    public var last: SupervisedModel
    /// The model of the epoch with the lowest validation MAE up to the stop (= last without a validation split).
    public var best: SupervisedModel
    /// The epoch of ``best``.
    public var bestEpoch: Int
    /// Epochs trained when the rule fired.
    public var epochs: Int
    /// Why: patience (the rule) or the ceiling.
    public var reason: StopReason
}

/// One epoch of a supervised learning curve.
public struct SupervisedCurvePoint: Sendable, Codable, Equatable {
    /// Epoch number, from 1.
    public var epoch: Int
    /// Mean training MSE over the epoch's batches (before each update).
    public var trainMSE: Double
    /// Validation MAE after the epoch (nil without a validation split).
    public var validationMAE: Double?
    /// Wall-clock seconds.
    public var seconds: Double
}

/// The result of a supervised run.
public struct SupervisedRun: Sendable {
    /// The result under the main rule.
    public var main: SupervisedStop
    /// The result under ``SupervisedConfig/probeRule`` (nil without one).
    public var probe: SupervisedStop?
    /// One point per epoch, up to the last rule's stop.
    public var curve: [SupervisedCurvePoint]
    /// The epoch a saved state held when this call took the run over (0: trained from scratch).
    public var resumedAfterEpoch = 0
    /// The model at the main rule's stop.
    public var last: SupervisedModel { main.last }
    /// The main rule's best-validation model.
    public var best: SupervisedModel { main.best }
    /// The epoch of ``best``.
    public var bestEpoch: Int { main.bestEpoch }
    /// Why the main rule ended training.
    public var stopReason: StopReason { main.reason }
    /// Crystals used for training and validation.
    public var trainCount: Int, validationCount: Int
    /// Indices (into the input crystals) of the validation split, in split order.
    public var validationIndices: [Int]
    /// OpenBLAS threads and kernel during the run (results depend on them; record them).
    public var blasThreads: Int = BLAS.threads, blasCore: String = BLAS.coreName

    /// The curve as CSV: `epoch,train_mse,val_mae,seconds`.
    public var curveCSV: String {
        "epoch,train_mse,val_mae,seconds\n" + curve.map { "\($0.epoch),\($0.trainMSE),\($0.validationMAE.map { String($0) } ?? ""),\($0.seconds)" }.joined(separator: "\n") + "\n"
    }
}

/// Supervised Site-Net training (Docs/Protocol.md §3.3, §5.3–5.4).
public enum SupervisedTrainer {
    /// Trains on `crystals` with `targets`. With `resume`, the run's state is saved every
    /// ``Learning/ResumePoint/interval`` seconds and an interrupted run continues from it with the
    /// same bits (`progress` is then called only for the epochs trained in this call).
    ///
    /// Streams under `seed`: `init` (encoder for `.random`, head always), `split`, `epoch/<k>` (batch order).
    /// - Throws: ``TrainingError/invalidInput(_:)`` (counts differ, non-finite target, no crystal),
    ///   ``TrainingError/nonFinite(epoch:term:phase:value:)`` on divergence.
    public static func train(crystals: [SiteNetCrystal], targets: [Float], initialization: SupervisedInitialization,
                             config: SupervisedConfig = SupervisedConfig(), seed: SeedPath, resume: ResumePoint? = nil,
                             progress: ((SupervisedCurvePoint) -> Void)? = nil) throws -> SupervisedRun {
        guard crystals.count == targets.count else { throw TrainingError.invalidInput("\(crystals.count) crystals but \(targets.count) targets") }
        if let i = targets.firstIndex(where: { !$0.isFinite }) { throw TrainingError.invalidInput("target of \(crystals[i].id) is \(targets[i])") }
        MemoryTuning.keepFreedMemory()
        let n = crystals.count
        var splitRng = seed.appending("split").stream()
        let perm = splitRng.permutation(n)
        let nVal = Int((Double(n) * config.validationFraction).rounded(.down))
        let valIdx = Array(perm[0..<nVal]), trainIdx = Array(perm[nVal...])
        guard !trainIdx.isEmpty else { throw TrainingError.invalidInput("no training crystal") }
        var run = try train(train: trainIdx.map { crystals[$0] }, trainTargets: trainIdx.map { targets[$0] },
                            validation: valIdx.map { crystals[$0] }, validationTargets: valIdx.map { targets[$0] },
                            initialization: initialization, config: config, seed: seed, resume: resume, progress: progress)
        run.validationIndices = valIdx
        return run
    }

    /// Trains on an explicit training/validation split (the experiment runner draws the split so
    /// that every arm of a trial uses the same one). Streams under `seed`: `init` (encoder for
    /// `.random`, head always), `epoch/<k>` (batch order). ``SupervisedRun/validationIndices`` is empty.
    public static func train(train: [SiteNetCrystal], trainTargets trainY: [Float], validation val: [SiteNetCrystal],
                             validationTargets valY: [Float], initialization: SupervisedInitialization,
                             config: SupervisedConfig = SupervisedConfig(), seed: SeedPath, resume: ResumePoint? = nil,
                             progress: ((SupervisedCurvePoint) -> Void)? = nil) throws -> SupervisedRun {
        guard train.count == trainY.count, val.count == valY.count else {
            throw TrainingError.invalidInput("\(train.count)+\(val.count) crystals but \(trainY.count)+\(valY.count) targets")
        }
        guard !train.isEmpty else { throw TrainingError.invalidInput("no training crystal") }
        if let i = (trainY + valY).firstIndex(where: { !$0.isFinite }) { throw TrainingError.invalidInput("target \(i) is not finite") }
        let model = SupervisedModel(seed: seed.appending("init"))
        model.threads = config.threads
        switch initialization {
        case .random: break
        case .dim(let d): model.loadEncoder(from: d)
        case .donor(let d): model.loadEncoder(from: d)
        }
        let opt = AdamOptimizer(parameters: model.parameters, config: config.optimizer)
        var state = TrainingLoopState<SupervisedCurvePoint>(rules: [config.rule] + (config.probeRule.map { [$0] } ?? []))
        var identity = config
        identity.threads = 1 // any thread count gives the same bits
        let resumePoint = resume.map {
            TrainingLoopState<SupervisedCurvePoint>.point($0, trainer: "supervised/\(initialization.name)", config: identity, seed: seed,
                                                          examples: train.count + val.count)
        }
        if let point = resumePoint, let saved = try TrainingLoopState<SupervisedCurvePoint>.read(point, parameters: model.parameters, optimizers: [opt]) {
            state = saved
        }
        let resumedAfter = state.epoch
        var lastSave = Date()
        for epoch in (state.epoch + 1)...state.tracker.ceiling {
            let t0 = Date()
            var rng = seed.appending("epoch", String(epoch)).stream()
            let batches = SiteBudgetSampler.batches(primSizes: train.map(\.primSize), budget: config.siteBudget, rng: &rng)
            var sum = 0.0
            for idx in batches {
                let mse = model.trainStep(SiteNetBatch(idx.map { train[$0] }), targets: idx.map { trainY[$0] }, optimizer: opt)
                if !mse.isFinite { throw TrainingError.nonFinite(epoch: epoch, term: "MSE", phase: "training", value: mse) }
                sum += mse
            }
            var vmae: Double? = nil
            if !val.isEmpty {
                let p = model.predict(val)
                let mae = zip(p, valY).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / Double(val.count)
                if !mae.isFinite { throw TrainingError.nonFinite(epoch: epoch, term: "MAE", phase: "validation", value: mae) }
                vmae = mae
            }
            let point = SupervisedCurvePoint(epoch: epoch, trainMSE: sum / Double(batches.count), validationMAE: vmae,
                                             seconds: Date().timeIntervalSince(t0))
            progress?(point)
            state.record(epoch: epoch, point: point, criterion: vmae, parameters: model.parameters, keepsBest: vmae != nil)
            if state.tracker.finished { break }
            if let point = resumePoint, Date().timeIntervalSince(lastSave) >= point.interval {
                try state.write(point, parameters: model.parameters, optimizers: [opt])
                lastSave = Date()
            }
        }
        func stop(_ s: TrainingLoopState<SupervisedCurvePoint>.Stop) -> SupervisedStop {
            SupervisedStop(last: SupervisedModel.from(s.last), best: SupervisedModel.from(s.selected), bestEpoch: s.selectedEpoch,
                           epochs: s.epochs, reason: s.reason)
        }
        return SupervisedRun(main: stop(state.stops[0]!), probe: state.stops.count > 1 ? stop(state.stops[1]!) : nil, curve: state.curve,
                             resumedAfterEpoch: resumedAfter, trainCount: train.count, validationCount: val.count, validationIndices: [])
    }

    /// Mean absolute error of `model` on `crystals`.
    public static func meanAbsoluteError(_ model: SupervisedModel, crystals: [SiteNetCrystal], targets: [Float]) -> Double {
        let p = model.predict(crystals)
        return zip(p, targets).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / Double(max(targets.count, 1))
    }
}
