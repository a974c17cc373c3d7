/// Where a profile's structures come from.
public enum DataSource: Codable, Equatable, Sendable {
    /// The embedded `mp-offline-7k.jsonl.gz` (Crystals resources); both tasks on one structure
    /// set, split train/test by a seeded shuffle.
    case embedded
    /// The user's Matbench files (pandas "split" JSON, optionally gzipped) and the official
    /// fold-0 test ids (Experiments resource `matbench_fold0_test_ids.json.gz`).
    case matbench(eFormPath: String, gapPath: String)
}

/// Dataset settings: source, subset, split, filters (Docs/Protocol.md §1).
public struct DataSettings: Codable, Equatable, Sendable {
    public var source: DataSource
    /// Keep at most this many records (first ones after a seeded shuffle); nil = all.
    public var maxStructures: Int?
    /// Fraction of the embedded set held out as test (ignored for Matbench, whose fold 0 fixes it).
    public var testFraction: Double
    /// Drop crystals whose primitive cell has more than this many sites (`-u 50`).
    public var maxPrimitiveSites: Int
    /// True when both tasks use one structure set (embedded data: every record has both labels),
    /// so one DIM model per synthetic setting serves both tasks.
    public var sharedStructureSet: Bool
}

/// Budget of one training procedure (DIM pretraining, donor, or fig 7 trials).
public struct TrainingBudget: Codable, Equatable, Sendable {
    /// Upper bound on epochs.
    public var maxEpochs: Int
    /// Stop after this many epochs without validation improvement (nil = run `maxEpochs`).
    public var patience: Int?
    /// An epoch counts as an improvement only when its validation value is at least this fraction
    /// below the best so far (nil: any decrease counts). Used for DIM, whose loss keeps creeping
    /// down long after the encoder stops changing downstream (Reproduce.md, the DIM sweep).
    public var minRelativeImprovement: Double? = nil
    /// AdamW learning rate (authors: 1e-4, amsgrad, wd 1e-4, eps 1e-7).
    public var learningRate: Double
    /// Dynamic batch budget in unique sites (authors: 1200 for DIM/donors/s1000, 400 for s50–s250).
    public var batchSites: Int
    /// Budget for n ≤ 250 labels when it differs (fig 7's s50/s100/s250 configs use 400 sites).
    public var smallDataBatchSites: Int?
    /// Cap on the crystals trained on (epochs × training crystals): a run on n crystals trains at
    /// most min(maxEpochs, ⌈crystalBudget / n⌉) epochs, so small label counts get many epochs and
    /// large ones a few, at a similar cost per trial. Nil = no cap (the authors had none).
    public var crystalBudget: Int? = nil
    /// Epochs a run on `n` training crystals may take: min(maxEpochs, ⌈crystalBudget / n⌉), ≥ 1.
    public func epochs(trainingOn n: Int) -> Int {
        guard let cap = crystalBudget, n > 0 else { return maxEpochs }
        return max(1, min(maxEpochs, (cap + n - 1) / n))
    }
    /// Patience counted in crystal passes: a run on `n` crystals waits at least ⌈patienceCrystals / n⌉
    /// epochs for a better validation value. Small label sets have short, noisy epochs (2
    /// validation crystals at 50 labels), so a patience in epochs alone would stop them after a few
    /// hundred gradient steps; counted in crystals, every label count gets a similar number of
    /// steps without improvement before it stops. Nil = `patience` alone.
    public var patienceCrystals: Int? = nil
    /// The patience in epochs of a run on `n` crystals: max(patience, ⌈patienceCrystals / n⌉); nil
    /// when neither is set.
    public func patience(trainingOn n: Int) -> Int? {
        guard let pc = patienceCrystals, n > 0 else { return patience }
        return max(patience ?? 0, (pc + n - 1) / n)
    }
    /// Which weights are evaluated: `last` (what the authors' figures used, Docs/Protocol.md §5.4) or `best`
    /// (lowest validation loss).
    public var checkpoint: String
    /// A short human description for tables, e.g. "≤ 40 epochs, patience 8, lr 1e-3".
    public var summary: String {
        var s = "≤ \(maxEpochs) epochs"
        if let crystalBudget { s += " and ≤ \(crystalBudget) crystal passes (epochs × n)" }
        if let patience { s += ", patience \(patience)" + (patienceCrystals.map { " epochs or \($0) crystal passes, whichever is longer" } ?? "") }
        if let m = minRelativeImprovement { s += " (an improvement must be ≥ \(String(format: "%g", m * 100)) % below the best)" }
        if patience == nil, let patienceCrystals { s += ", patience \(patienceCrystals) crystal passes" }
        s += ", lr \(learningRate), batch \(batchSites) sites"
        if let smallDataBatchSites, smallDataBatchSites != batchSites { s += " (\(smallDataBatchSites) at n ≤ 250)" }
        return s + ", \(checkpoint) checkpoint"
    }
}

/// Downstream regressor settings (Docs/Protocol.md §6.5; scikit-learn 1.0 defaults).
public struct RegressorSettings: Codable, Equatable, Sendable {
    public var mlpHidden: Int
    public var mlpMaxIterations: Int
    public var mlpLearningRate: Double
    public var mlpAlpha: Double
    public var mlpTolerance: Double
    public var mlpNoChangeIterations: Int
    /// Train MLPs with subnormal numbers flushed to zero (``Regressors/FloatEnvironment``;
    /// Docs/Protocol.md §6.5). Optional so that stored keys written before it existed still decode
    /// (nil: not flushed); every built-in profile sets it.
    public var mlpFlushSubnormals: Bool?
}

/// t-SNE settings (Docs/Protocol.md §7).
public struct TSNESettings: Codable, Equatable, Sendable {
    /// Authors: 1000 on ~20–26k test points; must be < points / 3.
    public var perplexity: Double
    public var iterations: Int
    /// Barnes–Hut angle (0 = exact).
    public var theta: Double
    /// Map at most this many test points (first ones in test order); nil = all.
    public var maxPoints: Int?
}

/// The convergence check: the first `trials` trials of every fig 7 cell (task × label count × arm)
/// and, with `pretraining`, both DIM models are also followed under a rule with `scale`× the
/// ceiling, the patience and the crystal cap, on the same seeds. Each epoch draws its batches from
/// its own seed, so the longer run repeats the profile's run up to its stop and continues from there:
/// one training run gives both results, and the longer rule costs only the extra epochs.
public struct BudgetProbe: Codable, Equatable, Sendable {
    /// Trials 0..<trials of every fig 7 cell are probed.
    public var trials: Int
    /// Multiplier of the ceiling, patience and crystal cap (≥ 2).
    public var scale: Int
    /// Also probe both DIM models.
    public var pretraining: Bool

    /// `budget` with `scale`× the ceiling, the patience and the crystal cap.
    public func longer(_ budget: TrainingBudget) -> TrainingBudget {
        var b = budget
        b.maxEpochs *= scale
        b.patience = b.patience.map { $0 * scale }
        b.crystalBudget = b.crystalBudget.map { $0 * scale }
        b.patienceCrystals = b.patienceCrystals.map { $0 * scale }
        return b
    }

    /// True when trial `k` of a fig 7 cell is probed.
    public func probes(trial k: Int) -> Bool { k < trials }
}
