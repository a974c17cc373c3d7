import XCTest
@testable import Experiments
import Reporting

/// The plan prices its items in one-core seconds from measured unit costs.
final class UnitCostsTests: XCTestCase {
    /// Round numbers, so every expected cost below can be worked out by hand.
    private let units = UnitCosts(
        machine: "test", datasetSecondsPerRecord: 0.001, dimStepSecondsPerCrystal: 0.01, dimNoSyntheticFraction: 0.5,
        supervisedStepSecondsPerCrystal: 0.002, inferenceSecondsPerCrystal: 0.0005, ofmSecondsPerStructure: 0.004,
        xrdSecondsPerStructure: 0.002,
        mlpFitSeconds: [.init(width: 64, labels: 1000, seconds: 0.2), .init(width: 64, labels: 50, seconds: 0.01),
                        .init(width: 128, labels: 1000, seconds: 0.4), .init(width: 1521, labels: 1000, seconds: 1.0)],
        linearFitSeconds: [.init(width: 64, labels: 1000, seconds: 0.01)],
        tsne20kSecondsPerplexity30: 60, tsne20kSecondsPerplexity1000: 157)

    func testRegressorFitsInterpolateInLabelsAndWidth() {
        XCTAssertEqual(units.mlpFit(labels: 1000, width: 64), 0.2, accuracy: 1e-12)
        XCTAssertEqual(units.mlpFit(labels: 50, width: 64), 0.01, accuracy: 1e-12)
        XCTAssertEqual(units.mlpFit(labels: 525, width: 64), 0.105, accuracy: 1e-12)      // halfway between 50 and 1000
        XCTAssertEqual(units.mlpFit(labels: 10, width: 64), 0.01, accuracy: 1e-12)        // below the smallest count: its time
        XCTAssertEqual(units.mlpFit(labels: 2000, width: 64), 0.4, accuracy: 1e-12)       // beyond the largest: proportional
        XCTAssertEqual(units.mlpFit(labels: 1000, width: 96), 0.3, accuracy: 1e-12)       // halfway between 64 and 128
        XCTAssertEqual(units.mlpFit(labels: 500, width: 128), 0.4, accuracy: 1e-12)       // one point: its time below it
        XCTAssertEqual(units.mlpFit(labels: 1000, width: 4000), 1.0, accuracy: 1e-12)     // constant beyond the last width
        XCTAssertEqual(units.mlpFit(labels: 1000, width: 8), 0.2, accuracy: 1e-12)
        XCTAssertEqual(units.linearFit(labels: 3000, width: 1521), 0.03, accuracy: 1e-12)
    }

    func testTSNEModelReproducesItsTwoMeasurements() {
        XCTAssertEqual(units.tsne(points: 20_000, perplexity: 30, iterations: 1000), 60, accuracy: 1e-9)
        XCTAssertEqual(units.tsne(points: 20_000, perplexity: 1000, iterations: 1000), 157, accuracy: 1e-9)
        // Half the iterations, half the time; fewer points, less than proportionally more per point.
        XCTAssertEqual(units.tsne(points: 20_000, perplexity: 30, iterations: 500), 30, accuracy: 1e-9)
        XCTAssertLessThan(units.tsne(points: 2_000, perplexity: 30, iterations: 1000), 6)
    }

    func testPlanItemsCostTheirUnitOperations() throws {
        let p = Profile.smoke
        let plan = TrialPlan(profile: p, costs: units, epochs: .ceiling)
        let records = Double(p.data.maxStructures!)
        let train = records * (1 - p.data.testFraction), test = records * p.data.testFraction
        func cost(_ id: String) throws -> Double { try XCTUnwrap(plan.item(id)).estimatedCost }
        XCTAssertEqual(try cost("dataset"), records * 0.001, accuracy: 1e-9)
        // The smoke DIM budget (2 epochs, probed at 2×): 4 epochs of steps, then the downstream check.
        let dimEpochs = Double(p.budgetProbe!.longer(p.dim).maxEpochs)
        let check = 2 * (train * 0.0005 + 5 * 2 * DownstreamCheck.probeLabelCounts(p.labelCounts).reduce(0.0) {
            $0 + units.linearFit(labels: $1, width: 64) + units.mlpFit(labels: $1, width: 64)
        })
        XCTAssertEqual(try cost("dim/shared/synthetic"), dimEpochs * train * 0.01 + check, accuracy: 1e-9)
        XCTAssertEqual(try cost("dim/shared/nosynthetic"), dimEpochs * train * 0.005 + check, accuracy: 1e-9)
        XCTAssertEqual(try cost("rep/shared/ofm"), records * 0.004, accuracy: 1e-9)
        let n = p.labelCounts[0]
        let trial = ItemID.trial(experiment: "fig7", task: .gap, labels: n, arm: ArmID.random, trial: 1).description
        XCTAssertEqual(try cost(trial), Double(p.supervised.epochs(trainingOn: n) * n) * 0.002 + test * 0.0005, accuracy: 1e-9)
        let fit = ItemID.trial(experiment: "fig8", task: .gap, labels: n, arm: ArmID.mlpXRD, trial: 0).description
        XCTAssertEqual(try cost(fit), units.mlpFit(labels: n, width: 128), accuracy: 1e-12)
    }

    func testCeilingBoundsTheExpectedEpochs() {
        for profile in [Profile.default, .paper(eFormPath: "a", gapPath: "b")] {
            let expected = TrialPlan(profile: profile, costs: units, epochs: .expected)
            let ceiling = TrialPlan(profile: profile, costs: units, epochs: .ceiling)
            XCTAssertEqual(expected.items.map(\.id), ceiling.items.map(\.id))
            for (e, c) in zip(expected.items, ceiling.items) { XCTAssertLessThanOrEqual(e.estimatedCost, c.estimatedCost + 1e-9, e.id) }
            XCTAssertLessThan(expected.items.reduce(0) { $0 + $1.estimatedCost }, ceiling.items.reduce(0) { $0 + $1.estimatedCost })
        }
    }

    func testUnitCostFilesRoundTripAndBadFilesNameTheFileAndTheProblem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unitcosts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("node.json")
        try JSONEncoder().encode(UnitCosts.reference).write(to: good)
        XCTAssertEqual(try UnitCosts.load(good), .reference)
        let bad = dir.appendingPathComponent("bad.json")
        try Data(#"{"machine": "x"}"#.utf8).write(to: bad)
        XCTAssertThrowsError(try UnitCosts.load(bad)) { e in
            XCTAssertTrue("\(e)".contains("bad.json") && "\(e)".contains("missing key"), "\(e)")
        }
        XCTAssertThrowsError(try UnitCosts.load(dir.appendingPathComponent("absent.json"))) { e in
            XCTAssertTrue("\(e)".contains("absent.json"), "\(e)")
        }
    }
}
