import Foundation
import Learning
import Randomness

/// The local Deep InfoMax head and loss (protocol §3.1 steps 6–8).
///
/// z_i = s_i + ε·exp(½ logvar_i); query of site i: u^z(z_i) = W_z2 mish(W_z1 z_i + b) + b (32 → 64 → 128);
/// sample of pair (i, j): u^c(x_j', d_ij) = W_c2 mish(W_c1 [x_j'; d_ij] + b) + b (10 → 64 → 128) on the raw,
/// detached inputs. Score S_ij = u^z(z_i) · u^c(·). With w_ij = (d_ij + 1)⁻², W_i = Σ_j w_ij [valid_ij]:
///
///     T_i  = Σ_j softplus(−S_ij)·w_ij/W_i·[valid_ij]                    (true pairs)
///     F1_i = Σ_j softplus(S(x_{f(i)j'}, d_{f(i)j}))·w_{f(i)j}/W_{f(i)}·[valid_{f(i)j}]   (other crystal)
///     F2_i = Σ_j softplus(S(x_{ij'}, d_{f(i)j}))·w_{f(i)j}/W_{f(i)}·[valid_ij]           (fake distances)
///     F3_i = Σ_j softplus(S(x_{f(i)j'}, d_{ij}))·w_ij/W_i·[valid_{f(i)j}]                (fake composition)
///     L_DIM = mean_crystals mean_sites (T_i + (F1+F2+F3)/3)   [synthetic]   or  T_i + F1_i  [not synthetic]
///
/// on the padded R × M grid, f the false-row map of ``SiteNetBatch``. **F2/F3 mix a rolled weight
/// with an unrolled mask and vice versa, exactly as the authors' code does (protocol §12.12); this is
/// the default.** `consistentMasks: true` uses, for each false type, the weights and the mask of the
/// same row (F2: row f(i); F3: row i).
///
/// Exact speed-up: S_ij = v_i·h_ij + β_i with v_i = W_c2 u^z_i (64) and β_i = b_c2·u^z_i, h_ij the
/// 64-d hidden layer of u^c, so the 128-d samples are never formed. Loss and score gradients are
/// computed pair by pair in one pass.
final class LocalDIMHead {
    let logvar: Linear       // Site_DIM.global_linear_std 64 → 32
    let zUp: MishMLP          // dim_upscale 32→64, dim_upscale_final_layer 64→128
    let cUp: MishMLP          // sample_upscale 10→64, sample_upscale_final_layer 64→128

    init(rng: inout RandomStream) {
        logvar = Linear("Site_DIM.global_linear_std", 64, 32, rng: &rng)
        zUp = MishMLP(firstName: "Site_DIM.dim_upscale.0", secondName: "Site_DIM.dim_upscale_final_layer", 32, 64, 128, rng: &rng)
        cUp = MishMLP(firstName: "Site_DIM.sample_upscale.0", secondName: "Site_DIM.sample_upscale_final_layer", 10, 64, 128, rng: &rng)
    }

    var parameters: [Parameter] { logvar.parameters + zUp.parameters + cUp.parameters }

    /// The loss of the always-zero classifier (every score 0, so every softplus is ln 2) on a batch:
    /// ln 2 · mean_crystals mean_sites Σ of the pair coefficients of T and the false terms. It is
    /// 2 ln 2 when every term's weights sum to 1 (consistent masks, or not synthetic); the authors'
    /// F2/F3 mask mixing makes it larger.
    static func zeroClassifierLoss(batch b: SiteNetBatch, synthetic: Bool, consistentMasks: Bool) -> Double {
        let R = b.rowCount, M = b.maxN, f = b.falseRow!
        var w = [Double](repeating: 0, count: R * M), wrec = [Double](repeating: 0, count: R)
        for r in 0..<R {
            var t = 0.0
            for j in 0..<M { let dd = Double(b.dPad[r * M + j]) + 1; w[r * M + j] = 1 / (dd * dd); if j < Int(b.rowN[r]) { t += w[r * M + j] } }
            wrec[r] = 1 / t
        }
        let rowW = b.rowWeights()
        var total = 0.0
        for r in 0..<R {
            let fr = Int(f[r]), nr = Int(b.rowN[r]), nf = Int(b.rowN[fr])
            var c = 0.0
            for j in 0..<M {
                let pr = r * M + j, pf = fr * M + j
                if j < nr { c += w[pr] * wrec[r] }
                var fc = j < nf ? w[pf] * wrec[fr] : 0
                if synthetic {
                    if consistentMasks ? j < nf : j < nr { fc += w[pf] * wrec[fr] }
                    if consistentMasks ? j < nr : j < nf { fc += w[pr] * wrec[r] }
                    fc /= 3
                }
                c += fc
            }
            total += c * Double(rowW[r])
        }
        return total * log(2.0)
    }

    struct Result {
        var dimLoss: Float
        var klLoss: Float
        /// Gradients of (α·dim + β·kl) with respect to s and m (through logvar); nil when not requested.
        var ds: Matrix?
        var dm: Matrix?
    }

    /// Loss terms for a batch; with `gradients` accumulates the head's parameter gradients and
    /// returns ds, dm for the encoder. `noise` is ε (R × 32).
    func run(batch b: SiteNetBatch, s: Matrix, m: Matrix, noise: Matrix, synthetic: Bool, consistentMasks: Bool,
             alpha: Float, beta: Float, gradients: Bool) -> Result {
        let R = b.rowCount, M = b.maxN
        let f = b.falseRow!
        let lv = logvar.forward(m)
        var z = s, sigma = Matrix(rows: R, cols: 32)
        var kl: Double = 0
        for i in 0..<z.count {
            let sg = FastMath.exp(0.5 * lv.data[i])
            sigma.data[i] = sg
            z.data[i] += noise.data[i] * sg
            kl += Double(0.5 * s.data[i] * s.data[i] + sg * sg - lv.data[i])
        }
        let klLoss = Float(kl / Double(R * 32))
        let (zq, zc) = zUp.forward(z)                         // R × 128
        let Wc2 = Matrix(rows: 64, cols: 128, data: cUp.second.weight.value)
        let v = BLAS.matmul(zq, Wc2, transB: true)             // R × 64
        var betaRow = [Float](repeating: 0, count: R)
        let bc2 = cUp.second.bias.value
        for r in 0..<R { var t: Float = 0; for k in 0..<128 { t += zq[r, k] * bc2[k] }; betaRow[r] = t }
        // hidden pre-activation of u^c: X1[j'] + d·w_d + b_c1
        let Wc1 = cUp.first.weight.value          // 10 × 64 (rows 0–8 features, row 9 distance)
        let X1 = BLAS.matmul(b.x, Matrix(rows: 9, cols: 64, data: Array(Wc1[0..<(9 * 64)])))   // R × 64
        let wd = FloatBuffer(Array(Wc1[(9 * 64)..<(10 * 64)])), bc1 = FloatBuffer(cUp.first.bias.value)
        // weights w = (d+1)^-2 and normalisers per row
        var w = [Float](repeating: 0, count: R * M), wrec = [Float](repeating: 0, count: R)
        for r in 0..<R {
            var t: Float = 0
            for j in 0..<M { let dd = b.dPad[r * M + j] + 1; let ww = 1 / (dd * dd); w[r * M + j] = ww; if j < Int(b.rowN[r]) { t += ww } }
            wrec[r] = 1 / t
        }
        let rowW = b.rowWeights()
        let falseScale: Float = synthetic ? 1.0 / 3.0 : 1.0
        let dv = FloatBuffer(R * 64), dX1 = FloatBuffer(R * 64), dwd = FloatBuffer(64), dbc1 = FloatBuffer(64)
        var dbeta = [Float](repeating: 0, count: R)
        var total: Double = 0
        let pre = FloatBuffer(64), hid = FloatBuffer(64), dh = FloatBuffer(64)
        X1.data.withUnsafeBufferPointer { x1b in
        v.data.withUnsafeBufferPointer { vb in
            let x1 = x1b.baseAddress!
            // one sample: pre = X1[nb] + d·w_d + b; returns score; stores pre, hidden
            @inline(__always) func score(_ r: Int, _ nb: Int32, _ d: Float) -> Float {
                let xr = x1 + Int(nb) * 64, vr = vb.baseAddress! + r * 64
                let pp = pre.p, hp = hid.p, w = wd.p, bb = bc1.p
                for k in 0..<64 { pp[k] = xr[k] + d * w[k] + bb[k] }
                for k in 0..<64 { hp[k] = FastMath.mish(pp[k]) }
                return Kernels.dot(vr, hp, 64) + betaRow[r]
            }
            // gradient g = dL/dS of one sample
            @inline(__always) func back(_ r: Int, _ nb: Int32, _ d: Float, _ g: Float) {
                let vr = vb.baseAddress! + r * 64, dvr = dv.p + r * 64, dx = dX1.p + Int(nb) * 64
                let pp = pre.p, hp = hid.p, t = dh.p, w = dwd.p, bb = dbc1.p
                dbeta[r] += g
                for k in 0..<64 { dvr[k] += g * hp[k] }
                for k in 0..<64 { t[k] = g * vr[k] * FastMath.mishDerivative(pp[k]) }
                for k in 0..<64 { dx[k] += t[k] }
                for k in 0..<64 { w[k] += d * t[k]; bb[k] += t[k] }
            }
            for r in 0..<R {
                let fr = Int(f[r]), nr = Int(b.rowN[r]), nf = Int(b.rowN[fr])
                var rowLoss: Float = 0
                let rw = rowW[r]
                for j in 0..<M {
                    let pr = r * M + j, pf = fr * M + j
                    let validR = j < nr, validF = j < nf
                    // true
                    if validR {
                        let coef = w[pr] * wrec[r]
                        let sc = score(r, b.jPad[pr], b.dPad[pr])
                        rowLoss += FastMath.softplus(-sc) * coef
                        if gradients { back(r, b.jPad[pr], b.dPad[pr], -rw * coef * FastMath.sigmoid(-sc)) }
                    }
                    // F1: other crystal (row f(r) entirely)
                    if validF {
                        let coef = w[pf] * wrec[fr] * falseScale
                        let sc = score(r, b.jPad[pf], b.dPad[pf])
                        rowLoss += FastMath.softplus(sc) * coef
                        if gradients { back(r, b.jPad[pf], b.dPad[pf], rw * coef * FastMath.sigmoid(sc)) }
                    }
                    guard synthetic else { continue }
                    // F2: true neighbours, distances of row f(r)
                    if consistentMasks ? validF : validR {
                        let coef = w[pf] * wrec[fr] * falseScale
                        let sc = score(r, b.jPad[pr], b.dPad[pf])
                        rowLoss += FastMath.softplus(sc) * coef
                        if gradients { back(r, b.jPad[pr], b.dPad[pf], rw * coef * FastMath.sigmoid(sc)) }
                    }
                    // F3: neighbours of row f(r), true distances
                    if consistentMasks ? validR : validF {
                        let coef = w[pr] * wrec[r] * falseScale
                        let sc = score(r, b.jPad[pf], b.dPad[pr])
                        rowLoss += FastMath.softplus(sc) * coef
                        if gradients { back(r, b.jPad[pf], b.dPad[pr], rw * coef * FastMath.sigmoid(sc)) }
                    }
                }
                total += Double(rowLoss * rw)
            }
        }}
        let dimLoss = Float(total)
        guard gradients else { return Result(dimLoss: dimLoss, klLoss: klLoss, ds: nil, dm: nil) }
        // scale DIM gradients by α
        if alpha != 1 {
            for i in 0..<(R * 64) { dv.p[i] *= alpha; dX1.p[i] *= alpha }
            for k in 0..<64 { dwd.p[k] *= alpha; dbc1.p[k] *= alpha }
            for r in 0..<R { dbeta[r] *= alpha }
        }
        // u^c first layer
        let dW1x = BLAS.matmul(b.x, dX1.matrix(rows: R, cols: 64), transA: true)   // 9 × 64
        for i in 0..<(9 * 64) { cUp.first.weight.grad[i] += dW1x.data[i] }
        for k in 0..<64 { cUp.first.weight.grad[9 * 64 + k] += dwd.p[k] }
        cUp.first.bias.addToGrad(dbc1)
        // v = zq·W_c2ᵀ, β = zq·b_c2
        let dvM = dv.matrix(rows: R, cols: 64)
        var dzq = BLAS.matmul(dvM, Wc2)                                   // R × 128
        let dWc2 = BLAS.matmul(dvM, zq, transA: true)                     // 64 × 128
        for i in 0..<dWc2.count { cUp.second.weight.grad[i] += dWc2.data[i] }
        for r in 0..<R {
            let g = dbeta[r]
            for k in 0..<128 { dzq[r, k] += g * bc2[k]; cUp.second.bias.grad[k] += g * zq[r, k] }
        }
        let dz = zUp.backward(dzq, cache: zc)!
        // reparameterisation and KL: L += β·mean(½s² + e^{lv} − lv)
        var ds = dz, dlv = Matrix(rows: R, cols: 32)
        let klScale = beta / Float(R * 32)
        for i in 0..<ds.count {
            let sg = sigma.data[i]
            dlv.data[i] = dz.data[i] * noise.data[i] * sg * 0.5 + klScale * (sg * sg - 1)
            ds.data[i] += klScale * s.data[i]
        }
        let dm = logvar.backward(input: m, outputGradient: dlv)!
        return Result(dimLoss: dimLoss, klLoss: klLoss, ds: ds, dm: dm)
    }
}
