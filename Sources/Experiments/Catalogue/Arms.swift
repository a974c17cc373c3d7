import Reporting

/// The two prediction tasks of the paper (Matbench v0.1).
public enum PropertyTask: String, Codable, CaseIterable, Sendable, Comparable {
    /// `matbench_mp_e_form`: formation energy per atom (eV/atom).
    case eForm = "e_form"
    /// `matbench_mp_gap`: PBE band gap (eV).
    case gap = "gap"

    /// The other task (the donor of fig 7's transfer arm).
    public var other: PropertyTask { self == .eForm ? .gap : .eForm }
    /// Unit of the MAE.
    public var unit: String { self == .eForm ? "eV/atom" : "eV" }
    public static func < (a: PropertyTask, b: PropertyTask) -> Bool { a.rawValue < b.rawValue }
}

/// How a fig 7 supervised Site-Net is initialised (Docs/Protocol.md §3.3, §5.4).
public enum SiteNetInit: String, Codable, CaseIterable, Sendable {
    /// Default initialisation, seeded by the trial.
    case random
    /// Encoder weights of the DIM model pretrained (with synthetic false samples) on the task's
    /// training structures; the 64→64→1 head re-initialised.
    case dim
    /// Weights of the supervised model trained on all labels of the other task; head re-initialised.
    case transfer
}

/// A frozen representation fed to a downstream regressor (figs 8, 12) or to t-SNE (figs 9, 10).
public enum Representation: String, Codable, CaseIterable, Sendable, Comparable {
    /// The 64-d global vector of a randomly initialised (seeded) Site-Net DIM encoder.
    case untrained
    /// The 64-d global vector of the DIM encoder trained with synthetic false samples.
    case dim
    /// The 64-d global vector of the DIM encoder trained without synthetic false samples (fig 12).
    case dimNoSynthetic = "dim-nosynthetic"
    /// matminer's orbital field matrix (period tag, flattened, 1521-d) of the supercell.
    case ofm
    /// The 128-d Gaussian-KDE XRD powder pattern of the supercell (Docs/Protocol.md §6.3).
    case xrd
    public static func < (a: Representation, b: Representation) -> Bool { a.rawValue < b.rawValue }

    /// The DIM pretraining run whose encoder produces this representation, if any:
    /// `true` = with synthetic false samples, `false` = without.
    public var dimSynthetic: Bool? {
        switch self {
        case .dim: return true
        case .dimNoSynthetic: return false
        default: return nil
        }
    }
}

/// A downstream regressor on frozen vectors (Docs/Protocol.md §6).
public enum RegressorKind: String, Codable, CaseIterable, Sendable {
    /// Ordinary least squares with intercept (scikit-learn `LinearRegression()`).
    case linear
    /// scikit-learn `MLPRegressor(hidden_layer_sizes=[64], max_iter=5000)` semantics.
    case mlp
}

/// What one arm of an experiment trains, as data.
public enum ArmKind: Codable, Equatable, Sendable {
    /// A supervised Site-Net trained on the label subset from the given initialisation.
    case siteNet(SiteNetInit)
    /// A regressor fitted on the label subset of a frozen representation; `standardise` = fit a
    /// standard scaler on the training subset first (the authors do this for the untrained
    /// vectors only; never for OFM/XRD because of their `args.dataset` bug: Docs/Protocol.md §6.6).
    case regressor(RegressorKind, Representation, standardise: Bool)
}

/// One arm: an `ArmID` string (the key in ``Reporting/TrialRecord/arm``) and what it trains.
public struct ArmSpec: Codable, Equatable, Sendable {
    /// See ``Reporting/ArmID``.
    public var id: String
    /// Short label for plots and tables.
    public var label: String
    public var kind: ArmKind
    /// False for arms the paper computed but did not plot (linear OFM/XRD: orders of magnitude worse).
    public var plottedInPaper: Bool
    public init(id: String, label: String, kind: ArmKind, plottedInPaper: Bool = true) {
        self.id = id; self.label = label; self.kind = kind; self.plottedInPaper = plottedInPaper
    }
}

extension ArmSpec {
    static func siteNet(_ id: String, _ label: String, _ i: SiteNetInit) -> ArmSpec {
        ArmSpec(id: id, label: label, kind: .siteNet(i))
    }
    static func regressor(_ id: String, _ label: String, _ r: RegressorKind, _ rep: Representation,
                          plotted: Bool = true) -> ArmSpec {
        ArmSpec(id: id, label: label, kind: .regressor(r, rep, standardise: rep == .untrained), plottedInPaper: plotted)
    }

    /// Every arm that produces trials, by id.
    public static let all: [ArmSpec] = [
        .siteNet(ArmID.random, "Site-Net, random init", .random),
        .siteNet(ArmID.dim, "Site-Net, DIM init", .dim),
        .siteNet(ArmID.transfer, "Site-Net, from other task", .transfer),
        .regressor(ArmID.linearUntrained, "linear, untrained", .linear, .untrained),
        .regressor(ArmID.linearDIM, "linear, DIM", .linear, .dim),
        .regressor(ArmID.mlpUntrained, "MLP, untrained", .mlp, .untrained),
        .regressor(ArmID.mlpDIM, "MLP, DIM", .mlp, .dim),
        .regressor(ArmID.mlpOFM, "MLP, OFM", .mlp, .ofm),
        .regressor(ArmID.mlpXRD, "MLP, XRD", .mlp, .xrd),
        .regressor(ArmID.linearOFM, "linear, OFM", .linear, .ofm, plotted: false),
        .regressor(ArmID.linearXRD, "linear, XRD", .linear, .xrd, plotted: false),
        .regressor(ArmID.linearDIMNoSynthetic, "linear, DIM without synthetic", .linear, .dimNoSynthetic),
        .regressor(ArmID.mlpDIMNoSynthetic, "MLP, DIM without synthetic", .mlp, .dimNoSynthetic),
    ]

    /// The arm with this id (precondition: it exists).
    public static func named(_ id: String) -> ArmSpec {
        guard let a = all.first(where: { $0.id == id }) else { preconditionFailure("unknown arm \(id)") }
        return a
    }
}
