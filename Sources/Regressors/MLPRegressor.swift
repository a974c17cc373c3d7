import CBLAS
import Randomness

/// A multi-layer perceptron regressor with scikit-learn `MLPRegressor` semantics (solver
/// "adam", ReLU hidden layers, identity output, squared loss), trained in Float with sgemm.
///
/// Model: A₀ = X, A_{l+1} = relu(A_l W_l + b_l) for hidden layers, ŷ = A_{L−1} W_{L−1} + b_{L−1}.
///
/// Initialisation (Glorot uniform, as `_init_coef`): for each layer in order, W_l then b_l are
/// drawn from U(−β, β) with β = √(6 / (fan_in + fan_out)), row-major, from the seed's stream.
///
/// Training (as `_fit_stochastic` / `_backprop`): each epoch the sample order is reshuffled
/// (Fisher–Yates on the stream) and cut into batches of B = min(200, n) (the last one smaller).
/// Per batch the loss is ½·mean((ŷ − y)²) + α/(2B)·Σ_l ‖W_l‖²; gradients are
/// ∂W_l = (A_lᵀ δ_l + α W_l)/B and ∂b_l = Σ_rows δ_l / B with δ_out = ŷ − y and
/// δ_{l−1} = (δ_l W_lᵀ) ⊙ [A_l > 0]. Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
/// θ ← θ − η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε). The epoch loss is Σ_batches loss·|batch| / n;
/// after each epoch, if loss > best − tol a counter increments, else it resets; best = min;
/// training stops when the counter exceeds `iterationsWithoutChange` (i.e. 11 stale epochs
/// with the defaults) or after `maxIterations` epochs. No early-stopping split, no weight
/// restore: the final weights are used, as scikit-learn does with `early_stopping=False`.
///
/// Differences from scikit-learn, none of which changes the mathematics: arithmetic is Float
/// (scikit-learn: float64 for float64 input) with the loss accumulated in Double; random draws
/// come from ``RandomStream`` rather than NumPy's MT19937, so a seed gives a different (but
/// equally distributed) initialisation and order; input columns that are zero in every training
/// row are left out of the matrix products (their weights see only the L2 gradient αW/B,
/// exactly as in the full product), which makes sparse inputs such as the orbital field matrix
/// cheap. A non-finite epoch loss throws ``RegressorError/diverged(epoch:)``.
///
/// Determinism: a fit depends only on the seed, the data and the configuration; with a fixed
/// OpenBLAS thread count (the runner uses one per trial) the same seed gives the same bits.
public struct MLPRegressor: Sendable {
    /// The hyper-parameters.
    public let configuration: MLPConfiguration
    /// The stream every fit starts from (a fit never advances it, so refitting is repeatable).
    private let initialStream: RandomStream
    /// Epochs run by the last fit (scikit-learn `n_iter_`).
    public private(set) var iterations = 0
    /// Epoch training losses of the last fit (scikit-learn `loss_curve_`).
    public private(set) var lossCurve: [Double] = []
    /// Whether the last fit stopped on the tolerance rule rather than at `maxIterations`.
    public private(set) var converged = false
    /// Layer widths [d, hidden…, 1] of the fitted model (empty before `fit`).
    public private(set) var layerWidths: [Int] = []
    /// Weight matrices W_l, row-major fan_in × fan_out, original feature order.
    public private(set) var weights: [[Float]] = []
    /// Bias vectors b_l.
    public private(set) var biases: [[Float]] = []

    /// A regressor whose initialisation and shuffling come from `seed`'s stream.
    public init(configuration: MLPConfiguration = .authors, seed: SeedPath) {
        self.init(configuration: configuration, stream: seed.stream())
    }

    /// A regressor whose initialisation and shuffling come from `stream` (copied).
    public init(configuration: MLPConfiguration = .authors, stream: RandomStream) {
        self.configuration = configuration
        self.initialStream = stream
    }

    /// Whether `fit` has succeeded.
    public var isFitted: Bool { !weights.isEmpty }

    /// Fits to nested rows.
    public mutating func fit(_ x: [[Double]], _ y: [Double]) throws { try fit(FeatureMatrix(x), y) }

    /// Fits from scratch (re-initialising from the seed) to (X, y).
    public mutating func fit(_ x: FeatureMatrix, _ y: [Double]) throws {
        try configuration.validate()
        try validateTargets(y, rows: x.rows)
        guard x.rows >= 1 else { throw RegressorError.tooFewRows(needed: 1, found: x.rows) }
        guard x.columns >= 1 else { throw RegressorError.invalidConfiguration("the feature matrix has no columns") }
        var trainer = MLPTrainer(configuration: configuration, x: x, y: y, stream: initialStream)
        defer { trainer.deallocate() }
        try FloatEnvironment.withSubnormalsFlushed(configuration.flushSubnormals) { try trainer.train() }
        iterations = trainer.iterations
        lossCurve = trainer.lossCurve
        converged = trainer.converged
        layerWidths = trainer.widths
        (weights, biases) = trainer.parametersInOriginalOrder()
    }

    /// ŷ for every row of `x`, by the forward pass in Float (chunks of 512 rows through sgemm).
    public func predict(_ x: FeatureMatrix) throws -> [Double] {
        guard isFitted else { throw RegressorError.notFitted }
        guard x.columns == layerWidths[0] else {
            throw RegressorError.featureCountMismatch(expected: layerWidths[0], found: x.columns)
        }
        let chunk = 512
        let maxWidth = layerWidths.max() ?? 1
        var out = [Double](); out.reserveCapacity(x.rows)
        var a = [Float](repeating: 0, count: chunk * maxWidth)
        var z = [Float](repeating: 0, count: chunk * maxWidth)
        var start = 0
        while start < x.rows {
            let rows = min(chunk, x.rows - start)
            let d = layerWidths[0]
            for i in 0..<(rows * d) { a[i] = Float(x.values[start * d + i]) }
            for l in 0..<(layerWidths.count - 1) {
                let fi = layerWidths[l], fo = layerWidths[l + 1]
                let hidden = l < layerWidths.count - 2
                weights[l].withUnsafeBufferPointer { w in
                    a.withUnsafeBufferPointer { ap in
                        z.withUnsafeMutableBufferPointer { zp in
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(fo), Int32(fi),
                                        1, ap.baseAddress, Int32(fi), w.baseAddress, Int32(fo), 0, zp.baseAddress, Int32(fo))
                        }
                    }
                }
                let b = biases[l]
                for r in 0..<rows {
                    for c in 0..<fo {
                        let v = z[r * fo + c] + b[c]
                        a[r * fo + c] = hidden ? max(v, 0) : v
                    }
                }
            }
            for r in 0..<rows { out.append(Double(a[r])) }
            start += rows
        }
        return out
    }

    /// Predicts nested rows.
    public func predict(_ x: [[Double]]) throws -> [Double] { try predict(FeatureMatrix(x)) }
}
