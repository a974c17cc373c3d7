import XCTest
import Randomness
@testable import Statistics

/// Properties that do not need a reference library.
final class StatisticsPropertyTests: XCTestCase {
    /// With ties and 13 < n ≤ 50 scipy falls back to the normal approximation; our exact p over
    /// the mid-ranks must equal a brute-force enumeration of all 2ⁿ sign flips.
    func testExactWilcoxonWithTiesEqualsEnumeration() {
        let d: [Double] = [0.01, -0.02, 0.02, 0.03, -0.01, 0.04, 0.02, -0.03, 0.05, 0.01, 0.02, 0.06, -0.02, 0.03, 0.04, 0.01]
        let w = WilcoxonSignedRank(differences: d)
        XCTAssertEqual(w.method, .exact)
        XCTAssertTrue(w.hasTies)
        let (ranks, _) = Ranks.midranks(d.map { abs($0) })
        let n = d.count
        var below = 0, above = 0
        for mask in 0..<(1 << n) {
            var s = 0.0
            for i in 0..<n where mask & (1 << i) != 0 { s += ranks[i] }
            if s <= w.wPlus + 1e-9 { below += 1 }
            if s >= w.wPlus - 1e-9 { above += 1 }
        }
        let brute = min(1, 2 * Double(min(below, above)) / Double(1 << n))
        XCTAssertEqual(w.p, brute, accuracy: 1e-15)
    }

    func testZerosAreDroppedAndMinimumAttainablePIsReached() {
        let w = WilcoxonSignedRank(differences: [0, 0, -1, -2, -3, -4, -5])
        XCTAssertEqual(w.n, 5); XCTAssertEqual(w.zeros, 2)
        XCTAssertEqual(w.p, WilcoxonSignedRank.minimumAttainableP(pairs: 5), accuracy: 1e-15)
        XCTAssertEqual(WilcoxonSignedRank.minimumAttainableP(pairs: 12), 2.0 / 4096, accuracy: 1e-18)
        XCTAssertEqual(WilcoxonSignedRank(differences: [0, 0]).p, 1)
        XCTAssertEqual(MannWhitneyU.minimumAttainableP(3, 3), 0.1, accuracy: 1e-12)   // 2/C(6,3)
    }

    func testBoxStatisticsWhiskerRules() {
        let v: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 100]
        let mm = BoxStatistics(v)
        XCTAssertEqual(mm.whiskerLow, 1); XCTAssertEqual(mm.whiskerHigh, 100); XCTAssertTrue(mm.outliers.isEmpty)
        let t = BoxStatistics(v, rule: .tukey(factor: 1.5))
        XCTAssertEqual(t.q1, 3); XCTAssertEqual(t.q3, 7)
        XCTAssertEqual(t.whiskerHigh, 8); XCTAssertEqual(t.outliers, [100])
    }

    func testBootstrapIsSeededAndCoversTheShift() {
        var rng = SeedPath("test", "bootstrap-data").stream()
        let d = (0..<30).map { _ in 0.5 + rng.normal() * 0.2 }
        let a = Bootstrap.percentileCI(d, stream: SeedPath("test", "bs").stream()) { HodgesLehmann.paired(differences: $0) }
        let b = Bootstrap.percentileCI(d, stream: SeedPath("test", "bs").stream()) { HodgesLehmann.paired(differences: $0) }
        XCTAssertEqual(a, b)
        let c = Bootstrap.percentileCI(d, stream: SeedPath("test", "other").stream()) { HodgesLehmann.paired(differences: $0) }
        XCTAssertNotEqual(a, c)
        XCTAssertTrue(a.contains(HodgesLehmann.paired(differences: d)))
        XCTAssertLessThan(a.lower, a.upper)
        XCTAssertGreaterThan(a.lower, 0.3); XCTAssertLessThan(a.upper, 0.7)
    }

    func testHodgesLehmannSelectionMatchesSorting() {
        var rng = SeedPath("test", "hl").stream()
        for n in [1, 2, 3, 10, 51] {
            let d = (0..<n).map { _ in (rng.normal() * 10).rounded() / 10 }   // many ties
            var walsh: [Double] = []
            for i in 0..<n { for j in i..<n { walsh.append((d[i] + d[j]) / 2) } }
            XCTAssertEqual(HodgesLehmann.paired(differences: d), Quantile.median(walsh), accuracy: 1e-12)
        }
    }
}
