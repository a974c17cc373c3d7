import Foundation
import Statistics

/// How one fig 7 cell's trials stopped, and their test MAE under both checkpoints.
public struct ArmConvergence: Codable, Equatable, Sendable {
    public var task: String, nLabels: Int, arm: String
    /// Trials with a stop record, those stopped by the validation rule, and those at the ceiling.
    public var trials: Int, stoppedByRule: Int, atCeiling: Int
    /// Median and largest epochs trained; the ceiling.
    public var medianEpochs: Double, maxEpochs: Int, ceiling: Int
    /// Median test MAE of the last and of the best-validation weights.
    public var medianLast: Double, medianBest: Double
}

/// One cell of the budget probe: the median of its probed trials at the profile's rule and at the
/// longer one, and whether it moved by more than the threshold.
public struct ProbeCell: Codable, Equatable, Sendable {
    public var description: String
    public var trials: Int
    public var shortMedian: Double, longMedian: Double
    /// (long − short) / short.
    public var relativeChange: Double
    public var flagged: Bool
    /// Fig 7 cells: how many probed trials found a lower validation MAE after the profile's rule
    /// had stopped them (longer run's best epoch > the profile's best epoch; the longer run repeats
    /// the profile's up to its stop, so a later best can only come after it). Such a trial was
    /// stopped by its rule before the rule's own optimum: non-convergence the validation split
    /// sees. A cell whose last weights move while this count is 0 moved where the validation
    /// crystals cannot see it: the weights wander at a constant learning rate, or improve by less
    /// than n//20 validation crystals resolve (a larger held-out set tells which). Nil for the DIM
    /// models' cells and for documents without the trials' best epochs.
    public var laterBest: Int? = nil
}

/// A claim's verdict under the other checkpoint and under the longer budget.
public struct ClaimSensitivity: Codable, Equatable, Sendable {
    public var id: String
    public var verdict: Verdict
    public var otherCheckpoint: Verdict?
    /// With the probed trials at their longer-budget values (the other trials unchanged).
    public var longerBudget: Verdict?
    /// With every trial of a probed fig 7 cell moved as its probed trials moved: each of the
    /// cell's values times median(longer) / median(profile's) of its probed trials (the probed
    /// trials themselves take their own longer-budget values). A projection, not a measurement:
    /// it asks whether the verdict would survive if the whole cell were as under-trained as the
    /// probe says, which the probed trials alone (3 of 12) rarely can.
    public var projectedBudget: Verdict?
    /// True when either alternative gives another verdict.
    public var budgetSensitive: Bool
    /// Which alternative changed it, in words ("" when none).
    public var reason: String
}

/// The convergence evidence: stop counts per fig 7 cell, how each DIM model and donor stopped, the
/// budget probe per cell, and which verdicts depend on the checkpoint or the budget.
public struct ConvergenceAnalysis: Codable, Equatable, Sendable {
    /// The checkpoint the verdicts use (`last` or `best`), read off the trials.
    public var checkpoint: String
    public var arms: [ArmConvergence]
    public var runs: [TrainingRunRecord]
    public var probes: [ProbeCell]
    public var claims: [ClaimSensitivity]
    /// A probe cell is flagged when its median moves by more than this fraction.
    public var threshold: Double
    /// What the best-validation choice is worth on the test split, per label count (nil in
    /// documents analysed before it was recorded).
    public var selection: [CheckpointSelection]? = nil

    /// The claims marked budget-sensitive.
    public var sensitiveClaims: [ClaimSensitivity] { claims.filter(\.budgetSensitive) }

    /// Builds the evidence for `document`, whose claims were judged as `analysis.claims`; the
    /// alternative verdicts come from analysing two variants of the document in which every fig 7
    /// trial's MAE is replaced by its other checkpoint's, or (probed trials only) by the longer
    /// rule's. Nil when the trials carry no checkpoint records (documents of older versions).
    static func make(_ document: ResultsDocument, claims: [ClaimVerdict], settings: AnalysisSettings,
                     threshold: Double = 0.03) -> ConvergenceAnalysis? {
        let fig7 = document.trials.filter { $0.experiment == "fig7" && $0.mae != nil }
        guard let sample = fig7.first(where: { $0.extra[TrialExtra.maeLast] != nil }) else { return nil }
        let usesBest = sample.mae == sample.extra[TrialExtra.maeBest] && sample.mae != sample.extra[TrialExtra.maeLast]
        let named = usesBest ? TrialExtra.maeBest : TrialExtra.maeLast, other = usesBest ? TrialExtra.maeLast : TrialExtra.maeBest

        // Stop counts and both checkpoints per cell, in document order.
        var order: [String] = [], groups: [String: [TrialRecord]] = [:]
        for t in fig7 {
            let k = "\(t.task)|\(t.nLabels)|\(t.arm)"
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(t)
        }
        let arms = order.map { k -> ArmConvergence in
            let ts = groups[k]!, t0 = ts[0]
            let stops = ts.compactMap { $0.extra[TrialExtra.stoppedByRule] }
            let epochs = ts.compactMap { $0.extra[TrialExtra.epochs] }
            return ArmConvergence(task: t0.task, nLabels: t0.nLabels, arm: t0.arm, trials: stops.count,
                                  stoppedByRule: stops.filter { $0 == 1 }.count, atCeiling: stops.filter { $0 == 0 }.count,
                                  medianEpochs: epochs.isEmpty ? .nan : Quantile.median(epochs), maxEpochs: Int(epochs.max() ?? 0),
                                  ceiling: Int(ts.compactMap { $0.extra[TrialExtra.ceiling] }.max() ?? 0),
                                  medianLast: median(ts.compactMap { $0.extra[TrialExtra.maeLast] }),
                                  medianBest: median(ts.compactMap { $0.extra[TrialExtra.maeBest] }))
        }

        let laterBest = laterBestCounts(fig7)
        let probes = document.budgetComparisons.map { b -> ProbeCell in
            let s = median(b.shortValues), l = median(b.longValues)
            let change = (l - s) / s
            return ProbeCell(description: b.description, trials: min(b.shortValues.count, b.longValues.count),
                             shortMedian: s, longMedian: l, relativeChange: change, flagged: !(abs(change) <= threshold),
                             laterBest: laterBest[b.description])
        }

        // Verdicts under the alternatives.
        func variant(_ value: (TrialRecord) -> Double?) -> [String: Verdict] {
            var doc = document
            doc.trials = document.trials.map { t in
                guard t.experiment == "fig7", t.mae != nil, let v = value(t) else { return t }
                var u = t; u.mae = v; return u
            }
            return Dictionary(uniqueKeysWithValues: ResultsAnalyzer.analyze(doc, settings: settings, sensitivity: false).claims.map { ($0.id, $0.verdict) })
        }
        let otherVerdicts = variant { $0.extra[other] }
        let longKey = TrialExtra.probe(named)
        let hasProbe = fig7.contains { $0.extra[longKey] != nil }
        let longVerdicts = hasProbe ? variant { $0.extra[longKey] } : [:]
        let factors = projectionFactors(groups, named: named)
        let projectedVerdicts = hasProbe ? variant { t in
            t.extra[longKey] ?? factors["\(t.task)|\(t.nLabels)|\(t.arm)"].flatMap { f in t.extra[named].map { $0 * f } }
        } : [:]
        let sensitivity = claims.map { c -> ClaimSensitivity in
            let o = otherVerdicts[c.id], l = hasProbe ? longVerdicts[c.id] : nil, pr = hasProbe ? projectedVerdicts[c.id] : nil
            var why: [String] = []
            if let o, o != c.verdict { why.append("\(o.rawValue) with the \(usesBest ? "last" : "best-validation") checkpoint") }
            if let l, l != c.verdict { why.append("\(l.rawValue) when the probed trials take their longer-budget values") }
            if let pr, pr != c.verdict, pr != l { why.append("\(pr.rawValue) when every trial of a probed cell moves as its probed trials did") }
            return ClaimSensitivity(id: c.id, verdict: c.verdict, otherCheckpoint: o, longerBudget: l, projectedBudget: pr,
                                    budgetSensitive: !why.isEmpty, reason: why.joined(separator: "; "))
        }
        return ConvergenceAnalysis(checkpoint: usesBest ? "best" : "last", arms: arms, runs: document.trainingRuns ?? [],
                                   probes: probes, claims: sensitivity, threshold: threshold,
                                   selection: CheckpointSelection.make(fig7))
    }

    /// Per fig 7 probe cell (by its comparison's description): the probed trials whose longer run
    /// found its best validation epoch after the profile's best (see ``ProbeCell/laterBest``).
    static func laterBestCounts(_ fig7: [TrialRecord]) -> [String: Int] {
        var out: [String: Int] = [:]
        for t in fig7 {
            guard let best = t.extra[TrialExtra.bestEpoch], let longBest = t.extra[TrialExtra.probe(TrialExtra.bestEpoch)] else { continue }
            out[BudgetComparison.fig7Cell(task: t.task, nLabels: t.nLabels, arm: t.arm), default: 0] += longBest > best ? 1 : 0
        }
        return out
    }

    /// Per fig 7 cell ("task|n|arm") with probed trials: median of their longer-budget values over
    /// the median of their values at the profile's rule (the `named` checkpoint), when both are
    /// finite and positive.
    static func projectionFactors(_ groups: [String: [TrialRecord]], named: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for (cell, ts) in groups {
            let pairs = ts.compactMap { t in t.extra[named].flatMap { a in t.extra[TrialExtra.probe(named)].map { (a, $0) } } }
            let s = median(pairs.map(\.0)), l = median(pairs.map(\.1))
            if s.isFinite, l.isFinite, s > 0, l > 0 { out[cell] = l / s }
        }
        return out
    }

    static func median(_ xs: [Double]) -> Double {
        let f = xs.filter(\.isFinite)
        return f.isEmpty ? .nan : Quantile.median(f)
    }
}
