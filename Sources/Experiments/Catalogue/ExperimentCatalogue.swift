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

/// The whole experiment catalogue of the paper: every figure 6–12 and claim C1–C17.
/// Nothing is left out because it is slow; profiles reduce budgets, never the catalogue.
public enum ExperimentCatalogue {
    /// The paper's label counts (``PaperDesign/labelCounts``).
    public static var paperLabelCounts: [Int] { PaperDesign.labelCounts }
    /// Fig 7: 12 paired seeds per box (``PaperDesign/siteNetTrials``).
    public static var siteNetTrials: [Int: Int] { PaperDesign.siteNetTrials }
    /// Figs 8, 12: 100 trials per box, 25 at 1000 labels (``PaperDesign/regressorTrials``).
    public static var regressorTrials: [Int: Int] { PaperDesign.regressorTrials }

    static let fig8Arms = [ArmID.linearUntrained, ArmID.linearDIM, ArmID.mlpUntrained, ArmID.mlpDIM,
                           ArmID.mlpOFM, ArmID.mlpXRD, ArmID.linearOFM, ArmID.linearXRD]

    /// A box-plot figure's declaration in the analysis (its title and compared pairs are written once, there).
    static func compared(_ id: String) -> ComparedFigure {
        guard let f = ComparedFigures.figure(id) else { preconditionFailure("\(id) is not declared in ComparedFigures") }
        return f
    }

    /// The arms of other experiments a box-plot figure compares (from its declared pairs).
    static func reused(_ id: String) -> [ArmReference] { compared(id).reusedArms.map { ArmReference($0.experiment, $0.arm) } }

    /// Figures 6–12 in order.
    public static let figures: [FigureSpec] = [
        FigureSpec(id: "fig6", title: "DIM validation learning curves", kind: .learningCurves,
                   tasks: [.eForm, .gap], labelCounts: [], arms: [], reusedArms: [], trialsPerBox: [:],
                   models: [.dimSynthetic, .dimNoSynthetic], tsneRepresentations: [], tsneColouring: nil,
                   claims: ["C1"]),
        FigureSpec(id: "fig7", title: compared("fig7").title, kind: .trialBoxes,
                   tasks: [.eForm, .gap], labelCounts: paperLabelCounts,
                   arms: [ArmID.random, ArmID.dim, ArmID.transfer], reusedArms: reused("fig7"), trialsPerBox: siteNetTrials,
                   models: [.dimSynthetic, .donor], tsneRepresentations: [], tsneColouring: nil,
                   claims: ["C2", "C3", "C4", "C5", "C6"]),
        FigureSpec(id: "fig8", title: compared("fig8").title, kind: .trialBoxes,
                   tasks: [.eForm, .gap], labelCounts: paperLabelCounts, arms: fig8Arms, reusedArms: reused("fig8"),
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
        FigureSpec(id: "fig11", title: compared("fig11").title, kind: .crossExperiment,
                   tasks: [.eForm, .gap], labelCounts: paperLabelCounts, arms: [],
                   reusedArms: reused("fig11"),
                   trialsPerBox: [:], models: [.untrainedEncoder, .dimSynthetic], tsneRepresentations: [],
                   tsneColouring: nil, claims: ["C15"]),
        FigureSpec(id: "fig12", title: compared("fig12").title, kind: .trialBoxes,
                   tasks: [.eForm, .gap], labelCounts: paperLabelCounts,
                   arms: [ArmID.linearDIMNoSynthetic, ArmID.mlpDIMNoSynthetic],
                   reusedArms: reused("fig12"),
                   trialsPerBox: regressorTrials, models: [.dimNoSynthetic, .dimSynthetic, .untrainedEncoder],
                   tsneRepresentations: [], tsneColouring: nil, claims: ["C16", "C17"]),
    ]

    /// Claims C1–C17 as the paper states them (written once, in ``PaperClaims``).
    public static var claims: [ClaimSpec] { PaperClaims.all }

    /// The figure with this id.
    public static func figure(_ id: String) -> FigureSpec? { figures.first { $0.id == id } }

    /// Figures that run trials, in order (fig7, fig8, fig12).
    public static var trialFigures: [FigureSpec] { figures.filter { $0.kind == .trialBoxes } }
}
