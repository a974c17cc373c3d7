import XCTest
import Randomness
@testable import Regressors

/// The analytic gradient of the MLP batch loss against central finite differences, along random
/// directions u: (L(θ + hu) − L(θ − hu)) / 2h ≈ ∇L·u to 1 %.
final class MLPGradientTests: XCTestCase {
    func testGradientMatchesFiniteDifferences() throws {
        var rng = SeedPath("tests", "gradient").stream()
        // Two hidden layers, a zero input column, large alpha so the L2 term matters.
        let x: [[Double]] = (0..<30).map { _ in [rng.uniform(-1, 1), 0, rng.uniform(-2, 2), rng.uniform(0, 1), rng.uniform(-1, 1)] }
        let y = x.map { $0[0] * $0[2] + $0[3] }
        let config = MLPConfiguration(hiddenLayerSizes: [7, 5], alpha: 0.3)
        var trainer = MLPTrainer(configuration: config, x: try FeatureMatrix(x), y: y, stream: SeedPath("tests", "init").stream())
        defer { trainer.deallocate() }
        XCTAssertEqual(trainer.active, 4)
        let rows = 30
        _ = trainer.batchLoss(rows: rows)
        let gradient = Array(UnsafeBufferPointer(start: trainer.g, count: trainer.parameterCount))
        let theta = Array(UnsafeBufferPointer(start: trainer.p, count: trainer.parameterCount))
        let h: Float = 1e-2
        for direction in 0..<4 {
            let u = (0..<trainer.parameterCount).map { _ in Float(rng.uniform(-1, 1)) }
            for i in 0..<trainer.parameterCount { trainer.p[i] = theta[i] + h * u[i] }
            let plus = trainer.batchLoss(rows: rows)
            for i in 0..<trainer.parameterCount { trainer.p[i] = theta[i] - h * u[i] }
            let minus = trainer.batchLoss(rows: rows)
            for i in 0..<trainer.parameterCount { trainer.p[i] = theta[i] }
            let numeric = (plus - minus) / (2 * Double(h))
            var analytic = 0.0
            for i in 0..<trainer.parameterCount { analytic += Double(gradient[i]) * Double(u[i]) }
            XCTAssertEqual(numeric, analytic, accuracy: 0.01 * max(abs(analytic), 1e-3), "direction \(direction)")
        }
    }
}
