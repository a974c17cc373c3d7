/// Layer normalisation over each row (PyTorch `nn.LayerNorm(width)`, ε = 1e-5):
/// y = γ ⊙ (x − μ)/√(σ² + ε) + β with μ, σ² the row mean and biased variance.
///
/// Backward: with x̂ the normalised row and dx̂ = γ ⊙ dy,
/// dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂ ⊙ x̂)) / √(σ² + ε); dγ += Σ dy ⊙ x̂; dβ += Σ dy.
public struct LayerNorm: Sendable {
    /// Scale γ (initialised to 1).
    public let gamma: Parameter
    /// Shift β (initialised to 0).
    public let beta: Parameter
    /// ε added to the variance.
    public let eps: Float

    /// Cached quantities of a forward pass, needed by backward.
    public struct Cache: Sendable {
        /// x̂ = (x − μ)/√(σ² + ε).
        public var xhat: Matrix
        /// 1/√(σ² + ε) per row.
        public var rstd: [Float]
    }

    /// A LayerNorm of the given width; parameters `<name>.weight` (γ) and `<name>.bias` (β).
    public init(_ name: String, _ width: Int, eps: Float = 1e-5) {
        gamma = Parameter(name: name + ".weight", shape: [width], value: [Float](repeating: 1, count: width))
        beta = Parameter(name: name + ".bias", shape: [width], value: [Float](repeating: 0, count: width))
        self.eps = eps
    }

    /// The two parameters.
    public var parameters: [Parameter] { [gamma, beta] }

    /// Forward pass; returns y and the cache for backward.
    public func forward(_ x: Matrix) -> (Matrix, Cache) {
        let c = x.cols
        precondition(c == gamma.count)
        var y = Matrix(rows: x.rows, cols: c)
        var cache = Cache(xhat: Matrix(rows: x.rows, cols: c), rstd: [Float](repeating: 0, count: x.rows))
        let invC = 1 / Float(c)
        x.data.withUnsafeBufferPointer { xp in
        y.data.withUnsafeMutableBufferPointer { yp in
        cache.xhat.data.withUnsafeMutableBufferPointer { hp in
        cache.rstd.withUnsafeMutableBufferPointer { rp in
        gamma.value.withUnsafeBufferPointer { g in
        beta.value.withUnsafeBufferPointer { b in
            for r in 0..<x.rows {
                let xr = xp.baseAddress! + r * c, yr = yp.baseAddress! + r * c, hr = hp.baseAddress! + r * c
                var s: Float = 0
                for j in 0..<c { s += xr[j] }
                let mean = s * invC
                var v: Float = 0
                for j in 0..<c { let d = xr[j] - mean; v += d * d }
                let rs = 1 / (v * invC + eps).squareRoot()
                rp[r] = rs
                for j in 0..<c { let h = (xr[j] - mean) * rs; hr[j] = h; yr[j] = g[j] * h + b[j] }
            }
        }}}}}}
        return (y, cache)
    }

    /// Backward pass: accumulates dγ, dβ and returns dx.
    public func backward(outputGradient dy: Matrix, cache: Cache) -> Matrix {
        let c = dy.cols, invC = 1 / Float(c)
        var dx = Matrix(rows: dy.rows, cols: c)
        var ag = [Float](repeating: 0, count: c), ab = [Float](repeating: 0, count: c)
        dy.data.withUnsafeBufferPointer { dp in
        dx.data.withUnsafeMutableBufferPointer { xp in
        cache.xhat.data.withUnsafeBufferPointer { hp in
        gamma.value.withUnsafeBufferPointer { g in
            for r in 0..<dy.rows {
                let d = dp.baseAddress! + r * c, h = hp.baseAddress! + r * c, o = xp.baseAddress! + r * c
                var s1: Float = 0, s2: Float = 0
                for j in 0..<c {
                    ag[j] += d[j] * h[j]; ab[j] += d[j]
                    let t = d[j] * g[j]; o[j] = t; s1 += t; s2 += t * h[j]
                }
                let m1 = s1 * invC, m2 = s2 * invC, rs = cache.rstd[r]
                for j in 0..<c { o[j] = rs * (o[j] - m1 - h[j] * m2) }
            }
        }}}}
        for j in 0..<c { gamma.grad[j] += ag[j]; beta.grad[j] += ab[j] }
        return dx
    }
}
