import CBLAS

/// Ordinary least squares with intercept, with scikit-learn 1.0 `LinearRegression` semantics.
///
/// Fit: x̄ = column means of X, ȳ = mean of y; solve min_w ‖(X − 1x̄ᵀ)w − (y − ȳ)‖₂ for the
/// minimum-norm w by LAPACK `dgelsd` (SVD, divide and conquer: the driver behind
/// `scipy.linalg.lstsq`), treating singular values below `rcond`·σ_max as zero; then
/// intercept b = ȳ − x̄·w. Predict: ŷ = Xw + b. All in Double.
///
/// `rcond` defaults to machine ε (2⁻⁵²): scikit-learn 1.0 called `lstsq` without `cond`, i.e.
/// scipy's default ε. (scikit-learn ≥ 1.9 passes its `tol` = 1e-6 instead.) With rank-deficient
/// X — duplicated or all-zero features, or fewer rows than features — the solution is the
/// unique minimum-norm one, so it matches scipy to rounding.
///
/// Caveat inherited from scikit-learn 1.0 (not a bug here): with n ≤ d the centred X has rank
/// ≤ n − 1, and its n-th singular value is rounding noise (~1e-14·σ_max). For wide matrices
/// (d ≳ 2n, e.g. 1521-d OFM or 128-d XRD at 50 labels) that noise lies above ε·σ_max, so it is
/// kept and its direction enters w scaled by ~1e14/σ_max: predictions then depend on the last
/// bits of the data and of the LAPACK build. `rcond = 1e-6` (scikit-learn ≥ 1.9) removes it.
public struct LinearRegression: Sendable {
    /// Relative singular-value cutoff passed to `dgelsd`.
    public var rcond: Double
    /// Coefficients w, one per feature (empty before `fit`).
    public private(set) var coefficients: [Double] = []
    /// Intercept b.
    public private(set) var intercept: Double = 0
    /// Effective rank of the centred X found by `dgelsd`.
    public private(set) var rank: Int = 0
    /// Whether `fit` has succeeded.
    public private(set) var isFitted = false

    /// An unfitted model; `rcond` as described above.
    public init(rcond: Double = .ulpOfOne) { self.rcond = rcond }

    /// Fits w and b to (X, y). Needs at least one row; throws on NaN/∞ or shape mismatch.
    public mutating func fit(_ x: FeatureMatrix, _ y: [Double]) throws {
        try validateTargets(y, rows: x.rows)
        guard x.rows >= 1 else { throw RegressorError.tooFewRows(needed: 1, found: x.rows) }
        let m = x.rows, n = x.columns
        let md = Double(m)
        var xMean = [Double](repeating: 0, count: n)
        for i in 0..<m { for j in 0..<n { xMean[j] += x.values[i * n + j] } }
        for j in 0..<n { xMean[j] /= md }
        var yMean = 0.0
        for v in y { yMean += v }
        yMean /= md
        guard n > 0 else { coefficients = []; intercept = yMean; rank = 0; isFitted = true; return }
        // Column-major centred A (m × n), B of max(m, n) rows.
        var a = [Double](repeating: 0, count: m * n)
        for j in 0..<n { for i in 0..<m { a[j * m + i] = x.values[i * n + j] - xMean[j] } }
        let ldb = max(m, n)
        var b = [Double](repeating: 0, count: ldb)
        for i in 0..<m { b[i] = y[i] - yMean }
        var s = [Double](repeating: 0, count: min(m, n))
        var mm = Int32(m), nn = Int32(n), nrhs: Int32 = 1, lda = Int32(m), ldbb = Int32(ldb)
        var rc = rcond, rk: Int32 = 0, info: Int32 = 0
        // Workspace query.
        var lwork: Int32 = -1
        var wq = [Double](repeating: 0, count: 1)
        var iwq = [Int32](repeating: 0, count: 1)
        dgelsd_(&mm, &nn, &nrhs, &a, &lda, &b, &ldbb, &s, &rc, &rk, &wq, &lwork, &iwq, &info)
        guard info == 0 else { throw RegressorError.lapackFailure(routine: "dgelsd (workspace query)", info: Int(info)) }
        lwork = Int32(wq[0].rounded(.up))
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: max(Int(iwq[0]), 1))
        dgelsd_(&mm, &nn, &nrhs, &a, &lda, &b, &ldbb, &s, &rc, &rk, &work, &lwork, &iwork, &info)
        guard info == 0 else { throw RegressorError.lapackFailure(routine: "dgelsd", info: Int(info)) }
        let w = Array(b[0..<n])
        var dot = 0.0
        for j in 0..<n { dot += xMean[j] * w[j] }
        coefficients = w
        intercept = yMean - dot
        rank = Int(rk)
        isFitted = true
    }

    /// Fits to nested rows.
    public mutating func fit(_ x: [[Double]], _ y: [Double]) throws { try fit(FeatureMatrix(x), y) }

    /// ŷᵢ = Σⱼ Xᵢⱼ wⱼ + b.
    public func predict(_ x: FeatureMatrix) throws -> [Double] {
        guard isFitted else { throw RegressorError.notFitted }
        guard x.columns == coefficients.count else {
            throw RegressorError.featureCountMismatch(expected: coefficients.count, found: x.columns)
        }
        let n = x.columns
        return (0..<x.rows).map { i in
            var s = 0.0
            for j in 0..<n { s += x.values[i * n + j] * coefficients[j] }
            return s + intercept
        }
    }

    /// Predicts nested rows.
    public func predict(_ x: [[Double]]) throws -> [Double] { try predict(FeatureMatrix(x)) }
}
