import Foundation

/// Two-sided Wilcoxon signed-rank test for paired samples.
///
/// Differences dᵢ = xᵢ − yᵢ. **Zeros** are dropped before ranking (scipy's default
/// `zero_method="wilcox"`), so n is the number of non-zero differences. |dᵢ| are ranked with
/// **mid-ranks** for ties; the statistic is W⁺ = Σ ranks of positive dᵢ.
///
/// **Exact** (n ≤ ``exactLimit`` = 1000, the same limit as the exact interval,
/// ``HodgesLehmannInterval``, so the p-value and the interval invert one test): under H₀ each sign
/// is ± with probability ½ independently, so W⁺ is distributed as Σ rᵢ·Bᵢ over the *actual*
/// mid-ranks rᵢ (Bᵢ ~ Bernoulli ½). We build this distribution by dynamic programming over doubled
/// ranks (integers), as probabilities (each step halves, so nothing overflows), and report
/// p = min(1, 2·min(P(W⁺ ≤ w), P(W⁺ ≥ w))). Without ties or zeros this is the classical exact
/// distribution and equals scipy's `method="exact"` at every n; with ties or zeros and n ≤ 13 it
/// equals scipy's default (an exhaustive permutation test over the 2ⁿ sign flips). scipy's default
/// falls back to the normal approximation above n = 50 (or, with ties, above 13); we stay exact (a
/// deliberate difference: it is the exact conditional test scipy approximates, and the report
/// quotes the exact p wherever it can be computed). Cost: n · n(n+1) additions, 10⁶ at 100 pairs.
///
/// **Normal approximation** (n > 1000, or when asked): mean n(n+1)/4,
/// variance [n(n+1)(2n+1) − Σ(t³ − t)/2]/24 (tie-corrected), continuity correction
/// z = (W⁺ − mean − ½·sign(W⁺ − mean))/σ, p = 2·(1 − Φ(|z|)) — scipy's `method="asymptotic"`.
public struct WilcoxonSignedRank: Codable, Equatable, Sendable {
    /// How the p-value was computed.
    public enum Method: String, Codable, Sendable {
        /// Exact for n ≤ 1000, normal approximation above (see the type's documentation).
        case auto
        case exact
        case normalApproximation
    }

    /// Largest n for which `auto` uses the exact distribution.
    public static let exactLimit = 1000

    /// Non-zero differences used.
    public var n: Int
    /// Zero differences dropped.
    public var zeros: Int
    /// W⁺, the sum of the ranks of positive differences.
    public var wPlus: Double
    /// W⁻ = n(n+1)/2 − W⁺.
    public var wMinus: Double
    /// Two-sided p-value (1 when n = 0).
    public var p: Double
    /// The method actually used (`exact` or `normalApproximation`).
    public var method: Method
    /// Whether the absolute differences had ties.
    public var hasTies: Bool

    /// The test on paired samples `x`, `y` (equal lengths).
    public init(x: [Double], y: [Double], method: Method = .auto) {
        precondition(x.count == y.count, "paired samples of different lengths \(x.count) and \(y.count)")
        self.init(differences: zip(x, y).map { $0 - $1 }, method: method)
    }

    /// The test on differences dᵢ (H₀: symmetric about 0).
    public init(differences d: [Double], method: Method = .auto) {
        let nonzero = d.filter { $0 != 0 }
        zeros = d.count - nonzero.count
        n = nonzero.count
        let (ranks, groups) = Ranks.midranks(nonzero.map { abs($0) })
        hasTies = groups.contains { $0 > 1 }
        var wp = 0.0
        for (v, r) in zip(nonzero, ranks) where v > 0 { wp += r }
        wPlus = wp
        wMinus = Double(n * (n + 1)) / 2 - wp
        guard n > 0 else { p = 1; self.method = method == .auto ? .exact : method; return }
        let useExact = method == .exact || (method == .auto && n <= Self.exactLimit)
        if useExact {
            self.method = .exact
            p = Self.exactP(ranks: ranks, wPlus: wp)
        } else {
            self.method = .normalApproximation
            let nn = Double(n)
            let mean = nn * (nn + 1) / 4
            let variance = (nn * (nn + 1) * (2 * nn + 1) - Ranks.tieTerm(groups) / 2) / 24
            let se = variance.squareRoot()
            var z = (wp - mean) / se
            if z != 0 { z -= (z > 0 ? 0.5 : -0.5) / se }
            p = Swift.min(1, 2 * StandardNormal.sf(abs(z)))
        }
    }

    /// Exact two-sided p of W⁺ = `wPlus` over the sign-flip distribution of `ranks`, as
    /// probabilities: P_k(s) = ½·P_{k−1}(s) + ½·P_{k−1}(s − r_k) over doubled ranks r_k. Every term
    /// is non-negative, so the tails keep a relative accuracy of about n·1e−16 however small they are.
    static func exactP(ranks: [Double], wPlus: Double) -> Double {
        let doubled = ranks.map { Int(($0 * 2).rounded()) }
        let total = doubled.reduce(0, +)
        var prob = [Double](repeating: 0, count: total + 1)
        prob[0] = 1
        var reach = 0
        for r in doubled {
            if r == 0 { continue }
            for s in stride(from: reach, through: 0, by: -1) where prob[s] != 0 {
                prob[s + r] += prob[s] * 0.5
                prob[s] *= 0.5
            }
            reach += r
        }
        let w = Int((wPlus * 2).rounded())
        var below = 0.0, above = 0.0
        for (s, c) in prob.enumerated() {
            if s <= w { below += c }
            if s >= w { above += c }
        }
        return Swift.min(1, 2 * Swift.min(below, above))
    }

    /// The smallest two-sided p any arrangement of n non-zero pairs can give with the exact test:
    /// 2/2ⁿ (all signs equal). A comparison with this above the significance level cannot be
    /// significant, however large the effect.
    public static func minimumAttainableP(pairs n: Int) -> Double {
        n <= 0 ? 1 : Swift.min(1, 2 / pow(2, Double(n)))
    }

    /// The smallest two-sided p the test run with `method` can give for n non-zero pairs (all signs
    /// equal, untied ranks): 2/2ⁿ exact; with the normal approximation
    /// 2·(1 − Φ((n(n+1)/4 − ½)/σ)), σ² = n(n+1)(2n+1)/24. `auto` resolves as the initialiser does.
    public static func minimumAttainableP(pairs n: Int, method: Method) -> Double {
        guard n > 0 else { return 1 }
        let exact = method == .exact || (method == .auto && n <= exactLimit)
        if exact { return minimumAttainableP(pairs: n) }
        let nn = Double(n)
        let sd = (nn * (nn + 1) * (2 * nn + 1) / 24).squareRoot()
        return Swift.min(1, 2 * StandardNormal.sf((nn * (nn + 1) / 4 - 0.5) / sd))
    }
}
