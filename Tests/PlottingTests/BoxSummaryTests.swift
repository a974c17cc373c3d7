import Plotting
import XCTest

final class BoxSummaryTests: XCTestCase {
    /// numpy: np.quantile([1,2,3,4,10], [.25,.5,.75]) = [2, 3, 4] ; np.quantile([1,2,3,4], .25) = 1.75.
    func testQuantilesMatchNumpyLinear() {
        XCTAssertEqual(BoxSummary.quantile(sorted: [1, 2, 3, 4], 0.25), 1.75, accuracy: 1e-15)
        XCTAssertEqual(BoxSummary.quantile(sorted: [1, 2, 3, 4], 0.5), 2.5, accuracy: 1e-15)
        XCTAssertEqual(BoxSummary.quantile(sorted: [7], 0.75), 7)
        let s = BoxSummary(values: [10, 1, 3, 2, 4], rule: .minMax)!
        XCTAssertEqual([s.lowerWhisker, s.q1, s.median, s.q3, s.upperWhisker], [1, 2, 3, 4, 10])
    }

    func testTukeyWhiskersStopAtLastValueInsideFence() {
        // Q1 = 2, Q3 = 4, IQR = 2, fences [-1, 7]: 10 is outside, so the upper whisker is 4.
        let s = BoxSummary(values: [1, 2, 3, 4, 10], rule: .tukey(factor: 1.5))!
        XCTAssertEqual(s.upperWhisker, 4)
        XCTAssertEqual(s.lowerWhisker, 1)
    }

    func testNonFiniteValuesAreIgnoredAndEmptyGivesNil() {
        XCTAssertNil(BoxSummary(values: [.nan], rule: .minMax))
        XCTAssertEqual(BoxSummary(values: [1, .nan, 3], rule: .minMax)?.median, 2)
    }

    func testJitterIsDeterministicAndBounded() {
        let a = (0..<50).map(boxJitter), b = (0..<50).map(boxJitter)
        XCTAssertEqual(a, b)
        XCTAssertTrue(a.allSatisfy { $0 >= -1 && $0 <= 1 })
        XCTAssertEqual(Set(a.map { ($0 * 1e6).rounded() }).count, 50, "offsets should all differ")
    }

    func testScatterDrawOrderPutsMinorityLast() {
        let s = ScatterPlot(x: [0, 1, 2, 3, 4], y: [0, 0, 0, 0, 0],
                            coloring: .categorical(classes: [1, 0, 0, 1, 0], names: ["a", "b"], colors: [.black, .red]))
        XCTAssertEqual(s.drawOrder, [1, 2, 4, 0, 3])
    }

    func testViridisEndpointsAndClamping() {
        let v = ColorMap.viridis
        XCTAssertEqual(v.color(at: 0).hexString, "#440154")
        XCTAssertEqual(v.color(at: 1).hexString, "#fde725")
        XCTAssertEqual(v.color(at: -3), v.color(at: 0))
        XCTAssertEqual(v.color(at: .nan), Palette.grey)
    }
}

final class BoxReferenceTests: XCTestCase {
    func testFarReferencesDoNotStretchTheAxisButLeaveRoomForTheEdgeMarker() {
        let near = Box(label: "a", color: .black, values: [1, 2, 3], reference: 3.5)
        let far = Box(label: "b", color: .black, values: [1, 2, 3], reference: 9)
        let p = BoxPlot(boxes: [near, far], referenceReach: 1)
        // Span 2: reach up to 5; 9 is out of reach, so the axis gets 3 + 0.25·2 = 3.5 instead.
        XCTAssertEqual(p.referenceExtents, [3.5, 3.5])
        XCTAssertTrue(p.hasReferencesOutOfReach)
        var all = p; all.referenceReach = nil
        XCTAssertEqual(all.referenceExtents, [3.5, 9])
        XCTAssertFalse(all.hasReferencesOutOfReach)
    }
}
