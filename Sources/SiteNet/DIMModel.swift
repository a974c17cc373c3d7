import Foundation
import Featurizers
import Learning
import Randomness

/// The four loss terms of one DIM evaluation (protocol §3.1, §3.2), the fig 6 curves.
public struct DIMLosses: Sendable, Equatable, Codable {
    /// Local DIM loss L_local_DIM (true + mean of the false terms, mean over crystals of the site mean).
    public var localDIM: Double
    /// Local KL term mean(½s² + e^{logvar} − logvar).
    public var localKL: Double
    /// Global DIM loss L_global_DIM.
    public var globalDIM: Double
    /// Global KL term mean(½g² + e^{logvar} − logvar).
    public var globalKL: Double

    /// All zero.
    public init(localDIM: Double = 0, localKL: Double = 0, globalDIM: Double = 0, globalKL: Double = 0) {
        self.localDIM = localDIM; self.localKL = localKL; self.globalDIM = globalDIM; self.globalKL = globalKL
    }

    /// The terms with their names, for messages and files.
    public var named: [(String, Double)] {
        [("local DIM", localDIM), ("local KL", localKL), ("global DIM", globalDIM), ("global KL", globalKL)]
    }
}

/// Site-Net with its Deep InfoMax heads (protocol §3): local encoder (32-d s_i), global encoder
/// (64-d g), the local and global DIM heads with learnt log-variances.
///
/// Parameters are named as the authors' PyTorch `state_dict` keys (`Site_DIM.*`, `Global_DIM.*`),
/// with Linear weights stored `[in, out]` (the transpose of PyTorch's). Layers the authors build
/// but never use (probes, priors, composition decoder, duplicate featurisations) are not built.
///
/// A model belongs to one thread at a time; distinct models share nothing.
public final class DIMModel: CheckpointedModel, @unchecked Sendable {
    /// Architecture fingerprint written to and required from checkpoints.
    public static let fingerprint = "SiteNetDIM/v1 site9 inter1 embed64 attn[64] heads1 bottleneck32 localdot[64]128 prepool[64,128] mean postpool[64,64] globaldot[64]128"

    let local: LocalEncoder
    let localHead: LocalDIMHead
    let global: GlobalEncoder
    let globalHead: GlobalDIMHead

    /// An untrained model, initialised as PyTorch's defaults (U(±1/√fan_in) for every Linear, LayerNorm
    /// γ = 1, β = 0) from the stream `seed` (e.g. `SeedPath("fig7","e_form","trial3","dim","init")`).
    public init(seed: SeedPath) {
        var rng = seed.stream()
        var r1 = rng.fork("local"), r2 = rng.fork("localHead"), r3 = rng.fork("global"), r4 = rng.fork("globalHead")
        local = LocalEncoder(rng: &r1); localHead = LocalDIMHead(rng: &r2)
        global = GlobalEncoder(rng: &r3); globalHead = GlobalDIMHead(rng: &r4)
    }

    /// Parameters updated by the local optimiser (Site_DIM).
    var localParameters: [Parameter] { local.parameters + localHead.parameters }
    /// Parameters updated by the global optimiser (Global_DIM).
    var globalParameters: [Parameter] { global.parameters + globalHead.parameters }
    /// Every parameter, local first.
    public var parameters: [Parameter] { localParameters + globalParameters }
    /// The encoder parameters a supervised model takes from this model (local inference + global encoder).
    var encoderParameters: [Parameter] { local.parameters + global.parameters }

    /// The 64-d crystal vectors g (global encoder output, no noise; protocol §7), in input order,
    /// computed in batches of `batchSize` crystals.
    public func embed(_ crystals: [SiteNetCrystal], batchSize: Int = 128) -> [[Float]] {
        Encoding.embed(crystals, local: local, global: global, batchSize: batchSize)
    }

    /// The 32-d local vectors s_i of every unique site of `crystal` (no noise).
    public func localEmbedding(_ crystal: SiteNetCrystal) -> [[Float]] {
        let b = SiteNetBatch([crystal])
        let s = local.forward(x: b.x, layout: b.trueLayout).s
        return (0..<s.rows).map { Array(s.data[($0 * 32)..<($0 * 32 + 32)]) }
    }


    /// One DIM step on a batch (the authors' `training_step`): local forward/backward and update,
    /// then the engineered false locals with the updated local weights, then the global
    /// forward/backward and update on the detached s. With `optimizers == nil` only the losses are
    /// computed (validation). Draws, in order: ε_local (R×32), the site permutation (if synthetic), ε_global (C×64).
    func step(_ b: SiteNetBatch, rng: inout RandomStream, synthetic: Bool, consistentMasks: Bool,
              alpha: Float, beta: Float, optimizers: (local: AdamOptimizer, global: AdamOptimizer)?) -> DIMLosses {
        let train = optimizers != nil
        let lc = local.forward(x: b.x, layout: b.trueLayout)
        var epsL = [Float](repeating: 0, count: b.rowCount * 32)
        rng.fillNormal(&epsL)
        let lr = localHead.run(batch: b, s: lc.s, m: lc.m, noise: Matrix(rows: b.rowCount, cols: 32, data: epsL),
                               synthetic: synthetic, consistentMasks: consistentMasks, alpha: alpha, beta: beta, gradients: train)
        if let o = optimizers {
            local.backward(lc, ds: lr.ds!, dmExtra: lr.dm)
            o.local.step(); o.local.zeroGrad()
        }
        let s = lc.s
        var falseLocals: [Matrix] = []
        if synthetic {
            let perm = rng.permutation(b.maxN)
            falseLocals.append(local.forward(x: b.rolledFeatures(), layout: b.trueLayout).s)
            falseLocals.append(local.forward(x: b.x, layout: b.falseStructureLayout()).s)
            falseLocals.append(local.forward(x: b.x, layout: b.permutedLayout(perm)).s)
        }
        let gc = global.forward(s, crystalOffsets: b.crystalOffsets)
        var epsG = [Float](repeating: 0, count: b.crystalCount * 64)
        rng.fillNormal(&epsG)
        let gr = globalHead.run(batch: b, s: s, falseLocals: falseLocals, encoder: gc,
                                noise: Matrix(rows: b.crystalCount, cols: 64, data: epsG), alpha: alpha, beta: beta, gradients: train)
        if let o = optimizers {
            global.backward(gc, dg: gr.dg!, dqExtra: gr.dq, inputGradient: false)
            o.global.step(); o.global.zeroGrad()
        }
        return DIMLosses(localDIM: Double(lr.dimLoss), localKL: Double(lr.klLoss), globalDIM: Double(gr.dimLoss), globalKL: Double(gr.klLoss))
    }
}

/// Shared inference path: local encoder then global encoder, no noise.
enum Encoding {
    static func embed(_ crystals: [SiteNetCrystal], local: LocalEncoder, global: GlobalEncoder, batchSize: Int) -> [[Float]] {
        var out: [[Float]] = []
        out.reserveCapacity(crystals.count)
        var start = 0
        while start < crystals.count {
            let end = min(start + max(batchSize, 1), crystals.count)
            let b = SiteNetBatch(Array(crystals[start..<end]))
            let s = local.forward(x: b.x, layout: b.trueLayout).s
            let g = global.forward(s, crystalOffsets: b.crystalOffsets).g
            for c in 0..<g.rows { out.append(Array(g.data[(c * 64)..<(c * 64 + 64)])) }
            start = end
        }
        return out
    }
}
