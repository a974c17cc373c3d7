import Foundation
import Randomness
import Statistics

/// Turns a ``ResultsDocument`` into a ``ResultsAnalysis``: per-arm statistics, the comparisons of
/// every figure (exact tests and intervals; multiplicity is handled per claim by ``ClaimRules``), learning-curve and t-SNE neighbourhood numbers,
/// budget comparisons, the paper's reference medians and the claim verdicts.
/// Deterministic: every bootstrap draws from a stream keyed by what it resamples.
public enum ResultsAnalyzer {
    /// Figure titles by id.
    static let titles: [String: String] = [
        "fig7": "Transfer learning: supervised Site-Net by initialisation",
        "fig8": "Representation learning: regressors on frozen vectors",
        "fig11": "Site-Net fine-tuning vs a small model on frozen vectors",
        "fig12": "Representation learning with DIM trained without synthetic false samples",
    ]

    /// Analyses `document` with `settings`; with `sensitivity`, also the convergence evidence and
    /// the verdicts under the other checkpoint and the longer budget (``ConvergenceAnalysis``).
    public static func analyze(_ document: ResultsDocument, settings: AnalysisSettings = AnalysisSettings(),
                               sensitivity: Bool = true) -> ResultsAnalysis {
        let table = TrialTable(document.trials)
        let builder = ComparisonBuilder(table: table, settings: settings)
        var figures: [FigureAnalysis] = []
        for f in [fig7(table, builder), fig8(table, builder), fig11(table, builder), fig12(table, builder)] {
            if let f { figures.append(f) }
        }
        let curves = document.learningCurves.map { analyzeCurve($0, settings) }
        let (neighbours, nComparisons, eComparisons) = NeighbourStatistics.analyze(document.tsneMaps, settings: settings)
        let budgets = document.budgetComparisons.map { budget($0, settings) }
        let paper = PaperReference.medians()
        var skipped: [String: Int] = [:]
        for s in document.dataset.skipped { skipped[s.reason, default: 0] += 1 }
        var analysis = ResultsAnalysis(settings: settings, figures: figures, curves: curves, neighbours: neighbours,
                                       neighbourComparisons: nComparisons, embeddingComparisons: eComparisons,
                                       budgets: budgets, paperMedians: paper,
                                       claims: [], detectedDepartures: departures(document, table),
                                       failedTrials: document.trials.filter { $0.failure != nil || $0.mae == nil },
                                       skippedByReason: skipped)
        if let replicates = document.tsneReplicates, !replicates.isEmpty {
            analysis.tsneSeedComparisons = NeighbourStatistics.seedComparisons(maps: document.tsneMaps, replicates: replicates, settings: settings)
        }
        analysis.claims = ClaimRules.evaluate(analysis)
        if sensitivity { analysis.convergence = ConvergenceAnalysis.make(document, claims: analysis.claims, settings: settings) }
        return analysis
    }

    // MARK: figures

    static func fig7(_ t: TrialTable, _ b: ComparisonBuilder) -> FigureAnalysis? {
        let arms = t.arms("fig7")
        guard !arms.isEmpty else { return nil }
        var specs: [ComparisonBuilder.Spec] = []
        for task in t.tasks("fig7") {
            for n in t.labelCounts("fig7", task: task) {
                let k = { (arm: String) in ArmKey(experiment: "fig7", task: task, nLabels: n, arm: arm) }
                for (a, c) in comparedPairs["fig7"]! {
                    specs.append(.init(a: k(a), b: k(c), figure: "fig7", purpose: tags("fig7", task, n, a, c)))
                }
            }
        }
        let comps = b.compareAll(specs)
        return FigureAnalysis(id: "fig7", title: titles["fig7"]!, arms: b.armStatisticsAll(arms), comparisons: comps, spreads: [])
    }

    /// The pairs (arm A, arm B) each trial figure compares at every task and label count, in
    /// order: the claims' cases (``PaperClaims``) and the rest shown for context. Fig 8 adds C8's
    /// data-dependent pair; fig 12 takes arm B from fig 12 or fig 8; fig 11 compares across fig 7
    /// and fig 8.
    static let comparedPairs: [String: [(String, String)]] = [
        "fig7": [(ArmID.dim, ArmID.random), (ArmID.transfer, ArmID.random), (ArmID.transfer, ArmID.dim)],
        "fig8": [(ArmID.linearDIM, ArmID.linearUntrained), (ArmID.mlpDIM, ArmID.mlpUntrained),
                 (ArmID.mlpUntrained, ArmID.mlpOFM), (ArmID.mlpUntrained, ArmID.mlpXRD)],
        "fig11": [(ArmID.random, ArmID.mlpUntrained), (ArmID.dim, ArmID.mlpDIM)],
        "fig12": [(ArmID.linearDIMNoSynthetic, ArmID.linearDIM), (ArmID.mlpDIMNoSynthetic, ArmID.mlpDIM),
                  (ArmID.linearDIMNoSynthetic, ArmID.linearUntrained), (ArmID.mlpDIMNoSynthetic, ArmID.mlpUntrained)],
    ]

    /// The claims whose declared cases include this comparison (``PaperClaims/reading(figure:task:n:a:b:)``),
    /// or ``contextTag`` when it is shown for context only.
    static func tags(_ figure: String, _ task: String, _ n: Int, _ a: String, _ b: String) -> String {
        let t = PaperClaims.reading(figure: figure, task: task, n: n, a: a, b: b)
        return t.isEmpty ? contextTag : t.joined(separator: " ")
    }
    static let contextTag = "context"

    static func isDIMArm(_ arm: String) -> Bool { arm == ArmID.linearDIM || arm == ArmID.mlpDIM }

    static func fig8(_ t: TrialTable, _ b: ComparisonBuilder) -> FigureAnalysis? {
        let arms = t.arms("fig8")
        guard !arms.isEmpty else { return nil }
        let stats = b.armStatisticsAll(arms)
        var specs: [ComparisonBuilder.Spec] = []
        var spreads: [SpreadComparison] = []
        // C12's cases: both regressors at every task and label count ≤ 100 (the Bonferroni factor of its "opposes").
        let spreadCases = 2 * t.tasks("fig8").reduce(0) { $0 + t.labelCounts("fig8", task: $1).filter { $0 <= 100 }.count }
        for task in t.tasks("fig8") {
            for n in t.labelCounts("fig8", task: task) {
                let k = { (arm: String) in ArmKey(experiment: "fig8", task: task, nLabels: n, arm: arm) }
                var pairs = comparedPairs["fig8"]!.map { ($0.0, $0.1, tags("fig8", task, n, $0.0, $0.1)) }
                if n <= 100 {
                    // C8: the lowest-median DIM arm against the lowest-median other arm.
                    let here = stats.filter { $0.key.task == task && $0.key.nLabels == n && $0.summary.n > 0 }
                    let bestDIM = here.filter { isDIMArm($0.key.arm) }.min { $0.summary.median < $1.summary.median }
                    let bestOther = here.filter { !isDIMArm($0.key.arm) }.min { $0.summary.median < $1.summary.median }
                    if let d = bestDIM, let o = bestOther {
                        if let i = pairs.firstIndex(where: { $0.0 == d.key.arm && $0.1 == o.key.arm }) {
                            pairs[i].2 = pairs[i].2 == contextTag ? "C8" : pairs[i].2 + " C8"
                        } else {
                            pairs.append((d.key.arm, o.key.arm, "C8"))
                        }
                    }
                    for (reg, dimArm, untrained) in [("linear", ArmID.linearDIM, ArmID.linearUntrained),
                                                     ("mlp", ArmID.mlpDIM, ArmID.mlpUntrained)] {
                        if let s = spread(t, b.settings, k(dimArm), k(untrained), regressor: reg, familySize: spreadCases) { spreads.append(s) }
                    }
                }
                for (a, c, why) in pairs { specs.append(.init(a: k(a), b: k(c), figure: "fig8", purpose: why)) }
            }
        }
        let comps = b.compareAll(specs)
        return FigureAnalysis(id: "fig8", title: titles["fig8"]!, arms: stats, comparisons: comps, spreads: spreads)
    }

    /// IQR(DIM) − IQR(untrained) with a paired bootstrap over trial indices, at the nominal level and
    /// at 1 − α/`familySize` (Bonferroni over C12's cases, for deciding that a case opposes); both
    /// intervals are quantiles of the same resamples.
    static func spread(_ t: TrialTable, _ settings: AnalysisSettings, _ dim: ArmKey, _ untrained: ArmKey,
                       regressor: String, familySize: Int) -> SpreadComparison? {
        let sa = t.values[dim] ?? [:], sb = t.values[untrained] ?? [:]
        let common = Set(sa.keys).intersection(sb.keys).sorted()
        guard common.count >= 4 else { return nil }
        let x = common.map { sa[$0]! }, y = common.map { sb[$0]! }
        func iqr(_ v: [Double]) -> Double { let s = v.sorted(); return Quantile.linear(sorted: s, 0.75) - Quantile.linear(sorted: s, 0.25) }
        let idx = common.indices.map(Double.init)
        func ci(_ level: Double) -> ConfidenceInterval {
            Bootstrap.percentileCI(idx, resamples: settings.bootstrapResamples, level: level,
                                   stream: SeedPath(["report", "spread", dim.description]).stream()) { r in
                let ii = r.map { Int($0) }
                return iqr(ii.map { x[$0] }) - iqr(ii.map { y[$0] })
            }
        }
        return SpreadComparison(task: dim.task, nLabels: dim.nLabels, regressor: regressor, iqrDIM: iqr(x),
                                iqrUntrained: iqr(y), difference: iqr(x) - iqr(y), differenceCI: ci(settings.confidenceLevel),
                                differenceCIAdjusted: ci(1 - settings.alpha / Double(max(familySize, 1))))
    }

    static func fig11(_ t: TrialTable, _ b: ComparisonBuilder) -> FigureAnalysis? {
        var specs: [ComparisonBuilder.Spec] = []
        var armKeys = Set<ArmKey>()
        for task in t.tasks("fig7") {
            for n in t.labelCounts("fig7", task: task) {
                for (sitenet, mlp) in comparedPairs["fig11"]! {
                    let a = ArmKey(experiment: "fig7", task: task, nLabels: n, arm: sitenet)
                    let c = ArmKey(experiment: "fig8", task: task, nLabels: n, arm: mlp)
                    guard t.has(a), t.has(c) else { continue }
                    armKeys.insert(a); armKeys.insert(c)
                    specs.append(.init(a: a, b: c, figure: "fig11", purpose: tags("fig11", task, n, sitenet, mlp)))
                }
            }
        }
        guard !armKeys.isEmpty else { return nil }
        let comps = b.compareAll(specs)
        return FigureAnalysis(id: "fig11", title: titles["fig11"]!, arms: b.armStatisticsAll(armKeys.sorted()),
                              comparisons: comps, spreads: [])
    }

    static func fig12(_ t: TrialTable, _ b: ComparisonBuilder) -> FigureAnalysis? {
        let own = t.arms("fig12")
        guard !own.isEmpty else { return nil }
        var specs: [ComparisonBuilder.Spec] = []
        var armKeys = Set(own)
        for task in t.tasks("fig12") {
            for n in t.labelCounts("fig12", task: task) {
                for (a, c) in comparedPairs["fig12"]! {
                    guard let ka = t.find(a, task: task, n: n, in: ["fig12"]),
                          let kc = t.find(c, task: task, n: n, in: ["fig12", "fig8"]) else { continue }
                    armKeys.insert(kc)
                    specs.append(.init(a: ka, b: kc, figure: "fig12", purpose: tags("fig12", task, n, a, c)))
                }
            }
        }
        let comps = b.compareAll(specs)
        return FigureAnalysis(id: "fig12", title: titles["fig12"]!, arms: b.armStatisticsAll(armKeys.sorted()),
                              comparisons: comps, spreads: [])
    }

    /// Departures visible in the data: trials per box against the authors' (fig 7: 12 seeds; figs 8
    /// and 12: 100 trials, 25 at 1000 labels), label counts against 50/100/250/1000, t-SNE perplexity
    /// against 1000, and experiments with no data.
    static func departures(_ doc: ResultsDocument, _ t: TrialTable) -> [String] {
        var out: [String] = []
        let paperN = PaperDesign.labelCounts
        for (exp, name) in [("fig7", "fig 7"), ("fig8", "fig 8"), ("fig12", "fig 12")] {
            let arms = t.arms(exp)
            if arms.isEmpty { out.append("\(name): not run in this profile."); continue }
            var byN: [Int: [Int]] = [:]
            for a in arms { byN[a.nLabels, default: []].append(t.sample(a).values.count) }
            for n in byN.keys.sorted() {
                let counts = byN[n]!
                let lo = counts.min()!, hi = counts.max()!
                if let authors = PaperDesign.trialsPerBox(experiment: exp, labels: n), lo != authors || hi != authors {
                    out.append("\(name), \(n) labels: \(lo == hi ? "\(lo)" : "\(lo)–\(hi)") successful trials per box (authors: \(authors)\(exp == "fig7" ? "; their notebook holds 10–13" : "")).")
                }
            }
            let ns = Set(arms.map(\.nLabels))
            if ns != Set(paperN) {
                out.append("\(name): label counts \(ns.sorted().map(String.init).joined(separator: ", ")) (authors: \(paperN.map(String.init).joined(separator: ", "))).")
            }
        }
        if doc.learningCurves.isEmpty { out.append("fig 6: no DIM learning curves recorded.") }
        if doc.tsneMaps.isEmpty { out.append("figs 9–10: no t-SNE maps recorded.") }
        for p in Set(doc.tsneMaps.map(\.perplexity)).sorted() where p != 1000 {
            out.append("t-SNE perplexity \(p) (the authors' code: 1000; the paper's text says 100).")
        }
        return out
    }

    // MARK: curves and budgets

    /// Running median over `window` consecutive values (centred; shorter at the ends).
    static func runningMedian(_ v: [Double], window: Int) -> [Double] {
        let h = max(window, 1) / 2
        return v.indices.map { i in Quantile.median(Array(v[max(0, i - h)...min(v.count - 1, i + h)])) }
    }

    /// Largest rebound above the running minimum as a fraction of the total drop:
    /// max_t (L_t − min_{s≤t} L_s) / (L_0 − min L); 0 for a monotone curve.
    static func rebound(_ v: [Double]) -> Double {
        guard let first = v.first else { return .nan }
        var runMin = first, worst = 0.0
        for x in v { runMin = min(runMin, x); worst = max(worst, x - runMin) }
        let drop = first - runMin
        return drop > 0 ? worst / drop : (worst > 0 ? .infinity : 0)
    }

    static func analyzeCurve(_ c: LearningCurve, _ settings: AnalysisSettings) -> CurveAnalysis {
        let pts = c.points.sorted { $0.epoch < $1.epoch }
        let last = pts.last
        func tailSlope(_ f: (CurvePoint) -> Double) -> Double {
            guard pts.count >= 2 else { return .nan }
            let m = max(2, pts.count / 3)
            let tail = pts.suffix(m)
            let xs = tail.map { Double($0.epoch) }, ys = tail.map(f)
            let mx = xs.reduce(0, +) / Double(m), my = ys.reduce(0, +) / Double(m)
            var sxy = 0.0, sxx = 0.0
            for (x, y) in zip(xs, ys) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
            return sxx > 0 ? sxy / sxx : .nan
        }
        let epochs = pts.map { Double($0.epoch) }
        let local = pts.map(\.localDIM), global = pts.map(\.globalDIM)
        let w = settings.runningMedianWindow
        return CurveAnalysis(model: c.model, tasks: c.tasks, synthetic: c.synthetic, epochs: pts.count,
                             finalLocalDIM: last?.localDIM ?? .nan, finalLocalKL: last?.localKL ?? .nan,
                             finalGlobalDIM: last?.globalDIM ?? .nan, finalGlobalKL: last?.globalKL ?? .nan,
                             baselineLocal: c.baselineLocal, baselineGlobal: c.baselineGlobal,
                             tailSlopeLocalDIM: tailSlope(\.localDIM), tailSlopeGlobalDIM: tailSlope(\.globalDIM),
                             reboundLocalDIM: rebound(local), reboundGlobalDIM: rebound(global),
                             medianReboundLocalDIM: rebound(runningMedian(local, window: w)),
                             medianReboundGlobalDIM: rebound(runningMedian(global, window: w)),
                             kendallTauLocalDIM: KendallTau.tauB(epochs, local), kendallTauGlobalDIM: KendallTau.tauB(epochs, global),
                             selectedEpoch: c.selectedEpoch, stopReason: c.stopReason)
    }

    static func budget(_ b: BudgetComparison, _ settings: AnalysisSettings) -> BudgetAnalysis {
        let x = b.shortValues.filter(\.isFinite), y = b.longValues.filter(\.isFinite)
        let paired = x.count == y.count && !x.isEmpty && b.shortValues.count == b.longValues.count
        let level = settings.confidenceLevel
        if paired {
            let d = zip(x, y).map { $0 - $1 }
            let w = WilcoxonSignedRank(differences: d)
            return BudgetAnalysis(description: b.description, shortBudget: b.shortBudget, longBudget: b.longBudget,
                                  short: SampleSummary(x), long: SampleSummary(y), shift: HodgesLehmann.paired(differences: d),
                                  shiftCI: HodgesLehmannInterval.paired(differences: d, level: level)!.interval,
                                  paired: true, p: w.p, minimumAttainableP: WilcoxonSignedRank.minimumAttainableP(pairs: w.n, method: w.method))
        }
        let m = MannWhitneyU(x: x, y: y)
        let nan = ConfidenceInterval(lower: .nan, upper: .nan, level: level, nominal: level)
        return BudgetAnalysis(description: b.description, shortBudget: b.shortBudget, longBudget: b.longBudget,
                              short: SampleSummary(x), long: SampleSummary(y), shift: HodgesLehmann.unpaired(x: x, y: y),
                              shiftCI: HodgesLehmannInterval.unpaired(x: x, y: y, level: level)?.interval ?? nan,
                              paired: false, p: m.p, minimumAttainableP: MannWhitneyU.minimumAttainableP(x.count, y.count, method: m.method))
    }
}
