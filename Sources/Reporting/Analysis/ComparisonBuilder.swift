import Foundation
import Statistics

/// Makes ``Comparison``s (exact rank tests and intervals) and ``ArmStatistics`` (seeded bootstrap of the median).
struct ComparisonBuilder {
    let table: TrialTable
    let settings: AnalysisSettings

    /// The arm's statistics; the median CI is the exact order-statistic interval (``MedianInterval``).
    func armStatistics(_ key: ArmKey) -> ArmStatistics {
        let (t, v) = table.sample(key)
        let c = table.counts[key] ?? (0, 0)
        return ArmStatistics(key: key, trialsRecorded: c.recorded, trialsFailed: c.failed, trials: t, values: v,
                             summary: SampleSummary(v), box: v.isEmpty ? nil : BoxStatistics(v, rule: settings.whiskers),
                             medianCI: MedianInterval.exact(v, level: settings.confidenceLevel))
    }

    /// Whether trial k of `a` and trial k of `b` were fitted on the same label subset. The subset of
    /// trial k is drawn from a stream keyed by (task, label count, k) only — not by experiment or
    /// arm — so every arm of figs 7, 8 and 12 at one task and label count shares it, and fig 11's
    /// Site-Net (fig 7) and MLP (fig 8) arms do too.
    static func sharesLabelSubsets(_ a: ArmKey, _ b: ArmKey) -> Bool { a.task == b.task && a.nLabels == b.nLabels }

    /// Compares A with B on MAE (A − B). Paired over the trial indices both arms have when they
    /// share label subsets (``sharesLabelSubsets(_:_:)``), otherwise unpaired. The shift is a
    /// Hodges–Lehmann estimate with its exact distribution-free interval (``HodgesLehmannInterval``;
    /// the interval's `level` is the attained coverage). Returns nil when either arm has no
    /// successful trial or, paired, no trial index in common.
    func compare(_ a: ArmKey, _ b: ArmKey, figure: String, purpose: String) -> Comparison? {
        let sa = table.values[a] ?? [:], sb = table.values[b] ?? [:]
        guard !sa.isEmpty, !sb.isEmpty else { return nil }
        let level = settings.confidenceLevel
        if Self.sharesLabelSubsets(a, b) {
            let common = Set(sa.keys).intersection(sb.keys).sorted()
            guard !common.isEmpty else { return nil }
            let d = common.map { sa[$0]! - sb[$0]! }
            let w = WilcoxonSignedRank(differences: d)
            let ci = HodgesLehmannInterval.paired(differences: d, level: level)!.interval
            return Comparison(figure: figure, a: a, b: b, paired: true, nPairs: common.count, nA: common.count,
                              nB: common.count, shift: HodgesLehmann.paired(differences: d), shiftCI: ci,
                              winsA: d.filter { $0 < 0 }.count, winsOf: d.count,
                              test: w.method == .exact ? "Wilcoxon signed-rank (exact)" : "Wilcoxon signed-rank (normal approx.)",
                              p: w.p, minimumAttainableP: WilcoxonSignedRank.minimumAttainableP(pairs: w.n, method: w.method),
                              comparatorMedian: Quantile.median(common.map { sb[$0]! }), purpose: purpose)
        }
        let x = table.sample(a).values, y = table.sample(b).values
        let m = MannWhitneyU(x: x, y: y)
        let ci = HodgesLehmannInterval.unpaired(x: x, y: y, level: level)!.interval
        var wins = 0
        for u in x { for v in y where u < v { wins += 1 } }
        return Comparison(figure: figure, a: a, b: b, paired: false, nPairs: 0, nA: x.count, nB: y.count,
                          shift: HodgesLehmann.unpaired(x: x, y: y), shiftCI: ci, winsA: wins, winsOf: x.count * y.count,
                          test: m.method == .exact ? "Mann–Whitney U (exact)" : "Mann–Whitney U (normal approx.)",
                          p: m.p, minimumAttainableP: MannWhitneyU.minimumAttainableP(x.count, y.count, method: m.method),
                          comparatorMedian: Quantile.median(y), purpose: purpose)
    }

    /// One comparison to make.
    struct Spec { var a: ArmKey; var b: ArmKey; var figure: String; var purpose: String }

    /// All comparisons of `specs`, computed side by side on the available cores (each draws from
    /// its own keyed stream, so the result does not depend on scheduling), in `specs` order,
    /// skipping those without data.
    func compareAll(_ specs: [Spec]) -> [Comparison] {
        Self.sideBySide(specs) { compare($0.a, $0.b, figure: $0.figure, purpose: $0.purpose) }.compactMap { $0 }
    }

    /// Arm statistics of `keys`, side by side, in order.
    func armStatisticsAll(_ keys: [ArmKey]) -> [ArmStatistics] { Self.sideBySide(keys, armStatistics) }

    /// `transform` of every element, computed on the available cores (worker w takes elements
    /// w, w + workers, …), in input order.
    static func sideBySide<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { _ = results.deinitialize(); results.deallocate() }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < items.count { results[i] = transform(items[i]); i += workers }
        }
        return results.map { $0! }
    }
}
