import Foundation
import Randomness
import Statistics

/// Turns a ``ResultsDocument`` into a ``ResultsAnalysis``: per-arm statistics, the comparisons of
/// every figure (exact tests and intervals; multiplicity is handled per claim by ``ClaimRules``), learning-curve and t-SNE neighbourhood numbers,
/// budget comparisons, the paper's reference medians and the claim verdicts.
/// Deterministic: every bootstrap draws from a stream keyed by what it resamples.
public enum ResultsAnalyzer {
    /// Analyses `document` with `settings`; with `sensitivity`, also the convergence evidence and
    /// the verdicts under the other checkpoint and the longer budget (``ConvergenceAnalysis``).
    public static func analyze(_ document: ResultsDocument, settings: AnalysisSettings = AnalysisSettings(),
                               sensitivity: Bool = true) -> ResultsAnalysis {
        let table = TrialTable(document.trials)
        let builder = ComparisonBuilder(table: table, settings: settings)
        var figures: [FigureAnalysis] = []
        for f in ComparedFigures.all {
            if let a = compare(f, table, builder) { figures.append(a) }
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

    /// Figure `f`'s arm statistics and comparisons: at every task and label count of its trials
    /// (of arm A's experiment for a figure without trials of its own), each declared pair whose
    /// arms are found, tagged with the claims that read it; fig 8 adds C8's pair and C12's spreads.
    /// Its arms are its own trials' arms and every arm it compares. Nil when it has none.
    static func compare(_ f: ComparedFigure, _ t: TrialTable, _ b: ComparisonBuilder) -> FigureAnalysis? {
        let own = f.runsTrials ? t.arms(f.id) : []
        if f.runsTrials && own.isEmpty { return nil }
        let grid = f.runsTrials ? f.id : (f.pairs.first?.aIn.first ?? f.id)
        let ownStats = f.bestArmAndSpread ? b.armStatisticsAll(own) : nil
        var specs: [ComparisonBuilder.Spec] = []
        var spreads: [SpreadComparison] = []
        var used = Set<ArmKey>()
        for task in t.tasks(grid) {
            for n in t.labelCounts(grid, task: task) {
                var pairs: [(a: ArmKey, b: ArmKey, why: String)] = f.pairs.compactMap { p in
                    guard let ka = t.find(p.a, task: task, n: n, in: p.aIn), let kb = t.find(p.b, task: task, n: n, in: p.bIn) else { return nil }
                    return (ka, kb, tags(f.id, task, n, p.a, p.b))
                }
                if let stats = ownStats, n <= 100 {
                    bestArmPair(stats, figure: f.id, task: task, n: n, into: &pairs)
                    spreads += representationSpreads(t, b, figure: f.id, task: task, n: n)
                }
                for p in pairs {
                    used.insert(p.a); used.insert(p.b)
                    specs.append(.init(a: p.a, b: p.b, figure: f.id, purpose: p.why))
                }
            }
        }
        guard !own.isEmpty || !used.isEmpty else { return nil }
        let comps = b.compareAll(specs)
        return FigureAnalysis(id: f.id, title: f.title, arms: ownStats ?? b.armStatisticsAll(Set(own).union(used).sorted()),
                              comparisons: comps, spreads: spreads)
    }

    /// The claims whose declared cases include this comparison (``PaperClaims/reading(figure:task:n:a:b:)``),
    /// or ``contextTag`` when it is shown for context only.
    static func tags(_ figure: String, _ task: String, _ n: Int, _ a: String, _ b: String) -> String {
        let t = PaperClaims.reading(figure: figure, task: task, n: n, a: a, b: b)
        return t.isEmpty ? contextTag : t.joined(separator: " ")
    }
    static let contextTag = "context"

    static func isDIMArm(_ arm: String) -> Bool { arm == ArmID.linearDIM || arm == ArmID.mlpDIM }

    /// C8's case at (task, n): the lowest-median DIM arm against the lowest-median other arm, added
    /// to `pairs` (or its tag added to the declared pair that is the same comparison).
    static func bestArmPair(_ stats: [ArmStatistics], figure: String, task: String, n: Int,
                            into pairs: inout [(a: ArmKey, b: ArmKey, why: String)]) {
        let here = stats.filter { $0.key.task == task && $0.key.nLabels == n && $0.summary.n > 0 }
        guard let d = here.filter({ isDIMArm($0.key.arm) }).min(by: { $0.summary.median < $1.summary.median }),
              let o = here.filter({ !isDIMArm($0.key.arm) }).min(by: { $0.summary.median < $1.summary.median }) else { return }
        if let i = pairs.firstIndex(where: { $0.a.arm == d.key.arm && $0.b.arm == o.key.arm }) {
            pairs[i].why = pairs[i].why == contextTag ? "C8" : pairs[i].why + " C8"
        } else {
            pairs.append((d.key, o.key, "C8"))
        }
    }

    /// C12's cases at (task, n): the spread of each regressor on DIM vectors against untrained ones.
    static func representationSpreads(_ t: TrialTable, _ b: ComparisonBuilder, figure: String, task: String, n: Int) -> [SpreadComparison] {
        // C12's cases: both regressors at every task and label count ≤ 100 (the Bonferroni factor of its "opposes").
        let cases = 2 * t.tasks(figure).reduce(0) { $0 + t.labelCounts(figure, task: $1).filter { $0 <= 100 }.count }
        let k = { (arm: String) in ArmKey(experiment: figure, task: task, nLabels: n, arm: arm) }
        return [("linear", ArmID.linearDIM, ArmID.linearUntrained), ("mlp", ArmID.mlpDIM, ArmID.mlpUntrained)].compactMap { reg, dimArm, untrained in
            spread(t, b.settings, k(dimArm), k(untrained), regressor: reg, familySize: cases)
        }
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

    /// Departures visible in the data: trials per box against the authors' (fig 7: 12 seeds; figs 8
    /// and 12: 100 trials, 25 at 1000 labels), label counts against 50/100/250/1000, t-SNE perplexity
    /// against 1000, and experiments with no data.
    static func departures(_ doc: ResultsDocument, _ t: TrialTable) -> [String] {
        var out: [String] = []
        let paperN = PaperDesign.labelCounts
        for f in ComparedFigures.all where f.runsTrials {
            let exp = f.id, name = "fig \(f.number)"
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
