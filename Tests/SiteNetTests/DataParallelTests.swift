import XCTest
import Learning
import Randomness
import Featurizers
@testable import SiteNet

/// Data-parallel steps: the chunked step computes the whole-batch loss and gradients (up to
/// summation order), and any thread count gives the same bits.
final class DataParallelTests: XCTestCase {
    func testChunksAreConsecutiveWholeCrystalsAndIgnoreThreads() {
        let b = SiteNetBatch(SyntheticCrystals.make(13, seed: "chunks", maxPrim: 6))
        for k in [1, 2, 3, 8, 13, 40] {
            let ch = b.chunks(k)
            XCTAssertEqual(ch.count, min(k, 13))
            XCTAssertEqual(ch.first!.crystals.lowerBound, 0); XCTAssertEqual(ch.last!.crystals.upperBound, 13)
            for (a, c) in zip(ch, ch.dropFirst()) { XCTAssertEqual(a.crystals.upperBound, c.crystals.lowerBound) }
            for c in ch {
                XCTAssertFalse(c.crystals.isEmpty)
                XCTAssertEqual(c.rows, Int(b.crystalOffsets[c.crystals.lowerBound])..<Int(b.crystalOffsets[c.crystals.upperBound]))
            }
        }
        XCTAssertEqual(SiteNetBatch.chunkRanges(costs: [1, 1, 1, 1, 1, 1, 1, 1], count: 4), [0..<2, 2..<4, 4..<6, 6..<8])
        XCTAssertEqual(SiteNetBatch.chunkRanges(costs: [100, 1, 1, 1], count: 3), [0..<1, 1..<2, 2..<4])
    }

    /// Chunk layouts are the whole-batch layouts restricted to the chunk's rows.
    func testChunkLayoutsAreSlicesOfTheBatchLayouts() {
        let b = SiteNetBatch(SyntheticCrystals.make(9, seed: "slices", maxPrim: 5))
        var rng = SeedPath("slices").stream()
        let perm = rng.permutation(b.maxN)
        let whole = [b.trueLayout, b.falseStructureLayout(), b.permutedLayout(perm)]
        for ch in b.chunks(4) {
            let parts = [b.trueLayout(rows: ch.rows), b.falseStructureLayout(rows: ch.rows), b.permutedLayout(perm, rows: ch.rows)]
            for (w, p) in zip(whole, parts) {
                let q0 = Int(w.offsets[ch.rows.lowerBound]), q1 = Int(w.offsets[ch.rows.upperBound])
                XCTAssertEqual(p.offsets, w.offsets[ch.rows.lowerBound...ch.rows.upperBound].map { $0 - Int32(q0) })
                XCTAssertEqual(p.neighbour, w.neighbour[q0..<q1].map { $0 - Int32(ch.rows.lowerBound) })
                XCTAssertEqual(p.distance, Array(w.distance[q0..<q1]))
            }
            XCTAssertEqual(b.rolledFeatures(rows: ch.rows).data, Array(b.rolledFeatures().data[(ch.rows.lowerBound * 9)..<(ch.rows.upperBound * 9)]))
        }
    }

    /// The same DIM step with 1 chunk and with 8 chunks: equal losses and gradients up to rounding
    /// (learning rate 0, so both global passes see the same local weights).
    func testChunkedDIMStepEqualsTheWholeBatchStep() {
        let b = SiteNetBatch(SyntheticCrystals.make(11, seed: "chunked-dim", maxPrim: 4))
        for synthetic in [true, false] {
            var results: [(DIMLosses, [[Float]])] = []
            for chunks in [1, 8] {
                let model = DIMModel(seed: SeedPath("dp", "dim"))
                let cfg = AdamConfig(learningRate: 0, weightDecay: 0)
                let opts = (local: AdamOptimizer(parameters: model.localParameters, config: cfg),
                            global: AdamOptimizer(parameters: model.globalParameters, config: cfg))
                var rng = SeedPath("dp", "noise").stream()
                var grads: [[Float]] = []
                let l = model.step(b, rng: &rng, synthetic: synthetic, consistentMasks: false, alpha: 1, beta: 0.1, optimizers: opts,
                                   chunkCount: chunks, gradientHook: { ps in grads += ps.map(\.grad) })
                results.append((l, grads))
            }
            let (a, b8) = (results[0], results[1])
            for ((name, x), (_, y)) in zip(a.0.named, b8.0.named) { XCTAssertEqual(x, y, accuracy: 1e-5 * abs(x) + 1e-6, "\(name) synthetic=\(synthetic)") }
            XCTAssertEqual(a.1.count, b8.1.count)
            var worst: Float = 0
            for (g, h) in zip(a.1, b8.1) {
                let scale = max(g.map(abs).max() ?? 0, 1e-3)
                for (x, y) in zip(g, h) { worst = max(worst, abs(x - y) / scale) }
            }
            XCTAssertLessThan(worst, 1e-4, "largest gradient difference relative to the tensor's largest entry, synthetic=\(synthetic)")
        }
    }

    func testChunkedSupervisedStepEqualsTheWholeBatchStep() {
        let crystals = SyntheticCrystals.make(10, seed: "chunked-sup", maxPrim: 4)
        let b = SiteNetBatch(crystals)
        let y = crystals.map { Float($0.primSize) * 0.2 - 0.3 }
        var results: [(Double, [[Float]])] = []
        for chunks in [1, 8] {
            let model = SupervisedModel(seed: SeedPath("dp", "sup"))
            let opt = AdamOptimizer(parameters: model.parameters, config: AdamConfig(learningRate: 0, weightDecay: 0))
            var grads: [[Float]] = []
            let mse = model.trainStep(b, targets: y, optimizer: opt, chunkCount: chunks, gradientHook: { ps in grads = ps.map(\.grad) })
            results.append((mse, grads))
        }
        XCTAssertEqual(results[0].0, results[1].0, accuracy: 1e-6 * results[0].0)
        for (g, h) in zip(results[0].1, results[1].1) {
            let scale = max(g.map(abs).max() ?? 0, 1e-3)
            for (x, z) in zip(g, h) { XCTAssertEqual(x, z, accuracy: 1e-4 * scale) }
        }
    }

    func testDIMStepIsBitIdenticalOnAnyNumberOfThreads() {
        let batches = [SyntheticCrystals.make(14, seed: "bits-a", maxPrim: 5), SyntheticCrystals.make(9, seed: "bits-b", maxPrim: 6)].map(SiteNetBatch.init)
        var runs: [([DIMLosses], ParameterSnapshot)] = []
        for threads in [1, 2, 3] {
            BLAS.setThreads(2)      // whatever OpenBLAS was set to before, a step runs it single-threaded
            let model = DIMModel(seed: SeedPath("dp", "bits"))
            model.threads = threads
            let opts = (local: AdamOptimizer(parameters: model.localParameters), global: AdamOptimizer(parameters: model.globalParameters))
            var rng = SeedPath("dp", "bits-noise").stream()
            var losses: [DIMLosses] = []
            for b in batches + batches { losses.append(model.step(b, rng: &rng, synthetic: true, consistentMasks: false, alpha: 1, beta: 0.1, optimizers: opts)) }
            losses.append(model.step(batches[0], rng: &rng, synthetic: true, consistentMasks: false, alpha: 1, beta: 0.1, optimizers: nil))
            runs.append((losses, model.snapshot()))
        }
        for r in runs.dropFirst() {
            XCTAssertEqual(r.0, runs[0].0)
            XCTAssertTrue(r.1 == runs[0].1, "parameters after the steps differ")
        }
    }

    func testSupervisedStepAndPredictionAreBitIdenticalOnAnyNumberOfThreads() {
        let crystals = SyntheticCrystals.make(16, seed: "sup-bits", maxPrim: 5)
        let y = crystals.map { Float($0.primSize) * 0.1 }
        var runs: [([Double], ParameterSnapshot, [Float])] = []
        for threads in [1, 2, 4] {
            let model = SupervisedModel(seed: SeedPath("dp", "sup-bits"))
            model.threads = threads
            let opt = AdamOptimizer(parameters: model.parameters)
            let b = SiteNetBatch(crystals)
            let mses = (0..<3).map { _ in model.trainStep(b, targets: y, optimizer: opt) }
            runs.append((mses, model.snapshot(), model.predict(crystals, batchSize: 7)))
        }
        for r in runs.dropFirst() {
            XCTAssertEqual(r.0, runs[0].0); XCTAssertTrue(r.1 == runs[0].1, "parameters differ"); XCTAssertTrue(r.2 == runs[0].2, "predictions differ")
        }
    }

    func testTrainingIsBitIdenticalOnAnyNumberOfThreads() throws {
        let crystals = SyntheticCrystals.make(40, seed: "dp-train", maxPrim: 3)
        let dims = try [1, 2].map { t in
            try DIMTrainer.train(crystals: crystals, config: DIMConfig(optimizer: AdamConfig(learningRate: 1e-3), siteBudget: 40,
                                                                       validationFraction: 0.1, maxEpochs: 3, patience: nil, threads: t),
                                 seed: SeedPath("dp", "train"))
        }
        XCTAssertEqual(dims[0].curve.map(\.train), dims[1].curve.map(\.train))
        XCTAssertEqual(dims[0].curve.map(\.validation), dims[1].curve.map(\.validation))
        XCTAssertTrue(dims[0].model.snapshot() == dims[1].model.snapshot(), "DIM parameters differ")
        let y = crystals.map { Float($0.atomicNumbers.reduce(0, +)) * 0.01 }
        let sups = try [1, 2].map { t in
            try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .dim(dims[0].model),
                                        config: SupervisedConfig(optimizer: AdamConfig(learningRate: 1e-3), siteBudget: 30,
                                                                 validationFraction: 0.1, maxEpochs: 3, threads: t),
                                        seed: SeedPath("dp", "sup"))
        }
        XCTAssertEqual(sups[0].curve.map(\.trainMSE), sups[1].curve.map(\.trainMSE))
        XCTAssertEqual(sups[0].curve.map(\.validationMAE), sups[1].curve.map(\.validationMAE))
        XCTAssertTrue(sups[0].last.snapshot() == sups[1].last.snapshot(), "supervised parameters differ")
    }

    /// The cache-free tiled pass of the local encoder computes the training forward's s.
    func testLocalInferenceEqualsTheTrainingForward() {
        let crystals = SyntheticCrystals.make(30, seed: "tiles", maxPrim: 12)
        let b = SiteNetBatch(crystals)
        XCTAssertGreaterThan(b.trueLayout.count, 2 * LocalEncoder.tilePairs, "several tiles")
        let model = DIMModel(seed: SeedPath("dp", "tiles"))
        var rng = SeedPath("dp", "tiles").stream()
        for layout in [b.trueLayout, b.falseStructureLayout(), b.permutedLayout(rng.permutation(b.maxN))] {
            let s = model.local.forward(x: b.x, layout: layout).s, t = model.local.inference(x: b.x, layout: layout)
            XCTAssertEqual(s.rows, t.rows)
            for (u, v) in zip(s.data, t.data) { XCTAssertEqual(u, v, accuracy: 1e-5 * max(1, abs(u))) }
        }
    }
}
