import Foundation
import Statistics

/// Identifies one arm: an experiment's trials of one arm at one task and label count.
public struct ArmKey: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var experiment: String
    public var task: String
    public var nLabels: Int
    public var arm: String
    public init(experiment: String, task: String, nLabels: Int, arm: String) {
        self.experiment = experiment; self.task = task; self.nLabels = nLabels; self.arm = arm
    }
    /// Ordered by experiment, task, label count, arm.
    public static func < (a: ArmKey, b: ArmKey) -> Bool {
        (a.experiment, a.task, a.nLabels, a.arm) < (b.experiment, b.task, b.nLabels, b.arm)
    }
    /// `fig7/e_form/n50/sitenet-dim`.
    public var description: String { "\(experiment)/\(task)/n\(nLabels)/\(arm)" }
}

/// Statistics of one arm's successful trials.
public struct ArmStatistics: Codable, Equatable, Sendable {
    public var key: ArmKey
    /// Trials recorded (failed ones included) and how many failed.
    public var trialsRecorded: Int
    public var trialsFailed: Int
    /// Trial indices and test MAEs of the successful trials, in trial order.
    public var trials: [Int]
    public var values: [Double]
    /// n, mean ± sd (ddof 1), type-7 quartiles, IQR, min, max.
    public var summary: SampleSummary
    /// Box-plot numbers under ``AnalysisSettings/whiskers`` (nil when no trial succeeded).
    public var box: BoxStatistics?
    /// Exact order-statistic CI of the median (binomial; `level` is the attained coverage; used by
    /// the baseline check).
    public var medianCI: ConfidenceInterval
}

/// One comparison of two arms: A − B on test MAE (negative ⇒ A is better).
public struct Comparison: Codable, Equatable, Sendable {
    /// `fig7` … `fig12`.
    public var figure: String
    public var a: ArmKey
    public var b: ArmKey
    /// Paired by trial index (trial k of both arms saw the same label subset) or two independent samples.
    public var paired: Bool
    /// Pairs used (paired) or the two sample sizes (unpaired; then `nPairs` = 0).
    public var nPairs: Int
    public var nA: Int
    public var nB: Int
    /// Hodges–Lehmann estimate of the shift A − B (paired: median of Walsh averages of the
    /// differences; unpaired: median of all pairwise differences).
    public var shift: Double
    /// Exact distribution-free CI of that estimate (Walsh averages with the signed-rank critical
    /// value, or pairwise differences with the Mann–Whitney one); `level` is the attained coverage.
    public var shiftCI: ConfidenceInterval
    /// Paired: pairs where A's MAE is lower, of `winsOf` = n pairs. Unpaired: pairs of trials
    /// (one from each arm) where A is lower, of n_A·n_B.
    public var winsA: Int
    public var winsOf: Int
    /// Test used: "Wilcoxon signed-rank (exact)", "… (normal approx.)", "Mann–Whitney U (…)".
    public var test: String
    /// Two-sided p (unadjusted; each claim adjusts over its own cases, see ``ClaimRules``).
    public var p: Double
    /// The smallest two-sided p the test actually run can reach for this design (exact: 2/2ⁿ
    /// paired, 2/C(n_A+n_B, n_A) unpaired; normal approximation: its value at complete separation).
    public var minimumAttainableP: Double
    /// Median MAE of arm B over the trials used: the scale of the minimum effect size.
    /// Optional only so that documents written before it was recorded still decode.
    public var comparatorMedian: Double?
    /// The claims this comparison is evidence for (ids, only those whose task and label counts it
    /// belongs to), or "context" when it is shown for context only.
    public var purpose: String
}

/// Spread of MAE (C12): IQR of a DIM arm vs the untrained arm, paired bootstrap of the difference.
public struct SpreadComparison: Codable, Equatable, Sendable {
    public var task: String
    public var nLabels: Int
    public var regressor: String
    public var iqrDIM: Double
    public var iqrUntrained: Double
    /// IQR(DIM) − IQR(untrained) with its percentile-bootstrap 95 % CI (trials resampled as pairs).
    public var difference: Double
    public var differenceCI: ConfidenceInterval
    /// The same bootstrap at level 1 − α/m, m = C12's number of cases (Bonferroni); nil in older documents.
    public var differenceCIAdjusted: ConfidenceInterval?
}

/// Statistics of one box-plot figure (7, 8, 11, 12).
public struct FigureAnalysis: Codable, Equatable, Sendable {
    public var id: String
    public var title: String
    public var arms: [ArmStatistics]
    public var comparisons: [Comparison]
    public var spreads: [SpreadComparison]
}

/// Fig 6: numbers describing one DIM learning curve.
public struct CurveAnalysis: Codable, Equatable, Sendable {
    public var model: String
    public var tasks: [String]
    public var synthetic: Bool
    public var epochs: Int
    public var finalLocalDIM: Double
    public var finalLocalKL: Double
    public var finalGlobalDIM: Double
    public var finalGlobalKL: Double
    public var baselineLocal: Double
    public var baselineGlobal: Double
    /// Least-squares slope (loss per epoch) over the last third of the epochs (at least 2 points).
    public var tailSlopeLocalDIM: Double
    public var tailSlopeGlobalDIM: Double
    /// Largest rebound above the running minimum, as a fraction of the total drop
    /// (first − minimum): max_t (L_t − min_{s≤t} L_s) / (L_0 − min L). 0 for a monotone curve.
    public var reboundLocalDIM: Double
    public var reboundGlobalDIM: Double
    /// The same rebound measured on the running median of ``AnalysisSettings/runningMedianWindow``
    /// consecutive epochs, so that one noisy validation epoch does not count as a rebound.
    /// (Optional here and below only so that documents written before these were recorded decode.)
    public var medianReboundLocalDIM: Double?
    public var medianReboundGlobalDIM: Double?
    /// Kendall's τ_b between epoch and loss (−1: strictly decreasing).
    public var kendallTauLocalDIM: Double?
    public var kendallTauGlobalDIM: Double?
    public var selectedEpoch: Int
    public var stopReason: String
}

/// Figs 9/10: neighbourhood statistics of one t-SNE map (k nearest neighbours in the 2-D map,
/// Euclidean, the point itself excluded).
public struct NeighbourAnalysis: Codable, Equatable, Sendable {
    public var task: String
    public var representation: String
    public var points: Int
    public var k: Int
    /// Fraction of points that contain a metal and a halogen.
    public var metalHalogenPrevalence: Double
    /// Mean over all points of the fraction of neighbours sharing the point's metal–halogen label.
    public var sameLabelFraction: Double
    /// Mean over metal–halogen points of the fraction of their neighbours that are metal–halogen
    /// (chance level: (m − 1)/(N − 1), m metal–halogen points of N).
    public var metalHalogenNeighbourFraction: Double
    public var metalHalogenChance: Double
    /// Pearson correlation between each point's property label and the mean label of its neighbours.
    public var neighbourLabelCorrelation: Double
    public var klDivergence: Double
    public var perplexity: Double
}

/// Trained vs untrained encoder on one task's structures (C13, C14), in one space: the encoder's
/// own embedding (`space` = "embedding") or the 2-D t-SNE map ("t-SNE").
public struct NeighbourComparison: Codable, Equatable, Sendable {
    public var task: String
    /// "embedding" (k nearest neighbours in the encoder's vector space) or "t-SNE".
    public var space: String? = "t-SNE"
    /// Tasks whose maps are the same structures with the same coordinates (one structure set, one
    /// encoder): their metal–halogen numbers are identical, so they form one case, not several.
    public var sharedWith: [String]? = []
    /// Metal–halogen points matched by crystal id in both maps.
    public var metalHalogenPoints: Int
    /// Clustering E = mean over metal–halogen points of the fraction of their k neighbours that are
    /// metal–halogen; E(untrained), E(trained) and the change E(trained) − E(untrained).
    public var metalHalogenFractionUntrained: Double? = .nan
    public var metalHalogenFractionTrained: Double? = .nan
    public var metalHalogenFractionChange: Double
    /// Chance level of E, (m − 1)/(N − 1).
    public var metalHalogenChance: Double? = .nan
    /// Two-sided p of the change from the label-permutation test over structures (the
    /// metal–halogen flags rearranged among the structures, both neighbour graphs fixed).
    public var metalHalogenP: Double
    /// Rearrangements used by that test.
    public var permutations: Int? = 0
    /// Neighbour-label correlation, trained − untrained, with a percentile-bootstrap 95 % CI
    /// (structures resampled, neighbour graphs fixed; no exact interval exists for it).
    public var correlationChange: Double
    public var correlationChangeCI: ConfidenceInterval
    /// The same bootstrap at level 1 − α/m, m = the number of tasks compared (Bonferroni, for
    /// deciding that a task opposes C14); nil in older documents.
    public var correlationChangeCIAdjusted: ConfidenceInterval?
}

/// Budget comparison: one arm at a shorter and a longer budget.
public struct BudgetAnalysis: Codable, Equatable, Sendable {
    public var description: String
    public var shortBudget: String
    public var longBudget: String
    public var short: SampleSummary
    public var long: SampleSummary
    /// Short − long: HL shift, CI, test (paired when both lists have the same length).
    public var shift: Double
    public var shiftCI: ConfidenceInterval
    public var paired: Bool
    public var p: Double
    public var minimumAttainableP: Double
}

/// The paper's (authors' notebook) fig 7 numbers for one box.
public struct PaperMedian: Codable, Equatable, Sendable {
    public var task: String
    public var nLabels: Int
    public var arm: String
    public var trials: Int
    public var median: Double
}

/// A claim's verdict.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case reproduced, contradicted, inconclusive
}

/// The verdict on one claim, with the rule that produced it.
public struct ClaimVerdict: Codable, Equatable, Sendable {
    public var id: String
    public var figure: String
    public var claim: String
    /// The comparisons or measurements the verdict rests on.
    public var evidence: String
    public var ours: String
    /// The paper's numbers (fig 7 only; the paper prints no tables), or "—".
    public var paper: String
    public var verdict: Verdict
    /// The rule, written before the numbers and applied mechanically.
    public var rule: String
    /// Why this verdict (which condition decided it; power notes).
    public var reason: String
}

/// Settings of the analysis (part of results.json so a reader knows how numbers were made).
public struct AnalysisSettings: Codable, Equatable, Sendable {
    /// Significance level: of each case for "reproduced" (intersection–union), of the
    /// Holm-adjusted p over a claim's cases for "contradicted".
    public var alpha: Double = 0.05
    /// Minimum effect size, fixed before the data: a shift A − B counts for or against a claim
    /// only when |shift| ≥ this fraction of arm B's median MAE.
    public var minimumEffectFraction: Double = 0.02
    /// C13: minimum change in the metal–halogen neighbour fraction that counts.
    public var minimumClusteringChange: Double = 0.02
    /// Rearrangements of the label-permutation test (C13).
    public var permutationResamples: Int = 2000
    public var bootstrapResamples: Int = 2000
    public var confidenceLevel: Double = 0.95
    /// Neighbours per point in the t-SNE statistics.
    public var neighbours: Int = 10
    /// C6: "changes the MAE little" ⇔ the CI of the DIM − random shift lies within ±this fraction
    /// of the random arm's median.
    public var littleChangeFraction: Double = 0.10
    /// C14: "no obvious clustering by property" ⇔ the CI of the change in neighbour-label
    /// correlation lies below this.
    public var correlationMargin: Double = 0.10
    /// C1: "roughly monotonic" ⇔ the largest rebound of the running median is at most this
    /// fraction of the total drop and Kendall's τ between epoch and loss is at most `tauLimit`.
    public var reboundLimit: Double = 0.25
    public var tauLimit: Double = -0.5
    /// Epochs in the running median of the C1 rebound.
    public var runningMedianWindow: Int = 3
    /// Whisker rule of the box statistics (the authors': min/max).
    public var whiskers: WhiskerRule = .minMax
    public init() {}

    enum CodingKeys: String, CodingKey {
        case alpha, minimumEffectFraction, minimumClusteringChange, permutationResamples, bootstrapResamples,
             confidenceLevel, neighbours, littleChangeFraction, correlationMargin, reboundLimit, tauLimit,
             runningMedianWindow, whiskers
    }
    /// Settings absent from an older document take their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AnalysisSettings()
        alpha = try c.decodeIfPresent(Double.self, forKey: .alpha) ?? d.alpha
        minimumEffectFraction = try c.decodeIfPresent(Double.self, forKey: .minimumEffectFraction) ?? d.minimumEffectFraction
        minimumClusteringChange = try c.decodeIfPresent(Double.self, forKey: .minimumClusteringChange) ?? d.minimumClusteringChange
        permutationResamples = try c.decodeIfPresent(Int.self, forKey: .permutationResamples) ?? d.permutationResamples
        bootstrapResamples = try c.decodeIfPresent(Int.self, forKey: .bootstrapResamples) ?? d.bootstrapResamples
        confidenceLevel = try c.decodeIfPresent(Double.self, forKey: .confidenceLevel) ?? d.confidenceLevel
        neighbours = try c.decodeIfPresent(Int.self, forKey: .neighbours) ?? d.neighbours
        littleChangeFraction = try c.decodeIfPresent(Double.self, forKey: .littleChangeFraction) ?? d.littleChangeFraction
        correlationMargin = try c.decodeIfPresent(Double.self, forKey: .correlationMargin) ?? d.correlationMargin
        reboundLimit = try c.decodeIfPresent(Double.self, forKey: .reboundLimit) ?? d.reboundLimit
        tauLimit = try c.decodeIfPresent(Double.self, forKey: .tauLimit) ?? d.tauLimit
        runningMedianWindow = try c.decodeIfPresent(Int.self, forKey: .runningMedianWindow) ?? d.runningMedianWindow
        whiskers = try c.decodeIfPresent(WhiskerRule.self, forKey: .whiskers) ?? d.whiskers
    }
}

/// Everything the report shows, computed from a ``ResultsDocument``.
public struct ResultsAnalysis: Codable, Equatable, Sendable {
    public var schemaVersion: Int = 1
    public var settings: AnalysisSettings
    public var figures: [FigureAnalysis]
    public var curves: [CurveAnalysis]
    public var neighbours: [NeighbourAnalysis]
    /// Trained vs untrained, on the t-SNE maps and (``embeddingComparisons``) in the embedding space.
    public var neighbourComparisons: [NeighbourComparison]
    public var embeddingComparisons: [NeighbourComparison]? = []
    /// The t-SNE-map comparison repeated on the maps of every t-SNE seed (space `t-SNE seed k`,
    /// seed 0 = the figures' maps), one task per structure set; nil when the run has one seed.
    public var tsneSeedComparisons: [NeighbourComparison]? = nil
    public var budgets: [BudgetAnalysis]
    public var paperMedians: [PaperMedian]
    public var claims: [ClaimVerdict]
    /// Departures from the authors' protocol visible in the results themselves (trials per box,
    /// label counts, t-SNE perplexity, missing experiments), in addition to the profile's own list.
    public var detectedDepartures: [String]
    /// Failed trials (copied from the document) and skipped records counted by reason.
    public var failedTrials: [TrialRecord]
    public var skippedByReason: [String: Int]
    /// Convergence evidence and budget sensitivity of the verdicts (nil for documents without
    /// checkpoint records).
    public var convergence: ConvergenceAnalysis? = nil

    /// The figure analysis with this id.
    public func figure(_ id: String) -> FigureAnalysis? { figures.first { $0.id == id } }
}

/// `results.json`: the document and its full analysis.
public struct ReportResults: Codable, Equatable, Sendable {
    public var schemaVersion: Int = 1
    public var document: ResultsDocument
    public var analysis: ResultsAnalysis
    public init(document: ResultsDocument, analysis: ResultsAnalysis) {
        self.document = document; self.analysis = analysis
    }
    /// Deterministic JSON (sorted keys, pretty-printed; NaN written as null).
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try e.encode(self)
    }
    /// Reads `results.json`; a bare ``ResultsDocument`` is accepted too and analysed.
    public static func decode(_ data: Data, source: String = "results.json") throws -> ReportResults {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let first: Error
        do { return try d.decode(ReportResults.self, from: data) } catch { first = error }
        do {
            let doc = try d.decode(ResultsDocument.self, from: data)
            return ReportResults(document: doc, analysis: ResultsAnalyzer.analyze(doc))
        } catch {
            throw ReportError("\(source): neither a results.json written by the report (\(Self.describe(first))) nor a results document (\(Self.describe(error)))")
        }
    }
}

extension ReportResults {
    /// A one-line description of a decoding error: what was wrong and at which key path.
    static func describe(_ error: Error) -> String {
        guard let e = error as? DecodingError else { return "\(error)" }
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        }
        switch e {
        case .keyNotFound(let k, let c): return "missing key \(k.stringValue) at \(path(c).isEmpty ? "top level" : path(c))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(c.debugDescription) at \(path(c))"
        case .dataCorrupted(let c): return "\(c.debugDescription) \(path(c))"
        @unknown default: return "\(e)"
        }
    }
}

/// An error with a one-line message naming the file or record at fault.
public struct ReportError: Error, CustomStringConvertible, LocalizedError {
    public var description: String
    public init(_ description: String) { self.description = description }
    public var errorDescription: String? { description }
}
