import Learning
import Randomness

/// The global Deep InfoMax head and loss (protocol §3.2 steps 3–5), on detached local vectors.
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

    func run(batch b: SiteNetBatch, s: Matrix, falseLocals: [Matrix], encoder e: GlobalEncoder.Cache, noise: Matrix,
             alpha: Float, beta: Float, gradients: Bool) -> Result {
        let R = b.rowCount, C = b.crystalCount
        let f = b.falseRow!
        let lv = logvar.forward(e.q)
        var gt = e.g, sigma = Matrix(rows: C, cols: 64)
        var kl: Double = 0
        for i in 0..<gt.count {
            let sg = FastMath.exp(0.5 * lv.data[i])
            sigma.data[i] = sg
            gt.data[i] += noise.data[i] * sg
            kl += Double(0.5 * e.g.data[i] * e.g.data[i] + sg * sg - lv.data[i])
        }
        let klLoss = Float(kl / Double(C * 64))
        let (G, gc) = globalUp.forward(gt)
        let sets = [s] + falseLocals
        var L: [(Matrix, MishMLP.Cache)] = sets.map { localUp.forward($0) }
        let nF = Float(1 + falseLocals.count)
        let rowW = b.rowWeights()
        var dG = Matrix(rows: C, cols: 128)
        var dL = sets.map { _ in Matrix(rows: R, cols: 128) }
        var total: Double = 0
        @inline(__always) func dot(_ a: Matrix, _ ra: Int, _ bm: Matrix, _ rb: Int) -> Float {
            var t: Float = 0
            for k in 0..<128 { t += a.data[ra * 128 + k] * bm.data[rb * 128 + k] }
            return t
        }
        for r in 0..<R {
            let c = Int(b.rowCrystal[r]), cf = Int(b.rowCrystal[Int(f[r])]), rw = rowW[r]
            var rowLoss: Float = 0
            // true
            let st = dot(G, c, L[0].0, r)
            rowLoss += FastMath.softplus(-st)
            // other crystal
            let so = dot(G, cf, L[0].0, r)
            rowLoss += FastMath.softplus(so) / nF
            var sk = [Float](repeating: 0, count: falseLocals.count)
            for k in 0..<falseLocals.count {
                sk[k] = dot(G, c, L[k + 1].0, r)
                rowLoss += FastMath.softplus(sk[k]) / nF
            }
            total += Double(rowLoss * rw)
            guard gradients else { continue }
            let gt = -alpha * rw * FastMath.sigmoid(-st)
            let go = alpha * rw * FastMath.sigmoid(so) / nF
            for k in 0..<128 {
                dG.data[c * 128 + k] += gt * L[0].0.data[r * 128 + k]
                dG.data[cf * 128 + k] += go * L[0].0.data[r * 128 + k]
                dL[0].data[r * 128 + k] += gt * G.data[c * 128 + k] + go * G.data[cf * 128 + k]
            }
            for kk in 0..<falseLocals.count {
                let g = alpha * rw * FastMath.sigmoid(sk[kk]) / nF
                for k in 0..<128 {
                    dG.data[c * 128 + k] += g * L[kk + 1].0.data[r * 128 + k]
                    dL[kk + 1].data[r * 128 + k] += g * G.data[c * 128 + k]
                }
            }
        }
        let dimLoss = Float(total)
        guard gradients else { return Result(dimLoss: dimLoss, klLoss: klLoss, dg: nil, dq: nil) }
        for k in 0..<sets.count { localUp.backward(dL[k], cache: L[k].1, inputGradient: false) }
        L.removeAll()
        let dgt = globalUp.backward(dG, cache: gc)!
        var dg = dgt, dlv = Matrix(rows: C, cols: 64)
        let klScale = beta / Float(C * 64)
        for i in 0..<dg.count {
            let sg = sigma.data[i]
            dlv.data[i] = dgt.data[i] * noise.data[i] * sg * 0.5 + klScale * (sg * sg - 1)
            dg.data[i] += klScale * e.g.data[i]
        }
        let dq = logvar.backward(input: e.q, outputGradient: dlv)!
        return Result(dimLoss: dimLoss, klLoss: klLoss, dg: dg, dq: dq)
    }
}
