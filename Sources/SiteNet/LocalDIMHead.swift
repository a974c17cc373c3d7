import Foundation
import Learning
import Randomness

/// The local Deep InfoMax head and loss (Docs/Protocol.md §4.1, §4.3).
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
/// with an unrolled mask and vice versa, exactly as the authors' code does (Docs/Protocol.md §4.1, §13); this is
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

    /// The whole batch as one chunk: loss terms, and with `gradients` the head's parameter
    /// gradients and ds, dm for the encoder. `noise` is ε (R × 32).
    func run(batch b: SiteNetBatch, s: Matrix, m: Matrix, noise: Matrix, synthetic: Bool, consistentMasks: Bool,
             alpha: Float, beta: Float, gradients: Bool) -> Result {
        let r = noise.data.withUnsafeBufferPointer { np in
            run(batch: b, weights: BatchWeights(b), rows: 0..<b.rowCount, s: s, m: m, noise: np.baseAddress!,
                synthetic: synthetic, consistentMasks: consistentMasks, alpha: alpha, beta: beta, gradients: gradients)
        }
        return Result(dimLoss: Float(r.dimSum), klLoss: Float(r.klSum / Double(b.rowCount * 32)), ds: r.ds, dm: r.dm)
    }

    /// The pair weights of a batch, w_ij = (d_ij + 1)⁻² on the padded grid, their per-row
    /// normalisers 1/W_i over the real pairs, and the row weights 1/(C·k_c): data only, computed
    /// once per batch and read by every chunk.
    struct BatchWeights {
        let w: [Float], wrec: [Float], rowW: [Float]
        init(_ b: SiteNetBatch) {
            let R = b.rowCount, M = b.maxN
            var w = [Float](repeating: 0, count: R * M), wrec = [Float](repeating: 0, count: R)
            for r in 0..<R {
                var t: Float = 0
                for j in 0..<M { let dd = b.dPad[r * M + j] + 1; let ww = 1 / (dd * dd); w[r * M + j] = ww; if j < Int(b.rowN[r]) { t += ww } }
                wrec[r] = 1 / t
            }
            self.w = w; self.wrec = wrec; rowW = b.rowWeights()
        }
    }

    /// A chunk's share of the loss: the partial sums over its rows and the gradients of its rows.
    struct ChunkResult {
        /// Σ over the chunk's rows of rowW·(T_i + false terms): the chunk's share of L_DIM.
        var dimSum: Double
        /// Σ over the chunk's rows of ½s² + e^{logvar} − logvar (L_KL = total / (R·32)).
        var klSum: Double
        /// ds, dm of the chunk's rows (nil without gradients).
        var ds: Matrix?
        var dm: Matrix?
    }

    /// The loss terms of the site rows `rows` of batch `b` (whole crystals of one chunk, or all rows),
    /// given their s (rows × 32), m (rows × 64) and ε (rows × 32, at `noise`).
    ///
    /// **Exact under chunking.** Every term of L_DIM belongs to one row i: it reads s_i, m_i and the
    /// raw inputs (x, d, masks) of row i and of its false partner f(i) in another crystal, which are
    /// data, not activations. So the chunks' partial sums add up to the whole-batch loss
    /// (normalised by the whole batch's C through rowW and by its R in the KL scale), and the gradient of
    /// the sample MLP's input layer, which the partner rows' inputs also receive, is a sum over samples
    /// that each chunk accumulates for its own rows' samples into its own R × 64 buffer.
    ///
    /// With `gradients`, the head's parameter gradients are accumulated (into this head's parameters,
    /// a chunk's replica when data-parallel) and ds, dm of the chunk's rows are returned, for
    /// α·L_DIM + β·L_KL of the whole batch.
    func run(batch b: SiteNetBatch, weights bw: BatchWeights, rows: Range<Int>, s: Matrix, m: Matrix, noise: UnsafePointer<Float>,
             synthetic: Bool, consistentMasks: Bool, alpha: Float, beta: Float, gradients: Bool) -> ChunkResult {
        let R = b.rowCount, M = b.maxN, n = rows.count, r0 = rows.lowerBound
        let f = b.falseRow!
        let lv = logvar.forward(m)
        var z = s, sigma = Matrix(rows: n, cols: 32)
        var kl: Double = 0
        OpProfile.measure(.elementwise) {
            for i in 0..<z.count {
                let sg = FastMath.exp(0.5 * lv.data[i])
                sigma.data[i] = sg
                z.data[i] += noise[i] * sg
                kl += Double(0.5 * s.data[i] * s.data[i] + sg * sg - lv.data[i])
            }
        }
        let (zq, zc) = zUp.forward(z)                         // n × 128
        let Wc2 = cUp.second.weight.valueBuffer()              // 64 × 128
        let v = FloatBuffer(uninitialized: n * 64)              // v = zq·W_c2ᵀ
        zq.data.withUnsafeBufferPointer { zp in
            Gemm.run(m: n, n: 64, k: 128, zp.baseAddress!, lda: 128, transA: false, Wc2.p, ldb: 128, transB: true, v.p, ldc: 64)
        }
        let bc2 = cUp.second.bias.valueBuffer()
        let betaRow = FloatBuffer(uninitialized: Swift.max(n, 1))
        zq.data.withUnsafeBufferPointer { zp in
            for r in 0..<n { betaRow.p[r] = Kernels.dot(zp.baseAddress! + r * 128, bc2.p, 128) }
        }
        // input part of u^c's hidden pre-activation for every row of the batch: X1 = x·W_c1[0..<9]
        let Wc1 = cUp.first.weight.valueBuffer()               // 10 × 64 (rows 0–8 features, row 9 distance)
        let X1 = FloatBuffer(uninitialized: R * 64)
        b.x.data.withUnsafeBufferPointer { xp in
            Gemm.run(m: R, n: 64, k: 9, xp.baseAddress!, lda: 9, transA: false, Wc1.p, ldb: 64, transB: false, X1.p, ldc: 64)
        }
        let wd = Wc1.p + 9 * 64, bc1 = cUp.first.bias.valueBuffer()
        let falseScale: Float = synthetic ? 1.0 / 3.0 : 1.0
        let dv = FloatBuffer(gradients ? n * 64 : 0), dX1 = FloatBuffer(gradients ? R * 64 : 0), dwd = FloatBuffer(64)
        let dbeta = FloatBuffer(Swift.max(n, 1))
        var total: Double = 0
        let hid = FloatBuffer(64), dmish = FloatBuffer(64)
        OpProfile.measure(.loss) {
        bw.w.withUnsafeBufferPointer { wb in
        bw.wrec.withUnsafeBufferPointer { wrb in
        bw.rowW.withUnsafeBufferPointer { rwb in
        b.jPad.withUnsafeBufferPointer { jb in
        b.dPad.withUnsafeBufferPointer { db in
        b.rowN.withUnsafeBufferPointer { nb in
        f.withUnsafeBufferPointer { fb in
            let x1 = X1.p, w = wb.baseAddress!, wrec = wrb.baseAddress!
            let hp = hid.p, dmp = dmish.p, wdp = wd, bb = bc1.p
            // one sample (row r of the chunk, neighbour row nbr, distance d): hidden h = mish(X1[nbr] + d·w_d + b),
            // (and mish′ when differentiating); returns the score v_r·h + β_r
            @inline(__always) func score(_ rr: Int, _ nbr: Int32, _ d: Float) -> Float {
                let xr = x1 + Int(nbr) * 64
                if gradients {
                    for k in 0..<64 {
                        let (y, dy) = FastMath.mishAndDerivative(xr[k] + d * wdp[k] + bb[k])
                        hp[k] = y; dmp[k] = dy
                    }
                } else {
                    for k in 0..<64 { hp[k] = FastMath.mish(xr[k] + d * wdp[k] + bb[k]) }
                }
                return Kernels.dot(v.p + rr * 64, hp, 64) + betaRow.p[rr]
            }
            // gradient g = dL/dS of the last scored sample: dv_r += g·h, t = g·v_r⊙mish′, dX1[nbr] += t, dw_d += d·t
            // (the bias gradient of that layer is Σ t = the column sums of dX1, taken once at the end)
            @inline(__always) func back(_ rr: Int, _ nbr: Int32, _ d: Float, _ g: Float) {
                let vr = v.p + rr * 64, dvr = dv.p + rr * 64, dx = dX1.p + Int(nbr) * 64, dw = dwd.p
                dbeta.p[rr] += g
                for k in 0..<64 {
                    let t = g * vr[k] * dmp[k]
                    dvr[k] += g * hp[k]
                    dx[k] += t
                    dw[k] += d * t
                }
            }
            let jp = jb.baseAddress!, dp = db.baseAddress!
            for rr in 0..<n {
                let r = r0 + rr
                let fr = Int(fb[r]), nr = Int(nb[r]), nf = Int(nb[fr])
                var rowLoss: Float = 0
                let rw = rwb[r]
                for j in 0..<M {
                    let pr = r * M + j, pf = fr * M + j
                    let validR = j < nr, validF = j < nf
                    // true
                    if validR {
                        let coef = w[pr] * wrec[r]
                        let sc = score(rr, jp[pr], dp[pr])
                        rowLoss += FastMath.softplus(-sc) * coef
                        if gradients { back(rr, jp[pr], dp[pr], -alpha * rw * coef * FastMath.sigmoid(-sc)) }
                    }
                    // F1: other crystal (row f(r) entirely)
                    if validF {
                        let coef = w[pf] * wrec[fr] * falseScale
                        let sc = score(rr, jp[pf], dp[pf])
                        rowLoss += FastMath.softplus(sc) * coef
                        if gradients { back(rr, jp[pf], dp[pf], alpha * rw * coef * FastMath.sigmoid(sc)) }
                    }
                    guard synthetic else { continue }
                    // F2: true neighbours, distances of row f(r)
                    if consistentMasks ? validF : validR {
                        let coef = w[pf] * wrec[fr] * falseScale
                        let sc = score(rr, jp[pr], dp[pf])
                        rowLoss += FastMath.softplus(sc) * coef
                        if gradients { back(rr, jp[pr], dp[pf], alpha * rw * coef * FastMath.sigmoid(sc)) }
                    }
                    // F3: neighbours of row f(r), true distances
                    if consistentMasks ? validR : validF {
                        let coef = w[pr] * wrec[r] * falseScale
                        let sc = score(rr, jp[pf], dp[pr])
                        rowLoss += FastMath.softplus(sc) * coef
                        if gradients { back(rr, jp[pf], dp[pr], alpha * rw * coef * FastMath.sigmoid(sc)) }
                    }
                }
                total += Double(rowLoss * rw)
            }
        }}}}}}}
        }
        guard gradients else { return ChunkResult(dimSum: total, klSum: kl, ds: nil, dm: nil) }
        // u^c first layer: W_c1[0..<9] += xᵀ·dX1, w_d += Σ d·t, b_c1 += Σ_rows dX1
        let dW1x = FloatBuffer(uninitialized: 9 * 64), dbc1 = FloatBuffer(64)
        b.x.data.withUnsafeBufferPointer { xp in
            Gemm.run(m: 9, n: 64, k: R, xp.baseAddress!, lda: 9, transA: true, dX1.p, ldb: 64, transB: false, dW1x.p, ldc: 64)
        }
        OpProfile.measure(.elementwise) { Kernels.addColumnSums(dX1.p, rows: R, cols: 64, ld: 64, into: dbc1.p) }
        cUp.first.weight.grad.withUnsafeMutableBufferPointer { g in
            for i in 0..<(9 * 64) { g[i] += dW1x.p[i] }
            for k in 0..<64 { g[9 * 64 + k] += dwd.p[k] }
        }
        cUp.first.bias.addToGrad(dbc1)
        // v = zq·W_c2ᵀ, β = zq·b_c2:  dzq = dv·W_c2 + dβ ⊗ b_c2, dW_c2 += dvᵀ·zq, db_c2 += Σ dβ·zq
        var dzq = Matrix(rows: n, cols: 128)
        let dWc2 = FloatBuffer(uninitialized: 64 * 128)
        zq.data.withUnsafeBufferPointer { zp in
        dzq.data.withUnsafeMutableBufferPointer { dzp in
            Gemm.run(m: n, n: 128, k: 64, dv.p, lda: 64, transA: false, Wc2.p, ldb: 128, transB: false, dzp.baseAddress!, ldc: 128)
            Gemm.run(m: 64, n: 128, k: n, dv.p, lda: 64, transA: true, zp.baseAddress!, ldb: 128, transB: false, dWc2.p, ldc: 128)
            OpProfile.measure(.elementwise) {
                let dbc2 = FloatBuffer(128)
                for r in 0..<n {
                    let g = dbeta.p[r], zr = zp.baseAddress! + r * 128, dr = dzp.baseAddress! + r * 128
                    for k in 0..<128 { dr[k] += g * bc2.p[k]; dbc2.p[k] += g * zr[k] }
                }
                cUp.second.bias.addToGrad(dbc2)
            }
        }}
        cUp.second.weight.addToGrad(dWc2)
        let dz = zUp.backward(dzq, cache: zc)!
        // reparameterisation and KL: L += β·mean(½s² + e^{lv} − lv) over the whole batch's R × 32 entries
        var ds = dz, dlv = Matrix(rows: n, cols: 32)
        let klScale = beta / Float(R * 32)
        OpProfile.measure(.elementwise) {
            for i in 0..<ds.count {
                let sg = sigma.data[i]
                dlv.data[i] = dz.data[i] * noise[i] * sg * 0.5 + klScale * (sg * sg - 1)
                ds.data[i] += klScale * s.data[i]
            }
        }
        let dm = logvar.backward(input: m, outputGradient: dlv)!
        return ChunkResult(dimSum: total, klSum: kl, ds: ds, dm: dm)
    }
}
