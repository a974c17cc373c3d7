import XCTest
import Randomness
import TestSupport
@testable import Statistics

/// Exact Hodges–Lehmann intervals, Kendall's τ, the label-permutation test, claim-family decisions
/// and the minimum attainable p, against the values of `make_interval_fixtures.py` (numpy/scipy).
final class ExactIntervalTests: XCTestCase {
    func testPairedIntervalsMatchReference() throws {
        let f = try IntervalFixtures.load()
        XCTAssertGreaterThanOrEqual(f.pairedIntervals.count, 10)
        XCTAssertTrue(f.pairedIntervals.contains { $0.hasTies && $0.zeros > 0 }, "fixture must include ties and zeros")
        for c in f.pairedIntervals {
            let r = try XCTUnwrap(HodgesLehmannInterval.paired(differences: c.differences, level: c.level), c.label)
            XCTAssertEqual(r.lowerRank, c.lowerRank, c.label)
            XCTAssertEqual(r.interval.lower, c.lower, accuracy: 1e-12, c.label)
            XCTAssertEqual(r.interval.upper, c.upper, accuracy: 1e-12, c.label)
            XCTAssertTrue(TestSupport.isClose(r.interval.level, c.attainedLevel, relative: 1e-12), "\(c.label): \(r.interval.level) vs \(c.attainedLevel)")
            XCTAssertEqual(r.interval.nominal, c.level, c.label)
            XCTAssertEqual(r.hasTies, c.hasTies, c.label)
            XCTAssertEqual(r.zeros, c.zeros, c.label)
        }
    }

    func testUnpairedIntervalsMatchReference() throws {
        let f = try IntervalFixtures.load()
        for c in f.unpairedIntervals {
            let r = try XCTUnwrap(HodgesLehmannInterval.unpaired(x: c.x, y: c.y, level: c.level), c.label)
            XCTAssertEqual(r.lowerRank, c.lowerRank, c.label)
            XCTAssertEqual(r.interval.lower, c.lower, accuracy: 1e-12, c.label)
            XCTAssertEqual(r.interval.upper, c.upper, accuracy: 1e-12, c.label)
            XCTAssertTrue(TestSupport.isClose(r.interval.level, c.attainedLevel, relative: 1e-12), "\(c.label): \(r.interval.level) vs \(c.attainedLevel)")
            XCTAssertEqual(r.hasTies, c.hasTies, c.label)
        }
    }

    /// The interval contains the point estimate, and a tiny sample states its below-nominal level.
    func testIntervalContainsEstimateAndStatesAttainedLevel() throws {
        let d: [Double] = [0.03, -0.01, 0.05, 0.02, 0.04, -0.02, 0.06, 0.01, 0.00, 0.03]
        let r = try XCTUnwrap(HodgesLehmannInterval.paired(differences: d))
        XCTAssertTrue(r.interval.contains(HodgesLehmann.paired(differences: d)))
        XCTAssertGreaterThanOrEqual(r.interval.level, 0.95)
        let tiny = try XCTUnwrap(HodgesLehmannInterval.paired(differences: [0.1, 0.2, -0.05, 0.3]))
        XCTAssertEqual(tiny.interval.level, 1 - 2.0 / 16, accuracy: 1e-15)    // [min, max] of 10 Walsh averages
        XCTAssertEqual(tiny.interval.lower, -0.05); XCTAssertEqual(tiny.interval.upper, 0.3)
        XCTAssertNil(HodgesLehmannInterval.paired(differences: []))
    }

    /// The null counts sum to 2ⁿ and C(m+n, m).
    func testNullDistributionsHaveTheRightTotals() {
        XCTAssertEqual(RankNullDistribution.signedRankCounts(10).reduce(0, +), 1024)
        XCTAssertEqual(RankNullDistribution.signedRankCounts(3), [1, 1, 1, 2, 1, 1, 1])
        XCTAssertEqual(RankNullDistribution.mannWhitneyCounts(2, 2), [1, 1, 2, 1, 1])
        XCTAssertEqual(RankNullDistribution.mannWhitneyCounts(5, 7).reduce(0, +), 792)
    }

    func testMedianIntervalsMatchBinomialOrderStatistics() throws {
        for c in try IntervalFixtures.load().medianIntervals {
            let ci = MedianInterval.exact(c.values)
            XCTAssertEqual(ci.lower, c.lower, "n=\(c.values.count)")
            XCTAssertEqual(ci.upper, c.upper, "n=\(c.values.count)")
            XCTAssertEqual(ci.level, c.attainedLevel, accuracy: 1e-12, "n=\(c.values.count)")
        }
    }

    func testKendallTauMatchesScipy() throws {
        for c in try IntervalFixtures.load().kendallTau {
            XCTAssertEqual(KendallTau.tauB(c.x, c.y), c.tau, accuracy: 1e-12, c.label)
        }
        XCTAssertTrue(KendallTau.tauB([1, 2, 3], [5, 5, 5]).isNaN)
    }

    func testExhaustiveLabelPermutationMatchesEnumeration() throws {
        let f = try IntervalFixtures.load()
        XCTAssertTrue(f.labelPermutation.contains { $0.p < 0.05 }, "fixture must include a planted cluster")
        for c in f.labelPermutation {
            let stat = { (lab: [Bool]) -> Double in
                var s = 0.0, k = 0
                for (i, nb) in c.neighbours.enumerated() where lab[i] {
                    s += Double(nb.filter { lab[$0] }.count) / Double(nb.count); k += 1
                }
                return s / Double(k)
            }
            let r = LabelPermutationTest.run(labels: c.labels, resamples: 1000, stream: SeedPath("test", "perm").stream(), statistic: stat)
            XCTAssertTrue(r.exhaustive)
            XCTAssertEqual(r.arrangements, c.arrangements)
            XCTAssertEqual(r.observed, c.observed, accuracy: 1e-12)
            XCTAssertEqual(r.nullMean, c.nullMean, accuracy: 1e-12)
            XCTAssertEqual(r.p, c.p, accuracy: 1e-12)
            // Monte Carlo (fewer resamples than arrangements) lands near the exhaustive p.
            let mc = LabelPermutationTest.run(labels: c.labels, resamples: 200, stream: SeedPath("test", "perm").stream(), statistic: stat)
            XCTAssertFalse(mc.exhaustive)
            XCTAssertEqual(mc.p, c.p, accuracy: 0.12)
            XCTAssertGreaterThanOrEqual(mc.p, 2.0 / 201)
        }
    }

    func testClaimFamilyDecisionsMatchReference() throws {
        let f = try IntervalFixtures.load()
        XCTAssertEqual(Set(f.claimFamily.map(\.outcome)), ["holds", "opposed", "undecided"])
        for c in f.claimFamily {
            let d = ClaimFamily.decide(c.cases.map { .init(p: $0.p, shift: $0.shift, claimedNegative: $0.claimedNegative, minimumEffect: $0.minimumEffect) },
                                       alpha: c.alpha)
            XCTAssertEqual(d.outcome.rawValue, c.outcome, c.label)
            XCTAssertEqual(d.supports, c.supports, c.label)
            XCTAssertEqual(d.opposes, c.opposes, c.label)
            for (a, b) in zip(d.pHolm, c.pHolm) { XCTAssertEqual(a, b, accuracy: 1e-15, c.label) }
        }
    }

    func testMinimumAttainablePOfTheTestRunMatchesScipy() throws {
        for c in try IntervalFixtures.load().minimumAttainableP {
            let mine: Double
            if c.test == "wilcoxon" {
                mine = WilcoxonSignedRank.minimumAttainableP(pairs: c.n1, method: .auto)
                let w = WilcoxonSignedRank(differences: (1...c.n1).map(Double.init))
                XCTAssertTrue(TestSupport.isClose(w.p, mine, relative: 1e-9), "the floor is reached by the test itself, n=\(c.n1)")
            } else {
                let method: MannWhitneyU.Method = c.method == "exact" ? .exact : .normalApproximation
                mine = MannWhitneyU.minimumAttainableP(c.n1, c.n2, method: method)
            }
            XCTAssertTrue(TestSupport.isClose(mine, c.p, relative: 1e-9), "\(c.test) \(c.n1)×\(c.n2): \(mine) vs scipy \(c.p)")
        }
    }
}
