import Randomness

/// The authors' `Linear → mish → LayerNorm` unit (`pairwise_seq_af_norm` / `set_seq_af_norm`),
/// with mish and LayerNorm fused in one pass: y = LN(mish(x·W + b)).
public struct LinearMishNorm: Sendable {
    /// The linear map.
    public let linear: Linear
    /// The normalisation after mish.
    public let norm: LayerNorm

    /// What backward needs from forward.
    public struct Cache: Sendable {
        /// The block input x.
        public var input: Matrix
        /// x·W + b.
        public var pre: Matrix
        /// The normalised mish output.
        public var xhat: Matrix
        /// 1/√(σ²+ε) per row.
        public var rstd: [Float]
    }

    /// A block named `linearName` / `normName` (PyTorch state-dict style names).
    public init(linearName: String, normName: String, _ input: Int, _ output: Int, rng: inout RandomStream) {
        linear = Linear(linearName, input, output, rng: &rng)
        norm = LayerNorm(normName, output)
    }

    /// All four parameters.
    public var parameters: [Parameter] { linear.parameters + norm.parameters }

    /// y and the cache.
    public func forward(_ x: Matrix) -> (Matrix, Cache) {
        let pre = linear.forward(x)
        let n = linear.output
        var y = Matrix(rows: x.rows, cols: n)
        var xhat = Matrix(rows: x.rows, cols: n)
        var rstd = [Float](repeating: 0, count: x.rows)
        pre.data.withUnsafeBufferPointer { p in
        y.data.withUnsafeMutableBufferPointer { yp in
        xhat.data.withUnsafeMutableBufferPointer { hp in
        rstd.withUnsafeMutableBufferPointer { rp in
        norm.gamma.value.withUnsafeBufferPointer { g in
        norm.beta.value.withUnsafeBufferPointer { b in
            OpProfile.measure(.elementwise) {
            Kernels.mishNormForward(pre: p.baseAddress!, ldPre: n, rows: x.rows, cols: n, gamma: g.baseAddress!, beta: b.baseAddress!,
                                    eps: norm.eps, y: yp.baseAddress!, ldY: n, xhat: hp.baseAddress!, rstd: rp.baseAddress!)
            }
        }}}}}}
        return (y, Cache(input: x, pre: pre, xhat: xhat, rstd: rstd))
    }

    /// Accumulates parameter gradients from dy; returns dx if `inputGradient`.
    @discardableResult
    public func backward(_ dy: Matrix, cache: Cache, inputGradient: Bool = true) -> Matrix? {
        let n = linear.output
        var dpre = Matrix(rows: dy.rows, cols: n)
        dy.data.withUnsafeBufferPointer { d in
        cache.pre.data.withUnsafeBufferPointer { p in
        cache.xhat.data.withUnsafeBufferPointer { h in
        cache.rstd.withUnsafeBufferPointer { r in
        norm.gamma.value.withUnsafeBufferPointer { g in
        norm.gamma.grad.withUnsafeMutableBufferPointer { dg in
        norm.beta.grad.withUnsafeMutableBufferPointer { db in
        dpre.data.withUnsafeMutableBufferPointer { o in
            OpProfile.measure(.elementwise) {
            Kernels.mishNormBackward(dy: d.baseAddress!, ldDy: n, pre: p.baseAddress!, ldPre: n, rows: dy.rows, cols: n,
                                     xhat: h.baseAddress!, rstd: r.baseAddress!, gamma: g.baseAddress!, dGamma: dg.baseAddress!,
                                     dBeta: db.baseAddress!, dpre: o.baseAddress!, ldDpre: n)
            }
        }}}}}}}}
        return linear.backward(input: cache.input, outputGradient: dpre, inputGradient: inputGradient)
    }
}

/// `Linear → mish` followed by a second `Linear` (the authors' DIM "upscale" heads:
/// `seq_af_norm([a, b], norm=False)` then `*_final_layer`): y = mish(x·W₁ + b₁)·W₂ + b₂.
public struct MishMLP: Sendable {
    /// First layer (before mish).
    public let first: Linear
    /// Output layer.
    public let second: Linear

    /// What backward needs from forward.
    public struct Cache: Sendable {
        /// Input x.
        public var input: Matrix
        /// x·W₁ + b₁.
        public var pre: Matrix
        /// mish(pre).
        public var hidden: Matrix
    }

    /// Layers named `firstName`, `secondName`.
    public init(firstName: String, secondName: String, _ input: Int, _ hidden: Int, _ output: Int, rng: inout RandomStream) {
        first = Linear(firstName, input, hidden, rng: &rng)
        second = Linear(secondName, hidden, output, rng: &rng)
    }

    /// All four parameters.
    public var parameters: [Parameter] { first.parameters + second.parameters }

    /// y and the cache.
    public func forward(_ x: Matrix) -> (Matrix, Cache) {
        let pre = first.forward(x)
        let h = Mish.forward(pre)
        return (second.forward(h), Cache(input: x, pre: pre, hidden: h))
    }

    /// Accumulates parameter gradients; returns dx if `inputGradient`.
    @discardableResult
    public func backward(_ dy: Matrix, cache: Cache, inputGradient: Bool = true) -> Matrix? {
        let dh = second.backward(input: cache.hidden, outputGradient: dy)!
        let dpre = Mish.backward(input: cache.pre, outputGradient: dh)
        return first.backward(input: cache.input, outputGradient: dpre, inputGradient: inputGradient)
    }
}
