import Foundation
import Plotting
import XCTest
@testable import Reporting

/// Figs 8 and 12 switch a panel to a log MAE axis when its range exceeds 10 × its median.
final class FigureReadabilityTests: XCTestCase {
    func testLogAxisRule() {
        XCTAssertFalse(BoxFigureBuilder.needsLogAxis([0.4, 0.5, 0.6, 1.2], ratio: 10))
        XCTAssertTrue(BoxFigureBuilder.needsLogAxis([0.4, 0.5, 0.6, 0.5, 9, 26], ratio: 10))
        XCTAssertFalse(BoxFigureBuilder.needsLogAxis([-1, 0.5, 30], ratio: 10), "log needs positive values")
    }

    func testOutliersStretchingAPanelGiveItALogAxis() throws {
        var doc = FigureSyntheticResults.document(failures: false, tsnePoints: 50)
        // Linear-model outliers at 50 labels (as seen with few labels): up to ~40 × the median.
        for i in doc.trials.indices where doc.trials[i].experiment == "fig8" && doc.trials[i].task == "e_form"
            && doc.trials[i].nLabels == 50 && doc.trials[i].arm == ArmID.linearUntrained && doc.trials[i].trial < 3 {
            doc.trials[i].mae = [9.0, 16.0, 26.0][doc.trials[i].trial]
        }
        let built = try PaperFigures.build(doc)
        let fig8 = try XCTUnwrap(built.first { $0.figure.name == "fig8" })
        let logTitles = fig8.figure.panels.compactMap { $0 }.filter { $0.xAxis.scale == .log }.map(\.title)
        XCTAssertEqual(logTitles, ["50 labels (log axis)"])
        XCTAssertTrue(fig8.caption.contains("logarithmic MAE axis"), fig8.caption)
        XCTAssertTrue(fig8.caption.contains("Formation energy, 50 labels"), fig8.caption)
        let fig11 = try XCTUnwrap(built.first { $0.figure.name == "fig11" })
        XCTAssertFalse(fig11.caption.contains("independently"), "fig 11's arms share label subsets")
        XCTAssertTrue(fig11.caption.contains("pairs"), fig11.caption)
    }
}
