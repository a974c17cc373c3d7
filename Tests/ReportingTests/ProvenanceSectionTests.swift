@testable import Reporting
import XCTest

/// The provenance section's stage table: the seconds the store recorded per stage and the number
/// of items, with no column that is always zero.
final class ProvenanceSectionTests: XCTestCase {
    func testStageTableShowsRecordedSecondsAndItems() {
        var doc = SyntheticResults.make()
        doc.provenance.stageSeconds = [StageTiming(stage: "dataset", seconds: 2.93, computed: 1, reused: 0),
                                       StageTiming(stage: "DIM regressors, t-SNE", seconds: 228.12, computed: 2605, reused: 0)]
        var settings = AnalysisSettings(); settings.bootstrapResamples = 200
        let md = MarkdownReport(document: doc, analysis: ResultsAnalyzer.analyze(doc, settings: settings), figures: [],
                                figureBlock: { _, _ in "" }, mode: .commonMark).render()
        XCTAssertTrue(md.contains("| stage | compute seconds | items |\n|---|---|---|\n| dataset | 2.9 | 1 |\n| DIM regressors, t-SNE | 228.1 | 2605 |"), md)
        XCTAssertTrue(md.contains("Wall-clock seconds that the result store recorded for each work item when it was computed"), md)
        XCTAssertFalse(md.contains("items reused"), md)
    }
}
