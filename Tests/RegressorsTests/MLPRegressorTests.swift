import XCTest
import Randomness
import TestSupport
@testable import Regressors

/// MLPRegressor against scikit-learn's MLPRegressor on a fixed 64-d problem (fixture mlp.json:
/// test MAE and n_iter_ over 16 random_states at n = 250 and 1000), plus determinism and errors.
final class MLPRegressorTests: XCTestCase {
    struct Problem { let x: [[Double]]; let y: [Double]; let xTest: [[Double]]; let yTest: [Double]; let runs: [[String: Any]] }

    func problem() throws -> Problem {
        let f = try XCTUnwrap(loadFixture("mlp") as? [String: Any])
        return try Problem(x: matrix(f["x"]), y: doubles(f["y"]), xTest: matrix(f["x_test"]), yTest: doubles(f["y_test"]),
                           runs: XCTUnwrap(f["runs"] as? [[String: Any]]))
    }

    /// Median test MAE over 16 seeds within 5 % of scikit-learn's median; median epochs within
    /// a factor 1.5.
    func testMedianTestMAEMatchesScikitLearn() throws {
        let p = try problem()
        let xTest = try FeatureMatrix(p.xTest)
        for run in p.runs {
            let n = try XCTUnwrap((run["n_train"] as? NSNumber)?.intValue)
            let reference = try doubles(run["mae"])
            let referenceIterations = try doubles(run["n_iter"])
            let x = try FeatureMatrix(Array(p.x[0..<n]))
            let y = Array(p.y[0..<n])
            var maes = [Double](), iterations = [Double]()
            for seed in 0..<reference.count {
                var model = MLPRegressor(seed: SeedPath("tests", "mlp", "n\(n)", "seed\(seed)"))
                try model.fit(x, y)
                maes.append(try meanAbsoluteError(p.yTest, model.predict(xTest)))
                iterations.append(Double(model.iterations))
            }
            let ours = median(maes), theirs = median(reference)
            print("n=\(n): median test MAE ours \(ours), scikit-learn \(theirs); median epochs ours \(median(iterations)), scikit-learn \(median(referenceIterations))")
            XCTAssertLessThanOrEqual(abs(ours - theirs) / theirs, 0.05, "n=\(n): median MAE \(ours) vs scikit-learn \(theirs)")
            let ratio = median(iterations) / median(referenceIterations)
            XCTAssertTrue((1 / 1.5...1.5).contains(ratio), "n=\(n): median epochs \(median(iterations)) vs \(median(referenceIterations))")
        }
    }

    func testSameSeedSameBitsDifferentSeedDifferentFit() throws {
        let p = try problem()
        let x = try FeatureMatrix(Array(p.x[0..<120])), y = Array(p.y[0..<120])
        let config = MLPConfiguration(maxIterations: 40)
        var a = MLPRegressor(configuration: config, seed: SeedPath("tests", "determinism"))
        var b = MLPRegressor(configuration: config, seed: SeedPath("tests", "determinism"))
        var c = MLPRegressor(configuration: config, seed: SeedPath("tests", "determinism", "other"))
        try a.fit(x, y); try b.fit(x, y); try c.fit(x, y)
        XCTAssertEqual(a.weights, b.weights); XCTAssertEqual(a.biases, b.biases)
        XCTAssertEqual(a.lossCurve, b.lossCurve)
        XCTAssertEqual(try a.predict(p.xTest), try b.predict(p.xTest))
        XCTAssertNotEqual(a.weights, c.weights)
        // Refitting the same model starts again from the seed.
        try a.fit(x, y)
        XCTAssertEqual(a.weights, b.weights)
    }

    /// Fits running side by side on threads (as the runner runs trials) give the same bits as
    /// the same fits run one after another: no shared mutable state.
    func testConcurrentFitsEqualSequentialFits() throws {
        let p = try problem()
        let x = try FeatureMatrix(Array(p.x[0..<100])), y = Array(p.y[0..<100])
        let config = MLPConfiguration(maxIterations: 15)
        func fit(_ k: Int) -> [[Float]] {
            var m = MLPRegressor(configuration: config, seed: SeedPath("tests", "concurrent", "\(k)"))
            try? m.fit(x, y)
            return m.weights
        }
        let sequential = (0..<4).map(fit)
        final class Box: @unchecked Sendable { var w = [[[Float]]](repeating: [], count: 4) }
        let box = Box()
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 4) { k in
            let w = fit(k)
            lock.lock(); box.w[k] = w; lock.unlock()
        }
        XCTAssertEqual(box.w, sequential)
        XCTAssertFalse(sequential[0].isEmpty)
    }

    /// The epoch loss falls, and the stopping rule gives n_iter_ = maxIterations when it cannot fire.
    func testLossDecreasesAndMaxIterationsCapsEpochs() throws {
        let p = try problem()
        var model = MLPRegressor(configuration: MLPConfiguration(maxIterations: 30), seed: SeedPath("tests", "cap"))
        try model.fit(Array(p.x[0..<250]), Array(p.y[0..<250]))
        XCTAssertEqual(model.iterations, 30); XCTAssertFalse(model.converged)
        XCTAssertEqual(model.lossCurve.count, 30)
        XCTAssertLessThan(model.lossCurve.last!, 0.5 * model.lossCurve.first!)
    }

    /// The stopping rule: stop once more than `iterationsWithoutChange` epochs fail to beat the
    /// best loss by `tolerance`. With a huge tolerance only epoch 1 improves (on best = ∞), so
    /// exactly iterationsWithoutChange + 2 epochs run: scikit-learn 1.9.1 gives n_iter_ = 6 for
    /// `MLPRegressor(tol=1e9, n_iter_no_change=4)` (checked by hand).
    func testToleranceRuleCountsStaleEpochsLikeScikitLearn() throws {
        let p = try problem()
        var model = MLPRegressor(configuration: MLPConfiguration(tolerance: 1e9, iterationsWithoutChange: 4),
                                 seed: SeedPath("tests", "tol"))
        try model.fit(Array(p.x[0..<50]), Array(p.y[0..<50]))
        XCTAssertEqual(model.iterations, 6); XCTAssertTrue(model.converged)
    }

    /// Columns that are zero in training only see the L2 gradient; a fit on X with extra zero
    /// columns predicts exactly like the weights it reports.
    func testZeroColumnsAreHandledAndPredictionUsesAllWeights() throws {
        var rng = SeedPath("tests", "zero-columns").stream()
        let x: [[Double]] = (0..<80).map { _ in [rng.uniform(-1, 1), 0, rng.uniform(-1, 1), 0] }
        let y = x.map { $0[0] - 2 * $0[2] }
        var model = MLPRegressor(configuration: MLPConfiguration(hiddenLayerSizes: [8, 5], maxIterations: 20), seed: SeedPath("tests", "z"))
        try model.fit(x, y)
        XCTAssertEqual(model.layerWidths, [4, 8, 5, 1])
        // Forward pass by hand in Double from the reported weights, on a row with non-zero entries
        // in the columns that were zero in training.
        let row: [Double] = [0.3, 0.7, -0.2, -1.1]
        var a = row
        for l in 0..<3 {
            let fo = model.layerWidths[l + 1]
            a = (0..<fo).map { c in
                var s = Double(model.biases[l][c])
                for i in 0..<a.count { s += a[i] * Double(model.weights[l][i * fo + c]) }
                return l < 2 ? max(s, 0) : s
            }
        }
        XCTAssertEqual(try model.predict([row])[0], a[0], accuracy: 1e-5)
    }

    func testBadInputGivesTypedErrors() throws {
        var model = MLPRegressor(seed: SeedPath("tests", "errors"))
        XCTAssertThrowsError(try model.fit([[1, .nan]], [1])) { XCTAssertEqual($0 as? RegressorError, .nonFiniteFeature(row: 0, column: 1)) }
        XCTAssertThrowsError(try model.fit([[1, 2]], [1, 2])) { XCTAssertEqual($0 as? RegressorError, .shapeMismatch(rows: 1, targets: 2)) }
        XCTAssertThrowsError(try model.predict([[1, 2]])) { XCTAssertEqual($0 as? RegressorError, .notFitted) }
        XCTAssertThrowsError(try model.fit([[], []], [1, 2]))
        var bad = MLPRegressor(configuration: MLPConfiguration(hiddenLayerSizes: [0]), seed: SeedPath("x"))
        XCTAssertThrowsError(try bad.fit([[1]], [1]))
        var diverging = MLPRegressor(configuration: MLPConfiguration(learningRate: 1e30, maxIterations: 50), seed: SeedPath("tests", "nan"))
        XCTAssertThrowsError(try diverging.fit([[1e30], [2e30], [-1e30]], [1e30, -1e30, 3e30])) {
            guard case .diverged = $0 as? RegressorError else { return XCTFail("expected divergence, got \($0)") }
        }
    }
}
