import Foundation
import Featurizers
import Learning
import Randomness

/// The four loss terms of one DIM evaluation (Docs/Protocol.md §4.1–4.3), the fig 6 curves.
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

/// Site-Net with its Deep InfoMax heads (Docs/Protocol.md §3–4): local encoder (32-d s_i), global encoder
/// (64-d g), the local and global DIM heads with learnt log-variances.
///
/// Parameters are named as the authors' PyTorch `state_dict` keys (`Site_DIM.*`, `Global_DIM.*`),
/// with Linear weights stored `[in, out]` (the transpose of PyTorch's). Layers the authors build
/// but never use (probes, priors, composition decoder, duplicate featurisations) are not built.
///
/// A model belongs to one thread at a time (its step may fan out to ``threads`` workers of its
/// own); distinct models share nothing.
public final class DIMModel: CheckpointedModel, @unchecked Sendable {
    /// Architecture fingerprint written to and required from checkpoints.
    public static let fingerprint = "SiteNetDIM/v1 site9 inter1 embed64 attn[64] heads1 bottleneck32 localdot[64]128 prepool[64,128] mean postpool[64,64] globaldot[64]128"

    let local: LocalEncoder
    let localHead: LocalDIMHead
    let global: GlobalEncoder
    let globalHead: GlobalDIMHead

    /// Chunks of every training step: a constant of the model, never derived from the thread count,
    /// so that a step is the same computation on any number of threads (see ``DIMModel/step(_:rng:synthetic:consistentMasks:alpha:beta:optimizers:)``).
    public static let stepChunks = 8
    /// Workers running the chunks of a step (1: the calling thread only). Changes speed, never a bit of a result.
    public var threads = 1
    /// One model copy per chunk, sharing this model's values and holding the chunk's gradients (made on first use).
    var replicas: [DIMModel] = []

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

    /// The 64-d crystal vectors g (global encoder output, no noise; Docs/Protocol.md §3.2, §6.1), in input order,
    /// computed in batches of `batchSize` crystals.
    public func embed(_ crystals: [SiteNetCrystal], batchSize: Int = 128) -> [[Float]] {
        Encoding.embed(crystals, local: local, global: global, batchSize: batchSize, threads: threads)
    }

    /// The 32-d local vectors s_i of every unique site of `crystal` (no noise).
    public func localEmbedding(_ crystal: SiteNetCrystal) -> [[Float]] {
        let b = SiteNetBatch([crystal])
        let s = local.inference(x: b.x, layout: b.trueLayout)
        return (0..<s.rows).map { Array(s.data[($0 * 32)..<($0 * 32 + 32)]) }
    }
}

/// Shared inference path: local encoder then global encoder, no noise.
enum Encoding {
    /// g of every crystal, in input order. Crystals are taken in batches of `batchSize`; each batch
    /// is split into ``DIMModel/stepChunks`` chunks of whole crystals (balanced by pair count) that
    /// run on up to `threads` workers. Every crystal's g depends on its own sites only, and the
    /// chunking depends on the crystals only, so the result is the same for any thread count.
    static func embed(_ crystals: [SiteNetCrystal], local: LocalEncoder, global: GlobalEncoder, batchSize: Int,
                      threads: Int = 1) -> [[Float]] {
        var parts: [Range<Int>] = []
        var start = 0
        while start < crystals.count {
            let end = min(start + max(batchSize, 1), crystals.count)
            let costs = crystals[start..<end].map { $0.primSize * $0.supercellSize + $0.primSize }
            parts += SiteNetBatch.chunkRanges(costs: costs, count: DIMModel.stepChunks).map { ($0.lowerBound + start)..<($0.upperBound + start) }
            start = end
        }
        let slots = ChunkSlots<Matrix>(parts.count)
        ChunkRunner.run(parts.count, threads: threads) { k in
            let b = SiteNetBatch(Array(crystals[parts[k]]))
            let s = local.inference(x: b.x, layout: b.trueLayout)
            slots[k] = global.forward(s, crystalOffsets: b.crystalOffsets).g
        }
        var out: [[Float]] = []
        out.reserveCapacity(crystals.count)
        for g in slots.values { for c in 0..<g.rows { out.append(Array(g.data[(c * 64)..<(c * 64 + 64)])) } }
        return out
    }
}
