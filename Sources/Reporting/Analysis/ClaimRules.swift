import Foundation
import Statistics

/// The verdict rules for claims C1–C17, written out and applied mechanically.
///
/// Shared rule for directional claims ("A beats B at every n in S"): a comparison supports the claim
/// when its Hodges–Lehmann shift has the claimed sign and its Holm-adjusted p (within its figure)
/// is below α = 0.05; it opposes the claim when the shift has the other sign with Holm p < α.
/// **reproduced** ⇔ every listed comparison exists and supports; **contradicted** ⇔ at least one
/// opposes; otherwise **inconclusive** (the reason names how many were significant and whether the
/// design could reach α at all: minimum attainable p).
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

    /// Short text of one comparison.
    static func describe(_ c: Comparison) -> String {
        let design = c.paired ? "wins \(c.winsA)/\(c.winsOf)" : "n \(c.nA) vs \(c.nB)"
        return "HL \(f(c.shift)) [\(f(c.shiftCI.lower)), \(f(c.shiftCI.upper))], \(design), p_Holm \(fp(c.pHolm))"
    }

    static func directional(_ exps: [Expectation], alpha: Double) -> (Verdict, String, String) {
        var support = 0, oppose = 0, missing: [String] = [], weak: [String] = []
        var ours: [String] = []
        for e in exps {
            guard let c = e.comparison, c.pHolm.isFinite else { missing.append(e.label); ours.append("\(e.label): no data"); continue }
            ours.append("\(e.label): \(describe(c))")
            let claimed = e.aLower ? c.shift < 0 : c.shift > 0
            let other = e.aLower ? c.shift > 0 : c.shift < 0
            if c.pHolm < alpha && claimed { support += 1 } else if c.pHolm < alpha && other { oppose += 1 }
            if c.minimumAttainableP >= alpha { weak.append(e.label) }
        }
        let m = exps.count
        var reason = "\(support) of \(m) comparisons significant in the claimed direction, \(oppose) significant against"
        if !missing.isEmpty { reason += "; no data for \(missing.joined(separator: ", "))" }
        if !weak.isEmpty { reason += "; underpowered (minimum attainable p ≥ α) for \(weak.joined(separator: ", "))" }
        let verdict: Verdict = m > 0 && oppose > 0 ? .contradicted : (m > 0 && support == m ? .reproduced : .inconclusive)
        if m == 0 { reason = "no comparisons available in this run" }
        return (verdict, ours.joined(separator: "; "), reason)
    }

    static let directionalRule = "HL shift in the claimed direction with Holm-adjusted p < 0.05 for every listed comparison → reproduced; any listed comparison significant in the opposite direction → contradicted; otherwise inconclusive"

    // MARK: evaluation

    static func evaluate(_ a: ResultsAnalysis) -> [ClaimVerdict] {
        let alpha = a.settings.alpha
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
        func directionalClaim(_ id: String, _ fig: String, _ claim: String, evidence: String, paper: String = "—",
                              _ exps: [Expectation]) -> ClaimVerdict {
            let (v, ours, reason) = directional(exps, alpha: alpha)
            return ClaimVerdict(id: id, figure: fig, claim: claim, evidence: evidence, ours: ours, paper: paper,
                                verdict: v, rule: directionalRule, reason: reason)
        }
        let small = { (n: Int) in n <= 100 }
        var out: [ClaimVerdict] = []
        out.append(c1(a))

        let fig7Arms = [(ArmID.random, "random"), (ArmID.dim, "DIM"), (ArmID.transfer, "transfer")]
        out.append(directionalClaim("C2", "fig7", "e_form: DIM initialisation beats random initialisation at 50, 100 and 250 labels",
            evidence: "fig 7, paired DIM − random per label count n ≤ 250",
            paper: paper("e_form", { $0 <= 250 }, fig7Arms) + paperTest("e_form", { $0 <= 250 }, ArmID.dim, ArmID.random, "DIM − random"),
            ns("fig7", "e_form", { $0 <= 250 }).map { Expectation(label: "n=\($0)", comparison: comp("fig7", "e_form", $0, ArmID.dim, ArmID.random), aLower: true) }))
        out.append(directionalClaim("C3", "fig7", "e_form: random initialisation beats DIM initialisation at 1000 labels",
            evidence: "fig 7, paired DIM − random at n ≥ 1000 (claimed: positive)",
            paper: paper("e_form", { $0 == 1000 }, fig7Arms) + paperTest("e_form", { $0 == 1000 }, ArmID.dim, ArmID.random, "DIM − random"),
            ns("fig7", "e_form", { $0 >= 1000 }).map { Expectation(label: "n=\($0)", comparison: comp("fig7", "e_form", $0, ArmID.dim, ArmID.random), aLower: false) }))
        out.append(directionalClaim("C4", "fig7", "e_form: starting from the band-gap model is worse than random at every label count",
            evidence: "fig 7, paired transfer − random at every n (claimed: positive)",
            paper: paper("e_form", { $0 <= 1000 }, fig7Arms) + paperTest("e_form", { $0 <= 1000 }, ArmID.transfer, ArmID.random, "transfer − random"),
            ns("fig7", "e_form", { _ in true }).map { Expectation(label: "n=\($0)", comparison: comp("fig7", "e_form", $0, ArmID.transfer, ArmID.random), aLower: false) }))
        out.append(directionalClaim("C5", "fig7", "gap: starting from the formation-energy model is the best start at every label count",
            evidence: "fig 7, paired transfer − random and transfer − DIM at every n",
            paper: paper("gap", { _ in true }, fig7Arms) + paperTest("gap", { _ in true }, ArmID.transfer, ArmID.random, "transfer − random"),
            ns("fig7", "gap", { _ in true }).flatMap { n in [
                Expectation(label: "n=\(n) vs random", comparison: comp("fig7", "gap", n, ArmID.transfer, ArmID.random), aLower: true),
                Expectation(label: "n=\(n) vs DIM", comparison: comp("fig7", "gap", n, ArmID.transfer, ArmID.dim), aLower: true)] }))
        out.append(c6(a, ns("fig7", "gap", { _ in true }), comp, paper("gap", { _ in true }, fig7Arms) + paperTest("gap", { _ in true }, ArmID.dim, ArmID.random, "DIM − random")))

        out.append(directionalClaim("C7", "fig8", "e_form: trained DIM vectors beat untrained vectors for both regressors at every label count",
            evidence: "fig 8, paired DIM − untrained for the linear model and the MLP at every n",
            ns("fig8", "e_form", { _ in true }).flatMap { n in [
                Expectation(label: "linear n=\(n)", comparison: comp("fig8", "e_form", n, ArmID.linearDIM, ArmID.linearUntrained), aLower: true),
                Expectation(label: "MLP n=\(n)", comparison: comp("fig8", "e_form", n, ArmID.mlpDIM, ArmID.mlpUntrained), aLower: true)] }))
        out.append(c8(a, ns, alpha))
        out.append(directionalClaim("C9", "fig8", "gap: DIM vectors improve linear models at ≤ 100 labels",
            evidence: "fig 8, paired linear-DIM − linear-untrained at n ≤ 100",
            ns("fig8", "gap", small).map { Expectation(label: "n=\($0)", comparison: comp("fig8", "gap", $0, ArmID.linearDIM, ArmID.linearUntrained), aLower: true) }))
        out.append(directionalClaim("C10", "fig8", "gap, ≥ 250 labels: the MLP on DIM vectors falls behind the MLP on untrained vectors",
            evidence: "fig 8, paired MLP-DIM − MLP-untrained at n ≥ 250 (claimed: positive)",
            ns("fig8", "gap", { $0 >= 250 }).map { Expectation(label: "n=\($0)", comparison: comp("fig8", "gap", $0, ArmID.mlpDIM, ArmID.mlpUntrained), aLower: false) }))
        out.append(directionalClaim("C11", "fig8", "untrained vectors beat the engineered features (OFM, XRD) at small data",
            evidence: "fig 8, paired MLP-untrained − MLP-OFM and − MLP-XRD at n ≤ 100, both tasks",
            ["e_form", "gap"].flatMap { task in ns("fig8", task, small).flatMap { n in [
                Expectation(label: "\(task) n=\(n) vs OFM", comparison: comp("fig8", task, n, ArmID.mlpUntrained, ArmID.mlpOFM), aLower: true),
                Expectation(label: "\(task) n=\(n) vs XRD", comparison: comp("fig8", task, n, ArmID.mlpUntrained, ArmID.mlpXRD), aLower: true)] } }))
        out.append(c12(a))
        out.append(c13(a, alpha))
        out.append(c14(a))
        let fig11 = ["e_form", "gap"].flatMap { task in ns("fig11", task, { _ in true }).flatMap { n in [
            Expectation(label: "\(task) n=\(n) random-init vs MLP-untrained", comparison: comp("fig11", task, n, ArmID.random, ArmID.mlpUntrained), aLower: true),
            Expectation(label: "\(task) n=\(n) DIM-init vs MLP-DIM", comparison: comp("fig11", task, n, ArmID.dim, ArmID.mlpDIM), aLower: true)] } }
        out.append(directionalClaim("C15", "fig11", "Site-Net fine-tuning beats a small model on frozen vectors at every label count, even at 50",
            evidence: "fig 11, unpaired (Mann–Whitney) Site-Net − MLP, same initialisation/representation, every n, both tasks", fig11))
        out.append(directionalClaim("C16", "fig12", "e_form: without the synthetic false samples the DIM vectors are worse than with them, and worse than untrained vectors in all cases",
            evidence: "fig 12, no-synthetic − synthetic DIM and no-synthetic − untrained, both regressors, every n (claimed: positive)",
            ns("fig12", "e_form", { _ in true }).flatMap { n in [
                Expectation(label: "linear n=\(n) vs DIM", comparison: comp("fig12", "e_form", n, ArmID.linearDIMNoSynthetic, ArmID.linearDIM), aLower: false),
                Expectation(label: "MLP n=\(n) vs DIM", comparison: comp("fig12", "e_form", n, ArmID.mlpDIMNoSynthetic, ArmID.mlpDIM), aLower: false),
                Expectation(label: "linear n=\(n) vs untrained", comparison: comp("fig12", "e_form", n, ArmID.linearDIMNoSynthetic, ArmID.linearUntrained), aLower: false),
                Expectation(label: "MLP n=\(n) vs untrained", comparison: comp("fig12", "e_form", n, ArmID.mlpDIMNoSynthetic, ArmID.mlpUntrained), aLower: false)] }))
        out.append(c17(a, ns("fig12", "gap", small), comp, alpha))
        return out
    }

    // MARK: claims with their own rules

    static func c1(_ a: ResultsAnalysis) -> ClaimVerdict {
        let rule = "For every DIM model trained with the synthetic false samples: a final local DIM loss ≥ its zero-classifier baseline (2 ln 2), a final global DIM loss ≥ its baseline, or a final global loss ≥ the final local loss → contradicted; all three below and both curves roughly monotonic (largest rebound above the running minimum ≤ \(Int(a.settings.reboundLimit * 100)) % of the total drop, last-third slope ≤ 0) → reproduced; otherwise inconclusive"
        let curves = a.curves.filter(\.synthetic)
        var ours: [String] = [], broken = false, rough = false
        for c in curves {
            ours.append("\(c.model): final local \(f(c.finalLocalDIM)) vs baseline \(f(c.baselineLocal)), global \(f(c.finalGlobalDIM)) vs \(f(c.baselineGlobal)); last-third slope local \(f(c.tailSlopeLocalDIM)), global \(f(c.tailSlopeGlobalDIM)) per epoch; rebound local \(f(c.reboundLocalDIM)), global \(f(c.reboundGlobalDIM)); \(c.epochs) epochs")
            if !(c.finalLocalDIM < c.baselineLocal) || !(c.finalGlobalDIM < c.baselineGlobal) || !(c.finalGlobalDIM < c.finalLocalDIM) { broken = true }
            let mono = c.reboundLocalDIM <= a.settings.reboundLimit && c.reboundGlobalDIM <= a.settings.reboundLimit
                && !(c.tailSlopeLocalDIM > 0) && !(c.tailSlopeGlobalDIM > 0)
            if !mono { rough = true }
        }
        let v: Verdict = curves.isEmpty ? .inconclusive : broken ? .contradicted : rough ? .inconclusive : .reproduced
        let reason = curves.isEmpty ? "no learning curves in this run"
            : broken ? "a final DIM loss is not below its baseline or the global loss is not below the local one"
            : rough ? "losses end below the baselines but a curve is not roughly monotonic" : "all conditions hold"
        return ClaimVerdict(id: "C1", figure: "fig6", claim: "DIM training is smooth and roughly monotonic for both encoders; both DIM losses end below the zero-classifier baseline, the global one lower than the local one",
                            evidence: "fig 6 validation curves: final values, baselines, last-third slope, largest rebound",
                            ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "), paper: "— (no stored numbers)",
                            verdict: v, rule: rule, reason: reason)
    }

    static func c6(_ a: ResultsAnalysis, _ ns: [Int], _ comp: (String, String, Int, String, String) -> Comparison?, _ paper: String) -> ClaimVerdict {
        let band = a.settings.littleChangeFraction
        let rule = "At every label count, the bootstrap 95 % CI of the paired DIM − random shift lies within ±\(Int(band * 100)) % of the random arm's median → reproduced; at some label count the CI lies entirely outside that band → contradicted; otherwise inconclusive"
        let fig = a.figure("fig7")
        var inside = 0, outside = 0, ours: [String] = []
        for n in ns {
            guard let c = comp("fig7", "gap", n, ArmID.dim, ArmID.random),
                  let r = fig?.arms.first(where: { $0.key.task == "gap" && $0.key.nLabels == n && $0.key.arm == ArmID.random }) else {
                ours.append("n=\(n): no data"); continue
            }
            let w = band * abs(r.summary.median)
            ours.append("n=\(n): \(describe(c)); band ±\(f(w))")
            if c.shiftCI.lower >= -w && c.shiftCI.upper <= w { inside += 1 }
            if c.shiftCI.lower > w || c.shiftCI.upper < -w { outside += 1 }
        }
        let v: Verdict = ns.isEmpty ? .inconclusive : outside > 0 ? .contradicted : inside == ns.count ? .reproduced : .inconclusive
        return ClaimVerdict(id: "C6", figure: "fig7", claim: "gap: DIM initialisation changes the MAE little in either direction",
                            evidence: "fig 7, paired DIM − random for the band gap at every n", ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "),
                            paper: paper, verdict: v, rule: rule,
                            reason: ns.isEmpty ? "no comparisons available in this run" : "CI inside the band at \(inside) of \(ns.count) label counts, entirely outside at \(outside)")
    }

    static func c8(_ a: ResultsAnalysis, _ ns: (String, String, (Int) -> Bool) -> [Int], _ alpha: Double) -> ClaimVerdict {
        let rule = "For each task and n ≤ 100: the lowest-median arm of fig 8 is a DIM arm and beats the best non-DIM arm (paired, Holm p < 0.05) → supports; the best non-DIM arm beats the best DIM arm significantly → opposes. All support → reproduced; any opposes → contradicted; otherwise inconclusive"
        var support = 0, oppose = 0, cases = 0, ours: [String] = []
        let fig = a.figure("fig8")
        for task in ["e_form", "gap"] {
            for n in ns("fig8", task, { $0 <= 100 }) {
                cases += 1
                let here = (fig?.arms ?? []).filter { $0.key.task == task && $0.key.nLabels == n && $0.summary.n > 0 }
                guard let best = here.min(by: { $0.summary.median < $1.summary.median }) else { continue }
                let c = fig?.comparisons.first { $0.a.task == task && $0.a.nLabels == n && $0.purpose.contains("C8") }
                ours.append("\(task) n=\(n): lowest median \(best.key.arm) \(f(best.summary.median))" + (c.map { "; \($0.a.arm) − \($0.b.arm): \(describe($0))" } ?? ""))
                guard let c else { continue }
                if ResultsAnalyzer.isDIMArm(best.key.arm) && c.shift < 0 && c.pHolm < alpha { support += 1 }
                if c.shift > 0 && c.pHolm < alpha { oppose += 1 }
            }
        }
        let v: Verdict = cases == 0 ? .inconclusive : oppose > 0 ? .contradicted : support == cases ? .reproduced : .inconclusive
        return ClaimVerdict(id: "C8", figure: "fig8", claim: "at 50–100 labels the DIM vectors give the lowest median MAE of all representations (both tasks)",
                            evidence: "fig 8 medians; paired best-DIM − best-other arm at n ≤ 100", ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "),
                            paper: "—", verdict: v, rule: rule,
                            reason: cases == 0 ? "no comparisons available in this run" : "\(support) of \(cases) cases support, \(oppose) oppose")
    }

    static func c12(_ a: ResultsAnalysis) -> ClaimVerdict {
        let rule = "For each task, regressor and n ≤ 100: bootstrap 95 % CI of IQR(DIM) − IQR(untrained) (trials resampled as pairs) entirely below 0 → supports; entirely above 0 → opposes. All support → reproduced; any opposes → contradicted; otherwise inconclusive"
        let s = a.figure("fig8")?.spreads ?? []
        let support = s.filter { $0.differenceCI.upper < 0 }.count, oppose = s.filter { $0.differenceCI.lower > 0 }.count
        let v: Verdict = s.isEmpty ? .inconclusive : oppose > 0 ? .contradicted : support == s.count ? .reproduced : .inconclusive
        let ours = s.map { "\($0.task) \($0.regressor) n=\($0.nLabels): IQR \(f($0.iqrDIM)) vs \(f($0.iqrUntrained)), Δ \(f($0.difference)) [\(f($0.differenceCI.lower)), \(f($0.differenceCI.upper))]" }
        return ClaimVerdict(id: "C12", figure: "fig8", claim: "DIM vectors make downstream models more consistent at small data (smaller spread of MAE)",
                            evidence: "fig 8 IQRs at n ≤ 100", ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "), paper: "—",
                            verdict: v, rule: rule,
                            reason: s.isEmpty ? "no comparisons available in this run" : "\(support) of \(s.count) cases support, \(oppose) oppose")
    }

    static func c13(_ a: ResultsAnalysis, _ alpha: Double) -> ClaimVerdict {
        let rule = "k = \(a.settings.neighbours) nearest t-SNE neighbours. Per task, the mean fraction of metal–halogen neighbours around metal–halogen points rises from the untrained to the trained map with Wilcoxon p < 0.05 (over those points, Holm over the tasks) → supports; falls significantly → opposes. Both tasks support and the e_form rise ≥ the gap rise → reproduced; any opposes → contradicted; otherwise inconclusive"
        let cs = a.neighbourComparisons
        let holm = Holm.adjust(cs.map(\.metalHalogenP))
        var support = 0, oppose = 0, ours: [String] = []
        for (c, p) in zip(cs, holm) {
            let u = a.neighbours.first { $0.task == c.task && $0.representation == "untrained" }
            let t = a.neighbours.first { $0.task == c.task && $0.representation == "dim" }
                ?? a.neighbours.first { $0.task == c.task && $0.representation != "untrained" }
            ours.append("\(c.task): MH-neighbour fraction \(f(u?.metalHalogenNeighbourFraction ?? .nan)) → \(f(t?.metalHalogenNeighbourFraction ?? .nan)) (chance \(f(t?.metalHalogenChance ?? .nan)); Δ \(f(c.metalHalogenFractionChange)) over \(c.metalHalogenPoints) points, p_Holm \(fp(p)))")
            if c.metalHalogenFractionChange > 0 && p < alpha { support += 1 }
            if c.metalHalogenFractionChange < 0 && p < alpha { oppose += 1 }
        }
        let ef = cs.first { $0.task == "e_form" }?.metalHalogenFractionChange ?? .nan
        let gap = cs.first { $0.task == "gap" }?.metalHalogenFractionChange ?? .nan
        let bothTasks = cs.count >= 2
        let v: Verdict = cs.isEmpty ? .inconclusive : oppose > 0 ? .contradicted
            : (bothTasks && support == cs.count && ef >= gap) ? .reproduced : .inconclusive
        return ClaimVerdict(id: "C13", figure: "fig9", claim: "metal–halogen materials cluster more after DIM training, most clearly for e_form",
                            evidence: "fig 9 t-SNE maps: k-nearest-neighbour label agreement, trained vs untrained", ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "),
                            paper: "— (visual only)", verdict: v, rule: rule,
                            reason: cs.isEmpty ? "no t-SNE map pairs in this run" : "\(support) of \(cs.count) tasks support, \(oppose) oppose; e_form rise \(f(ef)) vs gap \(f(gap))")
    }

    static func c14(_ a: ResultsAnalysis) -> ClaimVerdict {
        let m = a.settings.correlationMargin
        let rule = "Neighbour-label correlation r = Pearson(label, mean label of the k = \(a.settings.neighbours) nearest t-SNE neighbours). Per task, the bootstrap 95 % CI of r(trained) − r(untrained) entirely below \(f(m)) → supports; entirely above \(f(m)) → opposes. Both tasks support → reproduced; any opposes → contradicted; otherwise inconclusive"
        let cs = a.neighbourComparisons
        var ours: [String] = []
        for c in cs {
            let u = a.neighbours.first { $0.task == c.task && $0.representation == "untrained" }
            let t = a.neighbours.first { $0.task == c.task && $0.representation == "dim" }
                ?? a.neighbours.first { $0.task == c.task && $0.representation != "untrained" }
            ours.append("\(c.task): r \(f(u?.neighbourLabelCorrelation ?? .nan)) → \(f(t?.neighbourLabelCorrelation ?? .nan)), Δ \(f(c.correlationChange)) [\(f(c.correlationChangeCI.lower)), \(f(c.correlationChangeCI.upper))]")
        }
        let support = cs.filter { $0.correlationChangeCI.upper < m }.count, oppose = cs.filter { $0.correlationChangeCI.lower > m }.count
        let v: Verdict = cs.isEmpty ? .inconclusive : oppose > 0 ? .contradicted : (cs.count >= 2 && support == cs.count) ? .reproduced : .inconclusive
        return ClaimVerdict(id: "C14", figure: "fig10", claim: "DIM training gives no obvious clustering by property label",
                            evidence: "fig 10 t-SNE maps: neighbour-label correlation, trained vs untrained", ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "),
                            paper: "— (visual only)", verdict: v, rule: rule,
                            reason: cs.isEmpty ? "no t-SNE map pairs in this run" : "\(support) of \(cs.count) tasks support, \(oppose) oppose")
    }

    static func c17(_ a: ResultsAnalysis, _ ns: [Int], _ comp: (String, String, Int, String, String) -> Comparison?, _ alpha: Double) -> ClaimVerdict {
        let rule = "gap, n ≤ 100, linear model: no-synthetic DIM − untrained. The gain has disappeared at n when that comparison is not significantly negative (Holm p ≥ 0.05 or shift ≥ 0). Disappeared at every n ≤ 100 → reproduced; significantly negative (gain persists) at every n ≤ 100 → contradicted; otherwise inconclusive"
        var gone = 0, persists = 0, ours: [String] = []
        for n in ns {
            guard let c = comp("fig12", "gap", n, ArmID.linearDIMNoSynthetic, ArmID.linearUntrained) else { ours.append("n=\(n): no data"); continue }
            ours.append("n=\(n): \(describe(c))")
            if c.shift < 0 && c.pHolm < alpha { persists += 1 } else { gone += 1 }
        }
        let v: Verdict = ns.isEmpty ? .inconclusive : gone == ns.count ? .reproduced : persists == ns.count ? .contradicted : .inconclusive
        return ClaimVerdict(id: "C17", figure: "fig12", claim: "gap: without the synthetic false samples the linear-model gain at small data disappears",
                            evidence: "fig 12, paired/unpaired linear no-synthetic − linear untrained at n ≤ 100", ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "),
                            paper: "—", verdict: v, rule: rule,
                            reason: ns.isEmpty ? "no comparisons available in this run" : "gain gone at \(gone) of \(ns.count) label counts, persists at \(persists)")
    }
}
