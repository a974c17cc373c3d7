import Foundation
import Statistics

/// Claims whose rule is not the shared directional one: C1 (learning curves), C6 (little change),
/// C8 (best representation), C12 (spread), C13/C14 (neighbourhoods), C17 (a gain that disappears).
extension ClaimRules {
    static func c1(_ a: ResultsAnalysis) -> ClaimVerdict {
        let s = a.settings
        let rule = "For every DIM model trained with the synthetic false samples, on its validation curves: each final DIM loss (local, global) must be below its own zero-classifier baseline, as recorded with the curve (the two baselines differ when the numbers of false samples differ), and the global loss must end further below its baseline than the local one, relative to the baseline (final/baseline smaller). Any of these fails → contradicted. All hold and both curves roughly monotonic — the \(s.runningMedianWindow)-epoch running median never rebounds above its running minimum by more than \(Int(s.reboundLimit * 100)) % of the total drop, and Kendall's τ between epoch and loss ≤ \(f(s.tauLimit)) — → reproduced; otherwise inconclusive"
        let curves = a.curves.filter(\.synthetic)
        var ours: [String] = [], broken = false, rough = false, why: [String] = []
        for c in curves {
            let rl = c.finalLocalDIM / c.baselineLocal, rg = c.finalGlobalDIM / c.baselineGlobal
            let mrl = c.medianReboundLocalDIM ?? .nan, mrg = c.medianReboundGlobalDIM ?? .nan
            let tl = c.kendallTauLocalDIM ?? .nan, tg = c.kendallTauGlobalDIM ?? .nan
            ours.append("\(c.model): final local \(f(c.finalLocalDIM)) vs baseline \(f(c.baselineLocal)) (ratio \(f(rl))), global \(f(c.finalGlobalDIM)) vs \(f(c.baselineGlobal)) (ratio \(f(rg))); running-median rebound local \(f(mrl)), global \(f(mrg)) (raw \(f(c.reboundLocalDIM)), \(f(c.reboundGlobalDIM))); Kendall τ local \(f(tl)), global \(f(tg)); \(c.epochs) epochs")
            if !(c.finalLocalDIM < c.baselineLocal) { broken = true; why.append("\(c.model): local loss not below its baseline") }
            if !(c.finalGlobalDIM < c.baselineGlobal) { broken = true; why.append("\(c.model): global loss not below its baseline") }
            if !(rg < rl) { broken = true; why.append("\(c.model): global loss ends at \(f(rg)) of its baseline, local at \(f(rl)), so the global one is not further below") }
            let mono = mrl <= s.reboundLimit && mrg <= s.reboundLimit && tl <= s.tauLimit && tg <= s.tauLimit
            if !mono { rough = true; why.append("\(c.model): not roughly monotonic") }
        }
        let v: Verdict = curves.isEmpty ? .inconclusive : broken ? .contradicted : rough ? .inconclusive : .reproduced
        let reason = curves.isEmpty ? "no learning curves in this run"
            : broken ? why.joined(separator: "; ")
            : rough ? "losses end below their baselines but a curve is not roughly monotonic (running-median rebound or Kendall τ): " + why.joined(separator: "; ")
            : "all conditions hold"
        return ClaimVerdict(claim: "C1",
                            evidence: "fig 6 validation curves: final values against each loss's own baseline, running-median rebound, Kendall τ",
                            ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "), paper: "— (no stored numbers)",
                            verdict: v, rule: rule, reason: reason)
    }

    /// Paired differences A − B over the trials both arms of a figure have, from its arm statistics.
    static func pairedDifferences(_ fig: FigureAnalysis?, _ a: ArmKey, _ b: ArmKey) -> [Double] {
        guard let fa = fig?.arms.first(where: { $0.key == a }), let fb = fig?.arms.first(where: { $0.key == b }) else { return [] }
        let vb = Dictionary(uniqueKeysWithValues: zip(fb.trials, fb.values))
        return zip(fa.trials, fa.values).compactMap { t, v in vb[t].map { v - $0 } }
    }

    /// Whether an exact interval attains the level an equivalence decision needs: with few pairs the
    /// widest interval, [min, max], covers only 1 − 2/2ⁿ (75 % at 3 pairs), and a band that contains
    /// it shows nothing at the 95 % level the rule states.
    static func reachesNominal(_ ci: ConfidenceInterval, _ level: Double) -> Bool {
        ci.level >= level - 1e-9
    }

    /// The reason's note on label counts whose interval is below the rule's level.
    static func underpowered(_ ns: [Int], _ level: Double) -> String {
        ns.isEmpty ? "" : "; underpowered (too few pairs for an exact interval at \(Int((level * 100).rounded())) %) for "
            + ns.map { "n=\($0)" }.joined(separator: ", ")
    }

    static func c6(_ a: ResultsAnalysis, _ ns: [Int], _ comp: (String, String, Int, String, String) -> Comparison?, _ paper: String) -> ClaimVerdict {
        let band = a.settings.littleChangeFraction, alpha = a.settings.alpha
        let m = max(ns.count, 1)
        let rule = "Band ±\(Int(band * 100)) % of the random arm's median at each label count. The exact CI (attained level ≥ \(Int(a.settings.confidenceLevel * 100)) %) of the paired DIM − random shift inside the band at every label count → reproduced (an equivalence test per label count, intersection–union: no adjustment). At some label count the exact CI at level 1 − \(fp(alpha))/m (Bonferroni over the claim's m label counts) lies entirely outside the band → contradicted. Otherwise inconclusive"
        let fig = a.figure("fig7")
        var inside = 0, outside = 0, ours: [String] = [], short: [Int] = []
        for n in ns {
            guard let c = comp("fig7", "gap", n, ArmID.dim, ArmID.random),
                  let r = fig?.arms.first(where: { $0.key.task == "gap" && $0.key.nLabels == n && $0.key.arm == ArmID.random }) else {
                ours.append("n=\(n): no data"); continue
            }
            let w = band * abs(r.summary.median)
            let d = pairedDifferences(fig, c.a, c.b)
            let wide = HodgesLehmannInterval.paired(differences: d, level: 1 - alpha / Double(m))?.interval
            ours.append("n=\(n): \(describe(c)); band ±\(f(w))" + (wide.map { "; CI at \(level($0)): [\(f($0.lower)), \(f($0.upper))]" } ?? ""))
            // An interval below its nominal level (too few pairs) can show neither equivalence nor difference.
            guard reachesNominal(c.shiftCI, a.settings.confidenceLevel) else { short.append(n); continue }
            if c.shiftCI.lower >= -w && c.shiftCI.upper <= w { inside += 1 }
            if let wide, reachesNominal(wide, 1 - alpha / Double(m)), wide.lower > w || wide.upper < -w { outside += 1 }
        }
        let v: Verdict = ns.isEmpty ? .inconclusive : outside > 0 ? .contradicted : inside == ns.count ? .reproduced : .inconclusive
        return ClaimVerdict(claim: "C6",
                            evidence: PaperClaims.spec("C6").cases!.evidence, ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "),
                            paper: paper, verdict: v, rule: rule,
                            reason: ns.isEmpty ? "no comparisons available in this run" : "CI inside the band at \(inside) of \(ns.count) label counts, (adjusted) CI entirely outside at \(outside)"
                                + underpowered(short, a.settings.confidenceLevel))
    }

    static func c8(_ a: ResultsAnalysis, _ ns: (String, String, (Int) -> Bool) -> [Int]) -> ClaimVerdict {
        let s = a.settings
        let rule = "Cases: each task at each n ≤ 100. A case supports when the lowest-median arm of fig 8 is a DIM arm and the paired best-DIM − best-other comparison has p < \(fp(s.alpha)), a negative shift and |shift| ≥ \(Int(s.minimumEffectFraction * 100)) % of the other arm's median; every case supports → reproduced (intersection–union). A case opposes when that comparison's Holm-adjusted p over the claim's cases is < \(fp(s.alpha)) with a positive shift of at least that size; any opposes → contradicted. Otherwise inconclusive"
        var ours: [String] = [], cases: [ClaimFamily.Case] = [], bestIsDIM: [Bool] = []
        let fig = a.figure("fig8")
        for task in ["e_form", "gap"] {
            for n in ns("fig8", task, { $0 <= 100 }) {
                let here = (fig?.arms ?? []).filter { $0.key.task == task && $0.key.nLabels == n && $0.summary.n > 0 }
                let best = here.min(by: { $0.summary.median < $1.summary.median })
                let c = fig?.comparisons.first { $0.a.task == task && $0.a.nLabels == n && $0.purpose.contains("C8") }
                ours.append("\(task) n=\(n): lowest median \(best?.key.arm ?? "—") \(f(best?.summary.median ?? .nan))" + (c.map { "; \($0.a.arm) − \($0.b.arm): \(describe($0))" } ?? ""))
                bestIsDIM.append(best.map { ResultsAnalyzer.isDIMArm($0.key.arm) } ?? false)
                cases.append(c.map { .init(p: $0.p, shift: $0.shift, claimedNegative: true, minimumEffect: minimumEffect($0, s)) }
                             ?? .init(p: .nan, shift: .nan, claimedNegative: true, minimumEffect: .infinity))
            }
        }
        let d = ClaimFamily.decide(cases, alpha: s.alpha)
        let support = zip(d.supports, bestIsDIM).filter { $0 && $1 }.count, oppose = d.opposes.filter { $0 }.count
        let v: Verdict = cases.isEmpty ? .inconclusive : oppose > 0 ? .contradicted : support == cases.count ? .reproduced : .inconclusive
        return ClaimVerdict(claim: "C8",
                            evidence: "fig 8 medians; paired best-DIM − best-other arm at n ≤ 100", ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "),
                            paper: "—", verdict: v, rule: rule,
                            reason: cases.isEmpty ? "no comparisons available in this run" : "\(support) of \(cases.count) cases support, \(oppose) oppose (Holm over \(cases.count))")
    }

    static func c12(_ a: ResultsAnalysis) -> ClaimVerdict {
        let rule = "For each task, regressor and n ≤ 100: percentile-bootstrap 95 % CI of IQR(DIM) − IQR(untrained) (trials resampled as pairs; no exact interval exists for a difference of IQRs) entirely below 0 → supports; the bootstrap CI at level 1 − α/m (Bonferroni over the m cases, same resamples) entirely above 0 → opposes. All support → reproduced (intersection–union); any opposes → contradicted; otherwise inconclusive"
        let s = a.figure("fig8")?.spreads ?? []
        let support = s.filter { $0.differenceCI.upper < 0 }.count
        let oppose = s.filter { ($0.differenceCIAdjusted ?? $0.differenceCI).lower > 0 }.count
        let v: Verdict = s.isEmpty ? .inconclusive : oppose > 0 ? .contradicted : support == s.count ? .reproduced : .inconclusive
        let ours = s.map { "\($0.task) \($0.regressor) n=\($0.nLabels): IQR \(f($0.iqrDIM)) vs \(f($0.iqrUntrained)), Δ \(f($0.difference)) [\(f($0.differenceCI.lower)), \(f($0.differenceCI.upper))]" }
        return ClaimVerdict(claim: "C12",
                            evidence: "fig 8 IQRs at n ≤ 100", ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "), paper: "—",
                            verdict: v, rule: rule,
                            reason: s.isEmpty ? "no comparisons available in this run" : "\(support) of \(s.count) cases support, \(oppose) oppose")
    }

    /// The comparisons C13/C14 rest on: the embedding-space ones when recorded, else the t-SNE ones.
    static func neighbourEvidence(_ a: ResultsAnalysis) -> (comparisons: [NeighbourComparison], space: String) {
        if let e = a.embeddingComparisons, !e.isEmpty { return (e, "the encoder's embedding space") }
        return (a.neighbourComparisons, "the 2-D t-SNE map (no embedding-space neighbours recorded)")
    }

    static func c13(_ a: ResultsAnalysis) -> ClaimVerdict {
        let s = a.settings
        let (all, space) = neighbourEvidence(a)
        let rule = "k = \(s.neighbours) nearest neighbours in the encoder's embedding space (Euclidean; the t-SNE map only when no embedding neighbours were recorded). E = mean over metal–halogen structures of the fraction of their neighbours that are metal–halogen; Δ = E(DIM) − E(untrained) on the same structures; p from a permutation test over structures (metal–halogen flags rearranged among the structures, both neighbour graphs fixed, \(s.permutationResamples) rearrangements, two-sided), which keeps the dependence between overlapping neighbourhoods. One case per structure set (tasks that share one structure set and one encoder are one case). A case rises when p < \(fp(s.alpha)) and Δ ≥ \(f(s.minimumClusteringChange)); falls when its Holm-adjusted p over the cases is < \(fp(s.alpha)) and Δ ≤ −\(f(s.minimumClusteringChange)). Any case falls → contradicted. Every case rises and the tasks have separate structure sets with the e_form rise ≥ the gap rise → reproduced. When both tasks share one structure set, 'most clearly for e_form' cannot be tested (one encoder, the same structures): at most inconclusive. Otherwise inconclusive"
        // One case per structure set: drop tasks already covered by a shared one.
        var cs: [NeighbourComparison] = [], covered = Set<String>()
        for c in all where !covered.contains(c.task) {
            cs.append(c); covered.insert(c.task); for t in c.sharedWith ?? [] { covered.insert(t) }
        }
        let cases = cs.map { ClaimFamily.Case(p: $0.metalHalogenP, shift: $0.metalHalogenFractionChange, claimedNegative: false,
                                              minimumEffect: s.minimumClusteringChange) }
        let d = ClaimFamily.decide(cases, alpha: s.alpha)
        var ours: [String] = []
        for (i, c) in cs.enumerated() {
            let tasks = ([c.task] + (c.sharedWith ?? [])).joined(separator: " and ")
            ours.append("\(tasks) (\(c.space ?? "t-SNE")): MH-neighbour fraction \(f(c.metalHalogenFractionUntrained ?? .nan)) → \(f(c.metalHalogenFractionTrained ?? .nan)) (chance \(f(c.metalHalogenChance ?? .nan))), Δ \(f(c.metalHalogenFractionChange)) over \(c.metalHalogenPoints) MH structures, permutation p \(fp(c.metalHalogenP)), p_Holm(claim) \(fp(d.pHolm[i]))")
        }
        let sharedSet = cs.contains { !($0.sharedWith ?? []).isEmpty }
        let ef = cs.first { $0.task == "e_form" }?.metalHalogenFractionChange ?? .nan
        let gap = cs.first { $0.task == "gap" }?.metalHalogenFractionChange ?? .nan
        let rises = d.supports.filter { $0 }.count, falls = d.opposes.filter { $0 }.count
        let v: Verdict = cs.isEmpty ? .inconclusive : d.outcome == .opposed ? .contradicted
            : (d.outcome == .holds && !sharedSet && cs.count >= 2 && ef >= gap) ? .reproduced : .inconclusive
        var reason = cs.isEmpty ? "no t-SNE map pairs in this run"
            : "measured in \(space): clustering rises significantly in \(rises) of \(cs.count) structure sets, falls in \(falls)"
        if sharedSet { reason += "; both tasks share one structure set and one encoder, so the per-task contrast ('most clearly for e_form') cannot be tested" }
        else if cs.count >= 2 { reason += "; e_form rise \(f(ef)) vs gap \(f(gap))" }
        return ClaimVerdict(claim: "C13",
                            evidence: "metal–halogen neighbour fraction, DIM vs untrained encoder, in the embedding space; permutation test over structures",
                            ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "), paper: "— (visual only)", verdict: v, rule: rule, reason: reason)
    }

    static func c14(_ a: ResultsAnalysis) -> ClaimVerdict {
        let m = a.settings.correlationMargin
        let (cs, space) = neighbourEvidence(a)
        let rule = "Neighbour-label correlation r = Pearson(label, mean label of the k = \(a.settings.neighbours) nearest neighbours in the encoder's embedding space; the t-SNE map only when no embedding neighbours were recorded). Per task, the percentile-bootstrap 95 % CI (structures resampled, neighbour graphs fixed; no exact interval exists) of r(DIM) − r(untrained) entirely below \(f(m)) → supports; the CI at level 1 − α/m (Bonferroni over the m tasks, same resamples) entirely above \(f(m)) → opposes. Both tasks support → reproduced (intersection–union); any opposes → contradicted; otherwise inconclusive"
        let ours = cs.map { "\($0.task) (\($0.space ?? "t-SNE")): Δr \(f($0.correlationChange)) [\(f($0.correlationChangeCI.lower)), \(f($0.correlationChangeCI.upper))]" }
        let support = cs.filter { $0.correlationChangeCI.upper < m }.count
        let oppose = cs.filter { ($0.correlationChangeCIAdjusted ?? $0.correlationChangeCI).lower > m }.count
        let v: Verdict = cs.isEmpty ? .inconclusive : oppose > 0 ? .contradicted : (cs.count >= 2 && support == cs.count) ? .reproduced : .inconclusive
        return ClaimVerdict(claim: "C14",
                            evidence: "neighbour-label correlation, DIM vs untrained encoder, in the embedding space", ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "),
                            paper: "— (visual only)", verdict: v, rule: rule,
                            reason: cs.isEmpty ? "no t-SNE map pairs in this run" : "measured in \(space): \(support) of \(cs.count) tasks support, \(oppose) oppose")
    }

    static func c17(_ a: ResultsAnalysis, _ ns: [Int], _ comp: (String, String, Int, String, String) -> Comparison?) -> ClaimVerdict {
        let s = a.settings
        let band = "\(Int((s.littleChangeFraction * 100).rounded())) %", pct = "\(Int((s.minimumEffectFraction * 100).rounded())) %"
        let rule = "gap, n ≤ 100, linear model: paired no-synthetic DIM − untrained. The gain has disappeared at n when the exact CI of the shift (attained level ≥ \(Int((s.confidenceLevel * 100).rounded())) %) lies above −\(band) of the untrained arm's median (any remaining gain is small: an equivalence test with the same band as C6); disappeared at every n ≤ 100 → reproduced (intersection–union). A gain persists at n when the shift is negative, |shift| ≥ \(pct) of the untrained arm's median and its Holm-adjusted p over the claim's label counts is < \(fp(s.alpha)); persists at some n → contradicted. Otherwise inconclusive"
        var cases: [ClaimFamily.Case] = [], gone = 0, ours: [String] = [], comps: [Comparison?] = [], short: [Int] = []
        for n in ns {
            let c = comp("fig12", "gap", n, ArmID.linearDIMNoSynthetic, ArmID.linearUntrained)
            comps.append(c)
            guard let c else { cases.append(.init(p: .nan, shift: .nan, claimedNegative: false, minimumEffect: .infinity)); continue }
            cases.append(.init(p: c.p, shift: c.shift, claimedNegative: false, minimumEffect: minimumEffect(c, s)))
            guard reachesNominal(c.shiftCI, s.confidenceLevel) else { short.append(n); continue }
            if let m = c.comparatorMedian, c.shiftCI.lower > -s.littleChangeFraction * abs(m) { gone += 1 }
        }
        let d = ClaimFamily.decide(cases, alpha: s.alpha)
        for (i, c) in comps.enumerated() {
            guard let c else { ours.append("n=\(ns[i]): no data"); continue }
            ours.append("n=\(ns[i]): \(describe(c)), p_Holm(claim) \(fp(d.pHolm[i])), band −\(f(s.littleChangeFraction * abs(c.comparatorMedian ?? .nan)))")
        }
        let persists = d.opposes.filter { $0 }.count
        let v: Verdict = ns.isEmpty ? .inconclusive : persists > 0 ? .contradicted : gone == ns.count ? .reproduced : .inconclusive
        return ClaimVerdict(claim: "C17",
                            evidence: PaperClaims.spec("C17").cases!.evidence, ours: ours.isEmpty ? "no data" : ours.joined(separator: "; "),
                            paper: "—", verdict: v, rule: rule,
                            reason: ns.isEmpty ? "no comparisons available in this run" : "remaining gain shown small at \(gone) of \(ns.count) label counts, significant gain ≥ δ at \(persists)"
                                + underpowered(short, s.confidenceLevel))
    }
}
