import Foundation
import Learning
import Randomness

/// The data-parallel DIM training step.
///
/// A batch is split into ``DIMModel/stepChunks`` chunks of whole crystals (``SiteNetBatch/chunks(_:)``,
/// a function of the batch only). Each chunk's forward and backward run on its own replica of the
/// model (same values, own gradients, own scratch buffers), on up to ``DIMModel/threads`` workers;
/// the replicas' gradients are then summed in chunk order and one optimiser step is taken. Which
/// worker runs which chunk cannot change a bit, so any thread count gives the same result.
///
/// Why the chunked step computes the whole-batch loss exactly:
/// * The local and global encoders act on each crystal alone (a site's neighbours are sites of its own
///   crystal; pooling is a mean over the crystal's own sites), so a chunk of whole crystals computes
///   exactly the encoder outputs of those crystals, and the false-sample encoder passes likewise once
///   their inputs (features rolled by the false-row map, borrowed distances, permuted neighbours) are
///   taken from the whole batch (``SiteNetBatch/rolledFeatures(rows:)`` etc.).
/// * Every loss term belongs to one site row; the terms that mix crystals read raw inputs of another
///   crystal (local DIM: x, d and masks of the partner row f(i)) or that crystal's G (global DIM: the
///   other-crystal sample), and G is computed for all crystals before any row is scored. Means over the
///   batch keep the whole batch's normalisation (1/(C·k_c) per row, 1/(R·32) and 1/(C·64) in the KL
///   terms), so the loss is the sum of the chunks' partial sums.
/// * Gradients that flow into another chunk's crystals (dL/dG of the other-crystal sample) are
///   collected per chunk in a whole-batch buffer and summed in chunk order before G's backward pass.
/// Only the floating-point summation order differs from an unchunked pass (partial sums per chunk).
extension DIMModel {
    /// Replicas for `count` chunks, with this model's current values.
    func chunkReplicas(_ count: Int) -> [DIMModel] {
        while replicas.count < count { replicas.append(DIMModel(seed: SeedPath("replica", String(replicas.count)))) }
        let reps = Array(replicas.prefix(count))
        GradientReplicas.syncValues(parameters, to: reps.map(\.parameters))
        return reps
    }

    /// One DIM step on a batch (the authors' `training_step`): local forward/backward and update,
    /// then the engineered false locals with the updated local weights, then the global
    /// forward/backward and update on the detached s. With `optimizers == nil` only the losses are
    /// computed (validation). Draws, in order: ε_local (R×32), the site permutation (if synthetic), ε_global (C×64).
    /// `chunkCount` (tests only) overrides ``stepChunks``; `gradientHook` (tests only) sees the local,
    /// then the global parameters with their summed gradients just before each optimiser step.
    func step(_ b: SiteNetBatch, rng: inout RandomStream, synthetic: Bool, consistentMasks: Bool,
              alpha: Float, beta: Float, optimizers: (local: AdamOptimizer, global: AdamOptimizer)?,
              chunkCount: Int = DIMModel.stepChunks, gradientHook: (([Parameter]) -> Void)? = nil) -> DIMLosses {
        let train = optimizers != nil
        let chunks = b.chunks(chunkCount), K = chunks.count
        let R = b.rowCount, C = b.crystalCount
        var epsL = [Float](repeating: 0, count: R * 32)
        rng.fillNormal(&epsL)
        let weights = LocalDIMHead.BatchWeights(b)

        // local: encoder and local DIM head per chunk
        let repsL = chunkReplicas(K)
        let sSlots = ChunkSlots<Matrix>(K), localSums = ChunkSlots<(Double, Double)>(K)
        epsL.withUnsafeBufferPointer { ep in
            ChunkRunner.run(K, threads: threads) { k in
                let ch = chunks[k], rep = repsL[k]
                let lc = rep.local.forward(x: b.features(rows: ch.rows), layout: b.trueLayout(rows: ch.rows))
                let lr = rep.localHead.run(batch: b, weights: weights, rows: ch.rows, s: lc.s, m: lc.m, noise: ep.baseAddress! + ch.rows.lowerBound * 32,
                                           synthetic: synthetic, consistentMasks: consistentMasks, alpha: alpha, beta: beta, gradients: train)
                if train { rep.local.backward(lc, ds: lr.ds!, dmExtra: lr.dm) }
                sSlots[k] = lc.s
                localSums[k] = (lr.dimSum, lr.klSum)
            }
        }
        if let o = optimizers {
            GradientReplicas.reduce(replicas: repsL.map(\.localParameters), into: localParameters, chunks: K)
            gradientHook?(localParameters)
            OpProfile.measure(.optimiser) { o.local.step(); o.local.zeroGrad() }
        }
        let reps = train ? chunkReplicas(K) : repsL

        // global: false locals (updated local weights), encoder, G and ℓ per chunk
        let perm = synthetic ? rng.permutation(b.maxN) : []
        var epsG = [Float](repeating: 0, count: C * 64)
        rng.fillNormal(&epsG)
        let states = ChunkSlots<GlobalDIMHead.ChunkState>(K), encoders = ChunkSlots<GlobalEncoder.Cache>(K)
        let G = FloatBuffer(uninitialized: C * 128)
        epsG.withUnsafeBufferPointer { ep in
            ChunkRunner.run(K, threads: threads) { k in
                let ch = chunks[k], rep = reps[k]
                var falseLocals: [Matrix] = []
                if synthetic {
                    falseLocals.append(rep.local.inference(x: b.rolledFeatures(rows: ch.rows), layout: b.trueLayout(rows: ch.rows)))
                    falseLocals.append(rep.local.inference(x: b.features(rows: ch.rows), layout: b.falseStructureLayout(rows: ch.rows)))
                    falseLocals.append(rep.local.inference(x: b.features(rows: ch.rows), layout: b.permutedLayout(perm, rows: ch.rows)))
                }
                let gc = rep.global.forward(sSlots[k], crystalOffsets: b.crystalOffsets(crystals: ch.crystals))
                let st = rep.globalHead.forward(crystals: ch.crystals, rows: ch.rows, s: sSlots[k], falseLocals: falseLocals,
                                                encoder: gc, noise: ep.baseAddress! + ch.crystals.lowerBound * 64)
                st.G.data.withUnsafeBufferPointer { gp in
                    (G.p + ch.crystals.lowerBound * 128).update(from: gp.baseAddress!, count: ch.crystals.count * 128)
                }
                states[k] = st
                encoders[k] = gc
            }
        }
        // scores of every row against G of the whole batch; dL/dG per chunk
        let rowW = b.rowWeights()
        let dGs = train ? (0..<K).map { _ in FloatBuffer(C * 128) } : []
        let globalSums = ChunkSlots<Double>(K)
        ChunkRunner.run(K, threads: threads) { k in
            var st = states[k]
            globalSums[k] = reps[k].globalHead.score(batch: b, rowWeights: rowW, state: &st, G: G.p, alpha: alpha,
                                                     gradients: train, dG: train ? dGs[k].p : G.p)
            states[k] = st
        }
        if let o = optimizers {
            // dL/dG = Σ_k dG_k in chunk order, then G's and the encoder's backward per chunk
            let dG = dGs[0]
            OpProfile.measure(.reduction) {
                for k in 1..<K { let src = dGs[k].p; for i in 0..<(C * 128) { dG.p[i] += src[i] } }
            }
            ChunkRunner.run(K, threads: threads) { k in
                let rep = reps[k]
                let (dg, dq) = rep.globalHead.backward(state: states[k], dG: dG.p, beta: beta, crystalCount: C)
                rep.global.backward(encoders[k], dg: dg, dqExtra: dq, inputGradient: false)
            }
            GradientReplicas.reduce(replicas: reps.map(\.globalParameters), into: globalParameters, chunks: K)
            gradientHook?(globalParameters)
            OpProfile.measure(.optimiser) { o.global.step(); o.global.zeroGrad() }
        }
        var localDIM = 0.0, localKL = 0.0, globalDIM = 0.0, globalKL = 0.0
        for k in 0..<K {
            localDIM += localSums[k].0; localKL += localSums[k].1
            globalDIM += globalSums[k]; globalKL += states[k].klSum
        }
        return DIMLosses(localDIM: Double(Float(localDIM)), localKL: Double(Float(localKL / Double(R * 32))),
                         globalDIM: Double(Float(globalDIM)), globalKL: Double(Float(globalKL / Double(C * 64))))
    }
}
