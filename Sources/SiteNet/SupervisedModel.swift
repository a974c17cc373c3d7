import Foundation
import Featurizers
import Learning
import Randomness

/// The supervised Site-Net used for transfer (Docs/Protocol.md §3.3): the DIM encoder without noise
/// (local inference → global inference → g, 64-d) followed by `last_layer`
/// ŷ = W₂ mish(W₁ g + b₁) + b₂ (64 → 64 → 1).
public final class SupervisedModel: CheckpointedModel, @unchecked Sendable {
    /// Architecture fingerprint written to and required from checkpoints.
    public static let fingerprint = "SiteNetSupervised/v1 site9 inter1 embed64 attn[64] heads1 bottleneck32 prepool[64,128] mean postpool[64,64] head[64]1"

    let local: LocalEncoder
    let global: GlobalEncoder
    let head1: Linear
    let head2: Linear

    /// Chunks of every training step (see ``DIMModel/stepChunks``): a constant, never derived from the thread count.
    public static let stepChunks = DIMModel.stepChunks
    /// Workers running the chunks of a step and of inference. Changes speed, never a bit of a result.
    public var threads = 1
    /// One model copy per chunk, sharing this model's values and holding the chunk's gradients (made on first use).
    var replicas: [SupervisedModel] = []

    /// An untrained model (PyTorch default initialisation) from the stream `seed`. The encoder is
    /// initialised exactly like ``DIMModel/init(seed:)``'s encoder for the same seed.
    public init(seed: SeedPath) {
        var rng = seed.stream()
        var r1 = rng.fork("local"), _ = rng.fork("localHead"), r3 = rng.fork("global"), _ = rng.fork("globalHead"), r5 = rng.fork("head")
        local = LocalEncoder(rng: &r1)
        global = GlobalEncoder(rng: &r3)
        head1 = Linear("last_layer.0", 64, 64, rng: &r5)
        head2 = Linear("last_layer.2", 64, 1, rng: &r5)
    }

    /// Encoder parameters (same names as in ``DIMModel``).
    public var encoderParameters: [Parameter] { local.parameters + global.parameters }
    /// Head parameters (`last_layer.*`).
    public var headParameters: [Parameter] { head1.parameters + head2.parameters }
    /// Every parameter.
    public var parameters: [Parameter] { encoderParameters + headParameters }

    /// Copies the encoder weights of a DIM model (the authors' `load_state_dict(strict=False)` of a DIM checkpoint).
    public func loadEncoder(from dim: DIMModel) {
        copy(from: dim.encoderParameters)
    }

    /// Copies the encoder weights of another supervised model (the "donor" start).
    public func loadEncoder(from donor: SupervisedModel) {
        copy(from: donor.encoderParameters)
    }

    private func copy(from source: [Parameter]) {
        let byName = Dictionary(uniqueKeysWithValues: source.map { ($0.name, $0) })
        for p in encoderParameters {
            guard let s = byName[p.name], s.shape == p.shape else { preconditionFailure("encoder tensor \(p.name) missing") }
            p.value = s.value
        }
    }

    /// Predictions ŷ for `crystals`, in order: batches of `batchSize` crystals, each split into
    /// ``stepChunks`` chunks of whole crystals run on up to ``threads`` workers (every ŷ depends on its
    /// own crystal only, and the chunking on the crystals only: the same bits for any thread count).
    public func predict(_ crystals: [SiteNetCrystal], batchSize: Int = 128) -> [Float] {
        var parts: [Range<Int>] = []
        var start = 0
        while start < crystals.count {
            let end = min(start + max(batchSize, 1), crystals.count)
            let costs = crystals[start..<end].map { $0.primSize * $0.supercellSize + $0.primSize }
            parts += SiteNetBatch.chunkRanges(costs: costs, count: Self.stepChunks).map { ($0.lowerBound + start)..<($0.upperBound + start) }
            start = end
        }
        let slots = ChunkSlots<[Float]>(parts.count)
        ChunkRunner.run(parts.count, threads: threads) { k in
            let b = SiteNetBatch(Array(crystals[parts[k]]))
            let g = global.forward(local.inference(x: b.x, layout: b.trueLayout), crystalOffsets: b.crystalOffsets).g
            slots[k] = head2.forward(Mish.forward(head1.forward(g))).data
        }
        return slots.values.flatMap { $0 }
    }

    /// The 64-d encoder output g (before the head), in order.
    public func embed(_ crystals: [SiteNetCrystal], batchSize: Int = 128) -> [[Float]] {
        Encoding.embed(crystals, local: local, global: global, batchSize: batchSize, threads: threads)
    }

    struct Forward {
        var lc: LocalEncoder.Cache
        var gc: GlobalEncoder.Cache
        var pre: Matrix, hidden: Matrix
        var y: Matrix
    }

    func forward(_ b: SiteNetBatch) -> Forward {
        forward(x: b.x, layout: b.trueLayout, crystalOffsets: b.crystalOffsets)
    }

    /// Forward pass over site rows `x` with pairs `layout` and crystals `crystalOffsets` (rows of whole crystals).
    func forward(x: Matrix, layout: PairLayout, crystalOffsets: [Int32]) -> Forward {
        let lc = local.forward(x: x, layout: layout)
        let gc = global.forward(lc.s, crystalOffsets: crystalOffsets)
        let pre = head1.forward(gc.g)
        let h = Mish.forward(pre)
        return Forward(lc: lc, gc: gc, pre: pre, hidden: h, y: head2.forward(h))
    }

    /// Replicas for `count` chunks, with this model's current values.
    func chunkReplicas(_ count: Int) -> [SupervisedModel] {
        while replicas.count < count { replicas.append(SupervisedModel(seed: SeedPath("replica", String(replicas.count)))) }
        let reps = Array(replicas.prefix(count))
        GradientReplicas.syncValues(parameters, to: reps.map(\.parameters))
        return reps
    }

    /// One training step on MSE = mean over the batch's C crystals of (ŷ − y)²; returns the loss before the update.
    ///
    /// Data-parallel: the batch is split into ``stepChunks`` chunks of whole crystals (a function of the
    /// batch only), each chunk runs forward and backward on its own replica (on up to ``threads``
    /// workers), the replicas' gradients are summed in chunk order, then one optimiser step. Exact:
    /// every crystal's prediction depends on its own sites only, and each chunk's gradient is that of its
    /// crystals' terms of the whole-batch mean (dL/dŷ_c = 2(ŷ_c − y_c)/C with C the whole batch's count),
    /// so the chunks' gradients and partial sums of squared errors add up to the batch's.
    /// `chunkCount` and `gradientHook` (tests only): see ``DIMModel/step(_:rng:synthetic:consistentMasks:alpha:beta:optimizers:chunkCount:gradientHook:)``.
    func trainStep(_ b: SiteNetBatch, targets: [Float], optimizer: AdamOptimizer,
                   chunkCount: Int = SupervisedModel.stepChunks, gradientHook: (([Parameter]) -> Void)? = nil) -> Double {
        let chunks = b.chunks(chunkCount), K = chunks.count
        let C = b.crystalCount
        let reps = chunkReplicas(K)
        let sums = ChunkSlots<Double>(K)
        ChunkRunner.run(K, threads: threads) { k in
            let ch = chunks[k], rep = reps[k]
            let fw = rep.forward(x: b.features(rows: ch.rows), layout: b.trueLayout(rows: ch.rows),
                                 crystalOffsets: b.crystalOffsets(crystals: ch.crystals))
            let n = ch.crystals.count
            var dy = Matrix(rows: n, cols: 1)
            var mse: Double = 0
            for c in 0..<n {
                let e = fw.y.data[c] - targets[ch.crystals.lowerBound + c]
                mse += Double(e * e)
                dy.data[c] = 2 * e / Float(C)
            }
            let dh = rep.head2.backward(input: fw.hidden, outputGradient: dy)!
            let dpre = Mish.backward(input: fw.pre, outputGradient: dh)
            let dg = rep.head1.backward(input: fw.gc.g, outputGradient: dpre)!
            let ds = rep.global.backward(fw.gc, dg: dg, dqExtra: nil, inputGradient: true)!
            rep.local.backward(fw.lc, ds: ds, dmExtra: nil)
            sums[k] = mse
        }
        GradientReplicas.reduce(replicas: reps.map(\.parameters), into: parameters, chunks: K)
        gradientHook?(parameters)
        OpProfile.measure(.optimiser) { optimizer.step(); optimizer.zeroGrad() }
        var mse = 0.0
        for k in 0..<K { mse += sums[k] }
        return mse / Double(C)
    }
}
