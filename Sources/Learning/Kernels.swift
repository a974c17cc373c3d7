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
            var s: Float = 0
            for j in 0..<cols { let a = FastMath.mish(p[j]); xh[j] = a; s += a }
            let mean = s * invC
            var v: Float = 0
            for j in 0..<cols { let d = xh[j] - mean; v += d * d }
            let rs = 1 / (v * invC + eps).squareRoot()
            rstd[r] = rs
            for j in 0..<cols {
                let h = (xh[j] - mean) * rs
                xh[j] = h
                yr[j] = gamma[j] * h + beta[j]
            }
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
        let invC = 1 / Float(cols)
        var accG = [Float](repeating: 0, count: cols), accB = [Float](repeating: 0, count: cols)
        var tmp = [Float](repeating: 0, count: cols)
        accG.withUnsafeMutableBufferPointer { ag in
        accB.withUnsafeMutableBufferPointer { ab in
        tmp.withUnsafeMutableBufferPointer { tb in
            let g = ag.baseAddress!, b = ab.baseAddress!, t = tb.baseAddress!
            for r in 0..<rows {
                let d = dy + r * ldDy, xh = xhat + r * cols, p = pre + r * ldPre, o = dpre + r * ldDpre
                var s1: Float = 0, s2: Float = 0
                for j in 0..<cols {
                    let dj = d[j]
                    g[j] += dj * xh[j]; b[j] += dj
                    let dx = dj * gamma[j]
                    t[j] = dx; s1 += dx; s2 += dx * xh[j]
                }
                let m1 = s1 * invC, m2 = s2 * invC, rs = rstd[r]
                for j in 0..<cols {
                    o[j] = rs * (t[j] - m1 - xh[j] * m2) * FastMath.mishDerivative(p[j])
                }
            }
            for j in 0..<cols { dGamma[j] += g[j]; dBeta[j] += b[j] }
        }}}
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
