import Foundation

/// Two-sided Mann–Whitney U test for two independent samples (scipy's `mannwhitneyu`).
///
/// Pool both samples, rank with mid-ranks, R₁ = Σ ranks of x; U₁ = R₁ − n₁(n₁+1)/2,
/// U₂ = n₁n₂ − U₁, U = max(U₁, U₂).
/// - **Exact** (no ties and n₁n₂ ≤ ``exactProductLimit`` = 40 000, the limit of the exact interval,
///   ``HodgesLehmannInterval``, so the p-value and the interval invert one test): the null
///   distribution of U over all C(n₁+n₂, n₁) rank assignments, by the recurrence
///   f(i, j, u) = f(i−1, j, u−j) + f(i, j−1, u); p = min(1, 2·P(U ≥ U_obs)). Equal to scipy's
///   `method="exact"` at every size; scipy's default uses it only when min(n₁, n₂) ≤ 8.
/// - **Normal approximation** (ties, or larger samples, or when asked): μ = n₁n₂/2,
///   σ² = n₁n₂/12·[(n+1) − Σ(t³ − t)/(n(n−1))], z = (U − μ − ½)/σ (continuity),
///   p = min(1, 2·(1 − Φ(z))) — scipy's `method="asymptotic"`.
public struct MannWhitneyU: Codable, Equatable, Sendable {
    /// How the p-value is computed.
    public enum Method: String, Codable, Sendable {
        /// Exact when there are no ties and n₁n₂ ≤ ``MannWhitneyU/exactProductLimit``, else normal.
        case auto
        case exact
        case normalApproximation
    }
    public var n1: Int
    public var n2: Int
    /// U₁, the statistic of the first sample (scipy's reported statistic).
    public var u1: Double
    public var p: Double
    public var method: Method
    public var hasTies: Bool

    /// Largest n₁n₂ for which `auto` uses the exact distribution.
    public static let exactProductLimit = 40_000

    /// The test of `x` against `y`.
    public init(x: [Double], y: [Double], method: Method = .auto) {
        n1 = x.count; n2 = y.count
        let (ranks, groups) = Ranks.midranks(x + y)
        hasTies = groups.contains { $0 > 1 }
        let r1 = ranks[0..<n1].reduce(0, +)
        u1 = r1 - Double(n1 * (n1 + 1)) / 2
        guard n1 > 0 && n2 > 0 else { p = 1; self.method = method; return }
        let u = Swift.max(u1, Double(n1 * n2) - u1)
        var m = method
        if m == .auto { m = n1 * n2 > Self.exactProductLimit || hasTies ? .normalApproximation : .exact }
        self.method = m
        if m == .exact {
            p = Swift.min(1, 2 * Self.exactSF(Int(u.rounded(.up)), n1, n2))
        } else {
            let nn = Double(n1 + n2)
            let s = (Double(n1 * n2) / 12 * ((nn + 1) - Ranks.tieTerm(groups) / (nn * (nn - 1)))).squareRoot()
            let z = (u - Double(n1 * n2) / 2 - 0.5) / s
            p = Swift.min(1, Swift.max(0, 2 * StandardNormal.sf(z)))
        }
    }

    /// P(U ≥ k) under H₀ for sample sizes m, n (no ties).
    static func exactSF(_ k: Int, _ m: Int, _ n: Int) -> Double {
        let maxU = m * n
        let dist = RankNullDistribution.mannWhitneyCounts(m, n)
        let total = dist.reduce(0, +)
        var tail = 0.0
        if k <= maxU { for u in Swift.max(k, 0)...maxU { tail += dist[u] } }
        return tail / total
    }

    /// The smallest two-sided p the exact test can reach for these sizes: 2/C(n₁+n₂, n₁).
    public static func minimumAttainableP(_ n1: Int, _ n2: Int) -> Double {
        guard n1 > 0 && n2 > 0 else { return 1 }
        var logC = 0.0
        for i in 0..<Swift.min(n1, n2) { logC += log(Double(n1 + n2 - i)) - log(Double(i + 1)) }
        return Swift.min(1, 2 * exp(-logC))
    }

    /// The smallest two-sided p the test run with `method` can reach (complete separation, no
    /// ties): 2/C(n₁+n₂, n₁) exact; 2·(1 − Φ((n₁n₂/2 − ½)/σ)), σ² = n₁n₂(n₁+n₂+1)/12, with the
    /// normal approximation.
    public static func minimumAttainableP(_ n1: Int, _ n2: Int, method: Method) -> Double {
        guard n1 > 0 && n2 > 0 else { return 1 }
        if method == .exact { return minimumAttainableP(n1, n2) }
        let a = Double(n1), b = Double(n2)
        let sd = (a * b * (a + b + 1) / 12).squareRoot()
        return Swift.min(1, 2 * StandardNormal.sf((a * b / 2 - 0.5) / sd))
    }
}
