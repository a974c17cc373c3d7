import XCTest
@testable import Reporting

/// The t-SNE-map comparison repeated over the maps of every t-SNE seed.
final class TSNESeedSpreadTests: XCTestCase {
    /// The synthetic maps, and a repeat of each with other coordinates (seed 1).
    private func documentWithRepeats() -> ResultsDocument {
        var doc = SyntheticResults.make()
        doc.tsneReplicates = doc.tsneMaps.map { m in
            var r = m
            r.seed = 1
            // The same structures, the coordinates mirrored and the untrained map's shifted:
            // the neighbour graphs of the DIM map are unchanged, those of the untrained map too.
            r.x = m.x.map { -$0 }
            return r
        }
        return doc
    }

    func testOneComparisonPerTaskAndSeedAndSeedZeroIsTheFiguresComparison() throws {
        let doc = documentWithRepeats()
        let a = ResultsAnalyzer.analyze(doc, sensitivity: false)
        let seeds = try XCTUnwrap(a.tsneSeedComparisons)
        XCTAssertEqual(Set(seeds.map { "\($0.task)/\($0.space ?? "")" }),
                       ["e_form/t-SNE seed 0", "e_form/t-SNE seed 1", "gap/t-SNE seed 0", "gap/t-SNE seed 1"])
        for task in ["e_form", "gap"] {
            let figure = try XCTUnwrap(a.neighbourComparisons.first { $0.task == task })
            let zero = try XCTUnwrap(seeds.first { $0.task == task && $0.space == "t-SNE seed 0" })
            let one = try XCTUnwrap(seeds.first { $0.task == task && $0.space == "t-SNE seed 1" })
            XCTAssertEqual(zero.metalHalogenFractionChange, figure.metalHalogenFractionChange)
            XCTAssertEqual(zero.correlationChange, figure.correlationChange)
            // Mirroring a map keeps every distance, so the neighbourhood numbers are the same.
            XCTAssertEqual(one.metalHalogenFractionChange, zero.metalHalogenFractionChange)
            XCTAssertEqual(one.metalHalogenFractionTrained, zero.metalHalogenFractionTrained)
        }
    }

    func testRepeatsThatMoveTheMapChangeTheNumbersAndTheReportShowsTheSpread() throws {
        var doc = documentWithRepeats()
        // Scatter the DIM repeat of e_form uniformly: its metal–halogen cluster is gone.
        let i = try XCTUnwrap(doc.tsneReplicates?.firstIndex { $0.task == "e_form" && $0.representation == "dim" })
        doc.tsneReplicates![i].x = doc.tsneReplicates![i].x.indices.map { Double(($0 * 37) % 160) }
        doc.tsneReplicates![i].y = doc.tsneReplicates![i].y.indices.map { Double(($0 * 91) % 157) }
        let a = ResultsAnalyzer.analyze(doc, sensitivity: false)
        let seeds = try XCTUnwrap(a.tsneSeedComparisons).filter { $0.task == "e_form" }
        XCTAssertGreaterThan(seeds[0].metalHalogenFractionChange, seeds[1].metalHalogenFractionChange + 0.1)
        let md = MarkdownReport(document: doc, analysis: a, figures: [], figureBlock: { _, _ in "" }, mode: .ink).render()
        XCTAssertTrue(md.contains("### The t-SNE maps over 2 seeds"))
        XCTAssertTrue(md.contains("over 2 seeds the map-based clustering change spans"))
    }

    func testOneSeedAddsNothing() {
        let a = ResultsAnalyzer.analyze(SyntheticResults.make(), sensitivity: false)
        XCTAssertNil(a.tsneSeedComparisons)
    }
}
