import Foundation
import Plotting
import TestSupport
import XCTest

/// Writes the sample figures to `PLOT_DEMO_DIR` when set (for looking at them); otherwise skipped.
final class RenderDemoTests: XCTestCase {
    func testWriteDemoFigures() throws {
        guard let dir = ProcessInfo.processInfo.environment["PLOT_DEMO_DIR"] else {
            throw XCTSkip("set PLOT_DEMO_DIR to write the sample figures for inspection")
        }
        for f in SampleFigures.all { try FigureWriter.write(f, to: URL(fileURLWithPath: dir)) }
    }
}
