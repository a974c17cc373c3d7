import Reporting

/// The models (trained artifacts) an experiment consumes.
public enum ModelRole: String, Codable, CaseIterable, Sendable {
    /// DIM pretraining with the synthetic false samples (Docs/Protocol.md §5.2), one per task's structure set.
    case dimSynthetic = "dim-synthetic"
    /// DIM pretraining with only the other-crystal false sample (fig 12).
    case dimNoSynthetic = "dim-nosynthetic"
    /// A supervised Site-Net trained from random init on all training labels of a task (the
    /// `compact_dim_sall` donor of fig 7's transfer arm).
    case donor
    /// A randomly initialised (seeded) DIM encoder: the "untrained" vectors.
    case untrainedEncoder = "untrained-encoder"
    /// Orbital field matrix and XRD featurisers (not trained, but computed once per structure set).
    case baselineFeatures = "baseline-features"
}

/// What kind of result a figure shows.
public enum FigureKind: String, Codable, Sendable {
    /// Fig 6: per-epoch validation losses of DIM pretraining.
    case learningCurves
    /// Boxes of test MAE per arm, per task and label count (figs 7, 8, 12).
    case trialBoxes
    /// Fig 11: boxes reused from two other experiments, compared across them.
    case crossExperiment
    /// Figs 9, 10: t-SNE maps of test-set vectors.
    case tsne
}

/// One figure of the paper, as data: what it runs, what it reuses, which claims it decides.
public struct FigureSpec: Codable, Equatable, Sendable {
    /// `fig6` … `fig12`; also the `experiment` of the trials it runs.
    public var id: String
    public var title: String
    public var kind: FigureKind
    public var tasks: [PropertyTask]
    /// The paper's label counts (a profile may reduce them, saying so).
    public var labelCounts: [Int]
    /// Arms whose trials this figure runs (trial records carry `experiment == id`).
    public var arms: [String]
    /// Arms of other experiments this figure shows beside its own, as `(experiment, arm)`.
    public var reusedArms: [ArmReference]
    /// Trials per box in the authors' protocol at each label count (empty: not a trial figure).
    public var trialsPerBox: [Int: Int]
    /// Models it consumes.
    public var models: [ModelRole]
    /// For t-SNE figures: the representations mapped and how points are coloured.
    public var tsneRepresentations: [Representation]
    public var tsneColouring: String?
    /// Claims (see ``ClaimSpec``) this figure decides.
    public var claims: [String]
}

/// An arm of another experiment, shown in this figure.
public struct ArmReference: Codable, Equatable, Sendable, Hashable {
    public var experiment: String
    public var arm: String
    public init(_ experiment: String, _ arm: String) { self.experiment = experiment; self.arm = arm }
}

/// One claim of the paper (Docs/Protocol.md §10), decided by the report's verdict rules.
public struct ClaimSpec: Codable, Equatable, Sendable {
    /// `C1` … `C17`.
    public var id: String
    public var figure: String
    public var statement: String
}

/// The whole experiment catalogue of the paper: every figure 6–12 and claim C1–C17.
/// Nothing is left out because it is slow; profiles reduce budgets, never the catalogue.
public enum ExperimentCatalogue {
    /// The paper's label counts.
    public static let paperLabelCounts = [50, 100, 250, 1000]
    /// Fig 7: 12 paired seeds per box (README of the authors; Docs/Protocol.md §8.1).
    public static let siteNetTrials: [Int: Int] = [50: 12, 100: 12, 250: 12, 1000: 12]
    /// Figs 8, 12: `repeats = [100, 100, 100, 25]` in the authors' sklearn scripts (Docs/Protocol.md §6.7).
    public static let regressorTrials: [Int: Int] = [50: 100, 100: 100, 250: 100, 1000: 25]

    static let fig8Arms = [ArmID.linearUntrained, ArmID.linearDIM, ArmID.mlpUntrained, ArmID.mlpDIM,
                           ArmID.mlpOFM, ArmID.mlpXRD, ArmID.linearOFM, ArmID.linearXRD]

    /// Figures 6–12 in order.
    public static let figures: [FigureSpec] = [
        FigureSpec(id: "fig6", title: "DIM validation learning curves", kind: .learningCurves,
                   tasks: [.eForm, .gap], labelCounts: [], arms: [], reusedArms: [], trialsPerBox: [:],
                   models: [.dimSynthetic, .dimNoSynthetic], tsneRepresentations: [], tsneColouring: nil,
                   claims: ["C1"]),
        FigureSpec(id: "fig7", title: "Transfer learning: supervised Site-Net by initialisation", kind: .trialBoxes,
                   tasks: [.eForm, .gap], labelCounts: paperLabelCounts,
                   arms: [ArmID.random, ArmID.dim, ArmID.transfer], reusedArms: [], trialsPerBox: siteNetTrials,
                   models: [.dimSynthetic, .donor], tsneRepresentations: [], tsneColouring: nil,
                   claims: ["C2", "C3", "C4", "C5", "C6"]),
        FigureSpec(id: "fig8", title: "Representation learning: regressors on frozen vectors", kind: .trialBoxes,
                   tasks: [.eForm, .gap], labelCounts: paperLabelCounts, arms: fig8Arms, reusedArms: [],
                   trialsPerBox: regressorTrials,
                   models: [.untrainedEncoder, .dimSynthetic, .baselineFeatures], tsneRepresentations: [],
                   tsneColouring: nil, claims: ["C7", "C8", "C9", "C10", "C11", "C12"]),
        FigureSpec(id: "fig9", title: "t-SNE of test vectors coloured by metal–halogen", kind: .tsne,
                   tasks: [.eForm, .gap], labelCounts: [], arms: [], reusedArms: [], trialsPerBox: [:],
                   models: [.untrainedEncoder, .dimSynthetic], tsneRepresentations: [.untrained, .dim],
                   tsneColouring: "metal-halogen", claims: ["C13"]),
        FigureSpec(id: "fig10", title: "t-SNE of test vectors coloured by property", kind: .tsne,
                   tasks: [.eForm, .gap], labelCounts: [], arms: [], reusedArms: [], trialsPerBox: [:],
                   models: [.untrainedEncoder, .dimSynthetic], tsneRepresentations: [.untrained, .dim],
                   tsneColouring: "label", claims: ["C14"]),
        FigureSpec(id: "fig11", title: "Fine-tuned Site-Net vs MLP on frozen vectors", kind: .crossExperiment,
                   tasks: [.eForm, .gap], labelCounts: paperLabelCounts, arms: [],
                   reusedArms: [ArmReference("fig8", ArmID.mlpUntrained), ArmReference("fig8", ArmID.mlpDIM),
                                ArmReference("fig7", ArmID.random), ArmReference("fig7", ArmID.dim)],
                   trialsPerBox: [:], models: [.untrainedEncoder, .dimSynthetic], tsneRepresentations: [],
                   tsneColouring: nil, claims: ["C15"]),
        FigureSpec(id: "fig12", title: "Representation learning without synthetic false samples", kind: .trialBoxes,
                   tasks: [.eForm, .gap], labelCounts: paperLabelCounts,
                   arms: [ArmID.linearDIMNoSynthetic, ArmID.mlpDIMNoSynthetic],
                   reusedArms: [ArmReference("fig8", ArmID.linearUntrained), ArmReference("fig8", ArmID.linearDIM),
                                ArmReference("fig8", ArmID.mlpUntrained), ArmReference("fig8", ArmID.mlpDIM)],
                   trialsPerBox: regressorTrials, models: [.dimNoSynthetic, .dimSynthetic, .untrainedEncoder],
                   tsneRepresentations: [], tsneColouring: nil, claims: ["C16", "C17"]),
    ]

    /// Claims C1–C17 as the paper states them (Docs/Protocol.md §10).
    public static let claims: [ClaimSpec] = [
        ClaimSpec(id: "C1", figure: "fig6", statement: "DIM training is smooth and roughly monotonic for both encoders; both DIM losses end below the zero-classifier baseline, the global one lower than the local one"),
        ClaimSpec(id: "C2", figure: "fig7", statement: "e_form: DIM initialisation beats random initialisation at 50, 100 and 250 labels"),
        ClaimSpec(id: "C3", figure: "fig7", statement: "e_form: random initialisation beats DIM initialisation at 1000 labels"),
        ClaimSpec(id: "C4", figure: "fig7", statement: "e_form: starting from the band-gap model is worse than random at every label count"),
        ClaimSpec(id: "C5", figure: "fig7", statement: "gap: starting from the formation-energy model is the best start at every label count"),
        ClaimSpec(id: "C6", figure: "fig7", statement: "gap: DIM initialisation changes the MAE little in either direction"),
        ClaimSpec(id: "C7", figure: "fig8", statement: "e_form: trained DIM vectors beat untrained vectors for both regressors at every label count"),
        ClaimSpec(id: "C8", figure: "fig8", statement: "at 50–100 labels the DIM vectors give the lowest median MAE of all representations (both tasks)"),
        ClaimSpec(id: "C9", figure: "fig8", statement: "gap: DIM vectors improve linear models at ≤ 100 labels"),
        ClaimSpec(id: "C10", figure: "fig8", statement: "gap, ≥ 250 labels: the MLP on DIM vectors falls behind the MLP on untrained vectors"),
        ClaimSpec(id: "C11", figure: "fig8", statement: "untrained vectors beat the engineered features (OFM, XRD) at small data"),
        ClaimSpec(id: "C12", figure: "fig8", statement: "DIM vectors make downstream models more consistent at small data (smaller spread of MAE)"),
        ClaimSpec(id: "C13", figure: "fig9", statement: "metal–halogen materials cluster more after DIM training, most clearly for e_form"),
        ClaimSpec(id: "C14", figure: "fig10", statement: "DIM training gives no obvious clustering by property label"),
        ClaimSpec(id: "C15", figure: "fig11", statement: "Site-Net fine-tuning beats a small model on frozen vectors at every label count, even at 50"),
        ClaimSpec(id: "C16", figure: "fig12", statement: "e_form: without the synthetic false samples the DIM vectors are worse than with them, and worse than untrained vectors in all cases"),
        ClaimSpec(id: "C17", figure: "fig12", statement: "gap: without the synthetic false samples the linear-model gain at small data disappears"),
    ]

    /// The figure with this id.
    public static func figure(_ id: String) -> FigureSpec? { figures.first { $0.id == id } }

    /// Figures that run trials, in order (fig7, fig8, fig12).
    public static var trialFigures: [FigureSpec] { figures.filter { $0.kind == .trialBoxes } }
}
