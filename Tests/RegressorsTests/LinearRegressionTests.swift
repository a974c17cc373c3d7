import XCTest
import TestSupport
@testable import Regressors

/// Least squares against scikit-learn `LinearRegression` (fixture: least_squares.json).
final class LinearRegressionTests: XCTestCase {
    func testMatchesScikitLearnOnFullRankRankDeficientAndUnderdeterminedProblems() throws {
        let problems = try XCTUnwrap(loadFixture("least_squares") as? [[String: Any]])
        XCTAssertEqual(problems.count, 3)
        for p in problems {
            let name = p["name"] as? String ?? "?"
            var model = LinearRegression()
            try model.fit(matrix(p["x"]), doubles(p["y"]))
            let coef = try doubles(p["coef"])
            let scale = coef.map(abs).max() ?? 1
            XCTAssertEqual(model.coefficients.count, coef.count, name)
            for (a, b) in zip(model.coefficients, coef) {
                XCTAssertTrue(TestSupport.isClose(a, b, relative: 1e-4, absolute: 1e-9 * scale), "\(name): coef \(a) vs \(b)")
            }
            let intercept = try XCTUnwrap((p["intercept"] as? NSNumber)?.doubleValue)
            XCTAssertTrue(TestSupport.isClose(model.intercept, intercept, relative: 1e-4, absolute: 1e-9), "\(name): intercept")
            XCTAssertEqual(model.rank, (p["rank"] as? NSNumber)?.intValue, name)
            let predicted = try model.predict(matrix(p["x_test"]))
            for (a, b) in zip(predicted, try doubles(p["predictions"])) {
                XCTAssertTrue(TestSupport.isClose(a, b, relative: 1e-4, absolute: 1e-9), "\(name): prediction \(a) vs \(b)")
            }
        }
    }

    func testExactLineIsRecovered() throws {
        var model = LinearRegression()
        let x: [[Double]] = [[0, 1], [1, 0], [2, 2], [3, 5]]
        let y = x.map { 2 * $0[0] - 0.5 * $0[1] + 3 }
        try model.fit(x, y)
        XCTAssertEqual(model.coefficients[0], 2, accuracy: 1e-12)
        XCTAssertEqual(model.coefficients[1], -0.5, accuracy: 1e-12)
        XCTAssertEqual(model.intercept, 3, accuracy: 1e-12)
    }

    func testBadInputGivesTypedErrors() throws {
        var model = LinearRegression()
        XCTAssertThrowsError(try model.fit([[1, 2], [3, .nan]], [1, 2])) {
            XCTAssertEqual($0 as? RegressorError, .nonFiniteFeature(row: 1, column: 1))
        }
        XCTAssertThrowsError(try model.fit([[1, 2], [3]], [1, 2])) {
            XCTAssertEqual($0 as? RegressorError, .raggedRows(row: 1, expected: 2, found: 1))
        }
        XCTAssertThrowsError(try model.fit([[1, 2], [3, 4]], [1])) {
            XCTAssertEqual($0 as? RegressorError, .shapeMismatch(rows: 2, targets: 1))
        }
        XCTAssertThrowsError(try model.fit([[1, 2], [3, 4]], [1, .infinity])) {
            XCTAssertEqual($0 as? RegressorError, .nonFiniteTarget(row: 1))
        }
        XCTAssertThrowsError(try model.predict([[1, 2]])) { XCTAssertEqual($0 as? RegressorError, .notFitted) }
        try model.fit([[1, 2], [3, 4], [0, 1]], [1, 2, 3])
        XCTAssertThrowsError(try model.predict([[1, 2, 3]])) {
            XCTAssertEqual($0 as? RegressorError, .featureCountMismatch(expected: 2, found: 3))
        }
    }

    func testMeanAbsoluteError() throws {
        XCTAssertEqual(try meanAbsoluteError([1, 2, 3], [1.5, 2, 1]), 2.5 / 3, accuracy: 1e-15)
        XCTAssertThrowsError(try meanAbsoluteError([1], [1, 2]))
    }
}
