import Foundation
import Statistics
import XCTest
@testable import Reporting

/// The per-claim rules: intersection–union for "reproduced", Holm over the claim's own cases for
/// "contradicted", the minimum effect, pairing across experiments, C1's robust curve measures and
/// C13's shared-structure-set case.
final class ClaimRuleTests: XCTestCase {
    static func comparison(p: Double, shift: Double, median: Double = 0.5, minP: Double = 1e-4) -> Comparison {
        let k = ArmKey(experiment: "fig7", task: "e_form", nLabels: 50, arm: "x")
        return Comparison(figure: "fig7", a: k, b: k, paired: true, nPairs: 12, nA: 12, nB: 12, shift: shift,
                          shiftCI: ConfidenceInterval(lower: shift - 0.01, upper: shift + 0.01, level: 0.96),
                          winsA: 6, winsOf: 12, test: "Wilcoxon signed-rank (exact)", p: p, minimumAttainableP: minP,
                          comparatorMedian: median, purpose: "test")
    }

    func expectations(_ cs: [Comparison], aLower: Bool = true) -> [ClaimRules.Expectation] {
        cs.enumerated().map { ClaimRules.Expectation(label: "case \($0.offset)", comparison: $0.element, aLower: aLower) }
    }

    /// Three cases each at p < α: reproduced without adjustment (per-figure Holm would have needed 3 × 0.04 < α).
    func testEveryCaseClaimIsAnIntersectionUnionTest() {
        let s = AnalysisSettings()
        let cs = [0.04, 0.03, 0.045].map { Self.comparison(p: $0, shift: -0.05) }
        XCTAssertEqual(ClaimRules.directional(expectations(cs), settings: s).0, .reproduced)
        let oneMissing = expectations(cs) + [ClaimRules.Expectation(label: "n=1000", comparison: nil, aLower: true)]
        XCTAssertEqual(ClaimRules.directional(oneMissing, settings: s).0, .inconclusive, "a case without data cannot support")
    }

    /// An opposing case must survive Holm over the claim's cases.
    func testContradictionIsHolmAdjustedWithinTheClaim() {
        let s = AnalysisSettings()
        let weak = [Self.comparison(p: 0.02, shift: 0.05), Self.comparison(p: 0.5, shift: -0.01), Self.comparison(p: 0.7, shift: 0.0)]
        XCTAssertEqual(ClaimRules.directional(expectations(weak), settings: s).0, .inconclusive, "3 × 0.02 ≥ 0.05")
        let strong = [Self.comparison(p: 0.01, shift: 0.05)] + weak.dropFirst()
        XCTAssertEqual(ClaimRules.directional(expectations(strong), settings: s).0, .contradicted, "3 × 0.01 < 0.05")
    }

    /// A significant shift below 2 % of the comparator's median decides nothing.
    func testMinimumEffectSize() {
        let s = AnalysisSettings()
        let tiny = [Self.comparison(p: 1e-6, shift: 0.009, median: 0.5), Self.comparison(p: 1e-6, shift: -0.05)]
        let (v, _, reason) = ClaimRules.directional(expectations(tiny), settings: s)
        XCTAssertEqual(v, .inconclusive)
        XCTAssertTrue(reason.contains("below the minimum effect"), reason)
        let big = [Self.comparison(p: 1e-6, shift: 0.011, median: 0.5), Self.comparison(p: 1e-6, shift: -0.05)]
        XCTAssertEqual(ClaimRules.directional(expectations(big), settings: s).0, .contradicted)
        XCTAssertTrue(ClaimRules.directionalRule(s).contains("2 % of arm B's median"))
    }

    func testUnderpoweredCasesAreNamed() {
        let cs = [Self.comparison(p: 0.125, shift: -0.05, minP: 0.125)]
        let (v, _, reason) = ClaimRules.directional(expectations(cs), settings: AnalysisSettings())
        XCTAssertEqual(v, .inconclusive)
        XCTAssertTrue(reason.contains("underpowered"), reason)
    }

    /// Fig 11 (Site-Net vs MLP) and fig 12 (against fig 8's arms) share label subsets by trial index.
    func testComparisonsAcrossExperimentsArePaired() {
        var s = AnalysisSettings(); s.bootstrapResamples = 100
        let a = ResultsAnalyzer.analyze(SyntheticResults.make(fig7Trials: 12, fig8Trials: 16), settings: s)
        let f11 = a.figure("fig11")!.comparisons
        XCTAssertFalse(f11.isEmpty)
        for c in f11 { XCTAssertTrue(c.paired); XCTAssertEqual(c.nPairs, 12, "\(c.a) vs \(c.b)") }
        let f12 = a.figure("fig12")!.comparisons.filter { $0.b.experiment == "fig8" }
        XCTAssertFalse(f12.isEmpty)
        for c in f12 { XCTAssertTrue(c.paired); XCTAssertEqual(c.nPairs, 16) }
        // Intervals are exact: attained level at least the nominal one for 12 or more pairs.
        for c in f11 + f12 { XCTAssertGreaterThanOrEqual(c.shiftCI.level, 0.95); XCTAssertEqual(c.shiftCI.nominal, 0.95) }
    }

    /// "For claims" tags name only the claims whose task and label counts the row belongs to.
    func testClaimTagsMatchTaskAndLabelCount() {
        var s = AnalysisSettings(); s.bootstrapResamples = 100
        let a = ResultsAnalyzer.analyze(SyntheticResults.make(fig7Trials: 6, fig8Trials: 6), settings: s)
        for fig in a.figures {
            for c in fig.comparisons {
                let tags = Set(c.purpose.split(separator: " ").map(String.init))
                if c.a.task == "gap" { XCTAssertTrue(tags.isDisjoint(with: ["C2", "C3", "C4", "C7", "C16"]), "\(c.a) − \(c.b): \(c.purpose)") }
                if c.a.task == "e_form" { XCTAssertTrue(tags.isDisjoint(with: ["C5", "C6", "C9", "C10", "C17"]), "\(c.a) − \(c.b): \(c.purpose)") }
                if c.a.nLabels > 100 { XCTAssertTrue(tags.isDisjoint(with: ["C8", "C9", "C11", "C17"]), "\(c.a) − \(c.b): \(c.purpose)") }
            }
        }
    }

    static func curve(localBaseline: Double, globalBaseline: Double, localEnd: Double, globalEnd: Double, spike: Bool) -> LearningCurve {
        let pts = (1...30).map { e -> CurvePoint in
            let t = exp(-Double(e) / 6)
            var local = localEnd + (localBaseline - localEnd) * t
            if spike && e == 12 { local += 0.6 * (localBaseline - localEnd) }       // one noisy validation epoch
            return CurvePoint(epoch: e, localDIM: local, localKL: 0.1, globalDIM: globalEnd + (globalBaseline - globalEnd) * t, globalKL: 0.1)
        }
        return LearningCurve(model: "dim-synthetic", tasks: ["e_form", "gap"], synthetic: true, points: pts,
                             baselineLocal: localBaseline, baselineGlobal: globalBaseline, selectedEpoch: 30, stopReason: "max epochs")
    }

    static func c1(_ c: LearningCurve) -> ClaimVerdict {
        var doc = SyntheticResults.make(fig7Trials: 4, fig8Trials: 4)
        doc.learningCurves = [c]
        var s = AnalysisSettings(); s.bootstrapResamples = 50
        return ResultsAnalyzer.analyze(doc, settings: s).claims.first { $0.id == "C1" }!
    }

    /// One noisy epoch does not make a clearly monotone curve "rough".
    func testC1IgnoresOneNoisyEpoch() {
        let v = Self.c1(Self.curve(localBaseline: 2.086, globalBaseline: 1.386, localEnd: 1.2, globalEnd: 0.5, spike: true))
        XCTAssertEqual(v.verdict, .reproduced, v.reason)
        XCTAssertFalse(v.rule.contains("2 ln 2"))
    }

    /// "Global below local" is judged against each loss's own baseline: a raw global loss below the
    /// raw local one still fails when it is the smaller fraction of a smaller baseline.
    func testC1ComparesLossesRelativeToTheirOwnBaselines() {
        let v = Self.c1(Self.curve(localBaseline: 2.086, globalBaseline: 1.386, localEnd: 1.3, globalEnd: 1.0, spike: false))
        XCTAssertLessThan(1.0, 1.3)                    // raw: global below local …
        XCTAssertGreaterThan(1.0 / 1.386, 1.3 / 2.086) // … but not relative to the baselines
        XCTAssertEqual(v.verdict, .contradicted, v.reason)
    }

    /// Both tasks on one structure set: identical maps, one case, C13's per-task contrast untestable,
    /// fig 9 drawn with one row; clustering measured with embedding-space neighbours.
    func testSharedStructureSetMakesC13PerTaskContrastUntestable() throws {
        var doc = SyntheticResults.make(fig7Trials: 4, fig8Trials: 4)
        let ef = doc.tsneMaps.filter { $0.task == "e_form" }
        // Embedding neighbours: metal–halogen points next to each other after training only.
        func graph(_ m: TSNEMap, clustered: Bool) -> [[Int]] {
            let n = m.ids.count, mh = m.metalHalogen.indices.filter { m.metalHalogen[$0] }
            return (0..<n).map { i in
                if clustered && m.metalHalogen[i] { return mh.filter { $0 != i }.prefix(10).map { $0 } }
                return (1...10).map { (i + $0 * 7) % n }
            }
        }
        var maps: [TSNEMap] = []
        for task in ["e_form", "gap"] {
            for m in ef {
                var c = m
                c.task = task
                c.embeddingNeighbours = graph(m, clustered: m.representation == "dim")
                maps.append(c)
            }
        }
        doc.tsneMaps = maps
        var s = AnalysisSettings(); s.bootstrapResamples = 50; s.permutationResamples = 500
        let a = ResultsAnalyzer.analyze(doc, settings: s)
        let e = try XCTUnwrap(a.embeddingComparisons)
        XCTAssertEqual(e.count, 2)
        XCTAssertEqual(e.first { $0.task == "e_form" }?.sharedWith, ["gap"])
        XCTAssertLessThan(e[0].metalHalogenP, 0.01)
        XCTAssertGreaterThan(e[0].metalHalogenFractionChange, 0.5)
        let c13 = a.claims.first { $0.id == "C13" }!
        XCTAssertEqual(c13.verdict, .inconclusive)
        XCTAssertTrue(c13.reason.contains("cannot be tested"), c13.reason)
        XCTAssertTrue(c13.reason.contains("embedding space"), c13.reason)
        let fig9 = try XCTUnwrap(TSNEFigures.halogenFigure(doc.tsneMaps))
        XCTAssertEqual(fig9.rows, 1)
        XCTAssertEqual(try XCTUnwrap(TSNEFigures.labelFigure(doc.tsneMaps)).rows, 2, "fig 10 colours each task's label")
    }

    /// Separate structure sets: the t-SNE evidence is used when no embedding neighbours were recorded.
    func testSeparateStructureSetsCanReproduceC13() {
        var s = AnalysisSettings(); s.bootstrapResamples = 50; s.permutationResamples = 500
        let a = ResultsAnalyzer.analyze(SyntheticResults.make(fig7Trials: 4, fig8Trials: 4), settings: s)
        let c13 = a.claims.first { $0.id == "C13" }!
        XCTAssertEqual(c13.verdict, .reproduced, c13.reason)
        XCTAssertTrue(c13.reason.contains("t-SNE"), c13.reason)
    }

    /// C12 opposes only when the Bonferroni-widened interval excludes 0 as well.
    func testC12OpposesOnlyAfterAdjustment() {
        func spread(_ lo: Double, _ loAdjusted: Double) -> SpreadComparison {
            SpreadComparison(task: "gap", nLabels: 50, regressor: "linear", iqrDIM: 0.3, iqrUntrained: 0.2, difference: 0.1,
                             differenceCI: ConfidenceInterval(lower: lo, upper: 0.2, level: 0.95),
                             differenceCIAdjusted: ConfidenceInterval(lower: loAdjusted, upper: 0.25, level: 0.99))
        }
        func verdict(_ s: [SpreadComparison]) -> Verdict {
            let a = ResultsAnalysis(settings: AnalysisSettings(), figures: [FigureAnalysis(id: "fig8", title: "", arms: [], comparisons: [], spreads: s)],
                                    curves: [], neighbours: [], neighbourComparisons: [], budgets: [], paperMedians: [], claims: [],
                                    detectedDepartures: [], failedTrials: [], skippedByReason: [:])
            return ClaimRules.c12(a).verdict
        }
        XCTAssertEqual(verdict([spread(0.01, -0.01)]), .inconclusive)
        XCTAssertEqual(verdict([spread(0.02, 0.01)]), .contradicted)
    }
}
