/// Low-level elementwise kernels on raw row-major storage, shared by the layers. Each works on
/// `rows` rows of `cols` values with leading dimensions (elements between rows) so it can act on
/// a column block of a wider matrix. Written as plain loops the compiler vectorises (release
/// builds use `-Ounchecked -target-cpu haswell`).
public enum Kernels {
    /// y[r, :] = x[r, :]·W + b is done by sgemm; this fills every row of `y` with `b` first
    /// (so a following gemm with β = 1 adds the product).
    @inline(__always)
    public static func fillRows(_ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int, ld: Int, with b: UnsafePointer<Float>) {
        for r in 0..<rows {
            let yr = y + r * ld
            for j in 0..<cols { yr[j] = b[j] }
        }
    }

    /// db[j] += Σ_r dy[r, j].
    @inline(__always)
    public static func addColumnSums(_ dy: UnsafePointer<Float>, rows: Int, cols: Int, ld: Int, into db: UnsafeMutablePointer<Float>) {
        // accumulate in blocks of rows into a local buffer for accuracy and speed
        var acc = [Float](repeating: 0, count: cols)
        acc.withUnsafeMutableBufferPointer { a in
            let ap = a.baseAddress!
            for r in 0..<rows {
                let dr = dy + r * ld
                for j in 0..<cols { ap[j] += dr[j] }
            }
            for j in 0..<cols { db[j] += ap[j] }
        }
    }

    /// Σ a[i]·b[i] over n values, with 8 partial sums (vectorisable; a different but fixed
    /// summation order than a sequential loop).
    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0, s4: Float = 0, s5: Float = 0, s6: Float = 0, s7: Float = 0
        var i = 0
        while i + 8 <= n {
            s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]; s2 += a[i + 2] * b[i + 2]; s3 += a[i + 3] * b[i + 3]
            s4 += a[i + 4] * b[i + 4]; s5 += a[i + 5] * b[i + 5]; s6 += a[i + 6] * b[i + 6]; s7 += a[i + 7] * b[i + 7]
            i += 8
        }
        var s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// Σ a[i] over n values, with 8 partial sums.
    @inlinable @inline(__always)
    public static func sum(_ a: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0, s4: Float = 0, s5: Float = 0, s6: Float = 0, s7: Float = 0
        var i = 0
        while i + 8 <= n {
            s0 += a[i]; s1 += a[i + 1]; s2 += a[i + 2]; s3 += a[i + 3]
            s4 += a[i + 4]; s5 += a[i + 5]; s6 += a[i + 6]; s7 += a[i + 7]
            i += 8
        }
        var s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
        while i < n { s += a[i]; i += 1 }
        return s
    }

    /// LayerNorm of one row held in `xh` (`cols` values a): replaces it by x̂ = (a − μ)/√(σ² + ε),
    /// writes y = γ·x̂ + β and returns 1/√(σ² + ε); μ and σ² are the row's mean and biased
    /// variance (`invC` = 1/cols). The one normalisation every mish-norm kernel uses.
    @inline(__always)
    static func normalizeRow(_ xh: UnsafeMutablePointer<Float>, cols: Int, invC: Float, eps: Float,
                             gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) -> Float {
        let mean = sum(xh, cols) * invC
        for j in 0..<cols { xh[j] -= mean }
        let rs = 1 / (dot(xh, xh, cols) * invC + eps).squareRoot()
        for j in 0..<cols {
            let h = xh[j] * rs
            xh[j] = h
            y[j] = gamma[j] * h + beta[j]
        }
        return rs
    }

    /// Forward of mish then LayerNorm, fused, per row: a = mish(pre), y = γ·(a − μ)/√(σ² + ε) + β,
    /// with μ, σ² the mean and biased variance of the row of a. Stores x̂ = (a − μ)/√(σ²+ε) in
    /// `xhat` (ld = cols) and 1/√(σ²+ε) in `rstd`.
    public static func mishNormForward(pre: UnsafePointer<Float>, ldPre: Int, rows: Int, cols: Int,
                                       gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, eps: Float,
                                       y: UnsafeMutablePointer<Float>, ldY: Int,
                                       xhat: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>) {
        let invC = 1 / Float(cols)
        for r in 0..<rows {
            let p = pre + r * ldPre, xh = xhat + r * cols, yr = y + r * ldY
            for j in 0..<cols { xh[j] = FastMath.mish(p[j]) }
            rstd[r] = normalizeRow(xh, cols: cols, invC: invC, eps: eps, gamma: gamma, beta: beta, y: yr)
        }
    }

    /// ``mishNormForward`` that also replaces each pre-activation by the derivative mish′(pre) it
    /// needs in backward (e^x is shared by mish and mish′, so backward evaluates no exponential):
    /// pass `pre` to ``mishNormBackward(dy:ldDy:mishDerivative:ldD:rows:cols:xhat:rstd:gamma:dGamma:dBeta:dpre:ldDpre:)`` afterwards.
    public static func mishNormForwardKeepingDerivative(pre: UnsafeMutablePointer<Float>, ldPre: Int, rows: Int, cols: Int,
                                                         gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, eps: Float,
                                                         y: UnsafeMutablePointer<Float>, ldY: Int,
                                                         xhat: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>) {
        let invC = 1 / Float(cols)
        for r in 0..<rows {
            let p = pre + r * ldPre, xh = xhat + r * cols, yr = y + r * ldY
            for j in 0..<cols { let (a, d) = FastMath.mishAndDerivative(p[j]); xh[j] = a; p[j] = d }
            rstd[r] = normalizeRow(xh, cols: cols, invC: invC, eps: eps, gamma: gamma, beta: beta, y: yr)
        }
    }

    /// ``mishNormBackward(dy:ldDy:pre:ldPre:rows:cols:xhat:rstd:gamma:dGamma:dBeta:dpre:ldDpre:)`` given mish′(pre)
    /// (as left by ``mishNormForwardKeepingDerivative``) instead of pre.
    public static func mishNormBackward(dy: UnsafePointer<Float>, ldDy: Int, mishDerivative md: UnsafePointer<Float>, ldD: Int,
                                        rows: Int, cols: Int, xhat: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
                                        gamma: UnsafePointer<Float>, dGamma: UnsafeMutablePointer<Float>,
                                        dBeta: UnsafeMutablePointer<Float>,
                                        dpre: UnsafeMutablePointer<Float>, ldDpre: Int) {
        mishNormBackwardRows(dy: dy, ldDy: ldDy, source: md, ldSource: ldD, rows: rows, cols: cols, xhat: xhat, rstd: rstd,
                             gamma: gamma, dGamma: dGamma, dBeta: dBeta, dpre: dpre, ldDpre: ldDpre) { $0 }
    }

    /// ``mishNormForward`` without the cache (inference, no-gradient passes): y = γ·x̂ + β with
    /// x̂ = (a − μ)/√(σ² + ε), a = mish(pre), computed in `y` itself (one row at a time, in cache).
    /// `y` may alias `pre` when the leading dimensions agree. Same arithmetic as ``mishNormForward``.
    @inline(__always)
    public static func mishNormRows(pre: UnsafePointer<Float>, ldPre: Int, rows: Int, cols: Int,
                                    gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, eps: Float,
                                    y: UnsafeMutablePointer<Float>, ldY: Int) {
        let invC = 1 / Float(cols)
        // a separate row buffer: an in-place loop (y == pre) would fail the vectoriser's runtime
        // overlap check and run scalar
        let a = UnsafeMutablePointer<Float>.allocate(capacity: cols)
        defer { a.deallocate() }
        for r in 0..<rows {
            let p = pre + r * ldPre, yr = y + r * ldY
            for j in 0..<cols { a[j] = FastMath.mish(p[j]) }
            _ = normalizeRow(a, cols: cols, invC: invC, eps: eps, gamma: gamma, beta: beta, y: yr)
        }
    }

    /// Backward of ``mishNormForward``: from dy gives d(pre) (written to `dpre`, may alias `dy`
    /// when the leading dimensions agree) and accumulates dγ += Σ dy·x̂, dβ += Σ dy.
    /// LayerNorm: dx̂ = γ·dy, da = rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)); then d(pre) = da·mish′(pre).
    public static func mishNormBackward(dy: UnsafePointer<Float>, ldDy: Int, pre: UnsafePointer<Float>, ldPre: Int,
                                        rows: Int, cols: Int, xhat: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
                                        gamma: UnsafePointer<Float>, dGamma: UnsafeMutablePointer<Float>,
                                        dBeta: UnsafeMutablePointer<Float>,
                                        dpre: UnsafeMutablePointer<Float>, ldDpre: Int) {
        mishNormBackwardRows(dy: dy, ldDy: ldDy, source: pre, ldSource: ldPre, rows: rows, cols: cols, xhat: xhat, rstd: rstd,
                             gamma: gamma, dGamma: dGamma, dBeta: dBeta, dpre: dpre, ldDpre: ldDpre, derivative: FastMath.mishDerivative)
    }

    /// The body of both ``mishNormBackward`` variants: mish′ of a row element is
    /// `derivative(source[j])` (the identity when `source` already holds mish′, FastMath's mish′
    /// when it holds pre). Inlined into each, so each keeps its own vectorised loop.
    @inline(__always)
    static func mishNormBackwardRows(dy: UnsafePointer<Float>, ldDy: Int, source: UnsafePointer<Float>, ldSource: Int,
                                     rows: Int, cols: Int, xhat: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
                                     gamma: UnsafePointer<Float>, dGamma: UnsafeMutablePointer<Float>,
                                     dBeta: UnsafeMutablePointer<Float>, dpre: UnsafeMutablePointer<Float>, ldDpre: Int,
                                     derivative: (Float) -> Float) {
        let invC = 1 / Float(cols)
        let g = UnsafeMutablePointer<Float>.allocate(capacity: 3 * cols)
        g.initialize(repeating: 0, count: 3 * cols)
        defer { g.deallocate() }
        let b = g + cols, t = g + 2 * cols
        for r in 0..<rows {
            let d = dy + r * ldDy, xh = xhat + r * cols, p = source + r * ldSource, o = dpre + r * ldDpre
            for j in 0..<cols {
                let dj = d[j]
                g[j] += dj * xh[j]; b[j] += dj
                t[j] = dj * gamma[j]
            }
            let m1 = sum(t, cols) * invC, m2 = dot(t, xh, cols) * invC, rs = rstd[r]
            for j in 0..<cols {
                o[j] = rs * (t[j] - m1 - xh[j] * m2) * derivative(p[j])
            }
        }
        for j in 0..<cols { dGamma[j] += g[j]; dBeta[j] += b[j] }
    }

    /// y = mish(x) elementwise over n values.
    @inline(__always)
    public static func mish(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int) {
        for i in 0..<n { y[i] = FastMath.mish(x[i]) }
    }

    /// dx = dy·mish′(x) elementwise over n values (`dx` may alias `dy`).
    @inline(__always)
    public static func mishBackward(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, count n: Int) {
        for i in 0..<n { dx[i] = dy[i] * FastMath.mishDerivative(x[i]) }
    }
}
