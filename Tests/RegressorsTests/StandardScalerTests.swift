import XCTest
import TestSupport
@testable import Regressors

/// StandardScaler against scikit-learn (fixture: scaler.json; has a constant column and a column
/// with a huge offset).
final class StandardScalerTests: XCTestCase {
    func testMatchesScikitLearn() throws {
        let f = try XCTUnwrap(loadFixture("scaler") as? [String: Any])
        var s = StandardScaler()
        try s.fit(matrix(f["x"]))
        for (a, b) in zip(s.mean, try doubles(f["mean"])) { XCTAssertTrue(TestSupport.isClose(a, b, relative: 1e-12), "mean \(a) vs \(b)") }
        for (a, b) in zip(s.scale, try doubles(f["scale"])) { XCTAssertTrue(TestSupport.isClose(a, b, relative: 1e-9), "scale \(a) vs \(b)") }
        XCTAssertEqual(s.scale[1], 1, "a constant feature gets scale 1")
        let t = try s.transform(matrix(f["x_test"]))
        for (ra, rb) in zip(t, try matrix(f["transformed_test"])) {
            for (a, b) in zip(ra, rb) { XCTAssertTrue(TestSupport.isClose(a, b, relative: 1e-7, absolute: 1e-9), "\(a) vs \(b)") }
        }
    }

    func testPopulationStandardDeviation() throws {
        var s = StandardScaler()
        try s.fit([[1], [3]])
        XCTAssertEqual(s.mean, [2]); XCTAssertEqual(s.scale, [1], "ddof 0: √(((1−2)² + (3−2)²)/2) = 1")
        XCTAssertEqual(try s.transform([[5]]), [[3]])
        XCTAssertThrowsError(try StandardScaler().transform([[1]])) { XCTAssertEqual($0 as? RegressorError, .notFitted) }
        XCTAssertThrowsError(try s.transform([[1, 2]]))
    }
}
