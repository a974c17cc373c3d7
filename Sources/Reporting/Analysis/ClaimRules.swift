import Foundation
import Statistics

/// The verdict rules for claims C1–C17, written out and applied mechanically.
///
/// Each claim is its own multiplicity family. Shared rule for directional claims ("A beats B in
/// every listed case"): each case is a comparison A − B with a Hodges–Lehmann shift, its exact
/// interval and a two-sided exact rank-test p; the minimum effect δ = ``AnalysisSettings/minimumEffectFraction``
/// × arm B's median MAE is fixed before any number is computed.
/// - a case **supports** when p < α, the shift has the claimed sign and |shift| ≥ δ;
///   **reproduced** ⇔ every case supports (intersection–union test: each case at level α, no
///   adjustment, see ``ClaimFamily``);
/// - a case **opposes** when its Holm-adjusted p over this claim's cases is < α, the shift has the
///   other sign and |shift| ≥ δ; **contradicted** ⇔ some case opposes;
/// - otherwise **inconclusive**; the reason counts supporting and opposing cases, significant
///   shifts below δ, and cases that cannot reach α at all (minimum attainable p of the test run,
///   times the Holm factor for opposing).
enum ClaimRules {
    /// One expected comparison: arm A should have a lower (or higher) MAE than arm B.
    struct Expectation {
        var label: String
        var comparison: Comparison?
        /// True when the claim says A's MAE is lower than B's.
        var aLower: Bool
    }

    static func f(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "−∞") }
        if x != 0 && abs(x) < 1e-3 { return String(format: "%.2e", x) }
        return String(format: "%.3f", x)
    }
    static func fp(_ p: Double) -> String {
        guard p.isFinite else { return "n/a" }
        return p < 1e-3 ? String(format: "%.1e", p) : String(format: "%.3f", p)
    }
    /// "95.8 %" for an attained level.
    static func level(_ ci: ConfidenceInterval) -> String { String(format: "%.1f %%", ci.level * 100) }

    /// The minimum effect of a comparison: the settings' fraction of arm B's median.
    static func minimumEffect(_ c: Comparison, _ s: AnalysisSettings) -> Double {
        guard let m = c.comparatorMedian, m.isFinite else { return .infinity }
        return s.minimumEffectFraction * abs(m)
    }

    /// Short text of one comparison.
    static func describe(_ c: Comparison) -> String {
        let design = c.paired ? "\(c.nPairs) pairs, A lower in \(c.winsA)/\(c.winsOf)" : "unpaired \(c.nA) vs \(c.nB)"
        return "HL \(f(c.shift)) [\(f(c.shiftCI.lower)), \(f(c.shiftCI.upper))] (\(level(c.shiftCI))), \(design), p \(fp(c.p))"
    }

    static func directional(_ exps: [Expectation], settings: AnalysisSettings) -> (Verdict, String, String) {
        let alpha = settings.alpha
        guard !exps.isEmpty else { return (.inconclusive, "", "no comparisons available in this run") }
        let cases = exps.map { e -> ClaimFamily.Case in
            guard let c = e.comparison else { return .init(p: .nan, shift: .nan, claimedNegative: e.aLower, minimumEffect: .infinity) }
            return .init(p: c.p, shift: c.shift, claimedNegative: e.aLower, minimumEffect: minimumEffect(c, settings))
        }
        let d = ClaimFamily.decide(cases, alpha: alpha)
        let m = cases.filter { !$0.p.isNaN }.count
        var ours: [String] = [], missing: [String] = [], small: [String] = [], noSupport: [String] = [], noOppose: [String] = []
        for (i, e) in exps.enumerated() {
            guard let c = e.comparison else { missing.append(e.label); ours.append("\(e.label): no data"); continue }
            ours.append("\(e.label): \(describe(c)), p_Holm(claim) \(fp(d.pHolm[i])), δ \(f(cases[i].minimumEffect))")
            if d.belowMinimumEffect[i] { small.append(e.label) }
            if c.minimumAttainableP >= alpha { noSupport.append(e.label) }
            if Double(m) * c.minimumAttainableP >= alpha { noOppose.append(e.label) }
        }
        let support = d.supports.filter { $0 }.count, oppose = d.opposes.filter { $0 }.count
        var reason = "\(support) of \(exps.count) cases support (p < \(alpha), claimed sign, |HL| ≥ δ); \(oppose) oppose (Holm over the claim's \(m) cases)"
        if !small.isEmpty { reason += "; significant but below the minimum effect: \(small.joined(separator: ", "))" }
        if !missing.isEmpty { reason += "; no data for \(missing.joined(separator: ", "))" }
        if !noSupport.isEmpty { reason += "; underpowered (minimum attainable p ≥ α, cannot support) for \(noSupport.joined(separator: ", "))" }
        else if !noOppose.isEmpty { reason += "; cannot oppose after Holm (\(m) × minimum attainable p ≥ α) for \(noOppose.joined(separator: ", "))" }
        let verdict: Verdict = d.outcome == .opposed ? .contradicted : d.outcome == .holds ? .reproduced : .inconclusive
        return (verdict, ours.joined(separator: "; "), reason)
    }

    static func directionalRule(_ s: AnalysisSettings) -> String {
        let a = fp(s.alpha), pct = "\(Int((s.minimumEffectFraction * 100).rounded())) %"
        return "Per case: Hodges–Lehmann shift A − B with its exact CI and the two-sided Wilcoxon signed-rank p over trials that share label subsets (exact up to 50 pairs, normal approximation above; Mann–Whitney when unpaired). Minimum effect δ = \(pct) of arm B's median MAE. A case supports when p < \(a), the shift has the claimed sign and |shift| ≥ δ; every case supports → reproduced (intersection–union: each case at level \(a), no adjustment). A case opposes when its Holm-adjusted p over this claim's cases is < \(a), the shift has the other sign and |shift| ≥ δ; any case opposes → contradicted. Otherwise inconclusive"
    }

    // MARK: evaluation

    static func evaluate(_ a: ResultsAnalysis) -> [ClaimVerdict] {
        let settings = a.settings
        func comp(_ fig: String, _ task: String, _ n: Int, _ armA: String, _ armB: String) -> Comparison? {
            a.figure(fig)?.comparisons.first { $0.a.task == task && $0.a.nLabels == n && $0.a.arm == armA && $0.b.arm == armB }
        }
        func ns(_ fig: String, _ task: String, _ keep: (Int) -> Bool) -> [Int] {
            Array(Set((a.figure(fig)?.arms ?? []).filter { $0.key.task == task && $0.key.experiment == (fig == "fig11" ? "fig7" : fig) }.map(\.key.nLabels)))
                .filter(keep).sorted()
        }
        func paper(_ task: String, _ keep: (Int) -> Bool, _ arms: [(String, String)]) -> String {
            let rows = a.paperMedians.filter { $0.task == task && keep($0.nLabels) }
            let byN = Dictionary(grouping: rows, by: \.nLabels)
            guard !byN.isEmpty else { return "—" }
            return "full Matbench, authors' notebook medians: " + byN.keys.sorted().map { n in
                "n=\(n): " + arms.compactMap { (arm, name) in
                    byN[n]!.first { $0.arm == arm }.map { "\(name) \(String(format: "%.4f", $0.median)) (\($0.trials))" }
                }.joined(separator: ", ")
            }.joined(separator: "; ")
        }
        /// The same comparison on the authors' per-trial values (unpaired: their boxes hold
        /// different trial counts), as context for C2–C5.
        func paperTest(_ task: String, _ keep: (Int) -> Bool, _ armA: String, _ armB: String, _ name: String) -> String {
            let all = PaperReference.trials()
            let ns = Array(Set(all.filter { $0.task == task && keep($0.nLabels) }.map(\.nLabels))).sorted()
            let parts = ns.compactMap { n -> String? in
                guard let x = all.first(where: { $0.task == task && $0.nLabels == n && $0.arm == armA })?.values,
                      let y = all.first(where: { $0.task == task && $0.nLabels == n && $0.arm == armB })?.values else { return nil }
                let m = MannWhitneyU(x: x, y: y)
                return "n=\(n) HL \(f(HodgesLehmann.unpaired(x: x, y: y))), Mann–Whitney p \(fp(m.p))"
            }
            return parts.isEmpty ? "" : ". Authors' data, \(name) (unpaired, unadjusted): " + parts.joined(separator: "; ")
        }
        func directionalClaim(_ id: String, evidence: String, paper: String = "—", _ exps: [Expectation]) -> ClaimVerdict {
            let (v, ours, reason) = directional(exps, settings: settings)
            return ClaimVerdict(claim: id, evidence: evidence, ours: ours.isEmpty ? "no data" : ours, paper: paper,
                                verdict: v, rule: directionalRule(settings), reason: reason)
        }
        let small = { (n: Int) in n <= 100 }
        var out: [ClaimVerdict] = []
        out.append(c1(a))

        let fig7Arms = [(ArmID.random, "random"), (ArmID.dim, "DIM"), (ArmID.transfer, "transfer")]
        out.append(directionalClaim("C2",
            evidence: "fig 7, paired DIM − random per label count n ≤ 250",
            paper: paper("e_form", { $0 <= 250 }, fig7Arms) + paperTest("e_form", { $0 <= 250 }, ArmID.dim, ArmID.random, "DIM − random"),
            ns("fig7", "e_form", { $0 <= 250 }).map { Expectation(label: "n=\($0)", comparison: comp("fig7", "e_form", $0, ArmID.dim, ArmID.random), aLower: true) }))
        out.append(directionalClaim("C3",
            evidence: "fig 7, paired DIM − random at n ≥ 1000 (claimed: positive)",
            paper: paper("e_form", { $0 == 1000 }, fig7Arms) + paperTest("e_form", { $0 == 1000 }, ArmID.dim, ArmID.random, "DIM − random"),
            ns("fig7", "e_form", { $0 >= 1000 }).map { Expectation(label: "n=\($0)", comparison: comp("fig7", "e_form", $0, ArmID.dim, ArmID.random), aLower: false) }))
        out.append(directionalClaim("C4",
            evidence: "fig 7, paired transfer − random at every n (claimed: positive)",
            paper: paper("e_form", { $0 <= 1000 }, fig7Arms) + paperTest("e_form", { $0 <= 1000 }, ArmID.transfer, ArmID.random, "transfer − random"),
            ns("fig7", "e_form", { _ in true }).map { Expectation(label: "n=\($0)", comparison: comp("fig7", "e_form", $0, ArmID.transfer, ArmID.random), aLower: false) }))
        out.append(directionalClaim("C5",
            evidence: "fig 7, paired transfer − random and transfer − DIM at every n",
            paper: paper("gap", { _ in true }, fig7Arms) + paperTest("gap", { _ in true }, ArmID.transfer, ArmID.random, "transfer − random"),
            ns("fig7", "gap", { _ in true }).flatMap { n in [
                Expectation(label: "n=\(n) vs random", comparison: comp("fig7", "gap", n, ArmID.transfer, ArmID.random), aLower: true),
                Expectation(label: "n=\(n) vs DIM", comparison: comp("fig7", "gap", n, ArmID.transfer, ArmID.dim), aLower: true)] }))
        out.append(c6(a, ns("fig7", "gap", { _ in true }), comp, paper("gap", { _ in true }, fig7Arms) + paperTest("gap", { _ in true }, ArmID.dim, ArmID.random, "DIM − random")))

        out.append(directionalClaim("C7",
            evidence: "fig 8, paired DIM − untrained for the linear model and the MLP at every n",
            ns("fig8", "e_form", { _ in true }).flatMap { n in [
                Expectation(label: "linear n=\(n)", comparison: comp("fig8", "e_form", n, ArmID.linearDIM, ArmID.linearUntrained), aLower: true),
                Expectation(label: "MLP n=\(n)", comparison: comp("fig8", "e_form", n, ArmID.mlpDIM, ArmID.mlpUntrained), aLower: true)] }))
        out.append(c8(a, ns))
        out.append(directionalClaim("C9",
            evidence: "fig 8, paired linear-DIM − linear-untrained at n ≤ 100",
            ns("fig8", "gap", small).map { Expectation(label: "n=\($0)", comparison: comp("fig8", "gap", $0, ArmID.linearDIM, ArmID.linearUntrained), aLower: true) }))
        out.append(directionalClaim("C10",
            evidence: "fig 8, paired MLP-DIM − MLP-untrained at n ≥ 250 (claimed: positive)",
            ns("fig8", "gap", { $0 >= 250 }).map { Expectation(label: "n=\($0)", comparison: comp("fig8", "gap", $0, ArmID.mlpDIM, ArmID.mlpUntrained), aLower: false) }))
        out.append(directionalClaim("C11",
            evidence: "fig 8, paired MLP-untrained − MLP-OFM and − MLP-XRD at n ≤ 100, both tasks",
            ["e_form", "gap"].flatMap { task in ns("fig8", task, small).flatMap { n in [
                Expectation(label: "\(task) n=\(n) vs OFM", comparison: comp("fig8", task, n, ArmID.mlpUntrained, ArmID.mlpOFM), aLower: true),
                Expectation(label: "\(task) n=\(n) vs XRD", comparison: comp("fig8", task, n, ArmID.mlpUntrained, ArmID.mlpXRD), aLower: true)] } }))
        out.append(c12(a))
        out.append(c13(a))
        out.append(c14(a))
        let fig11 = ["e_form", "gap"].flatMap { task in ns("fig11", task, { _ in true }).flatMap { n in [
            Expectation(label: "\(task) n=\(n) random-init vs MLP-untrained", comparison: comp("fig11", task, n, ArmID.random, ArmID.mlpUntrained), aLower: true),
            Expectation(label: "\(task) n=\(n) DIM-init vs MLP-DIM", comparison: comp("fig11", task, n, ArmID.dim, ArmID.mlpDIM), aLower: true)] } }
        out.append(directionalClaim("C15",
            evidence: "fig 11, Site-Net − MLP, same initialisation/representation, every n, both tasks; paired over the trials both experiments ran (trial k of fig 7 and of fig 8 share a label subset)", fig11))
        out.append(directionalClaim("C16",
            evidence: "fig 12, no-synthetic − synthetic DIM and no-synthetic − untrained, both regressors, every n (claimed: positive); paired with fig 8's arms over shared label subsets",
            ns("fig12", "e_form", { _ in true }).flatMap { n in [
                Expectation(label: "linear n=\(n) vs DIM", comparison: comp("fig12", "e_form", n, ArmID.linearDIMNoSynthetic, ArmID.linearDIM), aLower: false),
                Expectation(label: "MLP n=\(n) vs DIM", comparison: comp("fig12", "e_form", n, ArmID.mlpDIMNoSynthetic, ArmID.mlpDIM), aLower: false),
                Expectation(label: "linear n=\(n) vs untrained", comparison: comp("fig12", "e_form", n, ArmID.linearDIMNoSynthetic, ArmID.linearUntrained), aLower: false),
                Expectation(label: "MLP n=\(n) vs untrained", comparison: comp("fig12", "e_form", n, ArmID.mlpDIMNoSynthetic, ArmID.mlpUntrained), aLower: false)] }))
        out.append(c17(a, ns("fig12", "gap", small), comp))
        return out
    }
}
