/// Standardisation with scikit-learn `StandardScaler` semantics: z = (x − μ) / σ per feature.
///
/// μ is the column mean and σ the population standard deviation (ddof 0), computed in Double by
/// the corrected two-pass formula var = (Σ(x−μ)² − (Σ(x−μ))²/n) / n that scikit-learn uses.
/// A feature is constant when var ≤ n·ε·var + (n·μ·ε)² (Chan, Golub & LeVeque's error bound, as
/// `sklearn.preprocessing._data._is_constant_feature`, ε = 2⁻⁵²); its scale is then 1, so it
/// maps to x − μ (0 on the training data).
public struct StandardScaler: Sendable {
    /// Per-feature mean μ (empty before `fit`).
    public private(set) var mean: [Double] = []
    /// Per-feature scale σ, with constant features set to 1 (empty before `fit`).
    public private(set) var scale: [Double] = []

    /// An unfitted scaler.
    public init() {}

    /// Learns μ and σ from the rows of `x` (at least one row).
    public mutating func fit(_ x: FeatureMatrix) throws {
        guard x.rows >= 1 else { throw RegressorError.tooFewRows(needed: 1, found: x.rows) }
        let n = x.rows, d = x.columns, nd = Double(n)
        var mu = [Double](repeating: 0, count: d)
        var sc = [Double](repeating: 1, count: d)
        x.values.withUnsafeBufferPointer { v in
            for j in 0..<d {
                var s = 0.0
                for i in 0..<n { s += v[i * d + j] }
                let m = s / nd
                var c = 0.0, q = 0.0
                for i in 0..<n { let t = v[i * d + j] - m; c += t; q += t * t }
                let variance = (q - c * c / nd) / nd
                let eps = Double.ulpOfOne
                let bound = nd * eps * variance + (nd * m * eps) * (nd * m * eps)
                mu[j] = m
                sc[j] = variance <= bound ? 1 : variance.squareRoot()
            }
        }
        mean = mu; scale = sc
    }

    /// Learns μ and σ from nested rows.
    public mutating func fit(_ x: [[Double]]) throws { try fit(FeatureMatrix(x)) }

    /// (x − μ) / σ for every row of `x`.
    public func transform(_ x: FeatureMatrix) throws -> FeatureMatrix {
        guard !scale.isEmpty || x.columns == 0 else { throw RegressorError.notFitted }
        guard x.columns == mean.count else {
            throw RegressorError.featureCountMismatch(expected: mean.count, found: x.columns)
        }
        var out = x.values
        let d = x.columns
        for i in 0..<x.rows { for j in 0..<d { out[i * d + j] = (out[i * d + j] - mean[j]) / scale[j] } }
        return try FeatureMatrix(rows: x.rows, columns: d, values: out)
    }

    /// (x − μ) / σ for nested rows.
    public func transform(_ x: [[Double]]) throws -> [[Double]] {
        let t = try transform(FeatureMatrix(x))
        return (0..<t.rows).map { Array(t.row($0)) }
    }

    /// `fit` then `transform` on the same rows.
    public mutating func fitTransform(_ x: FeatureMatrix) throws -> FeatureMatrix {
        try fit(x); return try transform(x)
    }
}
