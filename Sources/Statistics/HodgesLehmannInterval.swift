import Foundation

/// Distribution-free confidence intervals for Hodges–Lehmann shifts, by inverting the rank test
/// that goes with each estimate (Lehmann 1963; the intervals of R's `wilcox.test(conf.int = TRUE)`
/// with `exact = TRUE`).
///
/// **Paired.** Let d₁…dₙ be the differences and W₍₁₎ ≤ … ≤ W₍M₎ their M = n(n+1)/2 Walsh averages
/// (dᵢ + dⱼ)/2, i ≤ j. For a shift θ, the signed-rank statistic of d − θ equals the number of Walsh
/// averages above θ; so with q the smallest w with P(W⁺ ≤ w) ≥ α/2 under the untied null
/// (raised to 1 when 0), the interval [W₍q₎, W₍M−q+1₎] contains θ exactly when the two-sided exact test
/// at that q does not reject. Its **attained** coverage is 1 − 2·P(W⁺ ≤ q − 1), which is ≥ 1 − α
/// whenever some q ≥ 1 reaches α/2 (n ≥ 6 at α = 0.05); for fewer pairs the widest interval
/// [min, max] is returned with its smaller attained coverage 1 − 2/2ⁿ.
///
/// **Unpaired.** D₍₁₎ ≤ … ≤ D₍mn₎ are the pairwise differences xᵢ − yⱼ; q is the α/2 quantile of the
/// untied Mann–Whitney U null (sizes m, n), the interval is [D₍q₎, D₍mn−q+1₎], attained coverage
/// 1 − 2·P(U ≤ q − 1).
///
/// **Zeros and ties.** All n differences enter the Walsh averages, zeros included: the interval
/// inverts the test over every shift θ, and away from θ = 0 a zero difference is an ordinary value
/// (the test at θ = 0 drops zeros, so at the boundary the interval and the p-value can disagree).
/// Ties among the data make some Walsh averages (pairwise differences) coincide; the order
/// statistics are still well defined and the untied critical value is used, so with ties the
/// attained level is that of continuous data and only approximate (`hasTies` says so).
///
/// Sizes beyond the exact tables (n > 1000 pairs, m·n > 40 000) use the normal approximation to the
/// critical value, q = ⌊μ − z₁₋α/₂·σ⌋ with the untied mean and variance (method says so).
public enum HodgesLehmannInterval {
    /// The result with the details a report states.
    public struct Result: Equatable, Sendable {
        /// The interval; `level` is the attained coverage, `nominal` the requested one.
        public var interval: ConfidenceInterval
        /// The rank q of the lower bound among the sorted Walsh averages / pairwise differences (1-based).
        public var lowerRank: Int
        /// Walsh averages (paired) or pairwise differences (unpaired).
        public var count: Int
        /// Whether the data had tied values (then the attained level is approximate).
        public var hasTies: Bool
        /// Paired only: differences equal to zero (kept in the interval; dropped by the test).
        public var zeros: Int
    }

    /// The paired interval from the differences `d` at nominal level `level` (nil when d is empty).
    public static func paired(differences d: [Double], level: Double = 0.95) -> Result? {
        let n = d.count
        guard n > 0 else { return nil }
        var walsh: [Double] = []
        walsh.reserveCapacity(n * (n + 1) / 2)
        for i in 0..<n { for j in i..<n { walsh.append((d[i] + d[j]) / 2) } }
        walsh.sort()
        let m = walsh.count
        let alpha = 1 - level
        let q: Int, tail: Double, method: String
        if n <= WilcoxonSignedRank.exactLimit {
            (q, tail) = RankNullDistribution.lowerQuantile(RankNullDistribution.signedRankCounts(n), alpha: alpha)
            method = "exact: Walsh averages, signed-rank critical value"
        } else {
            let nn = Double(n)
            (q, tail) = normalRank(mean: nn * (nn + 1) / 4, variance: nn * (nn + 1) * (2 * nn + 1) / 24, alpha: alpha)
            method = "Walsh averages, normal-approximation critical value"
        }
        let abs = d.map { Swift.abs($0) }.sorted()
        let ties = zip(abs, abs.dropFirst()).contains { $0 == $1 && $0 != 0 }
        let ci = ConfidenceInterval(lower: walsh[q - 1], upper: walsh[m - q], level: 1 - 2 * tail, nominal: level,
                                    method: method + (ties ? " (ties: level approximate)" : ""))
        return Result(interval: ci, lowerRank: q, count: m, hasTies: ties, zeros: d.filter { $0 == 0 }.count)
    }

    /// The unpaired interval for the shift x − y at nominal level `level` (nil when a sample is empty).
    public static func unpaired(x: [Double], y: [Double], level: Double = 0.95) -> Result? {
        guard !x.isEmpty, !y.isEmpty else { return nil }
        var diffs: [Double] = []
        diffs.reserveCapacity(x.count * y.count)
        for a in x { for b in y { diffs.append(a - b) } }
        diffs.sort()
        let m = diffs.count
        let alpha = 1 - level
        let q: Int, tail: Double, method: String
        if m <= MannWhitneyU.exactProductLimit {
            (q, tail) = RankNullDistribution.lowerQuantile(RankNullDistribution.mannWhitneyCounts(x.count, y.count), alpha: alpha)
            method = "exact: pairwise differences, Mann–Whitney critical value"
        } else {
            let n1 = Double(x.count), n2 = Double(y.count)
            (q, tail) = normalRank(mean: n1 * n2 / 2, variance: n1 * n2 * (n1 + n2 + 1) / 12, alpha: alpha)
            method = "pairwise differences, normal-approximation critical value"
        }
        let pooled = (x + y).sorted()
        let ties = zip(pooled, pooled.dropFirst()).contains { $0 == $1 }
        let ci = ConfidenceInterval(lower: diffs[q - 1], upper: diffs[m - q], level: 1 - 2 * tail, nominal: level,
                                    method: method + (ties ? " (ties: level approximate)" : ""))
        return Result(interval: ci, lowerRank: q, count: m, hasTies: ties, zeros: 0)
    }

    /// q = ⌊μ − z·σ⌋ (at least 1) and the normal approximation of P(S ≤ q − 1) with continuity correction.
    static func normalRank(mean: Double, variance: Double, alpha: Double) -> (Int, Double) {
        let sd = variance.squareRoot()
        let z = inverseNormal(1 - alpha / 2)
        let q = Swift.max(1, Int((mean - z * sd).rounded(.down)))
        return (q, StandardNormal.cdf((Double(q - 1) + 0.5 - mean) / sd))
    }

    /// Φ⁻¹(p) by bisection on ``StandardNormal/cdf(_:)`` (|error| < 1e−12; used only for huge samples).
    static func inverseNormal(_ p: Double) -> Double {
        var lo = -40.0, hi = 40.0
        for _ in 0..<200 { let mid = (lo + hi) / 2; if StandardNormal.cdf(mid) < p { lo = mid } else { hi = mid } }
        return (lo + hi) / 2
    }
}
