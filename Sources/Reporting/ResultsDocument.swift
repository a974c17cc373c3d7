import Foundation

/// Everything one run produced, before analysis: the contract between the experiment runner
/// (which fills it from the result store) and the report (which analyses and renders it).
/// Encoded as JSON with sorted keys so that identical runs give identical bytes.
public struct ResultsDocument: Codable, Equatable, Sendable {
    /// Bumped when a field changes meaning.
    public var schemaVersion: Int = 1
    /// The profile that was run and how it departs from the authors' protocol.
    public var profile: ProfileSummary
    /// Where, how and with what the numbers were made.
    public var provenance: Provenance
    /// What the dataset held and which records were dropped, and why.
    public var dataset: DatasetSummary
    /// Fig 6: per-epoch validation losses of each DIM pretraining run.
    public var learningCurves: [LearningCurve]
    /// Figs 7, 8, 12 (and 11, which reuses 7 and 8): one record per trial, failed ones included.
    public var trials: [TrialRecord]
    /// Figs 9, 10: 2-D t-SNE maps of test-set crystal vectors.
    public var tsneMaps: [TSNEMap]
    /// The same arm run with a shorter and a longer budget, to show what a budget cut costs.
    public var budgetComparisons: [BudgetComparison]
    /// How each DIM model and donor stopped (nil in documents written before it existed).
    public var trainingRuns: [TrainingRunRecord]?
    /// The maps of ``tsneMaps`` repeated with further t-SNE seeds (each carries its ``TSNEMap/seed``),
    /// for the spread of the map-based neighbourhood numbers over seeds (nil: one seed only).
    public var tsneReplicates: [TSNEMap]?

    public init(profile: ProfileSummary, provenance: Provenance, dataset: DatasetSummary,
                learningCurves: [LearningCurve] = [], trials: [TrialRecord] = [], tsneMaps: [TSNEMap] = [],
                budgetComparisons: [BudgetComparison] = [], trainingRuns: [TrainingRunRecord]? = nil,
                tsneReplicates: [TSNEMap]? = nil) {
        self.profile = profile; self.provenance = provenance; self.dataset = dataset
        self.learningCurves = learningCurves; self.trials = trials; self.tsneMaps = tsneMaps
        self.budgetComparisons = budgetComparisons; self.trainingRuns = trainingRuns; self.tsneReplicates = tsneReplicates
    }

    /// Deterministic JSON (sorted keys, pretty-printed).
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try e.encode(self)
    }

    /// Decodes a document written by ``jsonData()``.
    public static func decode(_ data: Data) throws -> ResultsDocument {
        try JSONDecoder().decode(ResultsDocument.self, from: data)
    }
}

/// The profile that was run.
public struct ProfileSummary: Codable, Equatable, Sendable {
    /// `smoke`, `quick`, `default` or `paper`.
    public var name: String
    /// One paragraph for the report.
    public var description: String
    /// Every way this profile departs from the authors' protocol, one sentence each.
    public var departures: [String]
    /// Key settings (epochs, patience, learning rate, trials per box, …) as text for a table.
    public var settings: [String: String]
    /// True for a preview profile whose training is cut below convergence: the report says its
    /// verdicts do not test the paper (nil in documents written before it existed).
    public var isPreview: Bool?
    public init(name: String, description: String, departures: [String], settings: [String: String], isPreview: Bool? = nil) {
        self.name = name; self.description = description; self.departures = departures; self.settings = settings
        self.isPreview = isPreview
    }
}

/// Provenance of a run, shown in the report's footer.
public struct Provenance: Codable, Equatable, Sendable {
    public var toolVersion: String
    public var gitCommit: String
    /// SHA-256 of the dataset file(s).
    public var dataChecksum: String
    /// Root seed name of every derived stream.
    public var seedRoot: String
    /// `openblas_get_corename()` and the BLAS threads per trial.
    public var blasCore: String
    public var blasThreadsPerTrial: Int
    /// Trials run side by side.
    public var jobs: Int
    /// Host description (CPU model, cores, OS).
    public var machine: String
    /// Compute time per stage (seconds summed over its work items), in plan order.
    public var stageSeconds: [StageTiming]
    public init(toolVersion: String, gitCommit: String, dataChecksum: String, seedRoot: String, blasCore: String,
                blasThreadsPerTrial: Int, jobs: Int, machine: String, stageSeconds: [StageTiming]) {
        self.toolVersion = toolVersion; self.gitCommit = gitCommit; self.dataChecksum = dataChecksum
        self.seedRoot = seedRoot; self.blasCore = blasCore; self.blasThreadsPerTrial = blasThreadsPerTrial
        self.jobs = jobs; self.machine = machine; self.stageSeconds = stageSeconds
    }
}

/// Wall time of one stage (e.g. "DIM pretraining", "fig 8 regressors").
public struct StageTiming: Codable, Equatable, Sendable {
    public var stage: String
    public var seconds: Double
    /// Work items of the stage with a result in the store (whichever run computed them), and a
    /// count kept for the format's sake (always 0: the seconds are the items' recorded ones,
    /// whether this run computed them or found them stored).
    public var computed: Int
    public var reused: Int
    public init(stage: String, seconds: Double, computed: Int, reused: Int) {
        self.stage = stage; self.seconds = seconds; self.computed = computed; self.reused = reused
    }
}

/// What the dataset held.
public struct DatasetSummary: Codable, Equatable, Sendable {
    public var name: String
    public var recordsRead: Int
    /// Per task: crystals in the training split (pool for labels and DIM) and the test split.
    public var splits: [SplitSize]
    /// Every dropped record with its reason (bad record, primitive cell > 50 sites, missing
    /// Magpie value, noble gas, …).
    public var skipped: [SkippedRecord]
    public init(name: String, recordsRead: Int, splits: [SplitSize], skipped: [SkippedRecord]) {
        self.name = name; self.recordsRead = recordsRead; self.splits = splits; self.skipped = skipped
    }
}

/// Sizes of one task's splits.
public struct SplitSize: Codable, Equatable, Sendable {
    public var task: String
    public var train: Int
    public var test: Int
    public init(task: String, train: Int, test: Int) { self.task = task; self.train = train; self.test = test }
}

/// A record that was not used, and why.
public struct SkippedRecord: Codable, Equatable, Sendable {
    public var id: String
    public var reason: String
    public init(id: String, reason: String) { self.id = id; self.reason = reason }
}

/// Fig 6: one DIM pretraining run's validation curves.
public struct LearningCurve: Codable, Equatable, Sendable {
    /// Model name, e.g. `dim-synthetic` or `dim-nosynthetic` (and the task set it was trained on).
    public var model: String
    /// Tasks whose structures it was trained on (`e_form`, `gap`; both when they share a set).
    public var tasks: [String]
    /// Whether the synthetic false samples were used.
    public var synthetic: Bool
    public var points: [CurvePoint]
    /// Loss of a classifier that always scores 0, for each DIM loss: ln 2 per true term plus ln 2
    /// per false term, weighted as the loss weights them, so the local and the global baselines
    /// differ when their numbers of false samples do (2 ln 2 only for one true and one false term).
    public var baselineLocal: Double
    public var baselineGlobal: Double
    /// The epoch whose weights were kept (label-free selection).
    public var selectedEpoch: Int
    /// Why training stopped (patience, max epochs, divergence).
    public var stopReason: String
    public init(model: String, tasks: [String], synthetic: Bool, points: [CurvePoint], baselineLocal: Double,
                baselineGlobal: Double, selectedEpoch: Int, stopReason: String) {
        self.model = model; self.tasks = tasks; self.synthetic = synthetic; self.points = points
        self.baselineLocal = baselineLocal; self.baselineGlobal = baselineGlobal
        self.selectedEpoch = selectedEpoch; self.stopReason = stopReason
    }
}

/// Validation losses after one epoch.
public struct CurvePoint: Codable, Equatable, Sendable {
    public var epoch: Int
    public var localDIM: Double
    public var localKL: Double
    public var globalDIM: Double
    public var globalKL: Double
    public init(epoch: Int, localDIM: Double, localKL: Double, globalDIM: Double, globalKL: Double) {
        self.epoch = epoch; self.localDIM = localDIM; self.localKL = localKL
        self.globalDIM = globalDIM; self.globalKL = globalKL
    }
}

/// One trial of one arm.
public struct TrialRecord: Codable, Equatable, Sendable {
    /// `fig7`, `fig8` or `fig12`.
    public var experiment: String
    /// `e_form` or `gap`.
    public var task: String
    public var nLabels: Int
    /// Arm id, see ``ArmID``.
    public var arm: String
    /// 0-based trial index; trial k of every arm of an experiment uses the same label subset.
    public var trial: Int
    /// Test MAE (eV/atom for e_form, eV for gap); nil when the trial failed.
    public var mae: Double?
    /// Extra metrics (e.g. `maeBest` for the best-on-validation checkpoint, `epochs`).
    public var extra: [String: Double]
    /// Nil when the trial succeeded; otherwise what went wrong.
    public var failure: String?
    public init(experiment: String, task: String, nLabels: Int, arm: String, trial: Int, mae: Double?,
                extra: [String: Double] = [:], failure: String? = nil) {
        self.experiment = experiment; self.task = task; self.nLabels = nLabels; self.arm = arm
        self.trial = trial; self.mae = mae; self.extra = extra; self.failure = failure
    }
}

/// Arm identifiers used in ``TrialRecord/arm``.
public enum ArmID {
    // Fig 7: supervised Site-Net by initialisation.
    public static let random = "sitenet-random"
    public static let dim = "sitenet-dim"
    public static let transfer = "sitenet-transfer"
    // Fig 8: regressor on frozen representation.
    public static let linearUntrained = "linear-untrained"
    public static let linearDIM = "linear-dim"
    public static let mlpUntrained = "mlp-untrained"
    public static let mlpDIM = "mlp-dim"
    public static let mlpOFM = "mlp-ofm"
    public static let mlpXRD = "mlp-xrd"
    public static let linearOFM = "linear-ofm"
    public static let linearXRD = "linear-xrd"
    // Fig 12: DIM trained without synthetic false samples.
    public static let linearDIMNoSynthetic = "linear-dim-nosynthetic"
    public static let mlpDIMNoSynthetic = "mlp-dim-nosynthetic"
}

/// A 2-D t-SNE map of test-set vectors.
public struct TSNEMap: Codable, Equatable, Sendable {
    /// `untrained` or `dim`.
    public var representation: String
    public var task: String
    public var ids: [String]
    public var x: [Double]
    public var y: [Double]
    /// Contains a metal and a halogen (pymatgen's element classes).
    public var metalHalogen: [Bool]
    /// The property label of each point.
    public var labels: [Double]
    public var perplexity: Double
    public var klDivergence: Double
    /// For each point, the indices (into this map's points) of its k nearest neighbours in the
    /// encoder's own vector space (Euclidean, the point itself excluded, nearest first), so that
    /// neighbourhoods can be judged without t-SNE's distortion and seed. Nil when not recorded.
    public var embeddingNeighbours: [[Int]]?
    /// Which t-SNE seed made the map: nil for the first (the figures' map), k ≥ 1 for the k-th repeat.
    public var seed: Int?
    public init(representation: String, task: String, ids: [String], x: [Double], y: [Double], metalHalogen: [Bool],
                labels: [Double], perplexity: Double, klDivergence: Double, embeddingNeighbours: [[Int]]? = nil, seed: Int? = nil) {
        self.representation = representation; self.task = task; self.ids = ids; self.x = x; self.y = y
        self.metalHalogen = metalHalogen; self.labels = labels; self.perplexity = perplexity
        self.klDivergence = klDivergence; self.embeddingNeighbours = embeddingNeighbours; self.seed = seed
    }
}

/// One arm run at two budgets (same seeds), to show what the profile's cut costs.
public struct BudgetComparison: Codable, Equatable, Sendable {
    public var description: String
    public var shortBudget: String
    public var longBudget: String
    public var shortValues: [Double]
    public var longValues: [Double]
    public init(description: String, shortBudget: String, longBudget: String, shortValues: [Double], longValues: [Double]) {
        self.description = description; self.shortBudget = shortBudget; self.longBudget = longBudget
        self.shortValues = shortValues; self.longValues = longValues
    }

    /// The description of a fig 7 cell's comparison, e.g. "fig 7, e_form, 250 labels, sitenet-random":
    /// how the results assembler names it and how the analysis finds the cell's trials again.
    public static func fig7Cell(task: String, nLabels: Int, arm: String) -> String {
        "fig 7, \(task), \(nLabels) labels, \(arm)"
    }
}
