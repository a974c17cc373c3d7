import Plotting
import XCTest

final class TicksTests: XCTestCase {
    func testNiceStepIsSmallestNiceValueAtLeastRaw() {
        XCTAssertEqual(Ticks.niceStep(atLeast: 0.07), 0.1, accuracy: 1e-15)
        XCTAssertEqual(Ticks.niceStep(atLeast: 0.11), 0.2, accuracy: 1e-15)
        XCTAssertEqual(Ticks.niceStep(atLeast: 0.21), 0.25, accuracy: 1e-15)
        XCTAssertEqual(Ticks.niceStep(atLeast: 3), 5, accuracy: 1e-15)
        XCTAssertEqual(Ticks.niceStep(atLeast: 6), 10, accuracy: 1e-15)
        XCTAssertEqual(Ticks.niceStep(atLeast: 2000), 2000, accuracy: 1e-9)
    }

    func testLinearTicksAreMultiplesOfStepInsideInterval() {
        let t = Ticks.linear(lower: 0.31, upper: 0.92, maxCount: 7)
        XCTAssertEqual(t.map(\.label), ["0.4", "0.5", "0.6", "0.7", "0.8", "0.9"])
        XCTAssertTrue(t.allSatisfy { $0.value >= 0.31 && $0.value <= 0.92 })
        XCTAssertEqual(Ticks.linear(lower: -1, upper: 1, maxCount: 4).map(\.label), ["\u{2212}1.0", "\u{2212}0.5", "0", "0.5", "1.0"])
        XCTAssertEqual(Ticks.linear(lower: 0, upper: 125, maxCount: 5).map(\.label), ["0", "25", "50", "75", "100", "125"])
        XCTAssertEqual(Ticks.linear(lower: 0, upper: 1, maxCount: 4).map(\.label), ["0", "0.25", "0.50", "0.75", "1.00"])
    }

    func testLogTicksOverDecadesLabelPowersOfTen() {
        let t = Ticks.log(lower: 0.001, upper: 10, maxCount: 10)
        XCTAssertEqual(t.filter(\.isMajor).map(\.label), ["0.001", "0.01", "0.1", "1", "10"])
        XCTAssertTrue(t.contains { !$0.isMajor && abs($0.value - 0.02) < 1e-12 })
        let thinned = Ticks.log(lower: 1e-10, upper: 1e10, maxCount: 5)
        XCTAssertLessThanOrEqual(thinned.filter(\.isMajor).count, 5)
        XCTAssertTrue(thinned.filter(\.isMajor).map(\.label).contains("1e-10"))
    }

    func testLogCandidatesWithinADecadeUseOneTwoFive() {
        let c = Ticks.logCandidates(lower: 0.15, upper: 1.2)
        XCTAssertFalse(c.isEmpty)
        let labels = c.map { $0.filter(\.isMajor).map(\.label) }
        XCTAssertTrue(labels.contains(["0.2", "0.5", "1"]), "\(labels)")
        // Every candidate has at least two majors, densest first.
        XCTAssertTrue(c.allSatisfy { $0.filter(\.isMajor).count >= 2 })
        let counts = c.map { $0.filter(\.isMajor).count }
        XCTAssertEqual(counts, counts.sorted(by: >))
    }

    func testFormatNeverPrintsNegativeZero() {
        XCTAssertEqual(Ticks.format(-1e-17, step: 0.1), "0")
        XCTAssertEqual(Ticks.format(2.5, step: 2.5), "2.5")
        XCTAssertEqual(Ticks.formatPowerOfTen(-6), "1e-6")
    }
}

final class IntegerTicksTests: XCTestCase {
    func testIntegerTicksNeverUseFractionalSteps() {
        XCTAssertEqual(Ticks.linear(lower: 0.9, upper: 3.1, maxCount: 8, minimumStep: 1).map(\.label), ["1", "2", "3"])
        XCTAssertEqual(Ticks.linear(lower: 0.9, upper: 3.1, maxCount: 8).map(\.label), ["1.0", "1.5", "2.0", "2.5", "3.0"])
    }
}
