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
