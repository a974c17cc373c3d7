/// One claim of the paper (Docs/Protocol.md §10): its id, the figure whose results decide it, and
/// the statement as the paper makes it.
public struct ClaimSpec: Codable, Equatable, Sendable {
    /// `C1` … `C17`.
    public var id: String
    public var figure: String
    public var statement: String
}

/// Claims C1–C17 of the paper: the one place their statements are written. The experiment
/// catalogue lists them (which figure decides which claim), the verdict rules
/// (``ClaimRules``) print them beside each verdict.
public enum PaperClaims {
    public static let all: [ClaimSpec] = [
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
