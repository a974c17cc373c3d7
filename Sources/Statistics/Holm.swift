import Foundation

/// Holm's step-down adjustment of a family of p-values (controls the family-wise error rate).
public enum Holm {
    /// Adjusted p-values in the input order: sort p ascending as p₍₁₎ ≤ … ≤ p₍ₘ₎, set
    /// p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎). Equals statsmodels' `multipletests(method="holm")`.
    /// NaN entries are left NaN and do not count towards m.
    public static func adjust(_ p: [Double]) -> [Double] {
        let idx = p.indices.filter { !p[$0].isNaN }.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 < $1) }
        let m = idx.count
        var out = [Double](repeating: .nan, count: p.count)
        var running = 0.0
        for (rank, i) in idx.enumerated() {
            running = max(running, min(1, Double(m - rank) * p[i]))
            out[i] = running
        }
        return out
    }
}
