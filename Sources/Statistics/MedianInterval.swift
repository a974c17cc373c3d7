import Foundation

/// The exact distribution-free confidence interval for a median from order statistics.
///
/// For x₍₁₎ ≤ … ≤ x₍ₙ₎ from a continuous distribution with median m, the number of values below m
/// is Binomial(n, ½). With q the smallest k with P(B ≤ k) ≥ α/2 (raised to 1), the interval
/// [x₍q₎, x₍ₙ₋q₊₁₎] has attained coverage 1 − 2·P(B ≤ q − 1) ≥ 1 − α (for n ≥ 6 at α = 0.05; for
/// fewer values it is [min, max] with coverage 1 − 2/2ⁿ, stated as such). Ties leave the order
/// statistics defined; the stated level is then that of continuous data.
public enum MedianInterval {
    /// The interval at nominal `level`; NaN bounds for an empty sample.
    public static func exact(_ values: [Double], level: Double = 0.95) -> ConfidenceInterval {
        let s = values.sorted(), n = s.count
        guard n > 0 else { return ConfidenceInterval(lower: .nan, upper: .nan, level: level, nominal: level, method: "exact order statistics") }
        var counts = [Double](repeating: 1, count: n + 1)
        for k in 1..<(n + 1) { counts[k] = (counts[k - 1] * Double(n - k + 1) / Double(k)).rounded() }
        let (q, tail) = RankNullDistribution.lowerQuantile(counts, alpha: 1 - level)
        let qq = Swift.min(q, (n + 1) / 2)
        let below = qq == q ? tail : counts[0..<qq].reduce(0, +) / counts.reduce(0, +)
        return ConfidenceInterval(lower: s[qq - 1], upper: s[n - qq], level: 1 - 2 * below, nominal: level,
                                  method: "exact order statistics (binomial)")
    }
}
