import Foundation

/// Sample quantiles as numpy's default (`np.quantile(..., method="linear")`, Hyndman & Fan type 7).
///
/// For sorted values x₀ ≤ … ≤ x₍ₙ₋₁₎ and probability p ∈ [0, 1], let h = (n − 1)·p,
/// j = ⌊h⌋ and g = h − j; then Q(p) = x_j + g·(x_{j+1} − x_j) (and x_{n−1} when j = n − 1).
/// Matches numpy to rounding (≤ 1 ulp-scale differences; tests use a relative tolerance of 1e-12).
public enum Quantile {
    /// The type-7 quantile of already sorted values. Returns NaN for an empty sample.
    public static func linear(sorted values: [Double], _ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "quantile probability \(p) is outside [0, 1]")
        let n = values.count
        guard n > 0 else { return .nan }
        if n == 1 { return values[0] }
        let h = Double(n - 1) * p
        let j = Int(h.rounded(.down))
        if j >= n - 1 { return values[n - 1] }
        let g = h - Double(j)
        // numpy's `_lerp`: a + g·(b − a), evaluated from the upper end when g ≥ 0.5.
        let a = values[j], b = values[j + 1]
        let diff = b - a
        return g >= 0.5 ? b - diff * (1 - g) : a + diff * g
    }

    /// The type-7 quantile of unsorted values.
    public static func linear(_ values: [Double], _ p: Double) -> Double {
        linear(sorted: values.sorted(), p)
    }

    /// The median (type-7 quantile at 0.5, i.e. the mean of the two middle values when n is even).
    public static func median(_ values: [Double]) -> Double { linear(values, 0.5) }
}
