import XCTest
import Randomness
import TestSupport
@testable import Statistics

/// Every function against scipy/numpy reference values.
final class StatisticsFixtureTests: XCTestCase {
    func testQuantilesAndSummaryMatchNumpy() throws {
        let f = try StatisticsFixtures.load()
        for c in f.quantiles {
            for (p, q) in zip(c.probabilities, c.quantiles) {
                XCTAssertTrue(TestSupport.isClose(Quantile.linear(c.values, p), q, relative: 1e-12),
                              "n=\(c.values.count) p=\(p): \(Quantile.linear(c.values, p)) vs numpy \(q)")
            }
            let s = SampleSummary(c.values)
            XCTAssertTrue(TestSupport.isClose(s.mean, c.mean, relative: 1e-12))
            XCTAssertTrue(TestSupport.isClose(s.median, c.quantiles[3], relative: 1e-12))
            XCTAssertTrue(TestSupport.isClose(s.iqr, c.quantiles[4] - c.quantiles[2], relative: 1e-9, absolute: 1e-15))
            if let sd = c.sd { XCTAssertTrue(TestSupport.isClose(s.sd, sd, relative: 1e-10)) } else { XCTAssertTrue(s.sd.isNaN) }
        }
    }

    func testWilcoxonMatchesScipy() throws {
        let f = try StatisticsFixtures.load()
        XCTAssertGreaterThan(f.wilcoxon.count, 10)
        for c in f.wilcoxon {
            // "approx-…" cases hold scipy's default above 50 pairs (the normal approximation), which
            // repro's default no longer uses: they check the approximation when asked for.
            let approximate = c.scipyMethod == "asymptotic" || c.label.hasPrefix("approx")
            let w = WilcoxonSignedRank(x: c.x, y: c.y, method: approximate ? .normalApproximation : .auto)
            XCTAssertEqual(min(w.wPlus, w.wMinus), c.statistic, accuracy: 1e-9, c.label)
            XCTAssertTrue(TestSupport.isClose(w.p, c.p, relative: 1e-9), "\(c.label): p \(w.p) vs reference \(c.p)")
            XCTAssertEqual(w.method, approximate ? .normalApproximation : .exact, c.label)
        }
    }

    func testMannWhitneyMatchesScipy() throws {
        let f = try StatisticsFixtures.load()
        for c in f.mannWhitney {
            let method: MannWhitneyU.Method = c.scipyMethod == "exact" ? .exact : .normalApproximation
            let m = MannWhitneyU(x: c.x, y: c.y, method: method)
            XCTAssertEqual(m.u1, c.u1, accuracy: 1e-9, c.label)
            XCTAssertTrue(TestSupport.isClose(m.p, c.p, relative: 1e-9), "\(c.label): p \(m.p) vs scipy \(c.p)")
            // The default is exact wherever scipy's exact reference is (no ties, n₁n₂ ≤ 40,000).
            if c.scipyMethod == "exact" { XCTAssertEqual(MannWhitneyU(x: c.x, y: c.y).method, .exact, c.label) }
        }
    }

    func testHodgesLehmannMatchesBruteForce() throws {
        let f = try StatisticsFixtures.load()
        for c in f.hodgesLehmann {
            if let d = c.differences, let hl = c.paired {
                XCTAssertEqual(HodgesLehmann.paired(differences: d), hl, accuracy: 1e-12)
            }
            if let x = c.x, let y = c.y, let hl = c.unpaired {
                XCTAssertEqual(HodgesLehmann.unpaired(x: x, y: y), hl, accuracy: 1e-12)
            }
        }
    }

    func testHolmMatchesStatsmodelsFormula() throws {
        let f = try StatisticsFixtures.load()
        for c in f.holm {
            let adj = Holm.adjust(c.p)
            for (a, b) in zip(adj, c.adjusted) { XCTAssertEqual(a, b, accuracy: 1e-15, "\(c.p)") }
        }
    }
}
