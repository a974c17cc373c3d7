import Featurizers
import Learning
import Randomness
@testable import SiteNet
import XCTest

/// Nested stopping rules: the longer rule's result is the same run continued, bit for bit equal to
/// a run under that rule alone, and the shorter rule's result is unchanged by watching the longer one.
final class StoppingRuleTests: XCTestCase {
    func testTrackerFiresByPatienceAndByCeiling() {
        var t = StoppingTracker([StoppingRule(maxEpochs: 10, patience: 2), StoppingRule(maxEpochs: 10, patience: 4)])
        let values: [Double] = [5, 4, 4.5, 4.2, 3.9, 4.0, 4.1, 4.3, 4.4, 4.5]
        var fired: [(epoch: Int, rule: Int)] = []
        for (i, v) in values.enumerated() {
            let r = t.record(epoch: i + 1, criterion: v)
            for k in r.fired { fired.append((i + 1, k)) }
            if t.finished { break }
        }
        // Best 4 at epoch 2, beaten at epoch 5 (3.9) only after rule 0's patience of 2 ran out at epoch 4.
        XCTAssertEqual(fired.map(\.epoch), [4, 9])
        XCTAssertEqual(t.stops[0]?.reason, .patience); XCTAssertEqual(t.stops[0]?.bestEpoch, 2)
        XCTAssertEqual(t.stops[1]?.reason, .patience); XCTAssertEqual(t.stops[1]?.bestEpoch, 5)
        var c = StoppingTracker([StoppingRule(maxEpochs: 3, patience: 5)])
        for e in 1...3 { _ = c.record(epoch: e, criterion: Double(10 - e)) }
        XCTAssertEqual(c.stops[0]?.reason, .maxEpochs)
        // Without a criterion only the ceiling applies, and the last epoch is the best.
        var n = StoppingTracker([StoppingRule(maxEpochs: 2, patience: 1)])
        _ = n.record(epoch: 1, criterion: nil); _ = n.record(epoch: 2, criterion: nil)
        XCTAssertEqual(n.stops[0]?.reason, .maxEpochs); XCTAssertEqual(n.stops[0]?.bestEpoch, 2)
    }

    func testMinimumRelativeImprovement() {
        // A loss creeping down by 0.3 % per epoch: any decrease counts under the plain rule, so it
        // never fires; with a 1 % minimum the creep does not count and patience 3 fires at epoch 4.
        let values = (0..<20).map { 2.0 * pow(0.997, Double($0)) }
        var plain = StoppingTracker([StoppingRule(maxEpochs: 20, patience: 3)])
        var relative = StoppingTracker([StoppingRule(maxEpochs: 20, patience: 3, minRelativeImprovement: 0.01)])
        for (i, v) in values.enumerated() { _ = plain.record(epoch: i + 1, criterion: v); _ = relative.record(epoch: i + 1, criterion: v) }
        XCTAssertEqual(plain.stops[0]?.reason, .maxEpochs)
        XCTAssertEqual(relative.stops[0]?.epoch, 4); XCTAssertEqual(relative.stops[0]?.reason, .patience)
        XCTAssertEqual(relative.stops[0]?.bestEpoch, 1)
        // A drop of 1.5 % counts and resets the patience; the best value is the one that counted.
        var r = StoppingTracker([StoppingRule(maxEpochs: 20, patience: 2, minRelativeImprovement: 0.01)])
        for (i, v) in [2.0, 1.99, 1.97, 1.96, 1.955].enumerated() { _ = r.record(epoch: i + 1, criterion: v) }
        XCTAssertEqual(r.best, 1.97); XCTAssertEqual(r.bestEpoch, 3); XCTAssertEqual(r.stops[0]?.epoch, 5)
        // Scaling keeps the minimum.
        XCTAssertEqual(StoppingRule(maxEpochs: 5, patience: 2, minRelativeImprovement: 0.02).scaled(by: 2).minRelativeImprovement, 0.02)
    }

    func testSupervisedProbeIsTheSameRunContinued() throws {
        let crystals = SyntheticCrystals.make(40, seed: "probe", maxPrim: 3)
        let y = crystals.map { c in Float(c.atomicNumbers.reduce(0, +)) / Float(c.primSize) * 0.05 }
        let short = SupervisedConfig(optimizer: AdamConfig(learningRate: 3e-3), siteBudget: 40, validationFraction: 0.1, maxEpochs: 4, patience: 2)
        var both = short; both.probeRule = StoppingRule(maxEpochs: 8, patience: 4)
        let long = SupervisedConfig(optimizer: AdamConfig(learningRate: 3e-3), siteBudget: 40, validationFraction: 0.1, maxEpochs: 8, patience: 4)
        let seed = SeedPath("tests", "probe")
        let a = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .random, config: short, seed: seed)
        let b = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .random, config: both, seed: seed)
        let c = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .random, config: long, seed: seed)
        XCTAssertEqual(a.last.snapshot(), b.main.last.snapshot())
        XCTAssertEqual(a.best.snapshot(), b.main.best.snapshot())
        XCTAssertEqual(a.main.epochs, b.main.epochs)
        let p = try XCTUnwrap(b.probe)
        XCTAssertEqual(p.last.snapshot(), c.last.snapshot())
        XCTAssertEqual(p.best.snapshot(), c.best.snapshot())
        XCTAssertEqual(p.epochs, c.main.epochs)
        XCTAssertGreaterThanOrEqual(p.epochs, b.main.epochs)
        XCTAssertEqual(b.curve.count, p.epochs)
    }

    func testDIMProbeIsTheSameRunContinued() throws {
        let crystals = SyntheticCrystals.make(40, seed: "dimprobe", maxPrim: 3)
        let short = DIMConfig(optimizer: AdamConfig(learningRate: 1e-3), siteBudget: 40, validationFraction: 0.1, maxEpochs: 2, patience: nil)
        var both = short; both.probeRule = StoppingRule(maxEpochs: 4, patience: nil)
        let long = DIMConfig(optimizer: AdamConfig(learningRate: 1e-3), siteBudget: 40, validationFraction: 0.1, maxEpochs: 4, patience: nil)
        let seed = SeedPath("tests", "dimprobe")
        let a = try DIMTrainer.train(crystals: crystals, config: short, seed: seed)
        let b = try DIMTrainer.train(crystals: crystals, config: both, seed: seed)
        let c = try DIMTrainer.train(crystals: crystals, config: long, seed: seed)
        XCTAssertEqual(a.model.snapshot(), b.model.snapshot())
        XCTAssertEqual(a.lastModel.snapshot(), b.lastModel.snapshot())
        XCTAssertEqual(a.curve.map(\.validation), b.curve.map(\.validation))
        let p = try XCTUnwrap(b.probe)
        XCTAssertEqual(p.model.snapshot(), c.model.snapshot())
        XCTAssertEqual(p.epochs, 4); XCTAssertEqual(b.probeCurve.count, 4); XCTAssertEqual(b.curve.count, 2)
    }
}
