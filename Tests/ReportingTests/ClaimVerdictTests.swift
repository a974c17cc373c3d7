import XCTest
@testable import Reporting

final class ClaimVerdictTests: XCTestCase {
    func verdicts(_ doc: ResultsDocument) -> [String: Verdict] {
        var s = AnalysisSettings(); s.bootstrapResamples = 400
        return Dictionary(uniqueKeysWithValues: ResultsAnalyzer.analyze(doc, settings: s).claims.map { ($0.id, $0.verdict) })
    }

    func testPlantedEffectsAreReproduced() {
        let v = verdicts(SyntheticResults.make())
        XCTAssertEqual(v.count, 17)
        for id in ["C1", "C2", "C3", "C4", "C5", "C7", "C9", "C10", "C11", "C13", "C15", "C16", "C17"] {
            XCTAssertEqual(v[id], .reproduced, id)
        }
        XCTAssertEqual(v["C6"], .reproduced, "no planted gap DIM effect: CI within ±10 %")
    }

    func testReversedEffectsAreContradicted() {
        let v = verdicts(SyntheticResults.make(flipFig7: true))
        for id in ["C2", "C3", "C4", "C5"] { XCTAssertEqual(v[id], .contradicted, id) }
    }

    func testUnderpoweredComparisonsAreInconclusive() {
        // 4 pairs: the smallest attainable p is 2/16 = 0.125 > 0.05, so nothing can be significant.
        var s = AnalysisSettings(); s.bootstrapResamples = 200
        let a = ResultsAnalyzer.analyze(SyntheticResults.make(fig7Trials: 4, fig8Trials: 4), settings: s)
        let c2 = a.claims.first { $0.id == "C2" }!
        XCTAssertEqual(c2.verdict, .inconclusive)
        XCTAssertTrue(c2.reason.contains("underpowered"), c2.reason)
        let arm = a.figure("fig7")!.arms.first!
        XCTAssertEqual(arm.box?.whiskerLow, arm.summary.min)      // the authors' whis=1e8: min/max
        XCTAssertEqual(arm.box?.whiskerHigh, arm.summary.max)
        let comp = a.figure("fig7")!.comparisons.first!
        XCTAssertEqual(comp.minimumAttainableP, 0.125, accuracy: 1e-12)
    }

    /// C6 and C17 are equivalence decisions: "the CI lies inside the band". With 3 pairs the widest
    /// exact interval covers only 75 %, and a band that holds it shows nothing at the rule's 95 %.
    func testEquivalenceNeedsAnIntervalAtTheRulesLevel() {
        var s = AnalysisSettings(); s.bootstrapResamples = 200
        let few = ResultsAnalyzer.analyze(SyntheticResults.make(fig7Trials: 3, fig8Trials: 3), settings: s)
        for id in ["C6", "C17"] {
            let c = few.claims.first { $0.id == id }!
            XCTAssertEqual(c.verdict, .inconclusive, "\(id): \(c.reason)")
            XCTAssertTrue(c.reason.contains("underpowered (too few pairs for an exact interval at 95 %) for n="), c.reason)
        }
        let fig7 = few.figure("fig7")!.comparisons.first { $0.a.task == "gap" && $0.a.arm == ArmID.dim && $0.b.arm == ArmID.random }!
        XCTAssertEqual(fig7.shiftCI.level, 0.75, accuracy: 1e-12)
        // The same design with 12 pairs reaches 95 %, and the planted "no effect" is reproduced.
        let enough = ResultsAnalyzer.analyze(SyntheticResults.make(fig7Trials: 12, fig8Trials: 12), settings: s)
        XCTAssertEqual(enough.claims.first { $0.id == "C6" }!.verdict, .reproduced)
    }

    func testPaperMediansMatchProtocolTable() {
        let m = PaperReference.medians()
        func med(_ task: String, _ n: Int, _ arm: String) -> Double? { m.first { $0.task == task && $0.nLabels == n && $0.arm == arm }?.median }
        // Docs/Protocol.md §11
        XCTAssertEqual(med("e_form", 50, ArmID.random)!, 0.5078, accuracy: 5e-5)
        XCTAssertEqual(med("e_form", 50, ArmID.dim)!, 0.4717, accuracy: 5e-5)
        XCTAssertEqual(med("e_form", 1000, ArmID.random)!, 0.1915, accuracy: 5e-5)
        XCTAssertEqual(med("gap", 100, ArmID.transfer)!, 0.7734, accuracy: 5e-5)
        XCTAssertEqual(med("gap", 1000, ArmID.dim)!, 0.6773, accuracy: 5e-5)
        XCTAssertEqual(m.first { $0.task == "e_form" && $0.nLabels == 50 && $0.arm == ArmID.dim }?.trials, 11)
    }

    func testNeighbourStatisticsSeePlantedClustering() {
        var s = AnalysisSettings(); s.bootstrapResamples = 200
        let a = ResultsAnalyzer.analyze(SyntheticResults.make(fig7Trials: 4, fig8Trials: 4), settings: s)
        let ef = a.neighbourComparisons.first { $0.task == "e_form" }!
        let gap = a.neighbourComparisons.first { $0.task == "gap" }!
        XCTAssertGreaterThan(ef.metalHalogenFractionChange, gap.metalHalogenFractionChange)
        XCTAssertGreaterThan(ef.metalHalogenFractionChange, 0.3)
        XCTAssertLessThan(ef.metalHalogenP, 1e-3)
        let untrained = a.neighbours.first { $0.task == "e_form" && $0.representation == "untrained" }!
        XCTAssertEqual(untrained.metalHalogenPrevalence, 0.2, accuracy: 1e-12)
        XCTAssertEqual(untrained.metalHalogenNeighbourFraction, untrained.metalHalogenChance, accuracy: 0.12)
    }

    func testNearestNeighboursBruteForce() {
        let x: [Double] = [0, 1, 3, 6, 10], y: [Double] = [0, 0, 0, 0, 0]
        let nb = NeighbourStatistics.neighbours(x: x, y: y, k: 2)
        XCTAssertEqual(nb[0], [1, 2]); XCTAssertEqual(nb[2], [1, 0]); XCTAssertEqual(nb[4], [3, 2])
    }
}

final class DepartureTests: XCTestCase {
    func testDeparturesVisibleInResultsAreListed() {
        var s = AnalysisSettings(); s.bootstrapResamples = 100
        let a = ResultsAnalyzer.analyze(SyntheticResults.make(fig7Trials: 5, fig8Trials: 5), settings: s)
        XCTAssertTrue(a.detectedDepartures.contains { $0.hasPrefix("fig 7, 50 labels: 5 successful") }, "\(a.detectedDepartures)")
        XCTAssertTrue(a.detectedDepartures.contains { $0.hasPrefix("fig 8, 1000 labels: 5 successful trials per box (authors: 25)") })
        XCTAssertTrue(a.detectedDepartures.contains { $0.hasPrefix("t-SNE perplexity 30") })
        let c2 = a.claims.first { $0.id == "C2" }!
        XCTAssertTrue(c2.paper.contains("Authors' data, DIM − random"), c2.paper)
    }
}
