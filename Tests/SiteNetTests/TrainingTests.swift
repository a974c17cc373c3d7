import XCTest
import Foundation
import Learning
import Randomness
import TestSupport
import Featurizers
@testable import SiteNet

final class TrainingTests: XCTestCase {
    func testFalseRowMapNeverPairsACrystalWithItself() {
        // a big crystal holding most rows (the authors' roll by R/2 pairs it with itself)
        var rng = SeedPath("tests", "rowmap").stream()
        for _ in 0..<200 {
            let c = 2 + rng.index(below: 5)
            let sizes = (0..<c).map { _ in 1 + rng.index(below: 30) }
            var offs: [Int32] = [0], rc: [Int32] = []
            for (k, s) in sizes.enumerated() { offs.append(offs.last! + Int32(s)); rc += Array(repeating: Int32(k), count: s) }
            let f = SiteNetBatch.falseRowMap(crystalOffsets: offs, rowCrystal: rc)
            for r in 0..<rc.count { XCTAssertNotEqual(rc[Int(f[r])], rc[r], "sizes \(sizes) row \(r)") }
        }
        // ordinary batches: identical to torch.roll by ⌊R/2⌋
        let offs: [Int32] = [0, 2, 4, 6, 8], rc: [Int32] = [0, 0, 1, 1, 2, 2, 3, 3]
        XCTAssertEqual(SiteNetBatch.falseRowMap(crystalOffsets: offs, rowCrystal: rc), [4, 5, 6, 7, 0, 1, 2, 3])
    }

    func testSamplerRespectsBudgetAndNeverLeavesASingleCrystalForDIM() {
        var rng = SeedPath("tests", "sampler").stream()
        let prim = (0..<300).map { _ in 1 + rng.index(below: 50) }
        let b = SiteBudgetSampler.batches(primSizes: prim, budget: 400, rng: &rng, minimumCrystals: 2)
        XCTAssertEqual(b.flatMap { $0 }.sorted(), Array(0..<300))
        for x in b.dropLast() { XCTAssertLessThanOrEqual(x.reduce(0) { $0 + prim[$1] }, 400) }
        for x in b { XCTAssertGreaterThanOrEqual(x.count, 2) }
        let single = SiteBudgetSampler.batches(order: [0, 1, 2], primSizes: [300, 90, 50], budget: 400, minimumCrystals: 2)
        XCTAssertEqual(single, [[0, 1, 2]])
        XCTAssertEqual(SiteBudgetSampler.batches(order: [0, 1, 2], primSizes: [300, 90, 50], budget: 400), [[0, 1], [2]])
        XCTAssertEqual(SiteBudgetSampler.supervisedBudget(labels: 250), 400)
        XCTAssertEqual(SiteBudgetSampler.supervisedBudget(labels: 1000), 1200)
    }

    func testDIMTrainingIsDeterministicAndLearns() throws {
        let crystals = SyntheticCrystals.make(60, seed: "dimtrain", maxPrim: 3)
        let config = DIMConfig(optimizer: AdamConfig(learningRate: 1e-3), siteBudget: 40, validationFraction: 0.1, maxEpochs: 5, patience: nil)
        let a = try DIMTrainer.train(crystals: crystals, config: config, seed: SeedPath("tests", "dim"))
        let b = try DIMTrainer.train(crystals: crystals, config: config, seed: SeedPath("tests", "dim"))
        XCTAssertEqual(a.curve.map(\.train), b.curve.map(\.train))
        XCTAssertEqual(a.model.snapshot(), b.model.snapshot())
        XCTAssertEqual(a.model.embed(crystals), b.model.embed(crystals))
        let c = try DIMTrainer.train(crystals: crystals, config: config, seed: SeedPath("tests", "dim2"))
        XCTAssertNotEqual(a.model.snapshot(), c.model.snapshot())
        XCTAssertEqual(a.curve.count, 5)
        XCTAssertEqual(a.validationCount, 6)
        let first = a.curve.first!.validation!, best = a.curve.map { $0.validation!.localDIM + $0.validation!.globalDIM }.min()!
        XCTAssertLessThan(best, 0.8 * (first.localDIM + first.globalDIM))
        XCTAssertEqual(a.curve[a.selectedEpoch - 1].validation!.localDIM + a.curve[a.selectedEpoch - 1].validation!.globalDIM, best)
        XCTAssertTrue(a.curveCSV.hasPrefix("epoch,train_local_dim"))
        XCTAssertEqual(a.curveCSV.split(separator: "\n").count, 6)
    }

    func testSyntheticSwitchChangesTheLoss() throws {
        let crystals = SyntheticCrystals.make(12, seed: "switch")
        let m = DIMModel(seed: SeedPath("tests", "switch"))
        let on = try DIMTrainer.evaluate(m, crystals: crystals, config: DIMConfig(synthetic: true), seed: SeedPath("e"))
        let off = try DIMTrainer.evaluate(m, crystals: crystals, config: DIMConfig(synthetic: false), seed: SeedPath("e"))
        XCTAssertNotEqual(on.localDIM, off.localDIM)
        XCTAssertNotEqual(on.globalDIM, off.globalDIM)
        // the always-zero classifier: 2 ln 2 with consistent masks or without synthetic samples
        let zOff = try DIMTrainer.zeroClassifierBaseline(crystals: crystals, config: DIMConfig(synthetic: false), seed: SeedPath("e"))
        XCTAssertEqual(zOff.localDIM, 2 * log(2.0), accuracy: 1e-5); XCTAssertEqual(zOff.globalDIM, 2 * log(2.0), accuracy: 1e-5)
        let zCons = try DIMTrainer.zeroClassifierBaseline(crystals: crystals, config: DIMConfig(consistentFalseMasks: true), seed: SeedPath("e"))
        XCTAssertEqual(zCons.localDIM, 2 * log(2.0), accuracy: 1e-5)
        // the authors' mixed masks give F2/F3 weights that do not sum to 1: a higher baseline
        let zMix = try DIMTrainer.zeroClassifierBaseline(crystals: crystals, config: DIMConfig(), seed: SeedPath("e"))
        XCTAssertGreaterThan(zMix.localDIM, 2 * log(2.0))
    }

    func testNonFiniteLossStopsWithEpochAndTerm() {
        var crystals = SyntheticCrystals.make(20, seed: "nan")
        crystals[3].siteFeatures[0] = .nan
        XCTAssertThrowsError(try DIMTrainer.train(crystals: crystals, config: DIMConfig(siteBudget: 30, validationFraction: 0, maxEpochs: 2),
                                                  seed: SeedPath("tests", "nan"))) { e in
            guard case .nonFinite(let epoch, let term, let phase, _) = e as? TrainingError else { return XCTFail("\(e)") }
            XCTAssertEqual(epoch, 1); XCTAssertEqual(term, "local DIM"); XCTAssertEqual(phase, "training")
            XCTAssertTrue("\(e)".contains("epoch 1"))
        }
        let ok = SyntheticCrystals.make(20, seed: "nan2")
        XCTAssertThrowsError(try SupervisedTrainer.train(crystals: ok, targets: [Float](repeating: 1, count: 19), initialization: .random, seed: SeedPath("x")))
        var y = [Float](repeating: 1, count: 20); y[2] = .infinity
        XCTAssertThrowsError(try SupervisedTrainer.train(crystals: ok, targets: y, initialization: .random, seed: SeedPath("x")))
        XCTAssertThrowsError(try SupervisedTrainer.train(crystals: crystals, targets: [Float](repeating: 1, count: 20), initialization: .random,
                                                         config: SupervisedConfig(siteBudget: 30, validationFraction: 0, maxEpochs: 1), seed: SeedPath("x"))) { e in
            XCTAssertTrue("\(e)".contains("MSE") && "\(e)".contains("epoch 1"), "\(e)")
        }
    }

    func testSupervisedStartsLoadTheRightWeights() throws {
        let dim = DIMModel(seed: SeedPath("tests", "donor-dim"))
        let crystals = SyntheticCrystals.make(30, seed: "sup")
        let y = crystals.map { Float($0.primSize) * 0.3 }
        let cfg = SupervisedConfig(siteBudget: 30, maxEpochs: 0)   // 0 → one epoch minimum
        // a DIM start: before training, the encoder equals the DIM encoder and embeddings agree
        let fromDim = SupervisedModel(seed: SeedPath("tests", "init"))
        fromDim.loadEncoder(from: dim)
        XCTAssertEqual(fromDim.embed(crystals), dim.embed(crystals))
        for (p, q) in zip(fromDim.encoderParameters, dim.encoderParameters) { XCTAssertEqual(p.name, q.name); XCTAssertEqual(p.value, q.value) }
        // a donor start: encoder from the donor, head re-initialised (not the donor's)
        let donor = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .random, config: cfg, seed: SeedPath("tests", "donor")).last
        let fromDonor = SupervisedModel(seed: SeedPath("tests", "init2"))
        fromDonor.loadEncoder(from: donor)
        XCTAssertEqual(fromDonor.embed(crystals), donor.embed(crystals))
        XCTAssertNotEqual(fromDonor.headParameters.map(\.value), donor.headParameters.map(\.value))
        // through the trainer with lr 0 (no weight change): the trained model's encoder is the start's
        let zero = SupervisedConfig(optimizer: AdamConfig(learningRate: 0), siteBudget: 30, maxEpochs: 1)
        let r1 = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .dim(dim), config: zero, seed: SeedPath("tests", "a"))
        XCTAssertEqual(r1.last.embed(crystals), dim.embed(crystals))
        let r2 = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .donor(donor), config: zero, seed: SeedPath("tests", "b"))
        XCTAssertEqual(r2.last.embed(crystals), donor.embed(crystals))
        let r3 = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .random, config: zero, seed: SeedPath("tests", "b"))
        XCTAssertNotEqual(r3.last.embed(crystals), donor.embed(crystals))
    }

    func testSupervisedTrainingLearnsAndIsDeterministic() throws {
        let crystals = SyntheticCrystals.make(40, seed: "suplearn", maxPrim: 3)
        let y = crystals.map { c in Float(c.atomicNumbers.reduce(0, +)) / Float(c.primSize) * 0.05 }
        let cfg = SupervisedConfig(optimizer: AdamConfig(learningRate: 3e-3), siteBudget: 40, validationFraction: 0.1, maxEpochs: 8)
        let a = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .random, config: cfg, seed: SeedPath("tests", "s"))
        let b = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .random, config: cfg, seed: SeedPath("tests", "s"))
        XCTAssertEqual(a.last.predict(crystals), b.last.predict(crystals))
        XCTAssertEqual(a.curve, b.curve.map { var p = $0; p.seconds = a.curve[$0.epoch - 1].seconds; return p })
        XCTAssertLessThan(a.curve.last!.trainMSE, a.curve.first!.trainMSE)
        let bestMAE = a.curve.compactMap(\.validationMAE).min()!
        XCTAssertEqual(SupervisedTrainer.meanAbsoluteError(a.best, crystals: a.validationIndices.map { crystals[$0] }, targets: a.validationIndices.map { y[$0] }), bestMAE, accuracy: 1e-5)
        XCTAssertEqual(a.curve[a.bestEpoch - 1].validationMAE, bestMAE)
    }

    func testCheckpointsRoundTripAndRefuseOtherArchitectures() throws {
        let dir = try TestSupport.temporaryDirectory()
        let crystals = SyntheticCrystals.make(5, seed: "ckpt")
        let dim = DIMModel(seed: SeedPath("tests", "ckpt"))
        let u = dir.appendingPathComponent("dim.ckpt")
        try dim.save(to: u)
        XCTAssertEqual(try DIMModel.load(from: u).embed(crystals), dim.embed(crystals))
        let sup = SupervisedModel(seed: SeedPath("tests", "ckpt"))
        let v = dir.appendingPathComponent("sup.ckpt")
        try sup.save(to: v)
        XCTAssertEqual(try SupervisedModel.load(from: v).predict(crystals), sup.predict(crystals))
        XCTAssertThrowsError(try SupervisedModel.load(from: u)) { e in XCTAssertTrue("\(e)".contains("SiteNetDIM/v1"), "\(e)") }
        XCTAssertThrowsError(try DIMModel.load(from: v))
        let bytes = try Data(contentsOf: u)
        let t = dir.appendingPathComponent("trunc.ckpt")
        try bytes.prefix(bytes.count / 2).write(to: t)
        XCTAssertThrowsError(try DIMModel.load(from: t)) { e in XCTAssertTrue("\(e)".contains("truncated") && "\(e)".contains("trunc.ckpt"), "\(e)") }
        XCTAssertThrowsError(try DIMModel.load(from: dir.appendingPathComponent("missing.ckpt")))
    }

    func testConcurrentTrainingsMatchSequentialOnes() throws {
        let crystals = SyntheticCrystals.make(24, seed: "conc", maxPrim: 3)
        let config = DIMConfig(siteBudget: 30, validationFraction: 0.1, maxEpochs: 1, patience: nil)
        let seq = try (0..<2).map { try DIMTrainer.train(crystals: crystals, config: config, seed: SeedPath("conc", String($0))).model.snapshot() }
        let box = ResultBox(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            box.set(k, try? DIMTrainer.train(crystals: crystals, config: config, seed: SeedPath("conc", String(k))).model.snapshot())
        }
        XCTAssertEqual(box.values, seq.map { Optional($0) })
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [ParameterSnapshot?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ v: ParameterSnapshot?) { lock.lock(); values[k] = v; lock.unlock() }
}

