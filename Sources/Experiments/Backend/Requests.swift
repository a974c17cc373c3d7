import Learning
import Randomness

/// The random streams of one work item: `SeedPath(seedRoot, experiment, task, n, trial, arm)`
/// extended by a purpose (`init`, `batches`, `split`, `noise`, `false-samples`, `tsne`, …).
/// Backends draw every random number from `stream(purpose)` and nothing else.
public struct SeedBase: Codable, Hashable, Sendable {
    /// The path components before the purpose.
    public var components: [String]
    public init(_ components: [String]) { self.components = components }
    /// The seed path for one purpose.
    public func path(_ purpose: String) -> SeedPath { SeedPath(components + [purpose]) }
    /// A fresh stream for one purpose.
    public func stream(_ purpose: String) -> RandomStream { path(purpose).stream() }
}

/// Load, filter, split and featurise the profile's data (Docs/Protocol.md §1–2).
public struct DatasetRequest: Codable, Equatable, Sendable {
    /// The profile's data settings.
    public var data: DataSettings
    /// Seeds for the subset shuffle (`subset`) and the embedded train/test split (`split`).
    public var seeds: SeedBase
    /// Structure sets to build (``Profile/structureSets``).
    public var structureSets: [String]
}

/// Pretrain a DIM encoder on a structure set's training crystals, without labels (Docs/Protocol.md §3–4, §5.2).
public struct DIMPretrainRequest: Codable, Equatable, Sendable {
    public var structureSet: String
    /// Use the synthetic false samples (false composition, polymorph, permuted sites).
    public var synthetic: Bool
    public var budget: TrainingBudget
    /// The budget probe's longer budget: train on until it stops too and report its result in the
    /// artifact's `probe.*` metrics (the returned weights stay the main budget's).
    public var probeBudget: TrainingBudget? = nil
    /// Purposes: `train` (the root of every stream of the training run: initialisation, validation
    /// split, each epoch's batches and noise) and `downstream-check`.
    public var seeds: SeedBase
    /// With a probe budget: label counts of the downstream check that compares the main and the
    /// probe encoder on the training split (``DownstreamCheck``; empty: no check).
    public var downstreamLabelCounts: [Int] = []
    /// The regressors of that check (the profile's fig 8 settings).
    public var regressor: RegressorSettings? = nil
    /// Where the training run saves its state and continues from after an interruption (the
    /// runner's; not part of what the item computes, so not part of its key). Nil: no saving.
    public var resume: ResumePoint? = nil
}

/// Train a supervised Site-Net from random init on every training label of `task` (the donor of
/// the other task's transfer arm; Docs/Protocol.md §5.3, `compact_dim_sall`).
public struct DonorRequest: Codable, Equatable, Sendable {
    public var task: PropertyTask
    public var budget: TrainingBudget
    /// Purpose `train`: the root of every stream of the training run (initialisation, validation
    /// split, each epoch's batches).
    public var seeds: SeedBase
    /// Where the training run saves its state and continues from after an interruption (the
    /// runner's; not part of what the item computes, so not part of its key). Nil: no saving.
    public var resume: ResumePoint? = nil
}

/// One fig 7 trial: supervised Site-Net on the label subset, from an initialisation, evaluated
/// on the task's whole test split (MAE).
public struct SupervisedTrialRequest: Codable, Equatable, Sendable {
    public var task: PropertyTask
    public var nLabels: Int
    public var trial: Int
    public var initialisation: SiteNetInit
    /// Rows (of the task's structure set training list) of the labelled subset, drawn by the runner
    /// so that trial k of every arm uses the same subset: `trainRows ∪ validationRows`.
    public var labelRows: [Int]
    /// The 95 % the model trains on (authors: `random_split(n − n//20, n//20)`).
    public var trainRows: [Int]
    /// The 5 % used for early stopping / best-checkpoint selection (n//20 crystals; same for every arm).
    public var validationRows: [Int]
    public var budget: TrainingBudget
    /// The budget probe's longer budget: train on until it stops too and report its MAEs as
    /// `probe.*` extras (the outcome's `mae` stays the main budget's).
    public var probeBudget: TrainingBudget? = nil
    /// This arm's own streams. The real backend draws nothing from them (every stream of a trial
    /// is paired, below); they name the item for backends that need an arm-specific draw.
    public var seeds: SeedBase
    /// Streams shared by every arm of this (task, n, trial), so arms differ only by their start:
    /// purpose `sitenet`, the root of the trial's training streams (the random initialisation a
    /// random-start arm uses, the re-initialised head, each epoch's batch order).
    public var pairedSeeds: SeedBase
    /// Where the training run saves its state and continues from after an interruption (the
    /// runner's; not part of what the item computes, so not part of its key). Nil: no saving.
    public var resume: ResumePoint? = nil
}

/// Vectors of every crystal of a structure set (train and test) under one representation.
public struct RepresentationRequest: Codable, Equatable, Sendable {
    public var structureSet: String
    public var representation: Representation
    /// Purpose `init` seeds the untrained encoder.
    public var seeds: SeedBase
}

/// One fig 8 / fig 12 trial: a regressor fitted on a label subset of frozen vectors.
/// The runner has already gathered the rows: `trainX` is `trainY.count × dimension`, row-major.
public struct RegressorTrialRequest: Sendable {
    public var regressor: RegressorKind
    /// Fit a standard scaler on `trainX` and apply it to both sets first.
    public var standardise: Bool
    public var settings: RegressorSettings
    public var dimension: Int
    public var trainX: [Float]
    public var trainY: [Double]
    public var testX: [Float]
    public var testY: [Double]
    /// Purpose `mlp`: the MLP's initialisation, batch order and validation split (the linear
    /// regression draws nothing).
    public var seeds: SeedBase
}

/// t-SNE of a structure set's test vectors under one representation (figs 9, 10).
public struct TSNERequest: Sendable {
    public var settings: TSNESettings
    public var dimension: Int
    /// `rows.count × dimension`, row-major.
    public var points: [Float]
    public var rows: [Int]
    /// Purpose `init` (when not PCA) and `tsne`.
    public var seeds: SeedBase
    /// Start from random N(0, 1e-4²) coordinates drawn from the seeds (the repeats over t-SNE
    /// seeds) instead of the authors' PCA start, which is the same for every seed.
    public var randomInitialisation: Bool = false
}
