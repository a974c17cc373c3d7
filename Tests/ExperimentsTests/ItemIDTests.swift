import XCTest
@testable import Experiments

/// Item ids have one formatter and one parser, and they agree on every item of every plan.
final class ItemIDTests: XCTestCase {
    func testEveryPlanItemsIdIsItsKindsIdAndParsesBack() throws {
        for profile in [Profile.smoke, .quick, .default, .paper(eFormPath: "a", gapPath: "b")] {
            for item in TrialPlan(profile: profile).items {
                XCTAssertEqual(item.id, item.kind.itemID.description)
                XCTAssertEqual(try ItemID(parsing: item.id), item.kind.itemID, item.id)
                for input in item.inputs { XCTAssertNoThrow(try ItemID(parsing: input), input) }
            }
        }
    }

    func testForms() throws {
        XCTAssertEqual(ItemID.trial(experiment: "fig7", task: .eForm, labels: 50, arm: "sitenet-dim", trial: 3).description,
                       "fig7/e_form/n0050/sitenet-dim/t03")
        XCTAssertEqual(ItemID.tsne(structureSet: "shared", .dim, seed: 0).description, "tsne/shared/dim")
        XCTAssertEqual(ItemID.tsne(structureSet: "gap", .untrained, seed: 2).description, "tsne/gap/untrained/seed2")
        XCTAssertEqual(try ItemID(parsing: "dim/e_form/nosynthetic"), .dim(structureSet: "e_form", synthetic: false))
        XCTAssertEqual(try ItemID(parsing: "donor/gap"), .donor(.gap))
        XCTAssertEqual(try ItemID(parsing: "rep/shared/dim-nosynthetic"), .representation(structureSet: "shared", .dimNoSynthetic))
    }

    func testMalformedIdsAreRefusedWithTheTextQuoted() {
        for bad in ["", "datasets", "dim/shared/maybe", "donor/band_gap", "rep/shared/pca", "tsne/shared/dim/seed0",
                    "tsne/shared/dim/seed02", "tsne/shared/dim/7", "fig7/gap/n50/sitenet-dim/t03", "fig7/gap/n0050/sitenet-dim/t3",
                    "fig7/gap/n+050/sitenet-dim/t03", "fig7/zz/n0050/sitenet-dim/t03", "fig7//n0050/sitenet-dim/t03", "a/b/c/d/e/f"] {
            XCTAssertThrowsError(try ItemID(parsing: bad), bad) { e in
                XCTAssertTrue("\(e)".contains("'\(bad)'"), "\(e)")
            }
        }
    }
}
