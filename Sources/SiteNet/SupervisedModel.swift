import Foundation
import Featurizers
import Learning
import Randomness

/// The supervised Site-Net used for transfer (protocol §3.4): the DIM encoder without noise
/// (local inference → global inference → g, 64-d) followed by `last_layer`
/// ŷ = W₂ mish(W₁ g + b₁) + b₂ (64 → 64 → 1).
public final class SupervisedModel: CheckpointedModel, @unchecked Sendable {
    /// Architecture fingerprint written to and required from checkpoints.
    public static let fingerprint = "SiteNetSupervised/v1 site9 inter1 embed64 attn[64] heads1 bottleneck32 prepool[64,128] mean postpool[64,64] head[64]1"

    let local: LocalEncoder
    let global: GlobalEncoder
    let head1: Linear
    let head2: Linear

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

    /// Predictions ŷ for `crystals`, in order (batches of `batchSize` crystals).
    public func predict(_ crystals: [SiteNetCrystal], batchSize: Int = 128) -> [Float] {
        var out: [Float] = []
        var start = 0
        while start < crystals.count {
            let end = min(start + max(batchSize, 1), crystals.count)
            let b = SiteNetBatch(Array(crystals[start..<end]))
            out += forward(b).y.data
            start = end
        }
        return out
    }

    /// The 64-d encoder output g (before the head), in order.
    public func embed(_ crystals: [SiteNetCrystal], batchSize: Int = 128) -> [[Float]] {
        Encoding.embed(crystals, local: local, global: global, batchSize: batchSize)
    }

    struct Forward {
        var lc: LocalEncoder.Cache
        var gc: GlobalEncoder.Cache
        var pre: Matrix, hidden: Matrix
        var y: Matrix
    }

    func forward(_ b: SiteNetBatch) -> Forward {
        let lc = local.forward(x: b.x, layout: b.trueLayout)
        let gc = global.forward(lc.s, crystalOffsets: b.crystalOffsets)
        let pre = head1.forward(gc.g)
        let h = Mish.forward(pre)
        return Forward(lc: lc, gc: gc, pre: pre, hidden: h, y: head2.forward(h))
    }

    /// One training step on MSE = mean (ŷ − y)²; returns the loss before the update.
    func trainStep(_ b: SiteNetBatch, targets: [Float], optimizer: AdamOptimizer) -> Double {
        let fw = forward(b)
        let C = b.crystalCount
        var dy = Matrix(rows: C, cols: 1)
        var mse: Double = 0
        for c in 0..<C {
            let e = fw.y.data[c] - targets[c]
            mse += Double(e * e)
            dy.data[c] = 2 * e / Float(C)
        }
        let dh = head2.backward(input: fw.hidden, outputGradient: dy)!
        let dpre = Mish.backward(input: fw.pre, outputGradient: dh)
        let dg = head1.backward(input: fw.gc.g, outputGradient: dpre)!
        let ds = global.backward(fw.gc, dg: dg, dqExtra: nil, inputGradient: true)!
        local.backward(fw.lc, ds: ds, dmExtra: nil)
        optimizer.step(); optimizer.zeroGrad()
        return mse / Double(C)
    }

}
