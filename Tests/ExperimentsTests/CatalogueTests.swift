import XCTest
@testable import Experiments
import Reporting

final class CatalogueTests: XCTestCase {
    func testEveryFigureAndClaimIsCatalogued() {
        XCTAssertEqual(ExperimentCatalogue.figures.map(\.id), ["fig6", "fig7", "fig8", "fig9", "fig10", "fig11", "fig12"])
        XCTAssertEqual(ExperimentCatalogue.claims.map(\.id), (1...17).map { "C\($0)" })
        // Every claim is decided by exactly the figure it names.
        for c in ExperimentCatalogue.claims {
            XCTAssertEqual(ExperimentCatalogue.figure(c.figure)?.claims.contains(c.id), true, c.id)
        }
        XCTAssertEqual(ExperimentCatalogue.regressorTrials, [50: 100, 100: 100, 250: 100, 1000: 25])
        XCTAssertEqual(ExperimentCatalogue.siteNetTrials, [50: 12, 100: 12, 250: 12, 1000: 12])
    }

    /// The box-plot figures the catalogue runs and those the analysis compares are the same list,
    /// with the same authors' trial counts, and what a figure reuses is what its pairs read.
    func testComparedFiguresAgreeWithTheCatalogue() {
        let boxes = ExperimentCatalogue.figures.filter { $0.kind == .trialBoxes || $0.kind == .crossExperiment }
        XCTAssertEqual(boxes.map(\.id), ComparedFigures.all.map(\.id))
        for f in ComparedFigures.all {
            let spec = ExperimentCatalogue.figure(f.id)!
            XCTAssertEqual(spec.title, f.title, f.id)
            XCTAssertEqual(f.runsTrials, spec.kind == .trialBoxes, f.id)
            XCTAssertEqual(f.authorsTrials ?? [:], spec.trialsPerBox, f.id)
            for p in f.pairs {
                // Arms of the figure's own experiment are arms it runs.
                if p.aIn.contains(f.id) { XCTAssertTrue(spec.arms.contains(p.a), "\(f.id): \(p.a)") }
                if p.bIn.contains(f.id) && p.bIn.count == 1 { XCTAssertTrue(spec.arms.contains(p.b), "\(f.id): \(p.b)") }
            }
        }
        XCTAssertEqual(Set(ExperimentCatalogue.figure("fig12")!.reusedArms),
                       Set([ArmID.linearUntrained, ArmID.linearDIM, ArmID.mlpUntrained, ArmID.mlpDIM].map { ArmReference("fig8", $0) }))
        XCTAssertEqual(Set(ExperimentCatalogue.figure("fig11")!.reusedArms),
                       Set([ArmReference("fig7", ArmID.random), ArmReference("fig7", ArmID.dim),
                            ArmReference("fig8", ArmID.mlpUntrained), ArmReference("fig8", ArmID.mlpDIM)]))
        XCTAssertEqual(ExperimentCatalogue.figure("fig7")!.reusedArms, [])
        XCTAssertEqual(PaperDesign.trialsPerBox(experiment: "fig12", labels: 1000), 25)
        XCTAssertNil(PaperDesign.trialsPerBox(experiment: "fig11", labels: 50))
    }
}

final class ResourceTests: XCTestCase {
    func testFoldIDsResourceIsBundled() throws {
        let url = try XCTUnwrap(ExperimentResources.matbenchFold0TestIDs)
        XCTAssertGreaterThan(try Data(contentsOf: url).count, 100_000)
    }

    func testMatbenchPathsDoNotEnterKeys() {
        let a = ItemSettings.of(.dataset, profile: .paper(eFormPath: "/x/e.json.gz", gapPath: "/x/g.json.gz"))
        let b = ItemSettings.of(.dataset, profile: .paper(eFormPath: "/y/e.json.gz", gapPath: "/y/g.json.gz"))
        XCTAssertEqual(a, b)
    }
}
