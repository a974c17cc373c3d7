import Foundation

/// Kendall's rank correlation τ_b (scipy's `kendalltau`, default `variant="b"`).
///
/// Over all pairs i < j: concordant P when (xᵢ − xⱼ)(yᵢ − yⱼ) > 0, discordant Q when < 0, pairs tied
/// in x only Tₓ, tied in y only T_y (pairs tied in both count in neither):
/// τ_b = (P − Q) / √((P + Q + Tₓ)(P + Q + T_y)). NaN with fewer than two points or when x or y is
/// constant. O(n²), meant for learning curves (tens to hundreds of points).
public enum KendallTau {
    public static func tauB(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "Kendall τ of samples of different lengths")
        let n = x.count
        guard n >= 2 else { return .nan }
        var p = 0.0, q = 0.0, tx = 0.0, ty = 0.0
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                let a = x[i] - x[j], b = y[i] - y[j]
                if a == 0 && b == 0 { continue }
                if a == 0 { tx += 1 } else if b == 0 { ty += 1 } else if (a > 0) == (b > 0) { p += 1 } else { q += 1 }
            }
        }
        let den = ((p + q + tx) * (p + q + ty)).squareRoot()
        return den > 0 ? (p - q) / den : .nan
    }
}
