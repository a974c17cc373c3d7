/// What each box-plot figure of the paper compares, declared once: its title, the experiment whose
/// trials it runs, the authors' trials per box, and the pairs (arm A, arm B) it compares at every
/// task and label count. The analysis (``ResultsAnalyzer``), the report's figure sections, the
/// departures it states and the experiment catalogue's reused arms are all derived from this list;
/// the claims that read a comparison are declared in ``PaperClaims``.
public struct ComparedFigure: Sendable {
    /// `fig7` …; also the `experiment` of its own trials.
    public let id: String
    /// The paper's figure number ("7").
    public let number: String
    public let title: String
    /// Whether it runs trials of its own (`experiment == id`); fig 11 only compares figs 7 and 8.
    public let runsTrials: Bool
    /// The authors' trials per box at each paper label count (nil without trials of its own).
    public let authorsTrials: [Int: Int]?
    /// The pairs compared at every task and label count of the figure's trials (of arm A's
    /// experiment when it runs none), in order.
    public let pairs: [ComparedPair]
    /// Fig 8's extra analysis: C8's data-dependent pair (best DIM arm against the best other arm)
    /// and C12's spread comparison, at ≤ 100 labels.
    public let bestArmAndSpread: Bool

    init(id: String, number: String, title: String, runsTrials: Bool = true, authorsTrials: [Int: Int]?,
         pairs: [ComparedPair], bestArmAndSpread: Bool = false) {
        self.id = id; self.number = number; self.title = title; self.runsTrials = runsTrials
        self.authorsTrials = authorsTrials; self.pairs = pairs; self.bestArmAndSpread = bestArmAndSpread
    }

    /// Arms of other experiments this figure shows, as (experiment, arm), in pair order.
    public var reusedArms: [(experiment: String, arm: String)] {
        var out: [(experiment: String, arm: String)] = []
        for p in pairs {
            for (arm, experiments) in [(p.a, p.aIn), (p.b, p.bIn)] {
                for e in experiments where e != id && !out.contains(where: { $0.experiment == e && $0.arm == arm }) {
                    out.append((e, arm))
                }
            }
        }
        return out
    }
}

/// One compared pair: arm A against arm B, each looked up in the listed experiments in order
/// (the first that has it at the task and label count).
public struct ComparedPair: Sendable {
    public let a: String, aIn: [String]
    public let b: String, bIn: [String]

    /// A pair of arms of the same experiment.
    init(_ a: String, _ b: String, in experiment: String) { self.init(a, in: [experiment], b, in: [experiment]) }
    init(_ a: String, in aIn: [String], _ b: String, in bIn: [String]) { self.a = a; self.aIn = aIn; self.b = b; self.bIn = bIn }
}

public enum ComparedFigures {
    /// Figs 7, 8, 11, 12 in order. Each pair is either a claim's case (``PaperClaims``) or shown
    /// for context.
    public static let all: [ComparedFigure] = [
        ComparedFigure(id: "fig7", number: "7", title: "Transfer learning: supervised Site-Net by initialisation",
                       authorsTrials: PaperDesign.siteNetTrials,
                       pairs: [.init(ArmID.dim, ArmID.random, in: "fig7"), .init(ArmID.transfer, ArmID.random, in: "fig7"),
                               .init(ArmID.transfer, ArmID.dim, in: "fig7")]),
        ComparedFigure(id: "fig8", number: "8", title: "Representation learning: regressors on frozen vectors",
                       authorsTrials: PaperDesign.regressorTrials,
                       pairs: [.init(ArmID.linearDIM, ArmID.linearUntrained, in: "fig8"), .init(ArmID.mlpDIM, ArmID.mlpUntrained, in: "fig8"),
                               .init(ArmID.mlpUntrained, ArmID.mlpOFM, in: "fig8"), .init(ArmID.mlpUntrained, ArmID.mlpXRD, in: "fig8")],
                       bestArmAndSpread: true),
        ComparedFigure(id: "fig11", number: "11", title: "Site-Net fine-tuning vs a small model on frozen vectors",
                       runsTrials: false, authorsTrials: nil,
                       pairs: [.init(ArmID.random, in: ["fig7"], ArmID.mlpUntrained, in: ["fig8"]),
                               .init(ArmID.dim, in: ["fig7"], ArmID.mlpDIM, in: ["fig8"])]),
        ComparedFigure(id: "fig12", number: "12", title: "Representation learning with DIM trained without synthetic false samples",
                       authorsTrials: PaperDesign.regressorTrials,
                       pairs: [.init(ArmID.linearDIMNoSynthetic, in: ["fig12"], ArmID.linearDIM, in: ["fig12", "fig8"]),
                               .init(ArmID.mlpDIMNoSynthetic, in: ["fig12"], ArmID.mlpDIM, in: ["fig12", "fig8"]),
                               .init(ArmID.linearDIMNoSynthetic, in: ["fig12"], ArmID.linearUntrained, in: ["fig12", "fig8"]),
                               .init(ArmID.mlpDIMNoSynthetic, in: ["fig12"], ArmID.mlpUntrained, in: ["fig12", "fig8"])]),
    ]

    /// The figure with this id, if it is a compared figure.
    public static func figure(_ id: String) -> ComparedFigure? { all.first { $0.id == id } }
}
