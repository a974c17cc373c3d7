import Learning
import Randomness

/// The local part of Site-Net (`SiteNetDIMAttentionBlock.inference`, Docs/Protocol.md §3.1):
///
///     h_i  = LN(mish(W_s x_i + b))                      9 → 64   (site embedding)
///     e_ij = LN(mish(w_e d_ij + b))                     1 → 64   (interaction embedding)
///     x_ije = [h_i ; h_j' ; e_ij]                       192
///     a_ij = w_2 · LN(mish(W_1 x_ije + b_1)) + b_2      192 → 64 → 1   (attention logits g^W)
///     α_ij = softmax over the real neighbours j of i
///     f_ij = LN(mish(W_4 LN(mish(W_3 x_ije + b_3)) + b_4))   192 → 64 → 64   (g^F)
///     m_i  = Σ_j α_ij f_ij ;   s_i = W_g m_i + b_g      64 → 32
///
/// Implementation: W_1 x_ije = W_1^(i) h_i + W_1^(j) h_j' + W_1^(e) e_ij (exact), so the two site
/// blocks are products on R site rows and only the e block (64 → 128 for both nets together) is a
/// product on the Q = Σ_i N_i pair rows. Every product is one sgemm over the whole batch (or chunk),
/// each block of both first layers together (``pairedFirstLayers()``: 128 outputs per sgemm).
final class LocalEncoder {
    let siteEmbed: LinearMishNorm
    let interLinear: Linear
    let interNorm: LayerNorm
    let w1: Linear, w1Norm: LayerNorm
    let logit: Linear
    let f1: Linear, f1Norm: LayerNorm
    let f2: Linear, f2Norm: LayerNorm
    let out: Linear

    init(rng: inout RandomStream) {
        siteEmbed = LinearMishNorm(linearName: "Site_DIM.site_featurization", normName: "Site_DIM.site_featurization_norm", 9, 64, rng: &rng)
        interLinear = Linear("Site_DIM.interaction_featurization", 1, 64, rng: &rng)
        interNorm = LayerNorm("Site_DIM.interaction_featurization_norm", 64)
        w1 = Linear("Site_DIM.ije_to_multihead.0", 192, 64, rng: &rng)
        w1Norm = LayerNorm("Site_DIM.ije_to_multihead.2", 64)
        logit = Linear("Site_DIM.pre_softmax_linear", 64, 1, rng: &rng)
        f1 = Linear("Site_DIM.ije_to_attention_features.0", 192, 64, rng: &rng)
        f1Norm = LayerNorm("Site_DIM.ije_to_attention_features.2", 64)
        f2 = Linear("Site_DIM.ije_to_attention_features.3", 64, 64, rng: &rng)
        f2Norm = LayerNorm("Site_DIM.ije_to_attention_features.5", 64)
        out = Linear("Site_DIM.global_linear", 64, 32, rng: &rng)
    }

    var parameters: [Parameter] {
        siteEmbed.parameters + interLinear.parameters + interNorm.parameters + w1.parameters + w1Norm.parameters
            + logit.parameters + f1.parameters + f1Norm.parameters + f2.parameters + f2Norm.parameters + out.parameters
    }

    /// The blocks of W_1 and W_3 (= ije_to_multihead.0 and ije_to_attention_features.0, 192 → 64 each)
    /// acting on h_i, h_j' and e, side by side: three 64 × 128 matrices [W_1ⁱ | W_3ⁱ], [W_1ʲ | W_3ʲ],
    /// [W_1ᵉ | W_3ᵉ] (3 × 64 × 128), so each input block is one sgemm with 128 outputs for both nets.
    func pairedFirstLayers() -> FloatBuffer {
        let out = FloatBuffer(uninitialized: 3 * 64 * 128)
        w1.weight.value.withUnsafeBufferPointer { a in
        f1.weight.value.withUnsafeBufferPointer { b in
            for row in 0..<192 {
                let o = out.p + row * 128
                for j in 0..<64 { o[j] = a[row * 64 + j]; o[64 + j] = b[row * 64 + j] }
            }
        }}
        return out
    }

    /// ``pairedFirstLayers()`` and the per-site products with its first two blocks: Hi = h·[W_1ⁱ | W_3ⁱ]
    /// and Hj = h·[W_1ʲ | W_3ʲ] (R × 128 each, for the R site rows of `h`, R × 64). Shared by the
    /// training forward pass and inference, so both compute the pair terms the same way.
    func pairProjections(_ h: Matrix) -> (WF: FloatBuffer, Hi: FloatBuffer, Hj: FloatBuffer) {
        let R = h.rows
        let WF = pairedFirstLayers()
        let Hi = FloatBuffer(uninitialized: R * 128), Hj = FloatBuffer(uninitialized: R * 128)
        h.data.withUnsafeBufferPointer { hb in
            let hp = hb.baseAddress!
            Gemm.run(m: R, n: 128, k: 64, hp, lda: 64, transA: false, WF.p, ldb: 128, transB: false, Hi.p, ldc: 128)
            Gemm.run(m: R, n: 128, k: 64, hp, lda: 64, transA: false, WF.p + 64 * 128, ldb: 128, transB: false, Hj.p, ldc: 128)
        }
        return (WF, Hi, Hj)
    }

    /// Adds a 3 × 64 × 128 gradient laid out as ``pairedFirstLayers()`` to the gradients of W_1 and W_3.
    func addPairedFirstLayerGradient(_ g: FloatBuffer) {
        w1.weight.grad.withUnsafeMutableBufferPointer { a in
        f1.weight.grad.withUnsafeMutableBufferPointer { b in
            for row in 0..<192 {
                let o = g.p + row * 128
                for j in 0..<64 { a[row * 64 + j] += o[j]; b[row * 64 + j] += o[64 + j] }
            }
        }}
    }

    /// Everything backward needs.
    final class Cache {
        let layout: PairLayout
        let R: Int, Q: Int
        var hCache: LinearMishNorm.Cache
        var h: Matrix
        /// preE, preA, preF2 hold the pair-level pre-activations during forward and mish′ of them
        /// afterwards (all backward needs of them; see ``Kernels/mishNormForwardKeepingDerivative``).
        let preE, xhatE, rstdE, e: FloatBuffer
        let preA, y1, xhatW, rstdW, xhatF, rstdF: FloatBuffer
        let alpha: FloatBuffer
        let preF2, f, xhatF2, rstdF2: FloatBuffer
        var m: Matrix
        var s: Matrix
        init(layout: PairLayout, R: Int, hCache: LinearMishNorm.Cache, h: Matrix) {
            self.layout = layout; self.R = R; let Q = layout.count; self.Q = Q
            self.hCache = hCache; self.h = h
            // every buffer below is fully written by forward before it is read
            preE = FloatBuffer(uninitialized: Q * 64); xhatE = FloatBuffer(uninitialized: Q * 64); rstdE = FloatBuffer(uninitialized: Q)
            e = FloatBuffer(uninitialized: Q * 64)
            preA = FloatBuffer(uninitialized: Q * 128); y1 = FloatBuffer(uninitialized: Q * 128)
            xhatW = FloatBuffer(uninitialized: Q * 64); rstdW = FloatBuffer(uninitialized: Q)
            xhatF = FloatBuffer(uninitialized: Q * 64); rstdF = FloatBuffer(uninitialized: Q)
            alpha = FloatBuffer(uninitialized: Q)
            preF2 = FloatBuffer(uninitialized: Q * 64); f = FloatBuffer(uninitialized: Q * 64)
            xhatF2 = FloatBuffer(uninitialized: Q * 64); rstdF2 = FloatBuffer(uninitialized: Q)
            m = Matrix(rows: R, cols: 64); s = Matrix(rows: R, cols: 32)
        }
    }

    /// Forward pass over `layout` (rows of `x` are the site rows).
    func forward(x: Matrix, layout: PairLayout) -> Cache {
        let R = x.rows
        precondition(layout.rows == R)
        let (h, hc) = siteEmbed.forward(x)
        let c = Cache(layout: layout, R: R, hCache: hc, h: h)
        let Q = c.Q
        let (WF, Hi, Hj) = pairProjections(h)
        // interaction embedding e = LN(mish(d·w_e + b_e))
        let we = interLinear.weight.valueBuffer(), be = interLinear.bias.valueBuffer()
        let gE = interNorm.gamma.valueBuffer(), bE = interNorm.beta.valueBuffer()
        OpProfile.measure(.elementwise) {
            layout.distance.withUnsafeBufferPointer { db in
                let pe = c.preE.p
                for q in 0..<Q {
                    let dq = db[q], row = pe + q * 64
                    for k in 0..<64 { row[k] = dq * we.p[k] + be.p[k] }
                }
            }
            Kernels.mishNormForwardKeepingDerivative(pre: c.preE.p, ldPre: 64, rows: Q, cols: 64, gamma: gE.p, beta: bE.p, eps: interNorm.eps,
                                    y: c.e.p, ldY: 64, xhat: c.xhatE.p, rstd: c.rstdE.p)
        }
        // pre-activations of both first layers: A = e·[W1e | F1e] + Hi[i] + Hj[j'] + [b1 | b3]
        Gemm.run(m: Q, n: 128, k: 64, c.e.p, lda: 64, transA: false, WF.p + 128 * 128, ldb: 128, transB: false, c.preA.p, ldc: 128)
        let bcat = FloatBuffer(w1.bias.value + f1.bias.value)
        OpProfile.measure(.segment) {
        layout.offsets.withUnsafeBufferPointer { ob in
        layout.neighbour.withUnsafeBufferPointer { nbb in
            for r in 0..<R {
                let hi = Hi.p + r * 128
                for q in Int(ob[r])..<Int(ob[r + 1]) {
                    let a = c.preA.p + q * 128, hj = Hj.p + Int(nbb[q]) * 128
                    for k in 0..<128 { a[k] += hi[k] + hj[k] + bcat.p[k] }
                }
            }
        }}
        }
        let gW = w1Norm.gamma.valueBuffer(), bW = w1Norm.beta.valueBuffer()
        let gF = f1Norm.gamma.valueBuffer(), bF = f1Norm.beta.valueBuffer()
        let wl = logit.weight.valueBuffer(), bl = logit.bias.value[0]
        let bf2 = f2.bias.valueBuffer(), Wf2 = f2.weight.valueBuffer()
        OpProfile.measure(.elementwise) {
            Kernels.mishNormForwardKeepingDerivative(pre: c.preA.p, ldPre: 128, rows: Q, cols: 64, gamma: gW.p, beta: bW.p, eps: w1Norm.eps,
                                    y: c.y1.p, ldY: 128, xhat: c.xhatW.p, rstd: c.rstdW.p)
            Kernels.mishNormForwardKeepingDerivative(pre: c.preA.p + 64, ldPre: 128, rows: Q, cols: 64, gamma: gF.p, beta: bF.p, eps: f1Norm.eps,
                                    y: c.y1.p + 64, ldY: 128, xhat: c.xhatF.p, rstd: c.rstdF.p)
            // logits
            for q in 0..<Q {
                c.alpha.p[q] = Kernels.dot(c.y1.p + q * 128, wl.p, 64) + bl
            }
            Kernels.fillRows(c.preF2.p, rows: Q, cols: 64, ld: 64, with: bf2.p)
        }
        // second layer of g^F
        Gemm.run(m: Q, n: 64, k: 64, c.y1.p + 64, lda: 128, transA: false, Wf2.p, ldb: 64, transB: false, c.preF2.p, ldc: 64, beta: 1)
        let g2 = f2Norm.gamma.valueBuffer(), b2 = f2Norm.beta.valueBuffer()
        OpProfile.measure(.elementwise) {
            Kernels.mishNormForwardKeepingDerivative(pre: c.preF2.p, ldPre: 64, rows: Q, cols: 64, gamma: g2.p, beta: b2.p, eps: f2Norm.eps,
                                    y: c.f.p, ldY: 64, xhat: c.xhatF2.p, rstd: c.rstdF2.p)
        }
        // softmax over each site's neighbours, weighted sum
        OpProfile.measure(.segment) {
        layout.offsets.withUnsafeBufferPointer { ob in
            SegmentSoftmax.forward(c.alpha.p, offsets: ob.baseAddress!, segments: R)
            c.m.data.withUnsafeMutableBufferPointer { mb in
                for r in 0..<R {
                    let mr = mb.baseAddress! + r * 64
                    for q in Int(ob[r])..<Int(ob[r + 1]) {
                        let a = c.alpha.p[q], fq = c.f.p + q * 64
                        for k in 0..<64 { mr[k] += a * fq[k] }
                    }
                }
            }
        }
        }
        c.s = out.forward(c.m)
        return c
    }

    /// Backward from ds (R × 32) and an optional extra gradient on m (R × 64, from the
    /// log-variance branch). Accumulates every parameter gradient (inputs are not differentiated).
    func backward(_ c: Cache, ds: Matrix, dmExtra: Matrix?) {
        let R = c.R, Q = c.Q, layout = c.layout
        var dm = out.backward(input: c.m, outputGradient: ds)!
        if let e = dmExtra { OpProfile.measure(.elementwise) { for i in 0..<dm.count { dm.data[i] += e.data[i] } } }
        let df = FloatBuffer(uninitialized: Q * 64), dal = FloatBuffer(uninitialized: Q)
        OpProfile.measure(.segment) {
        layout.offsets.withUnsafeBufferPointer { ob in
            dm.data.withUnsafeBufferPointer { dmb in
                for r in 0..<R {
                    let d = dmb.baseAddress! + r * 64
                    for q in Int(ob[r])..<Int(ob[r + 1]) {
                        let o = df.p + q * 64, a = c.alpha.p[q]
                        for k in 0..<64 { o[k] = a * d[k] }
                        dal.p[q] = Kernels.dot(c.f.p + q * 64, d, 64)
                    }
                }
            }
            SegmentSoftmax.backward(c.alpha.p, dal.p, offsets: ob.baseAddress!, segments: R)
        }
        }
        // g^F second layer
        let g2 = f2Norm.gamma.valueBuffer(), dg2 = FloatBuffer(64), db2 = FloatBuffer(64)
        OpProfile.measure(.elementwise) {
            Kernels.mishNormBackward(dy: df.p, ldDy: 64, mishDerivative: c.preF2.p, ldD: 64, rows: Q, cols: 64, xhat: c.xhatF2.p, rstd: c.rstdF2.p,
                                     gamma: g2.p, dGamma: dg2.p, dBeta: db2.p, dpre: df.p, ldDpre: 64)
        }
        f2Norm.gamma.addToGrad(dg2); f2Norm.beta.addToGrad(db2)
        let dWf2 = FloatBuffer(64 * 64), dbf2 = FloatBuffer(64), Wf2 = f2.weight.valueBuffer()
        Gemm.run(m: 64, n: 64, k: Q, c.y1.p + 64, lda: 128, transA: true, df.p, ldb: 64, transB: false, dWf2.p, ldc: 64)
        OpProfile.measure(.elementwise) { Kernels.addColumnSums(df.p, rows: Q, cols: 64, ld: 64, into: dbf2.p) }
        f2.weight.addToGrad(dWf2); f2.bias.addToGrad(dbf2)
        let dY1 = FloatBuffer(uninitialized: Q * 128)
        Gemm.run(m: Q, n: 64, k: 64, df.p, lda: 64, transA: false, Wf2.p, ldb: 64, transB: true, dY1.p + 64, ldc: 128)
        // logit layer
        let wl = logit.weight.valueBuffer(), dwl = FloatBuffer(64)
        var dbl: Float = 0
        OpProfile.measure(.elementwise) {
            for q in 0..<Q {
                let g = dal.p[q], y = c.y1.p + q * 128, o = dY1.p + q * 128, w = wl.p, dw = dwl.p
                dbl += g
                for k in 0..<64 { o[k] = g * w[k] }
                for k in 0..<64 { dw[k] += g * y[k] }
            }
        }
        logit.weight.addToGrad(dwl); logit.bias.grad[0] += dbl
        // first layers (both halves), in place
        let gW = w1Norm.gamma.valueBuffer(), gF = f1Norm.gamma.valueBuffer()
        let dgW = FloatBuffer(64), dbW = FloatBuffer(64), dgF = FloatBuffer(64), dbF = FloatBuffer(64)
        OpProfile.measure(.elementwise) {
            Kernels.mishNormBackward(dy: dY1.p, ldDy: 128, mishDerivative: c.preA.p, ldD: 128, rows: Q, cols: 64, xhat: c.xhatW.p, rstd: c.rstdW.p,
                                     gamma: gW.p, dGamma: dgW.p, dBeta: dbW.p, dpre: dY1.p, ldDpre: 128)
            Kernels.mishNormBackward(dy: dY1.p + 64, ldDy: 128, mishDerivative: c.preA.p + 64, ldD: 128, rows: Q, cols: 64, xhat: c.xhatF.p, rstd: c.rstdF.p,
                                     gamma: gF.p, dGamma: dgF.p, dBeta: dbF.p, dpre: dY1.p + 64, ldDpre: 128)
        }
        w1Norm.gamma.addToGrad(dgW); w1Norm.beta.addToGrad(dbW); f1Norm.gamma.addToGrad(dgF); f1Norm.beta.addToGrad(dbF)
        let dA = dY1
        let dWF = FloatBuffer(uninitialized: 3 * 64 * 128), dbW1 = FloatBuffer(64), dbF1 = FloatBuffer(64)
        OpProfile.measure(.elementwise) {
            Kernels.addColumnSums(dA.p, rows: Q, cols: 64, ld: 128, into: dbW1.p)
            Kernels.addColumnSums(dA.p + 64, rows: Q, cols: 64, ld: 128, into: dbF1.p)
        }
        let WF = pairedFirstLayers()
        Gemm.run(m: 64, n: 128, k: Q, c.e.p, lda: 64, transA: true, dA.p, ldb: 128, transB: false, dWF.p + 128 * 128, ldc: 128)
        let de = FloatBuffer(uninitialized: Q * 64)
        Gemm.run(m: Q, n: 64, k: 128, dA.p, lda: 128, transA: false, WF.p + 128 * 128, ldb: 128, transB: true, de.p, ldc: 64)
        // site halves: dHi[i] = Σ_j dA_ij, dHj[j'] += dA_ij
        let dHi = FloatBuffer(R * 128), dHj = FloatBuffer(R * 128)
        OpProfile.measure(.segment) {
        layout.offsets.withUnsafeBufferPointer { ob in
        layout.neighbour.withUnsafeBufferPointer { nbb in
            for r in 0..<R {
                let hi = dHi.p + r * 128
                for q in Int(ob[r])..<Int(ob[r + 1]) {
                    let a = dA.p + q * 128, hj = dHj.p + Int(nbb[q]) * 128
                    for k in 0..<128 { hi[k] += a[k]; hj[k] += a[k] }
                }
            }
        }}
        }
        var dh = Matrix(rows: R, cols: 64)
        c.h.data.withUnsafeBufferPointer { hb in
        dh.data.withUnsafeMutableBufferPointer { dhb in
            let hp = hb.baseAddress!, dhp = dhb.baseAddress!
            Gemm.run(m: 64, n: 128, k: R, hp, lda: 64, transA: true, dHi.p, ldb: 128, transB: false, dWF.p, ldc: 128)
            Gemm.run(m: 64, n: 128, k: R, hp, lda: 64, transA: true, dHj.p, ldb: 128, transB: false, dWF.p + 64 * 128, ldc: 128)
            Gemm.run(m: R, n: 64, k: 128, dHi.p, lda: 128, transA: false, WF.p, ldb: 128, transB: true, dhp, ldc: 64)
            Gemm.run(m: R, n: 64, k: 128, dHj.p, lda: 128, transA: false, WF.p + 64 * 128, ldb: 128, transB: true, dhp, ldc: 64, beta: 1)
        }}
        addPairedFirstLayerGradient(dWF)
        w1.bias.addToGrad(dbW1); f1.bias.addToGrad(dbF1)
        siteEmbed.backward(dh, cache: c.hCache, inputGradient: false)
        // interaction embedding
        let gE = interNorm.gamma.valueBuffer(), dgE = FloatBuffer(64), dbE = FloatBuffer(64)
        OpProfile.measure(.elementwise) {
            Kernels.mishNormBackward(dy: de.p, ldDy: 64, mishDerivative: c.preE.p, ldD: 64, rows: Q, cols: 64, xhat: c.xhatE.p, rstd: c.rstdE.p,
                                     gamma: gE.p, dGamma: dgE.p, dBeta: dbE.p, dpre: de.p, ldDpre: 64)
        }
        interNorm.gamma.addToGrad(dgE); interNorm.beta.addToGrad(dbE)
        let dwe = FloatBuffer(64), dbe = FloatBuffer(64)
        OpProfile.measure(.elementwise) {
            layout.distance.withUnsafeBufferPointer { db in
                for q in 0..<Q {
                    let d = db[q], g = de.p + q * 64
                    for k in 0..<64 { dwe.p[k] += d * g[k]; dbe.p[k] += g[k] }
                }
            }
        }
        interLinear.weight.addToGrad(dwe); interLinear.bias.addToGrad(dbe)
    }
}
