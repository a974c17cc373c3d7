import Learning

extension LocalEncoder {
    /// Pairs per tile of ``inference(x:layout:)``: every per-pair buffer of a tile (≈ 2.3 KB per pair)
    /// stays in the core's L2 cache.
    static let tilePairs = 256

    /// s (R × 32) without keeping anything for a backward pass: the same maths as
    /// ``forward(x:layout:)``, evaluated a tile of whole sites at a time (consecutive site rows with
    /// at most ``tilePairs`` pairs, or one site) so each pair's 64-/128-wide intermediate rows are
    /// produced and consumed in cache instead of being stored for the whole batch. Used for the false
    /// samples of the DIM step and for inference. Tiles follow from the layout only, so the result
    /// is the same on any thread count.
    func inference(x: Matrix, layout: PairLayout) -> Matrix {
        let R = x.rows
        precondition(layout.rows == R)
        let (h, _) = siteEmbed.forward(x)
        let (WF, Hi, Hj) = pairProjections(h)
        let we = interLinear.weight.valueBuffer(), be = interLinear.bias.valueBuffer()
        let gE = interNorm.gamma.valueBuffer(), bE = interNorm.beta.valueBuffer()
        let bcat = FloatBuffer(w1.bias.value + f1.bias.value)
        let gW = w1Norm.gamma.valueBuffer(), bW = w1Norm.beta.valueBuffer()
        let gF = f1Norm.gamma.valueBuffer(), bF = f1Norm.beta.valueBuffer()
        let wl = logit.weight.valueBuffer(), bl = logit.bias.value[0]
        let bf2 = f2.bias.valueBuffer(), Wf2 = f2.weight.valueBuffer()
        let g2 = f2Norm.gamma.valueBuffer(), b2 = f2Norm.beta.valueBuffer()
        let T = LocalEncoder.tilePairs
        // the largest tile: T pairs, or one site with more
        var maxTile = T
        layout.offsets.withUnsafeBufferPointer { ob in
            for r in 0..<R { maxTile = Swift.max(maxTile, Int(ob[r + 1] - ob[r])) }
        }
        let e = FloatBuffer(uninitialized: maxTile * 64), A = FloatBuffer(uninitialized: maxTile * 128)
        let f = FloatBuffer(uninitialized: maxTile * 64), alpha = FloatBuffer(uninitialized: maxTile)
        var m = Matrix(rows: R, cols: 64)
        layout.offsets.withUnsafeBufferPointer { ob in
        layout.neighbour.withUnsafeBufferPointer { nbb in
        layout.distance.withUnsafeBufferPointer { db in
        m.data.withUnsafeMutableBufferPointer { mb in
            var ra = 0
            while ra < R {
                // the tile: site rows ra..<rb, pairs qa..<qb
                var rb = ra + 1
                while rb < R && Int(ob[rb + 1] - ob[ra]) <= T { rb += 1 }
                let qa = Int(ob[ra]), n = Int(ob[rb]) - qa
                if n > 0 {
                    // interaction embedding e = LN(mish(d·w_e + b_e)), row by row in place
                    OpProfile.measure(.elementwise) {
                        for q in 0..<n {
                            let dq = db[qa + q], row = e.p + q * 64
                            for k in 0..<64 { row[k] = dq * we.p[k] + be.p[k] }
                        }
                        Kernels.mishNormRows(pre: e.p, ldPre: 64, rows: n, cols: 64, gamma: gE.p, beta: bE.p, eps: interNorm.eps, y: e.p, ldY: 64)
                    }
                    // A = e·[W1e | F1e] + Hi[i] + Hj[j'] + [b1 | b3]
                    Gemm.run(m: n, n: 128, k: 64, e.p, lda: 64, transA: false, WF.p + 128 * 128, ldb: 128, transB: false, A.p, ldc: 128)
                    OpProfile.measure(.segment) {
                        for r in ra..<rb {
                            let hi = Hi.p + r * 128
                            for qq in Int(ob[r])..<Int(ob[r + 1]) {
                                let a = A.p + (qq - qa) * 128, hj = Hj.p + Int(nbb[qq]) * 128
                                for k in 0..<128 { a[k] += hi[k] + hj[k] + bcat.p[k] }
                            }
                        }
                    }
                    // both first layers' mish + LayerNorm in place; attention logits from the g^W half
                    OpProfile.measure(.elementwise) {
                        Kernels.mishNormRows(pre: A.p, ldPre: 128, rows: n, cols: 64, gamma: gW.p, beta: bW.p, eps: w1Norm.eps, y: A.p, ldY: 128)
                        Kernels.mishNormRows(pre: A.p + 64, ldPre: 128, rows: n, cols: 64, gamma: gF.p, beta: bF.p, eps: f1Norm.eps, y: A.p + 64, ldY: 128)
                        for q in 0..<n { alpha.p[q] = Kernels.dot(A.p + q * 128, wl.p, 64) + bl }
                        Kernels.fillRows(f.p, rows: n, cols: 64, ld: 64, with: bf2.p)
                    }
                    // second layer of g^F
                    Gemm.run(m: n, n: 64, k: 64, A.p + 64, lda: 128, transA: false, Wf2.p, ldb: 64, transB: false, f.p, ldc: 64, beta: 1)
                    OpProfile.measure(.elementwise) {
                        Kernels.mishNormRows(pre: f.p, ldPre: 64, rows: n, cols: 64, gamma: g2.p, beta: b2.p, eps: f2Norm.eps, y: f.p, ldY: 64)
                    }
                    // softmax over each site's neighbours and the weighted sum m_i = Σ_j α_ij f_ij
                    OpProfile.measure(.segment) {
                        for r in ra..<rb {
                            let a0 = Int(ob[r]) - qa, a1 = Int(ob[r + 1]) - qa
                            if a0 >= a1 { continue }
                            var mx = -Float.infinity
                            for k in a0..<a1 { mx = Swift.max(mx, alpha.p[k]) }
                            var z: Float = 0
                            for k in a0..<a1 { let ex = FastMath.exp(alpha.p[k] - mx); alpha.p[k] = ex; z += ex }
                            let inv = 1 / z
                            for k in a0..<a1 { alpha.p[k] *= inv }
                            let mr = mb.baseAddress! + r * 64
                            for q in a0..<a1 {
                                let a = alpha.p[q], fq = f.p + q * 64
                                for k in 0..<64 { mr[k] += a * fq[k] }
                            }
                        }
                    }
                }
                ra = rb
            }
        }}}}
        return out.forward(m)
    }
}
