import CBLAS

/// sklearn's `init="pca"`: project the centred data on its first two principal axes, then
/// divide both columns by the (population) standard deviation of the first and multiply by
/// 1e-4, so PC1 has standard deviation 1e-4.
///
/// The axes are the eigenvectors of the covariance XᵀX/(n − 1) of the centred data for the two
/// largest eigenvalues (LAPACK `dsyevd`), each signed so its largest-magnitude loading is
/// positive (sklearn ≥ 1.5 `svd_flip(u_based_decision=False)`; sklearn 1.0 signed by the scores
/// instead, which can only mirror an axis of the embedding). Sums run in row order.
enum PCAInitialisation {
    static func embed(_ x: [Double], n: Int, d: Int) throws -> [Double] {
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for t in 0..<d { mean[t] += x[i * d + t] } }
        for t in 0..<d { mean[t] /= Double(n) }
        // Upper triangle of the scatter matrix, column-major for LAPACK (symmetric anyway).
        var cov = [Double](repeating: 0, count: d * d)
        var row = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for t in 0..<d { row[t] = x[i * d + t] - mean[t] }
            for a in 0..<d {
                let ra = row[a]
                for b in a..<d { cov[a * d + b] += ra * row[b] }
            }
        }
        for a in 0..<d { for b in a..<d { cov[a * d + b] /= Double(max(n - 1, 1)); cov[b * d + a] = cov[a * d + b] } }
        var eigenvalues = [Double](repeating: 0, count: d)
        var info: Int32 = 0
        var nn = Int32(d), lda = Int32(d)
        var lwork: Int32 = -1, liwork: Int32 = -1
        var wq = [Double](repeating: 0, count: 1), iwq = [Int32](repeating: 0, count: 1)
        var jobz = Int8(UInt8(ascii: "V")), uplo = Int8(UInt8(ascii: "U"))
        dsyevd_(&jobz, &uplo, &nn, &cov, &lda, &eigenvalues, &wq, &lwork, &iwq, &liwork, &info)
        lwork = Int32(wq[0]); liwork = iwq[0]
        var work = [Double](repeating: 0, count: Int(lwork)), iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_(&jobz, &uplo, &nn, &cov, &lda, &eigenvalues, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw TSNEError.invalidSetting("PCA initialisation: LAPACK dsyevd failed (info \(info))") }
        // Eigenvalues ascend; columns of `cov` (column-major) are eigenvectors.
        var axes = [[Double]]()
        for c in [d - 1, max(d - 2, 0)] {
            var v = Array(cov[(c * d)..<(c * d + d)])
            if d == 1 && axes.count == 1 { v = [0] }
            var best = 0
            for t in 0..<v.count where abs(v[t]) > abs(v[best]) { best = t }
            if v[best] < 0 { v = v.map { -$0 } }
            axes.append(v)
        }
        var y = [Double](repeating: 0, count: n * 2)
        for i in 0..<n {
            for (a, v) in axes.enumerated() {
                var s = 0.0
                for t in 0..<d { s += (x[i * d + t] - mean[t]) * v[t] }
                y[i * 2 + a] = s
            }
        }
        var m = 0.0
        for i in 0..<n { m += y[i * 2] }
        m /= Double(n)
        var v = 0.0
        for i in 0..<n { let e = y[i * 2] - m; v += e * e }
        let std = (v / Double(n)).squareRoot()
        guard std > 0, std.isFinite else { throw TSNEError.degenerateInput }
        let scale = 1e-4 / std
        return y.map { $0 * scale }
    }
}
