import Learning
import Randomness

/// The global Deep InfoMax head and loss (Docs/Protocol.md §4.2–4.3), on detached local vectors.
///
/// g̃_c = g_c + ε·exp(½ logvar_c) with logvar_c = W_σ q_c + b (q the penultimate 64-d activation);
/// G_c = u^c_global(g̃_c) = W₂ mish(W₁ g̃_c + b) + b (64 → 64 → 128); ℓ(t) = u^z_local(t) (32 → 64 → 128).
/// For site row i of crystal c(i), with f the false-row map of ``SiteNetBatch``:
///
///     T_i = softplus(−G_{c(i)}·ℓ(s_i))
///     F_i = mean over false types of  softplus(G_{c(f(i))}·ℓ(s_i))  [other crystal]
///                                      softplus(G_{c(i)}·ℓ(s̃ᵏ_i))    [k = false composition, polymorph, permuted]
///     L_DIM = mean_crystals mean_sites (T_i + F_i);   KL = mean(½g² + e^{logvar} − logvar)
final class GlobalDIMHead {
    let logvar: Linear     // Global_DIM.post_pool_layer_std 64 → 64
    let localUp: MishMLP   // localenv_upscale 32→64, final 64→128
    let globalUp: MishMLP  // global_upscale 64→64, final 64→128

    init(rng: inout RandomStream) {
        logvar = Linear("Global_DIM.post_pool_layer_std", 64, 64, rng: &rng)
        localUp = MishMLP(firstName: "Global_DIM.localenv_upscale.0", secondName: "Global_DIM.localenv_upscale_final_layer", 32, 64, 128, rng: &rng)
        globalUp = MishMLP(firstName: "Global_DIM.global_upscale.0", secondName: "Global_DIM.global_upscale_final_layer", 64, 64, 128, rng: &rng)
    }

    var parameters: [Parameter] { logvar.parameters + localUp.parameters + globalUp.parameters }

    struct Result {
        var dimLoss: Float
        var klLoss: Float
        /// dL/dg and dL/dq (through logvar) for the encoder; nil when gradients were not requested.
        var dg: Matrix?
        var dq: Matrix?
    }

    /// The whole batch as one chunk (see ``forward(crystals:rows:s:falseLocals:encoder:noise:)``,
    /// ``score(batch:rowWeights:state:G:alpha:gradients:dG:)`` and ``backward(state:dG:beta:crystalCount:)``).
    func run(batch b: SiteNetBatch, s: Matrix, falseLocals: [Matrix], encoder e: GlobalEncoder.Cache, noise: Matrix,
             alpha: Float, beta: Float, gradients: Bool) -> Result {
        let C = b.crystalCount
        var st = noise.data.withUnsafeBufferPointer { np in
            forward(crystals: 0..<C, rows: 0..<b.rowCount, s: s, falseLocals: falseLocals, encoder: e, noise: np.baseAddress!)
        }
        let dG = FloatBuffer(gradients ? C * 128 : 0)
        let total = st.G.data.withUnsafeBufferPointer { gp in
            score(batch: b, rowWeights: b.rowWeights(), state: &st, G: gp.baseAddress!, alpha: alpha, gradients: gradients, dG: dG.p)
        }
        let kl = Float(st.klSum / Double(C * 64))
        guard gradients else { return Result(dimLoss: Float(total), klLoss: kl, dg: nil, dq: nil) }
        let (dg, dq) = backward(state: st, dG: dG.p, beta: beta, crystalCount: C)
        return Result(dimLoss: Float(total), klLoss: kl, dg: dg, dq: dq)
    }

    /// What a chunk (whole crystals `crystals`, site rows `rows`) keeps between the three phases.
    struct ChunkState {
        let crystals: Range<Int>, rows: Range<Int>
        /// Encoder outputs of the chunk's crystals (q feeds logvar, g the noisy vector).
        let q: Matrix, g: Matrix
        /// ε and σ = e^{½ logvar} of the chunk's crystals (crystals × 64).
        let noise: [Float], sigma: [Float]
        /// Σ over the chunk's crystals of ½g² + e^{logvar} − logvar (L_KL = total / (C·64)).
        let klSum: Double
        /// G = u^c_global(g̃) of the chunk's crystals (crystals × 128) and its cache.
        let G: Matrix, gCache: MishMLP.Cache
        /// ℓ of the chunk's rows for s and each false local set, with caches.
        var L: [(Matrix, MishMLP.Cache)]
    }

    /// Phase 1 (per chunk): log-variance, noisy crystal vectors and G of the chunk's crystals, ℓ of
    /// its rows. `s` and `falseLocals` hold the chunk's rows, `e` the encoder pass over its crystals,
    /// `noise` ε of its crystals (crystals × 64).
    func forward(crystals: Range<Int>, rows: Range<Int>, s: Matrix, falseLocals: [Matrix], encoder e: GlobalEncoder.Cache,
                 noise: UnsafePointer<Float>) -> ChunkState {
        let lv = logvar.forward(e.q)
        var gt = e.g
        var sigma = [Float](repeating: 0, count: gt.count)
        var kl: Double = 0
        OpProfile.measure(.elementwise) {
            for i in 0..<gt.count {
                let sg = FastMath.exp(0.5 * lv.data[i])
                sigma[i] = sg
                gt.data[i] += noise[i] * sg
                kl += Double(0.5 * e.g.data[i] * e.g.data[i] + sg * sg - lv.data[i])
            }
        }
        let (G, gc) = globalUp.forward(gt)
        let L = ([s] + falseLocals).map { localUp.forward($0) }
        return ChunkState(crystals: crystals, rows: rows, q: e.q, g: e.g, noise: Array(UnsafeBufferPointer(start: noise, count: gt.count)),
                          sigma: sigma, klSum: kl, G: G, gCache: gc, L: L)
    }

    /// Phase 2 (per chunk, after every chunk's phase 1): the loss terms of the chunk's rows, which
    /// read G of any crystal of the batch (`G`, C × 128: the other-crystal sample of row i uses
    /// G_{c(f(i))}). Returns the chunk's share Σ rowW·(T_i + F_i) of L_DIM. With `gradients`, adds
    /// the chunk's contributions to dL/dG into `dG` (C × 128, the chunk's own buffer: rows of other
    /// chunks' crystals receive contributions too) and back-propagates ℓ's gradients into localUp.
    ///
    /// **Exact under chunking**: each term belongs to one row; G is computed once per crystal
    /// for the whole batch before any row is scored, and dL/dG is the sum of the chunks' buffers,
    /// added in chunk order.
    func score(batch b: SiteNetBatch, rowWeights rowW: [Float], state st: inout ChunkState, G: UnsafePointer<Float>,
               alpha: Float, gradients: Bool, dG: UnsafeMutablePointer<Float>) -> Double {
        let f = b.falseRow!, r0 = st.rows.lowerBound, n = st.rows.count
        let sets = st.L.count, nF = Float(sets)
        var dL = gradients ? (0..<sets).map { _ in Matrix(rows: n, cols: 128) } : []
        var total: Double = 0
        OpProfile.measure(.loss) {
            var sk = [Float](repeating: 0, count: sets)
            for rr in 0..<n {
                let r = r0 + rr
                let c = Int(b.rowCrystal[r]), cf = Int(b.rowCrystal[Int(f[r])]), rw = rowW[r]
                let Gc = G + c * 128, Gf = G + cf * 128
                var rowLoss: Float = 0
                let st0 = st.L[0].0.data.withUnsafeBufferPointer { Kernels.dot(Gc, $0.baseAddress! + rr * 128, 128) }
                rowLoss += FastMath.softplus(-st0)
                let so = st.L[0].0.data.withUnsafeBufferPointer { Kernels.dot(Gf, $0.baseAddress! + rr * 128, 128) }
                rowLoss += FastMath.softplus(so) / nF
                for k in 1..<sets {
                    sk[k] = st.L[k].0.data.withUnsafeBufferPointer { Kernels.dot(Gc, $0.baseAddress! + rr * 128, 128) }
                    rowLoss += FastMath.softplus(sk[k]) / nF
                }
                total += Double(rowLoss * rw)
                guard gradients else { continue }
                let gt = -alpha * rw * FastMath.sigmoid(-st0)
                let go = alpha * rw * FastMath.sigmoid(so) / nF
                let dGc = dG + c * 128, dGf = dG + cf * 128
                st.L[0].0.data.withUnsafeBufferPointer { lb in
                dL[0].data.withUnsafeMutableBufferPointer { db in
                    let l = lb.baseAddress! + rr * 128, d = db.baseAddress! + rr * 128
                    for k in 0..<128 {
                        dGc[k] += gt * l[k]
                        dGf[k] += go * l[k]
                        d[k] += gt * Gc[k] + go * Gf[k]
                    }
                }}
                for kk in 1..<sets {
                    let g = alpha * rw * FastMath.sigmoid(sk[kk]) / nF
                    st.L[kk].0.data.withUnsafeBufferPointer { lb in
                    dL[kk].data.withUnsafeMutableBufferPointer { db in
                        let l = lb.baseAddress! + rr * 128, d = db.baseAddress! + rr * 128
                        for k in 0..<128 {
                            dGc[k] += g * l[k]
                            d[k] += g * Gc[k]
                        }
                    }}
                }
            }
        }
        if gradients {
            for k in 0..<sets { localUp.backward(dL[k], cache: st.L[k].1, inputGradient: false) }
        }
        st.L.removeAll()
        return total
    }

    /// Phase 3 (per chunk, after dL/dG of the whole batch is summed): back-propagates the rows of
    /// `dG` (C × 128) that belong to the chunk's crystals through u^c_global, the noise and the
    /// log-variance, and adds the KL gradient β/(C·64)·(…) with C the whole batch's crystal count.
    /// Returns dL/dg and dL/dq of the chunk's crystals for the encoder.
    func backward(state st: ChunkState, dG: UnsafePointer<Float>, beta: Float, crystalCount C: Int) -> (dg: Matrix, dq: Matrix) {
        let nc = st.crystals.count
        let dGk = Matrix(rows: nc, cols: 128, data: Array(UnsafeBufferPointer(start: dG + st.crystals.lowerBound * 128, count: nc * 128)))
        let dgt = globalUp.backward(dGk, cache: st.gCache)!
        var dg = dgt, dlv = Matrix(rows: nc, cols: 64)
        let klScale = beta / Float(C * 64)
        OpProfile.measure(.elementwise) {
            for i in 0..<dg.count {
                let sg = st.sigma[i]
                dlv.data[i] = dgt.data[i] * st.noise[i] * sg * 0.5 + klScale * (sg * sg - 1)
                dg.data[i] += klScale * st.g.data[i]
            }
        }
        let dq = logvar.backward(input: st.q, outputGradient: dlv)!
        return (dg, dq)
    }
}
