import Learning
import Randomness

/// The global part of Site-Net (`SiteNetDIMGlobal` encoder, Docs/Protocol.md §3.2):
///
///     p_i = LN(mish(W₂ LN(mish(W₁ s_i + b₁)) + b₂))     32 → 64 → 128   (pre-pool)
///     P_c = mean_{i ∈ c} p_i                            (segment mean over the crystal's unique sites)
///     q_c = LN(mish(W₃ P_c + b₃))                        128 → 64        (post-pool)
///     g_c = W₄ q_c + b₄                                  64 → 64         (final linear: the crystal vector)
final class GlobalEncoder {
    let pre1: LinearMishNorm, pre2: LinearMishNorm, post1: LinearMishNorm
    let final: Linear

    init(rng: inout RandomStream) {
        pre1 = LinearMishNorm(linearName: "Global_DIM.pre_pool_layers.0", normName: "Global_DIM.pre_pool_layers_norm.0", 32, 64, rng: &rng)
        pre2 = LinearMishNorm(linearName: "Global_DIM.pre_pool_layers.1", normName: "Global_DIM.pre_pool_layers_norm.1", 64, 128, rng: &rng)
        post1 = LinearMishNorm(linearName: "Global_DIM.post_pool_layers.0", normName: "Global_DIM.post_pool_layers_norm.0", 128, 64, rng: &rng)
        final = Linear("Global_DIM.post_pool_layers.1", 64, 64, rng: &rng)
    }

    var parameters: [Parameter] { pre1.parameters + pre2.parameters + post1.parameters + final.parameters }

    struct Cache {
        var c1: LinearMishNorm.Cache, c2: LinearMishNorm.Cache, c3: LinearMishNorm.Cache
        var offsets: [Int32]
        /// Penultimate activation q (C × 64), input of the final layer and of the log-variance layer.
        var q: Matrix
        /// g (C × 64).
        var g: Matrix
    }

    func forward(_ s: Matrix, crystalOffsets: [Int32]) -> Cache {
        let (p1, c1) = pre1.forward(s)
        let (p2, c2) = pre2.forward(p1)
        let pooled = SegmentMean.forward(p2, offsets: crystalOffsets)
        let (q, c3) = post1.forward(pooled)
        let g = final.forward(q)
        return Cache(c1: c1, c2: c2, c3: c3, offsets: crystalOffsets, q: q, g: g)
    }

    /// Accumulates parameter gradients from dg (and an extra dq from the log-variance branch);
    /// returns ds when `inputGradient`.
    @discardableResult
    func backward(_ c: Cache, dg: Matrix, dqExtra: Matrix?, inputGradient: Bool) -> Matrix? {
        var dq = final.backward(input: c.q, outputGradient: dg)!
        if let e = dqExtra { for i in 0..<dq.count { dq.data[i] += e.data[i] } }
        let dpooled = post1.backward(dq, cache: c.c3)!
        let dp2 = SegmentMean.backward(outputGradient: dpooled, offsets: c.offsets)
        let dp1 = pre2.backward(dp2, cache: c.c2)!
        return pre1.backward(dp1, cache: c.c1, inputGradient: inputGradient)
    }
}
