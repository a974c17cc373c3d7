import Foundation

/// Exact null distributions of the untied rank statistics, as counts.
///
/// - Signed rank: W⁺ = Σ i·Bᵢ over ranks i = 1…n with independent fair signs Bᵢ; 2ⁿ equally
///   likely sign patterns, W⁺ ∈ 0…n(n+1)/2. Counts by the subset-sum recurrence
///   c_k(w) = c_{k−1}(w) + c_{k−1}(w − k).
/// - Mann–Whitney: U = #{(i, j): xᵢ > yⱼ} for samples of sizes m, n from one continuous
///   distribution; C(m+n, m) equally likely rank arrangements, U ∈ 0…mn. Counts are the
///   coefficients of the Gaussian binomial [m+n choose m]_q, built by the recurrence on the largest
///   element: f(i, j, u) = f(i−1, j, u−j) + f(i, j−1, u).
///
/// Counts are kept as Double (relative rounding ≤ 1e−16 per addition; every term is non-negative,
/// so the cumulative probabilities used for critical values are accurate to ~1e−14 for the sizes
/// used here, n ≤ 200 pairs, m·n ≤ 10⁴).
public enum RankNullDistribution {
    /// Counts of W⁺ = 0…n(n+1)/2 over the 2ⁿ sign patterns of untied ranks 1…n.
    public static func signedRankCounts(_ n: Int) -> [Double] {
        precondition(n >= 0)
        let top = n * (n + 1) / 2
        var c = [Double](repeating: 0, count: top + 1)
        c[0] = 1
        var reach = 0
        if n > 0 {
            for k in 1...n {
                for w in stride(from: reach, through: 0, by: -1) where c[w] != 0 { c[w + k] += c[w] }
                reach += k
            }
        }
        return c
    }

    /// Counts of U = 0…mn over the C(m+n, m) rank arrangements of two untied samples.
    public static func mannWhitneyCounts(_ m: Int, _ n: Int) -> [Double] {
        precondition(m >= 0 && n >= 0)
        let maxU = m * n
        guard m > 0 && n > 0 else { return [1] }
        // prev[j][u] holds f(i−1, j, u); cur[j][u] holds f(i, j, u).
        var prev = [[Double]](repeating: [1] + [Double](repeating: 0, count: maxU), count: n + 1)
        for i in 1...m {
            var cur = [[Double]](repeating: [Double](repeating: 0, count: maxU + 1), count: n + 1)
            cur[0][0] = 1
            for j in 1...n {
                for u in 0...(i * j) {
                    var c = cur[j - 1][u]
                    if u >= j { c += prev[j][u - j] }
                    cur[j][u] = c
                }
            }
            prev = cur
        }
        return prev[n]
    }

    /// The lower critical value of a null distribution given by `counts`: q = the smallest s with
    /// P(S ≤ s) ≥ α/2 (R's `qsignrank` / `qwilcox`), raised to 1 when it is 0, and P(S ≤ q − 1),
    /// the probability that the interval built from q misses on one side.
    static func lowerQuantile(_ counts: [Double], alpha: Double) -> (q: Int, tailBelow: Double) {
        let total = counts.reduce(0, +)
        var cum = 0.0, q = counts.count - 1
        for (s, c) in counts.enumerated() {
            cum += c
            if cum / total >= alpha / 2 - 1e-12 * alpha { q = s; break }
        }
        q = Swift.max(q, 1)
        var below = 0.0
        for s in 0..<Swift.min(q, counts.count) { below += counts[s] }
        return (q, below / total)
    }
}
