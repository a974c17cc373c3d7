/// One claim of the paper (Docs/Protocol.md §10): its id, the figure whose results decide it, the
/// statement as the paper makes it and, for claims decided on paired comparisons, which ones.
public struct ClaimSpec: Codable, Equatable, Sendable {
    /// `C1` … `C17`.
    public var id: String
    public var figure: String
    public var statement: String
    /// The comparisons the claim reads (nil: C1, C8, C12–C14, decided on curves, spreads, maps or a
    /// data-dependent pair). With ``ClaimCases/aLower`` set the claim is directional and decided by
    /// ``ClaimRules``' shared rule; otherwise a special rule reads these comparisons.
    public var cases: ClaimCases?

    public init(id: String, figure: String, statement: String, cases: ClaimCases? = nil) {
        self.id = id; self.figure = figure; self.statement = statement; self.cases = cases
    }
}

/// Which label counts a claim covers.
public enum LabelRange: Codable, Equatable, Sendable {
    case all
    case atMost(Int)
    case atLeast(Int)
    case only(Int)

    public func contains(_ n: Int) -> Bool {
        switch self {
        case .all: return true
        case let .only(m): return n == m
        case let .atMost(m): return n <= m
        case let .atLeast(m): return n >= m
        }
    }
}

/// The paired comparisons (arm A − arm B) a claim reads from one figure's analysis: for every task
/// in ``tasks``, every label count of the run in ``labels``, every pair in order.
public struct ClaimCases: Codable, Equatable, Sendable {
    /// One comparison per task and label count; `label` names the case in the verdict, with
    /// `{task}` and `{n}` filled in.
    public struct Pair: Codable, Equatable, Sendable {
        public var a: String
        public var b: String
        public var label: String
        public init(_ a: String, _ b: String, _ label: String) { self.a = a; self.b = b; self.label = label }
    }

    /// The figure analysis holding the comparisons (`fig7`, `fig8`, `fig11`, `fig12`).
    public var figure: String
    public var tasks: [String]
    public var labels: LabelRange
    public var pairs: [Pair]
    /// Directional claims: true when the claim says A's MAE is lower than B's. Nil for a claim with
    /// its own rule (C6, C17), listed so that the analysis tags the comparisons it reads.
    public var aLower: Bool?
    /// What the verdict rests on, in words (the report's "evidence" column).
    public var evidence: String
    /// The authors' fig 7 numbers printed beside the verdict: their medians for ``task`` at label
    /// counts in ``labels`` and the unpaired test of arm ``testA`` − ``testB`` on their trials
    /// (their notebook also holds 10,000 labels, which C3 and C4 leave out).
    public var paper: PaperContext?

    /// The case label of `pair` for `task` at `n` labels.
    public func label(_ pair: Pair, task: String, n: Int) -> String {
        pair.label.replacingOccurrences(of: "{task}", with: task).replacingOccurrences(of: "{n}", with: String(n))
    }

    /// Whether these cases include arm `a` − arm `b` of `figure` for `task` at `n` labels.
    public func includes(figure f: String, task: String, n: Int, a: String, b: String) -> Bool {
        f == figure && tasks.contains(task) && labels.contains(n) && pairs.contains { $0.a == a && $0.b == b }
    }
}

/// The authors' numbers shown beside a fig 7 verdict (see ``ClaimCases/paper``).
public struct PaperContext: Codable, Equatable, Sendable {
    public var task: String
    public var labels: LabelRange
    public var testA: String
    public var testB: String
    /// How the test's difference is named, e.g. "DIM − random".
    public var testName: String
}

/// Claims C1–C17 of the paper: the one place their statements are written. The experiment
/// catalogue lists them (which figure decides which claim), the verdict rules
/// (``ClaimRules``) print them beside each verdict.
public enum PaperClaims {
    public static let all: [ClaimSpec] = [
        ClaimSpec(id: "C1", figure: "fig6", statement: "DIM training is smooth and roughly monotonic for both encoders; both DIM losses end below the zero-classifier baseline, the global one lower than the local one"),
        ClaimSpec(id: "C2", figure: "fig7", statement: "e_form: DIM initialisation beats random initialisation at 50, 100 and 250 labels",
                  cases: ClaimCases(figure: "fig7", tasks: ["e_form"], labels: .atMost(250),
                                     pairs: [.init(ArmID.dim, ArmID.random, "n={n}")],
                                     aLower: true, evidence: "fig 7, paired DIM − random per label count n ≤ 250", paper: PaperContext(task: "e_form", labels: .atMost(250), testA: ArmID.dim, testB: ArmID.random, testName: "DIM − random"))),
        ClaimSpec(id: "C3", figure: "fig7", statement: "e_form: random initialisation beats DIM initialisation at 1000 labels",
                  cases: ClaimCases(figure: "fig7", tasks: ["e_form"], labels: .atLeast(1000),
                                     pairs: [.init(ArmID.dim, ArmID.random, "n={n}")],
                                     aLower: false, evidence: "fig 7, paired DIM − random at n ≥ 1000 (claimed: positive)", paper: PaperContext(task: "e_form", labels: .only(1000), testA: ArmID.dim, testB: ArmID.random, testName: "DIM − random"))),
        ClaimSpec(id: "C4", figure: "fig7", statement: "e_form: starting from the band-gap model is worse than random at every label count",
                  cases: ClaimCases(figure: "fig7", tasks: ["e_form"], labels: .all,
                                     pairs: [.init(ArmID.transfer, ArmID.random, "n={n}")],
                                     aLower: false, evidence: "fig 7, paired transfer − random at every n (claimed: positive)", paper: PaperContext(task: "e_form", labels: .atMost(1000), testA: ArmID.transfer, testB: ArmID.random, testName: "transfer − random"))),
        ClaimSpec(id: "C5", figure: "fig7", statement: "gap: starting from the formation-energy model is the best start at every label count",
                  cases: ClaimCases(figure: "fig7", tasks: ["gap"], labels: .all,
                                     pairs: [.init(ArmID.transfer, ArmID.random, "n={n} vs random"), .init(ArmID.transfer, ArmID.dim, "n={n} vs DIM")],
                                     aLower: true, evidence: "fig 7, paired transfer − random and transfer − DIM at every n", paper: PaperContext(task: "gap", labels: .all, testA: ArmID.transfer, testB: ArmID.random, testName: "transfer − random"))),
        ClaimSpec(id: "C6", figure: "fig7", statement: "gap: DIM initialisation changes the MAE little in either direction",
                  cases: ClaimCases(figure: "fig7", tasks: ["gap"], labels: .all,
                                     pairs: [.init(ArmID.dim, ArmID.random, "n={n}")],
                                     aLower: nil, evidence: "fig 7, paired DIM − random for the band gap at every n", paper: PaperContext(task: "gap", labels: .all, testA: ArmID.dim, testB: ArmID.random, testName: "DIM − random"))),
        ClaimSpec(id: "C7", figure: "fig8", statement: "e_form: trained DIM vectors beat untrained vectors for both regressors at every label count",
                  cases: ClaimCases(figure: "fig8", tasks: ["e_form"], labels: .all,
                                     pairs: [.init(ArmID.linearDIM, ArmID.linearUntrained, "linear n={n}"), .init(ArmID.mlpDIM, ArmID.mlpUntrained, "MLP n={n}")],
                                     aLower: true, evidence: "fig 8, paired DIM − untrained for the linear model and the MLP at every n")),
        ClaimSpec(id: "C8", figure: "fig8", statement: "at 50–100 labels the DIM vectors give the lowest median MAE of all representations (both tasks)"),
        ClaimSpec(id: "C9", figure: "fig8", statement: "gap: DIM vectors improve linear models at ≤ 100 labels",
                  cases: ClaimCases(figure: "fig8", tasks: ["gap"], labels: .atMost(100),
                                     pairs: [.init(ArmID.linearDIM, ArmID.linearUntrained, "n={n}")],
                                     aLower: true, evidence: "fig 8, paired linear-DIM − linear-untrained at n ≤ 100")),
        ClaimSpec(id: "C10", figure: "fig8", statement: "gap, ≥ 250 labels: the MLP on DIM vectors falls behind the MLP on untrained vectors",
                  cases: ClaimCases(figure: "fig8", tasks: ["gap"], labels: .atLeast(250),
                                     pairs: [.init(ArmID.mlpDIM, ArmID.mlpUntrained, "n={n}")],
                                     aLower: false, evidence: "fig 8, paired MLP-DIM − MLP-untrained at n ≥ 250 (claimed: positive)")),
        ClaimSpec(id: "C11", figure: "fig8", statement: "untrained vectors beat the engineered features (OFM, XRD) at small data",
                  cases: ClaimCases(figure: "fig8", tasks: ["e_form", "gap"], labels: .atMost(100),
                                     pairs: [.init(ArmID.mlpUntrained, ArmID.mlpOFM, "{task} n={n} vs OFM"), .init(ArmID.mlpUntrained, ArmID.mlpXRD, "{task} n={n} vs XRD")],
                                     aLower: true, evidence: "fig 8, paired MLP-untrained − MLP-OFM and − MLP-XRD at n ≤ 100, both tasks")),
        ClaimSpec(id: "C12", figure: "fig8", statement: "DIM vectors make downstream models more consistent at small data (smaller spread of MAE)"),
        ClaimSpec(id: "C13", figure: "fig9", statement: "metal–halogen materials cluster more after DIM training, most clearly for e_form"),
        ClaimSpec(id: "C14", figure: "fig10", statement: "DIM training gives no obvious clustering by property label"),
        ClaimSpec(id: "C15", figure: "fig11", statement: "Site-Net fine-tuning beats a small model on frozen vectors at every label count, even at 50",
                  cases: ClaimCases(figure: "fig11", tasks: ["e_form", "gap"], labels: .all,
                                     pairs: [.init(ArmID.random, ArmID.mlpUntrained, "{task} n={n} random-init vs MLP-untrained"), .init(ArmID.dim, ArmID.mlpDIM, "{task} n={n} DIM-init vs MLP-DIM")],
                                     aLower: true, evidence: "fig 11, Site-Net − MLP, same initialisation/representation, every n, both tasks; paired over the trials both experiments ran (trial k of fig 7 and of fig 8 share a label subset)")),
        ClaimSpec(id: "C16", figure: "fig12", statement: "e_form: without the synthetic false samples the DIM vectors are worse than with them, and worse than untrained vectors in all cases",
                  cases: ClaimCases(figure: "fig12", tasks: ["e_form"], labels: .all,
                                     pairs: [.init(ArmID.linearDIMNoSynthetic, ArmID.linearDIM, "linear n={n} vs DIM"), .init(ArmID.mlpDIMNoSynthetic, ArmID.mlpDIM, "MLP n={n} vs DIM"), .init(ArmID.linearDIMNoSynthetic, ArmID.linearUntrained, "linear n={n} vs untrained"), .init(ArmID.mlpDIMNoSynthetic, ArmID.mlpUntrained, "MLP n={n} vs untrained")],
                                     aLower: false, evidence: "fig 12, no-synthetic − synthetic DIM and no-synthetic − untrained, both regressors, every n (claimed: positive); paired with fig 8's arms over shared label subsets")),
        ClaimSpec(id: "C17", figure: "fig12", statement: "gap: without the synthetic false samples the linear-model gain at small data disappears",
                  cases: ClaimCases(figure: "fig12", tasks: ["gap"], labels: .atMost(100),
                                     pairs: [.init(ArmID.linearDIMNoSynthetic, ArmID.linearUntrained, "n={n}")],
                                     aLower: nil, evidence: "fig 12, paired linear no-synthetic − linear untrained at n ≤ 100")),
    ]

    /// The claims whose cases include arm `a` − arm `b` of `figure` for `task` at `n` labels, in
    /// claim order: what the analysis tags that comparison with.
    public static func reading(figure: String, task: String, n: Int, a: String, b: String) -> [String] {
        all.filter { $0.cases?.includes(figure: figure, task: task, n: n, a: a, b: b) ?? false }.map(\.id)
    }

    /// The claim with this id (a programming error if there is none).
    public static func spec(_ id: String) -> ClaimSpec {
        guard let c = all.first(where: { $0.id == id }) else { preconditionFailure("no claim \(id) in PaperClaims") }
        return c
    }
}

extension ClaimVerdict {
    /// A verdict on claim `id`, with its figure and statement from ``PaperClaims``.
    init(claim id: String, evidence: String, ours: String, paper: String, verdict: Verdict, rule: String, reason: String) {
        let spec = PaperClaims.spec(id)
        self.init(id: id, figure: spec.figure, claim: spec.statement, evidence: evidence, ours: ours, paper: paper,
                  verdict: verdict, rule: rule, reason: reason)
    }
}
