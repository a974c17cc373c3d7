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
        return "Per case: Hodges–Lehmann shift A − B with its exact CI and the two-sided Wilcoxon signed-rank p over trials that share label subsets (exact up to 1000 pairs; Mann–Whitney when unpaired). Minimum effect δ = \(pct) of arm B's median MAE. A case supports when p < \(a), the shift has the claimed sign and |shift| ≥ δ; every case supports → reproduced (intersection–union: each case at level \(a), no adjustment). A case opposes when its Holm-adjusted p over this claim's cases is < \(a), the shift has the other sign and |shift| ≥ δ; any case opposes → contradicted. Otherwise inconclusive"
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
        let fig7Arms = [(ArmID.random, "random"), (ArmID.dim, "DIM"), (ArmID.transfer, "transfer")]
        /// The authors' medians and unpaired test beside a fig 7 verdict.
        func paperText(_ p: PaperContext?) -> String {
            guard let p else { return "—" }
            return paper(p.task, p.labels.contains, fig7Arms) + paperTest(p.task, p.labels.contains, p.testA, p.testB, p.testName)
        }
        /// The comparisons a claim's declared cases name, per task, label count of the run and pair.
        func expectations(_ cases: ClaimCases, aLower: Bool) -> [Expectation] {
            cases.tasks.flatMap { task in ns(cases.figure, task, cases.labels.contains).flatMap { n in
                cases.pairs.map { pair in
                    Expectation(label: cases.label(pair, task: task, n: n),
                                comparison: comp(cases.figure, task, n, pair.a, pair.b), aLower: aLower)
                } } }
        }
        func labelCounts(_ id: String) -> [Int] {
            let c = PaperClaims.spec(id).cases!
            return ns(c.figure, c.tasks[0], c.labels.contains)
        }
        return PaperClaims.all.map { spec in
            if let cases = spec.cases, let aLower = cases.aLower {
                return directionalClaim(spec.id, evidence: cases.evidence, paper: paperText(cases.paper), expectations(cases, aLower: aLower))
            }
            switch spec.id {
            case "C1": return c1(a)
            case "C6": return c6(a, labelCounts("C6"), comp, paperText(spec.cases?.paper))
            case "C8": return c8(a, ns)
            case "C12": return c12(a)
            case "C13": return c13(a)
            case "C14": return c14(a)
            case "C17": return c17(a, labelCounts("C17"), comp)
            default: preconditionFailure("claim \(spec.id) has neither directional cases nor a special rule")
            }
        }
    }
}
