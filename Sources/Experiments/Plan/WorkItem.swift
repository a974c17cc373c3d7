/// What one node of the trial plan computes.
public enum WorkKind: Codable, Equatable, Hashable, Sendable {
    /// Load, filter, split the data.
    case dataset
    /// DIM pretraining on a structure set, with or without synthetic false samples.
    case dimPretrain(structureSet: String, synthetic: Bool)
    /// Full-label supervised model of a task (the other task's transfer start).
    case donor(task: PropertyTask)
    /// Vectors of a structure set under one representation.
    case representation(structureSet: String, representation: Representation)
    /// A fig 7 trial; `probed` = also followed under the budget probe's longer rule (same run, continued).
    case supervisedTrial(experiment: String, task: PropertyTask, nLabels: Int, arm: String, trial: Int, probed: Bool)
    /// A fig 8 / fig 12 trial.
    case regressorTrial(experiment: String, task: PropertyTask, nLabels: Int, arm: String, trial: Int)
    /// A t-SNE map of a structure set's test vectors; `seed` k ≥ 1 for the k-th repeat, started
    /// from random coordinates of its own seed (nil for the authors' PCA-started map, whose key
    /// predates the repeats).
    case tsne(structureSet: String, representation: Representation, seed: Int? = nil)
}

/// One node of the trial plan: a unit of work with a readable unique id, the ids of the items
/// whose outputs it consumes, its stage (1 + the largest stage of its inputs; the dataset is 0)
/// and an estimated cost used to balance shards and order the work.
public struct WorkItem: Codable, Equatable, Sendable {
    /// e.g. `dataset`, `dim/shared/synthetic`, `donor/gap`, `rep/shared/ofm`,
    /// `fig7/e_form/n0050/sitenet-dim/t03`, `fig8/gap/n1000/mlp-ofm/t24`, `tsne/shared/dim`.
    public var id: String
    /// What it computes.
    public var kind: WorkKind
    /// Ids of the items whose outputs it consumes.
    public var inputs: [String]
    /// 0 for the dataset, else 1 + the largest stage of its inputs.
    public var stage: Int
    /// Predicted one-core seconds (``UnitCosts``, the plan's ``EpochAssumption``): balances
    /// shards, orders the critical path and prices what a run will compute.
    public var estimatedCost: Double
}

/// Names of the stages, by index.
public enum StageNames {
    /// Human name of a stage.
    public static func name(_ stage: Int) -> String {
        switch stage {
        case 0: return "dataset"
        case 1: return "DIM pretraining, donors, baseline features, random-init fig 7 trials"
        case 2: return "DIM/transfer fig 7 trials, DIM vectors, baseline regressors, t-SNE of untrained vectors"
        case 3: return "DIM regressors, t-SNE"
        default: return "stage \(stage)"
        }
    }
}
