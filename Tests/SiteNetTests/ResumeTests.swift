import Foundation
import Learning
import Randomness
@testable import SiteNet
import XCTest

/// An interrupted training run continues from its saved state and ends with the same bits as an
/// uninterrupted one; a state of another run is never continued; a damaged state is an error.
final class ResumeTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private struct Interrupted: Error {}

    private func dimConfig() -> DIMConfig {
        var c = DIMConfig(optimizer: AdamConfig(learningRate: 1e-3), siteBudget: 40, validationFraction: 0.1, maxEpochs: 4, patience: 2)
        c.probeRule = StoppingRule(maxEpochs: 8, patience: 4)
        return c
    }

    func testInterruptedDIMRunContinuesWithTheSameBits() throws {
        let crystals = SyntheticCrystals.make(40, seed: "resume-dim", maxPrim: 3)
        let seed = SeedPath("tests", "resume-dim")
        let whole = try DIMTrainer.train(crystals: crystals, config: dimConfig(), seed: seed)
        XCTAssertEqual(whole.resumedAfterEpoch, 0)
        for stopAt in [2, 6] { // before and after the main rule's ceiling (4): the saved state then holds its result
            let point = ResumePoint(url: directory.appendingPathComponent("dim-\(stopAt).state"), identity: "item-key", interval: 0)
            // A crash during epoch `stopAt`: the state of epoch stopAt − 1 is on disk.
            XCTAssertThrowsError(try DIMTrainer.train(crystals: crystals, config: dimConfig(), seed: seed, resume: point,
                                                      inspect: { p, _ in if p.epoch == stopAt { throw Interrupted() } }))
            let resumed = try DIMTrainer.train(crystals: crystals, config: dimConfig(), seed: seed, resume: point)
            XCTAssertEqual(resumed.resumedAfterEpoch, stopAt - 1)
            XCTAssertTrue(resumed.model.snapshot() == whole.model.snapshot(), "weights differ")
            XCTAssertTrue(resumed.lastModel.snapshot() == whole.lastModel.snapshot(), "weights differ")
            XCTAssertTrue(resumed.probe?.model.snapshot() == whole.probe?.model.snapshot(), "weights differ")
            XCTAssertEqual(resumed.probe?.epochs, whole.probe?.epochs)
            XCTAssertEqual(resumed.selectedEpoch, whole.selectedEpoch)
            XCTAssertEqual(resumed.stopReason, whole.stopReason)
            XCTAssertEqual(resumed.probeCurve.map(\.train), whole.probeCurve.map(\.train))
            XCTAssertEqual(resumed.probeCurve.map(\.validation), whole.probeCurve.map(\.validation))
        }
    }

    func testAStateOfAnotherRunIsNotContinued() throws {
        let crystals = SyntheticCrystals.make(40, seed: "resume-other", maxPrim: 3)
        let point = ResumePoint(url: directory.appendingPathComponent("dim.state"), identity: "item-key", interval: 0)
        XCTAssertThrowsError(try DIMTrainer.train(crystals: crystals, config: dimConfig(), seed: SeedPath("a"), resume: point,
                                                  inspect: { p, _ in if p.epoch == 3 { throw Interrupted() } }))
        // Another seed, another learning rate, another item identity: each trains from scratch.
        var other = dimConfig(); other.optimizer.learningRate = 2e-3
        for (config, seed, identity) in [(dimConfig(), SeedPath("b"), "item-key"), (other, SeedPath("a"), "item-key"),
                                         (dimConfig(), SeedPath("a"), "another-key")] {
            let fresh = try DIMTrainer.train(crystals: crystals, config: config, seed: seed)
            let r = try DIMTrainer.train(crystals: crystals, config: config, seed: seed,
                                         resume: ResumePoint(url: point.url, identity: identity, interval: 3600))
            XCTAssertEqual(r.resumedAfterEpoch, 0)
            XCTAssertTrue(r.model.snapshot() == fresh.model.snapshot(), "weights differ")
        }
    }

    func testADamagedStateIsAnErrorNamingTheFile() throws {
        let crystals = SyntheticCrystals.make(40, seed: "resume-damaged", maxPrim: 3)
        let point = ResumePoint(url: directory.appendingPathComponent("dim.state"), identity: "item-key", interval: 0)
        XCTAssertThrowsError(try DIMTrainer.train(crystals: crystals, config: dimConfig(), seed: SeedPath("a"), resume: point,
                                                  inspect: { p, _ in if p.epoch == 3 { throw Interrupted() } }))
        var bytes = try Data(contentsOf: point.url)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: point.url)
        XCTAssertThrowsError(try DIMTrainer.train(crystals: crystals, config: dimConfig(), seed: SeedPath("a"), resume: point)) { error in
            XCTAssertTrue(String(describing: error).contains(point.url.path), "\(error)")
            XCTAssertTrue(String(describing: error).contains("checksum"), "\(error)")
        }
    }

    func testInterruptedSupervisedRunContinuesWithTheSameBits() throws {
        let crystals = SyntheticCrystals.make(40, seed: "resume-sup", maxPrim: 3)
        let y = crystals.map { c in Float(c.atomicNumbers.reduce(0, +)) / Float(c.primSize) * 0.05 }
        var config = SupervisedConfig(optimizer: AdamConfig(learningRate: 3e-3), siteBudget: 40, validationFraction: 0.1, maxEpochs: 6, patience: 2)
        config.probeRule = StoppingRule(maxEpochs: 12, patience: 4)
        let seed = SeedPath("tests", "resume-sup")
        let whole = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .random, config: config, seed: seed)
        // Saving every epoch; a copy of the file taken during epoch k holds the state of epoch k − 1,
        // which is what a run killed during epoch k leaves behind.
        let point = ResumePoint(url: directory.appendingPathComponent("sup.state"), identity: "item-key", interval: 0)
        let copies = (2...whole.curve.count).map { directory.appendingPathComponent("after-\($0 - 1).state") }
        _ = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .random, config: config, seed: seed, resume: point) { p in
            if p.epoch >= 2 { try? FileManager.default.copyItem(at: point.url, to: copies[p.epoch - 2]) }
        }
        for copy in copies {
            let r = try SupervisedTrainer.train(crystals: crystals, targets: y, initialization: .random, config: config, seed: seed,
                                                resume: ResumePoint(url: copy, identity: "item-key", interval: 3600))
            XCTAssertTrue(r.main.last.snapshot() == whole.main.last.snapshot(), "weights differ resuming from " + copy.lastPathComponent)
            XCTAssertTrue(r.main.best.snapshot() == whole.main.best.snapshot(), "weights differ resuming from " + copy.lastPathComponent)
            XCTAssertEqual(r.main.bestEpoch, whole.main.bestEpoch)
            XCTAssertTrue(r.probe?.last.snapshot() == whole.probe?.last.snapshot(), "weights differ resuming from " + copy.lastPathComponent)
            XCTAssertEqual(r.probe?.epochs, whole.probe?.epochs)
            XCTAssertEqual(r.curve.map(\.validationMAE), whole.curve.map(\.validationMAE))
            XCTAssertEqual(r.curve.map(\.trainMSE), whole.curve.map(\.trainMSE))
        }
    }
}
