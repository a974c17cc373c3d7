import Foundation
import Featurizers
import Learning
import Randomness

/// How DIM pretraining selects the checkpoint it returns as ``DIMRun/model``.
public enum DIMSelection: String, Sendable, Codable {
    /// The epoch with the lowest validation local DIM + global DIM loss (uses no labels). Default.
    case validationDIMLoss
    /// The last epoch.
    case lastEpoch
}

/// Settings of DIM pretraining. Defaults are the authors' (Docs/Protocol.md §5.2) except the stopping rule,
/// which they applied by hand: here patience on the validation DIM loss plus a maximum epoch count.
public struct DIMConfig: Sendable, Codable, Equatable {
    /// AdamW for both the local and the global optimiser (authors: lr 1e-4, wd 1e-4, ε 1e-7, amsgrad).
    public var optimizer: AdamConfig
    /// Budget of unique sites per batch (authors: 1200).
    public var siteBudget: Int
    /// Fraction held out for validation, ⌊n·fraction⌋ crystals (authors: n//20).
    public var validationFraction: Double
    /// Maximum number of epochs.
    public var maxEpochs: Int
    /// Stop after this many epochs without improvement of the selection loss (nil: never).
    public var patience: Int?
    /// Minimum decrease of the selection loss that counts as an improvement.
    public var minImprovement: Double
    /// Minimum decrease as a fraction of the best loss so far (see ``StoppingRule``).
    public var minRelativeImprovement: Double = 0
    /// Engineered false samples (false composition / polymorph at both levels, permuted sites at
    /// the global level): the authors' `extra_false_samples`, off for the fig 12 ablation.
    public var synthetic: Bool
    /// Use consistent masks/weights in local F2/F3 instead of the authors' mixing (see ``LocalDIMHead``).
    public var consistentFalseMasks: Bool
    /// α, the weight of both DIM losses (authors: 1).
    public var alpha: Float
    /// β, the weight of both KL terms (authors: 0.1).
    public var beta: Float
    /// Which epoch's weights ``DIMRun/model`` holds.
    public var selection: DIMSelection
    /// Workers for each training step of the one model (data-parallel over a fixed number of chunks;
    /// any value gives the same bits, see ``DIMModel/stepChunks``).
    public var threads: Int
    /// A longer rule watched in the same run (the budget probe): training goes on until it fires
    /// too, and ``DIMRun/probe`` holds its result.
    public var probeRule: StoppingRule? = nil

    /// The main stopping rule.
    public var rule: StoppingRule {
        StoppingRule(maxEpochs: maxEpochs, patience: patience, minImprovement: minImprovement, minRelativeImprovement: minRelativeImprovement)
    }

    /// A configuration; every argument defaults to the authors' value.
    public init(optimizer: AdamConfig = AdamConfig(), siteBudget: Int = 1200, validationFraction: Double = 0.05,
                maxEpochs: Int = 200, patience: Int? = 20, minImprovement: Double = 0, synthetic: Bool = true,
                consistentFalseMasks: Bool = false, alpha: Float = 1, beta: Float = 0.1,
                selection: DIMSelection = .validationDIMLoss, threads: Int = 1) {
        self.optimizer = optimizer; self.siteBudget = siteBudget; self.validationFraction = validationFraction
        self.maxEpochs = maxEpochs; self.patience = patience; self.minImprovement = minImprovement
        self.synthetic = synthetic; self.consistentFalseMasks = consistentFalseMasks
        self.alpha = alpha; self.beta = beta; self.selection = selection; self.threads = threads
    }
}

/// One epoch of a DIM learning curve (fig 6).
public struct DIMCurvePoint: Sendable, Codable, Equatable {
    /// Epoch number, from 1.
    public var epoch: Int
    /// Mean over the epoch's training batches of each term (before each batch's update).
    public var train: DIMLosses
    /// Each term on the validation split after the epoch (nil without a validation split).
    public var validation: DIMLosses?
    /// Wall-clock seconds of the epoch (training + validation).
    public var seconds: Double
}

/// Where one stopping rule ended DIM pretraining.
public struct DIMStop: Sendable {
    /// The selected model (``DIMConfig/selection``) under this rule.
    public var model: DIMModel
    /// The epoch whose weights ``model`` holds.
    public var selectedEpoch: Int
    /// Epochs trained when the rule fired.
    public var epochs: Int
    /// Why: patience (the rule) or the ceiling.
    public var reason: StopReason
}

/// The result of DIM pretraining.
public struct DIMRun: Sendable {
    /// The selected model (``DIMConfig/selection``).
    public var model: DIMModel
    /// The model after the last epoch.
    public var lastModel: DIMModel
    /// One point per epoch, up to the main rule's stop (``probe``'s extra epochs are in ``probeCurve``).
    public var curve: [DIMCurvePoint]
    /// The epoch whose weights ``model`` holds.
    public var selectedEpoch: Int
    /// Why training ended.
    public var stopReason: StopReason
    /// The result under ``DIMConfig/probeRule`` (nil without one).
    public var probe: DIMStop? = nil
    /// Every epoch of the run, including those after the main rule's stop.
    public var probeCurve: [DIMCurvePoint] = []
    /// The epoch a saved state held when this call took the run over (0: trained from scratch).
    public var resumedAfterEpoch = 0
    /// Crystals used for training and validation.
    public var trainCount: Int, validationCount: Int
    /// Indices (into the input crystals) of the validation split, in split order.
    public var validationIndices: [Int]
    /// OpenBLAS threads and kernel during the run (results depend on them; record them).
    public var blasThreads: Int = BLAS.threads, blasCore: String = BLAS.coreName

    /// The curve as CSV: `epoch,train_local_dim,train_local_kl,train_global_dim,train_global_kl,val_local_dim,val_local_kl,val_global_dim,val_global_kl,seconds`.
    public var curveCSV: String {
        var s = "epoch,train_local_dim,train_local_kl,train_global_dim,train_global_kl,val_local_dim,val_local_kl,val_global_dim,val_global_kl,seconds\n"
        for p in curve {
            let v = p.validation.map { "\($0.localDIM),\($0.localKL),\($0.globalDIM),\($0.globalKL)" } ?? ",,,"
            s += "\(p.epoch),\(p.train.localDIM),\(p.train.localKL),\(p.train.globalDIM),\(p.train.globalKL),\(v),\(p.seconds)\n"
        }
        return s
    }
}

/// Deep InfoMax pretraining of Site-Net (Docs/Protocol.md §5.2) without labels.
public enum DIMTrainer {
    /// Trains a DIM model on `crystals`.
    ///
    /// Random streams (all under `seed`): `init` (weights), `split` (validation split),
    /// `epoch/<k>` (batch order and noise of epoch k), `validation` (validation batches; the same
    /// noise every epoch, so the curve is not jittered by the draw). Same inputs and seed ⇒ identical
    /// bits for any ``DIMConfig/threads`` (steps are data-parallel over a fixed number of chunks, OpenBLAS single-threaded).
    ///
    /// - Throws: ``TrainingError/nonFinite(epoch:term:phase:value:)`` when a loss term becomes NaN/∞;
    ///   ``TrainingError/invalidInput(_:)`` for fewer than 2 training crystals.
    /// - Parameter inspect: called after every epoch with the model as it stands (read-only use,
    ///   e.g. the DIM budget sweep scoring downstream regressors along the run); it never changes
    ///   the run.
    /// - Parameter resume: where to save the run's state every ``ResumePoint/interval`` seconds and
    ///   to continue from if a state of the same run is there (same bits as an uninterrupted run;
    ///   `inspect` and `progress` are then called only for the epochs trained in this call, and
    ///   ``DIMRun/resumedAfterEpoch`` says where it took over).
    public static func train(crystals: [SiteNetCrystal], config: DIMConfig = DIMConfig(), seed: SeedPath,
                             resume: ResumePoint? = nil,
                             progress: ((DIMCurvePoint) -> Void)? = nil,
                             inspect: ((DIMCurvePoint, DIMModel) throws -> Void)? = nil) throws -> DIMRun {
        MemoryTuning.keepFreedMemory()
        let n = crystals.count
        var splitRng = seed.appending("split").stream()
        let perm = splitRng.permutation(n)
        let nVal = Int((Double(n) * config.validationFraction).rounded(.down))
        let valIdx = nVal >= 2 ? Array(perm[0..<nVal]) : []
        let trainIdx = nVal >= 2 ? Array(perm[nVal...]) : perm
        guard trainIdx.count >= 2 else { throw TrainingError.invalidInput("DIM needs at least 2 training crystals, got \(trainIdx.count)") }
        let train = trainIdx.map { crystals[$0] }, val = valIdx.map { crystals[$0] }
        let model = DIMModel(seed: seed.appending("init"))
        model.threads = config.threads
        let opts = (local: AdamOptimizer(parameters: model.localParameters, config: config.optimizer),
                    global: AdamOptimizer(parameters: model.globalParameters, config: config.optimizer))
        var valRng0 = seed.appending("validation").stream()
        let valBatches = val.isEmpty ? [] : SiteBudgetSampler.batches(primSizes: val.map(\.primSize), budget: config.siteBudget,
                                                                        rng: &valRng0, minimumCrystals: 2).map { SiteNetBatch($0.map { val[$0] }) }
        let optimizers = [opts.local, opts.global]
        var state = TrainingLoopState<DIMCurvePoint>(rules: [config.rule] + (config.probeRule.map { [$0] } ?? []))
        var identity = config
        identity.threads = 1 // any thread count gives the same bits
        let resumePoint = resume.map { TrainingLoopState<DIMCurvePoint>.point($0, trainer: "DIM", config: identity, seed: seed, examples: n) }
        if let point = resumePoint, let saved = try TrainingLoopState<DIMCurvePoint>.read(point, parameters: model.parameters, optimizers: optimizers) {
            state = saved
        }
        let resumedAfter = state.epoch
        var lastSave = Date()
        for epoch in (state.epoch + 1)...state.tracker.ceiling {
            let t0 = Date()
            var rng = seed.appending("epoch", String(epoch)).stream()
            let batches = SiteBudgetSampler.batches(primSizes: train.map(\.primSize), budget: config.siteBudget, rng: &rng, minimumCrystals: 2)
            var sum = DIMLosses()
            for idx in batches {
                let l = model.step(SiteNetBatch(idx.map { train[$0] }), rng: &rng, synthetic: config.synthetic,
                                   consistentMasks: config.consistentFalseMasks, alpha: config.alpha, beta: config.beta, optimizers: opts)
                try checkFinite(l, epoch: epoch, phase: "training")
                sum.localDIM += l.localDIM; sum.localKL += l.localKL; sum.globalDIM += l.globalDIM; sum.globalKL += l.globalKL
            }
            let k = Double(batches.count)
            let trainMean = DIMLosses(localDIM: sum.localDIM / k, localKL: sum.localKL / k, globalDIM: sum.globalDIM / k, globalKL: sum.globalKL / k)
            let vLoss = valBatches.isEmpty ? nil : evaluate(model, batches: valBatches, config: config, seed: seed)
            if let v = vLoss { try checkFinite(v, epoch: epoch, phase: "validation") }
            let point = DIMCurvePoint(epoch: epoch, train: trainMean, validation: vLoss, seconds: Date().timeIntervalSince(t0))
            progress?(point)
            try inspect?(point, model)
            let crit = vLoss.map { $0.localDIM + $0.globalDIM } ?? (trainMean.localDIM + trainMean.globalDIM)
            state.record(epoch: epoch, point: point, criterion: crit, parameters: model.parameters,
                         keepsBest: config.selection == .validationDIMLoss)
            if state.tracker.finished { break }
            if let point = resumePoint, Date().timeIntervalSince(lastSave) >= point.interval {
                try state.write(point, parameters: model.parameters, optimizers: optimizers)
                lastSave = Date()
            }
        }
        let main = state.stops[0]!, probe = state.stops.count > 1 ? state.stops[1]! : nil
        return DIMRun(model: DIMModel.from(main.selected), lastModel: DIMModel.from(main.last), curve: Array(state.curve.prefix(main.epochs)),
                      selectedEpoch: main.selectedEpoch, stopReason: main.reason,
                      probe: probe.map { DIMStop(model: DIMModel.from($0.selected), selectedEpoch: $0.selectedEpoch, epochs: $0.epochs, reason: $0.reason) },
                      probeCurve: state.curve, resumedAfterEpoch: resumedAfter,
                      trainCount: train.count, validationCount: val.count, validationIndices: valIdx)
    }

    /// Mean of each loss term over `batches` without updating (same noise for a given seed).
    static func evaluate(_ model: DIMModel, batches: [SiteNetBatch], config: DIMConfig, seed: SeedPath) -> DIMLosses {
        var rng = seed.appending("validation", "noise").stream()
        var sum = DIMLosses()
        for b in batches {
            let l = model.step(b, rng: &rng, synthetic: config.synthetic, consistentMasks: config.consistentFalseMasks,
                               alpha: config.alpha, beta: config.beta, optimizers: nil)
            sum.localDIM += l.localDIM; sum.localKL += l.localKL; sum.globalDIM += l.globalDIM; sum.globalKL += l.globalKL
        }
        let k = Double(batches.count)
        return DIMLosses(localDIM: sum.localDIM / k, localKL: sum.localKL / k, globalDIM: sum.globalDIM / k, globalKL: sum.globalKL / k)
    }

    /// The DIM losses of `model` on `crystals` (batched by the config's site budget), e.g. for an
    /// untrained model as the starting point of a curve.
    public static func evaluate(_ model: DIMModel, crystals: [SiteNetCrystal], config: DIMConfig = DIMConfig(), seed: SeedPath) throws -> DIMLosses {
        guard crystals.count >= 2 else { throw TrainingError.invalidInput("DIM evaluation needs at least 2 crystals") }
        var rng = seed.appending("order").stream()
        let batches = SiteBudgetSampler.batches(primSizes: crystals.map(\.primSize), budget: config.siteBudget, rng: &rng, minimumCrystals: 2)
        return evaluate(model, batches: batches.map { SiteNetBatch($0.map { crystals[$0] }) }, config: config, seed: seed)
    }

    /// The loss terms of the always-zero classifier on `crystals` (the level a DIM loss must fall
    /// well below): global DIM = 2 ln 2; local DIM = ln 2 × the summed pair weights, which is 2 ln 2
    /// except with the authors' F2/F3 mask mixing (see ``DIMConfig/consistentFalseMasks``). KL terms are 0.
    public static func zeroClassifierBaseline(crystals: [SiteNetCrystal], config: DIMConfig = DIMConfig(), seed: SeedPath) throws -> DIMLosses {
        guard crystals.count >= 2 else { throw TrainingError.invalidInput("DIM evaluation needs at least 2 crystals") }
        var rng = seed.appending("order").stream()
        let batches = SiteBudgetSampler.batches(primSizes: crystals.map(\.primSize), budget: config.siteBudget, rng: &rng, minimumCrystals: 2)
        let local = batches.reduce(0.0) { $0 + LocalDIMHead.zeroClassifierLoss(batch: SiteNetBatch($1.map { crystals[$0] }), synthetic: config.synthetic,
                                                                             consistentMasks: config.consistentFalseMasks) } / Double(batches.count)
        return DIMLosses(localDIM: local, localKL: 0, globalDIM: 2 * log(2.0), globalKL: 0)
    }

    static func checkFinite(_ l: DIMLosses, epoch: Int, phase: String) throws {
        for (name, v) in l.named where !v.isFinite { throw TrainingError.nonFinite(epoch: epoch, term: name, phase: phase, value: v) }
    }
}
