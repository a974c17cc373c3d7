import Foundation
import Randomness
import Statistics

/// Makes ``Comparison``s and ``ArmStatistics`` with seeded bootstraps.
struct ComparisonBuilder {
    let table: TrialTable
    let settings: AnalysisSettings

    /// The arm's statistics; the median CI comes from a bootstrap keyed by the arm.
    func armStatistics(_ key: ArmKey) -> ArmStatistics {
        let (t, v) = table.sample(key)
        let c = table.counts[key] ?? (0, 0)
        let ci = Bootstrap.percentileCI(v, resamples: settings.bootstrapResamples, level: settings.confidenceLevel,
                                        stream: SeedPath(["report", "median", key.description]).stream()) { Quantile.median($0) }
        return ArmStatistics(key: key, trialsRecorded: c.recorded, trialsFailed: c.failed, trials: t, values: v,
                             summary: SampleSummary(v), box: v.isEmpty ? nil : BoxStatistics(v, rule: settings.whiskers), medianCI: ci)
    }

    /// Compares A with B on MAE (A − B). Paired by trial index when both arms belong to the same
    /// experiment (the n-th trial of every arm of an experiment shares its label subset), otherwise
    /// unpaired. Returns nil when either arm has no successful trial. `pHolm` is filled in later.
    func compare(_ a: ArmKey, _ b: ArmKey, figure: String, purpose: String) -> Comparison? {
        let sa = table.values[a] ?? [:], sb = table.values[b] ?? [:]
        guard !sa.isEmpty, !sb.isEmpty else { return nil }
        let seed = SeedPath(["report", "compare", figure, a.description, b.description])
        if a.experiment == b.experiment {
            let common = Set(sa.keys).intersection(sb.keys).sorted()
            guard !common.isEmpty else { return nil }
            let d = common.map { sa[$0]! - sb[$0]! }
            var scratch: [Double] = []
            let w = WilcoxonSignedRank(differences: d)
            let ci = Bootstrap.percentileCI(d, resamples: settings.bootstrapResamples, level: settings.confidenceLevel,
                                            stream: seed.stream()) { HodgesLehmann.paired(differences: $0, scratch: &scratch) }
            return Comparison(figure: figure, a: a, b: b, paired: true, nPairs: common.count, nA: common.count,
                              nB: common.count, shift: HodgesLehmann.paired(differences: d), shiftCI: ci,
                              winsA: d.filter { $0 < 0 }.count, winsOf: d.count,
                              test: w.method == .exact ? "Wilcoxon signed-rank (exact)" : "Wilcoxon signed-rank (normal approx.)",
                              p: w.p, pHolm: .nan, minimumAttainableP: WilcoxonSignedRank.minimumAttainableP(pairs: w.n),
                              purpose: purpose)
        }
        let x = table.sample(a).values, y = table.sample(b).values
        let m = MannWhitneyU(x: x, y: y)
        var scratch: [Double] = []
        let ci = Bootstrap.percentileCI(x, y, resamples: settings.bootstrapResamples, level: settings.confidenceLevel,
                                        stream: seed.stream()) { HodgesLehmann.unpaired(x: $0, y: $1, scratch: &scratch) }
        var wins = 0
        for u in x { for v in y where u < v { wins += 1 } }
        return Comparison(figure: figure, a: a, b: b, paired: false, nPairs: 0, nA: x.count, nB: y.count,
                          shift: HodgesLehmann.unpaired(x: x, y: y), shiftCI: ci, winsA: wins, winsOf: x.count * y.count,
                          test: m.method == .exact ? "Mann–Whitney U (exact)" : "Mann–Whitney U (normal approx.)",
                          p: m.p, pHolm: .nan, minimumAttainableP: MannWhitneyU.minimumAttainableP(x.count, y.count),
                          purpose: purpose)
    }

    /// One comparison to make.
    struct Spec { var a: ArmKey; var b: ArmKey; var figure: String; var purpose: String }

    /// All comparisons of `specs`, computed side by side on the available cores (each draws from
    /// its own keyed stream, so the result does not depend on scheduling), in `specs` order,
    /// skipping those without data.
    func compareAll(_ specs: [Spec]) -> [Comparison] {
        let results = UnsafeMutableBufferPointer<Comparison?>.allocate(capacity: specs.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, specs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < specs.count {
                let s = specs[i]
                results[i] = compare(s.a, s.b, figure: s.figure, purpose: s.purpose)
                i += workers
            }
        }
        return results.compactMap { $0 }
    }

    /// Arm statistics of `keys`, side by side, in order.
    func armStatisticsAll(_ keys: [ArmKey]) -> [ArmStatistics] {
        let results = UnsafeMutableBufferPointer<ArmStatistics?>.allocate(capacity: keys.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, keys.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < keys.count { results[i] = armStatistics(keys[i]); i += workers }
        }
        return results.map { $0! }
    }

    /// Fills `pHolm` over the whole family (one figure).
    static func holm(_ comps: inout [Comparison]) {
        let adj = Holm.adjust(comps.map(\.p))
        for i in comps.indices { comps[i].pHolm = adj[i] }
    }
}
